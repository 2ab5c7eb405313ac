import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Grid,
  Input,
  Popconfirm,
  Row,
  Space,
  Table,
  TimePicker,
  Tooltip,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  ACTIVITIES_KEY,
  createDutyShift,
  DUTY_SHIFTS_KEY,
  updateDutyShift,
  useDutyShifts,
} from '../../../api/activities';
import { allows } from '../../../api/allowed';
import { errorMessage } from '../../../api/client';
import { HOME_OPS_KEY } from '../../../api/operations';
import type { DutyShift, DutyStatus, HomeDetail } from '../../../api/types';
import { beijingClock, beijingToday, fromBeijingClock } from '../../../components/beijingTime';
import { FormErrors } from '../../../components/FormErrors';
import { LoadError } from '../../../components/LoadError';
import { MemberSelect } from '../../../components/MemberSelect';
import { DutyStatusTag } from '../../../components/StatusTags';
import { applyServerErrors } from '../../../components/serverErrors';
import { activityPath } from '../../activities/activityParts';

interface ShiftFormValues {
  memberId?: string | null;
  date?: Dayjs;
  time?: [Dayjs, Dayjs];
  note?: string;
}

/** 值班 tab: the duty rota of a month; who runs the home schedules members and records the outcome. */
export function DutyTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [month, setMonth] = useState(() => beijingClock().startOf('month'));
  const shifts = useDutyShifts(
    home.id,
    new Date(fromBeijingClock(month)),
    new Date(fromBeijingClock(month.add(1, 'month'))),
  );
  const canEdit = allows(home, 'update');
  const screens = Grid.useBreakpoint();

  const change = useMutation({
    mutationFn: ({ shift, status }: { shift: DutyShift; status: Exclude<DutyStatus, 'scheduled'> }) =>
      updateDutyShift(shift.id, { status }),
    onSuccess: async (_, { status }) => {
      void message.success(t('duty.updated'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [DUTY_SHIFTS_KEY, home.id] }),
        // A served shift becomes a held 委员值班日 activity of the home.
        ...(status === 'served'
          ? [
              queryClient.invalidateQueries({ queryKey: [ACTIVITIES_KEY] }),
              queryClient.invalidateQueries({ queryKey: [HOME_OPS_KEY, home.id] }),
            ]
          : []),
      ]);
    },
    onError: (error) => {
      void message.error(errorMessage(error));
      void queryClient.invalidateQueries({ queryKey: [DUTY_SHIFTS_KEY, home.id] });
    },
  });

  const columns: ColumnsType<DutyShift> = [
    {
      title: t('duty.time'),
      key: 'time',
      render: (_, shift) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {beijingClock(shift.startsAt).format('MM-DD ddd HH:mm')}–
          {beijingClock(shift.endsAt).format('HH:mm')}
        </span>
      ),
    },
    { title: t('duty.member'), key: 'member', render: (_, shift) => shift.memberName },
    { title: t('duty.status'), key: 'status', render: (_, shift) => <DutyStatusTag status={shift.status} /> },
    {
      title: t('duty.activity'),
      key: 'activity',
      render: (_, shift) =>
        shift.activityId ? <Link to={activityPath(shift.activityId)}>{t('common.view')}</Link> : '-',
    },
    { title: t('duty.note'), key: 'note', render: (_, shift) => shift.note ?? '-' },
  ];
  if (canEdit) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      // On a phone a pinned column of three buttons would cover who is on duty and when.
      fixed: screens.md ? 'right' : undefined,
      render: (_, shift) => {
        if (shift.status !== 'scheduled') return null;
        const pending = change.isPending && change.variables?.shift.id === shift.id;
        const notStarted = Date.parse(shift.startsAt) > Date.now();
        return (
          <Space size={0} wrap>
            <Tooltip title={notStarted ? t('duty.servedNotStarted') : undefined}>
              <Button
                type="link"
                size="small"
                disabled={notStarted || pending}
                onClick={() => change.mutate({ shift, status: 'served' })}
              >
                {t('duty.markServed')}
              </Button>
            </Tooltip>
            <Button
              type="link"
              size="small"
              disabled={notStarted || pending}
              onClick={() => change.mutate({ shift, status: 'missed' })}
            >
              {t('duty.markMissed')}
            </Button>
            <Popconfirm
              title={t('duty.cancelConfirm')}
              okText={t('common.confirm')}
              cancelText={t('common.close')}
              onConfirm={() => change.mutateAsync({ shift, status: 'cancelled' }).catch(() => undefined)}
            >
              <Button type="link" size="small" danger disabled={pending}>
                {t('duty.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        );
      },
    });
  }

  return (
    <Flex vertical gap={16}>
      {canEdit ? (
        <ShiftForm home={home} onCreated={(startsAt) => setMonth(startsAt.startOf('month'))} />
      ) : null}
      <Flex gap={8} align="center" wrap>
        <Button
          icon={<LeftOutlined aria-hidden />}
          aria-label={t('activities.prevMonth')}
          title={t('activities.prevMonth')}
          onClick={() => setMonth(month.subtract(1, 'month'))}
        />
        <DatePicker
          picker="month"
          allowClear={false}
          value={month}
          format={t('duty.monthFormat')}
          aria-label={t('duty.month')}
          onChange={(value) => value && setMonth(value.startOf('month'))}
        />
        <Button
          icon={<RightOutlined aria-hidden />}
          aria-label={t('activities.nextMonth')}
          title={t('activities.nextMonth')}
          onClick={() => setMonth(month.add(1, 'month'))}
        />
      </Flex>
      {shifts.isError ? (
        <LoadError error={shifts.error} onRetry={() => void shifts.refetch()} />
      ) : (
        <Table<DutyShift>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={shifts.data ?? []}
          loading={shifts.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('duty.none') }}
        />
      )}
    </Flex>
  );
}

