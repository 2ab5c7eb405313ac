import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Radio, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createRound, ROUND_KEY, ROUNDS_KEY, useRounds } from '../../api/evaluation';
import { flatOrgUnitOptions, useOrgUnits } from '../../api/orgUnits';
import {
  ABILITIES,
  type EvaluationRound,
  type EvaluationRoundSummary,
  HOME_LEVELS,
  type HomeLevel,
} from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { homeLevelLabel } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { YearSelect } from '../../components/YearSelect';
import { useYearParam } from '../../hooks/useYearParam';
import { FormModal } from '../records/FormModal';
import { RoundStatusTag, roundPath } from './evaluationParts';

/** 年度评价 (/evaluation): the rounds of a year the caller takes part in, and 发起评价. */
export default function EvaluationRoundsPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const rounds = useRounds(year);
  const [creating, setCreating] = useState(false);

  const columns: ColumnsType<EvaluationRoundSummary> = [
    {
      title: t('evaluation.roundTitle'),
      key: 'title',
      render: (_, round) => <Link to={roundPath(round.id)}>{round.title}</Link>,
    },
    { title: t('evaluation.level'), key: 'level', render: (_, round) => homeLevelLabel(t, round.level) },
    { title: t('evaluation.owner'), dataIndex: 'ownerUnitName', key: 'owner' },
    {
      title: t('evaluation.status'),
      key: 'status',
      render: (_, round) => <RoundStatusTag status={round.status} />,
    },
    { title: t('evaluation.homes'), dataIndex: 'homes', key: 'homes', align: 'right' },
    {
      title: t('evaluation.selfSummaries'),
      dataIndex: 'selfSummaries',
      key: 'selfSummaries',
      align: 'right',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('evaluation.title')}
        extra={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            {hasAbility(session, ABILITIES.evaluationRun) ? (
              <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
                {t('evaluation.create')}
              </Button>
            ) : null}
          </>
        }
      />
      {rounds.isError ? <LoadError error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      <Table<EvaluationRoundSummary>
        rowKey="id"
        size="middle"
        loading={rounds.isPending}
        columns={columns}
        dataSource={rounds.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      {creating ? <CreateRoundModal year={year} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

interface RoundValues {
  year: number;
  level: HomeLevel;
  ownerUnitId?: string;
  title?: string;
  memberQuota?: number;
}

/** 发起评价: the year and level; a district round names its district (the server checks who may). */
function CreateRoundModal({ year, onClose }: { year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: session } = useSession();
  const orgUnits = useOrgUnits();
  const districtScope = session?.user.roles.find((role) => role.role === 'district_staff')?.scopeId;
  return (
    <FormModal<RoundValues, EvaluationRound>
      title={t('evaluation.create')}
      okText={t('evaluation.createSubmit')}
      errorsTitle={t('evaluation.actionFailed')}
      name="round"
      fields={['year', 'level', 'ownerUnitId', 'title', 'memberQuota']}
      initialValues={{
        year,
        level: districtScope ? 'district' : 'municipal',
        ownerUnitId: districtScope ?? undefined,
        memberQuota: 10,
      }}
      submit={(values) =>
        createRound({
          year: values.year,
          level: values.level,
          ownerUnitId: values.level === 'district' ? values.ownerUnitId : undefined,
          title: values.title?.trim() || undefined,
          memberQuota: values.memberQuota,
        })
      }
      onDone={async (round) => {
        queryClient.setQueryData([ROUND_KEY, round.id], round);
        await queryClient.invalidateQueries({ queryKey: [ROUNDS_KEY] });
        void navigate(roundPath(round.id));
      }}
      onClose={onClose}
    >
      <Form.Item label={t('common.year')} name="year" rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item label={t('evaluation.level')} name="level">
        <Radio.Group
          options={HOME_LEVELS.map((level) => ({ value: level, label: homeLevelLabel(t, level) }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['level']}>
        {({ getFieldValue }) =>
          getFieldValue('level') === 'district' ? (
            <Form.Item
              label={t('evaluation.district')}
              name="ownerUnitId"
              rules={[{ required: true, message: t('common.required', { label: t('evaluation.district') }) }]}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={flatOrgUnitOptions(orgUnits.data ?? [], ['district'])}
                loading={orgUnits.isPending}
              />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item label={t('evaluation.roundTitle')} name="title" extra={t('evaluation.titleHint')}>
        <Input maxLength={100} autoComplete="off" />
      </Form.Item>
      <Form.Item
        label={t('evaluation.memberQuota')}
        name="memberQuota"
        extra={t('evaluation.memberQuotaHint')}
      >
        <InputNumber min={0} max={200} precision={0} style={{ width: 140 }} />
      </Form.Item>
    </FormModal>
  );
}
