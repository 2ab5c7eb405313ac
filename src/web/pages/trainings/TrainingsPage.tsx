import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, InputNumber, Select } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createTraining, TRAINING_KEY, TRAININGS_KEY, trainingPath } from '../../api/trainings';
import { ABILITIES, type Training, type TrainingInput, type TrainingSummary } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { fromBeijingClock } from '../../components/beijingTime';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { textOrNull } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { ActivityStatusTag } from '../../components/StatusTags';
import { YearSelect } from '../../components/YearSelect';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useYearParam } from '../../hooks/useYearParam';
import { formatTimeRange } from '../activities/activityParts';
import { FormModal } from '../records/FormModal';
import { MyTrainingTag } from './trainingParts';

/** 培训 (/trainings): the sessions the caller organises or is enrolled in, by year. */
export default function TrainingsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const [creating, setCreating] = useState(false);
  const paged = usePagedQuery<TrainingSummary, never>({
    key: TRAININGS_KEY,
    path: '/trainings',
    filters: [],
    fixed: { year },
  });

  const columns: ColumnsType<TrainingSummary> = [
    {
      title: t('trainings.name'),
      key: 'title',
      render: (_, training) => <Link to={trainingPath(training.id)}>{training.title}</Link>,
    },
    { title: t('trainings.organiser'), dataIndex: 'organiserUnitName', key: 'organiser' },
    {
      title: t('trainings.time'),
      key: 'time',
      render: (_, training) => (
        <span style={{ whiteSpace: 'nowrap' }}>{formatTimeRange(training.startsAt, training.endsAt)}</span>
      ),
    },
    { title: t('trainings.place'), key: 'place', render: (_, training) => training.place ?? '-' },
    {
      title: t('trainings.status'),
      key: 'status',
      render: (_, training) => <ActivityStatusTag status={training.status} />,
    },
    {
      title: t('trainings.attendance'),
      key: 'attendance',
      align: 'right',
      render: (_, training) =>
        t('trainings.attendedOf', { attended: training.attended, enrolled: training.enrolled }),
    },
    {
      title: t('trainings.mine.title'),
      key: 'mine',
      render: (_, training) => <MyTrainingTag mine={training.mine} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('trainings.title')}
        extra={
          <>
            <Button onClick={() => void navigate('/training-checkin')}>{t('trainings.checkin')}</Button>
            {hasAbility(session, ABILITIES.trainingManage) ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('trainings.create')}
              </Button>
            ) : null}
          </>
        }
      />
      <DataTable<TrainingSummary, never>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={<YearSelect value={year} onChange={setYear} />}
        actions={<ExportButton path="/trainings/export.xlsx" filters={{ year }} />}
      />
      {creating ? <TrainingFormModal onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface TrainingValues {
  title: string;
  time: [Dayjs, Dayjs];
  place?: string;
  description?: string;
  audience: TrainingInput['audience'];
  capacity?: number | null;
}

/** 组织培训: name, time, place and content; the organiser is the office or the caller's district CPPCC. */
function TrainingFormModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const required = (label: string) => [
    { required: true, whitespace: true, message: t('common.required', { label }) },
  ];
  return (
    <FormModal<TrainingValues, Training>
      title={t('trainings.create')}
      okText={t('trainings.createSubmit')}
      errorsTitle={t('trainings.actionFailed')}
      name="training"
      fields={['title', 'time', 'place', 'description', 'audience', 'capacity']}
      initialValues={{ audience: 'invited' }}
      submit={(values) =>
        createTraining({
          title: values.title.trim(),
          startsAt: fromBeijingClock(values.time[0]),
          endsAt: fromBeijingClock(values.time[1]),
          place: textOrNull(values.place),
          description: textOrNull(values.description),
          audience: values.audience,
          capacity: values.audience === 'invited' ? null : (values.capacity ?? null),
        })
      }
      onDone={async (training) => {
        queryClient.setQueryData([TRAINING_KEY, training.id], training);
        await queryClient.invalidateQueries({ queryKey: [TRAININGS_KEY] });
        void navigate(trainingPath(training.id));
      }}
      onClose={onClose}
    >
      <Form.Item label={t('trainings.name')} name="title" rules={required(t('trainings.name'))}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('trainings.time')}
        name="time"
        rules={[{ required: true, message: t('common.required', { label: t('trainings.time') }) }]}
      >
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" minuteStep={5} />
      </Form.Item>
      <Form.Item label={t('trainings.place')} name="place">
        <Input maxLength={200} autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('trainings.description')} name="description">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label={t('trainings.audience')} name="audience" extra={t('trainings.audienceHint')}>
        <Select
          options={(['invited', 'members', 'all'] as const).map((value) => ({
            value,
            label: t(`trainings.audiences.${value}`),
          }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['audience']}>
        {({ getFieldValue }) =>
          getFieldValue('audience') === 'invited' ? null : (
            <Form.Item label={t('trainings.capacity')} name="capacity" extra={t('trainings.capacityHint')}>
              <InputNumber min={1} max={10000} precision={0} style={{ width: 160 }} />
            </Form.Item>
          )
        }
      </Form.Item>
    </FormModal>
  );
}
