import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Radio, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { allows } from '../../api/allowed';
import { DUTY_FLAGS_KEY, DUTY_RECORD_KEY, resolveFlag } from '../../api/records';
import { DUTY_FLAG_STATUSES, type DutyFlag } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { FormModal, RequiredText } from './FormModal';
import { dutyRecordPath, FlagStatusTag } from './recordParts';

const FILTERS = ['status'] as const;
type FlagFilter = (typeof FILTERS)[number];

interface ResolveValues {
  status: 'resolved' | 'rejected';
  response: string;
}

/** 遗漏反映 (/duty-flags): what members say is missing from their records, and the answers. */
export default function DutyFlagsPage() {
  const { t } = useTranslation();
  const [resolving, setResolving] = useState<DutyFlag | null>(null);
  const paged = usePagedQuery<DutyFlag, FlagFilter>({
    key: DUTY_FLAGS_KEY,
    path: '/duty-flags',
    filters: FILTERS,
  });
  const { filters, setFilters, resetFilters } = paged;

  const columns: ColumnsType<DutyFlag> = [
    {
      title: t('dutyFlags.member'),
      key: 'member',
      render: (_, flag) => <Link to={dutyRecordPath(flag.memberId, flag.year)}>{flag.memberName}</Link>,
    },
    { title: t('common.year'), dataIndex: 'year', key: 'year' },
    {
      title: t('dutyFlags.description'),
      key: 'description',
      render: (_, flag) => (
        <Typography.Text
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', display: 'block', maxWidth: 420 }}
        >
          {flag.description}
        </Typography.Text>
      ),
    },
    {
      title: t('dutyFlags.createdAt'),
      key: 'createdAt',
      render: (_, flag) => formatDateTime(flag.createdAt, false),
    },
    {
      title: t('dutyFlags.status'),
      key: 'status',
      render: (_, flag) => <FlagStatusTag status={flag.status} />,
    },
    {
      title: t('dutyFlags.response'),
      key: 'response',
      render: (_, flag) => (
        <Typography.Text
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', display: 'block', maxWidth: 320 }}
        >
          {flag.response ?? '-'}
        </Typography.Text>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, flag) =>
        // only the staff who manage the member answer (not a vice chair, who reads along)
        allows(flag, 'resolve') ? (
          <Button size="small" onClick={() => setResolving(flag)}>
            {t('dutyFlags.resolve')}
          </Button>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader title={t('dutyFlags.title')} back="/duty-records" />
      <DataTable<DutyFlag, FlagFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        filters={
          <>
            <FilterSelect
              value={filters.status}
              options={DUTY_FLAG_STATUSES.map((status) => ({
                value: status,
                label: t(`dutyFlagStatuses.${status}`),
              }))}
              placeholder={t('dutyFlags.statusPlaceholder')}
              width={140}
              onChange={(status) => setFilters({ status })}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
      />
      {resolving ? <ResolveModal flag={resolving} onClose={() => setResolving(null)} /> : null}
    </>
  );
}

function ResolveModal({ flag, onClose }: { flag: DutyFlag; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  return (
    <FormModal<ResolveValues, DutyFlag>
      title={t('dutyFlags.resolveTitle', { name: flag.memberName })}
      okText={t('dutyFlags.resolve')}
      errorsTitle={t('dutyRecord.actionFailed')}
      name="resolve"
      fields={['status', 'response']}
      initialValues={{ status: 'resolved' }}
      submit={(values) => resolveFlag(flag.id, values.status, values.response.trim())}
      onDone={async () => {
        void message.success(t('dutyFlags.resolved'));
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: [DUTY_FLAGS_KEY] }),
          queryClient.invalidateQueries({ queryKey: [DUTY_RECORD_KEY, flag.memberId] }),
        ]);
      }}
      onClose={onClose}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{flag.description}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('dutyFlags.resolveHint')}{' '}
        <Link to={dutyRecordPath(flag.memberId, flag.year)}>{t('dutyFlags.openRecord')}</Link>
      </Typography.Paragraph>
      <Form.Item label={t('dutyFlags.result')} name="status">
        <Radio.Group
          options={(['resolved', 'rejected'] as const).map((status) => ({
            value: status,
            label: t(`dutyFlagStatuses.${status}`),
          }))}
        />
      </Form.Item>
      <RequiredText name="response" label={t('dutyFlags.response')} maxLength={1000} />
    </FormModal>
  );
}