/** 排班: a member, a day and the hours. The server refuses (409) a member already on duty then. */
function ShiftForm({ home, onCreated }: { home: HomeDetail; onCreated: (startsAt: Dayjs) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ShiftFormValues>();
  const [formErrors, setFormErrors] = useState<string[]>([]);

  const at = (date: Dayjs, time: Dayjs) =>
    date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0);

  const create = useMutation({
    mutationFn: (values: ShiftFormValues) => {
      const date = values.date as Dayjs;
      const [start, end] = values.time as [Dayjs, Dayjs];
      return createDutyShift(home.id, {
        memberId: values.memberId as string,
        startsAt: fromBeijingClock(at(date, start)),
        endsAt: fromBeijingClock(at(date, end)),
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      });
    },
    onSuccess: async (shift) => {
      void message.success(t('duty.created', { name: shift.memberName }));
      form.setFieldsValue({ memberId: null, note: undefined });
      onCreated(beijingClock(shift.startsAt));
      await queryClient.invalidateQueries({ queryKey: [DUTY_SHIFTS_KEY, home.id] });
    },
    onError: (error) => setFormErrors(applyServerErrors(form, error, ['memberId', 'note'])),
  });

  return (
    <Card size="small" title={t('duty.schedule')}>
      <FormErrors title={t('duty.failed')} errors={formErrors} />
      <Form<ShiftFormValues>
        form={form}
        name="duty-shift"
        layout="vertical"
        disabled={create.isPending}
        initialValues={{
          date: beijingToday(),
          time: [beijingToday().hour(9), beijingToday().hour(17)],
        }}
        onValuesChange={() => {
          if (formErrors.length > 0) setFormErrors([]);
        }}
        onFinish={(values) => {
          setFormErrors([]);
          create.mutate(values);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item
              label={t('duty.member')}
              name="memberId"
              rules={[{ required: true, message: t('duty.memberRequired') }]}
            >
              <MemberSelect known={home.members} placeholder={t('duty.memberPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={5}>
            <Form.Item
              label={t('duty.date')}
              name="date"
              rules={[{ required: true, message: t('duty.dateRequired') }]}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={5}>
            <Form.Item
              label={t('duty.time')}
              name="time"
              rules={[
                { required: true, message: t('duty.timeRequired') },
                {
                  validator: async (_, value: [Dayjs, Dayjs] | undefined) => {
                    if (value?.[0] && value[1] && !value[1].isAfter(value[0]))
                      throw new Error(t('duty.endAfterStart'));
                  },
                },
              ]}
            >
              <TimePicker.RangePicker format="HH:mm" minuteStep={5} order={false} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('duty.note')} name="note">
              <Input autoComplete="off" maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="flex-end">
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('duty.schedule')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
