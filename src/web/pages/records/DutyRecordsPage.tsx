import { DownloadOutlined, LockOutlined, ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client';
import { orgUnitOptions, useOrgUnits } from '../../api/orgUnits';
import {
  closeYear,
  DUTY_RECORD_KEY,
  DUTY_RECORDS_KEY,
  dutyRecordsExportUrl,
  recomputeYear,
} from '../../api/records';
import { ABILITIES, type DutyRecordList, type DutyRecordRow, type RecomputeResult } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { PageHeader } from '../../components/PageHeader';
import { SearchInput } from '../../components/SearchInput';
import { YearSelect } from '../../components/YearSelect';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { currentYear, useYearParam } from '../../hooks/useYearParam';
import { ClosedTag } from './DutyRecordView';
import { dutyRecordPath } from './recordParts';

const FILTERS = ['q', 'orgUnitId'] as const;
type RecordFilter = (typeof FILTERS)[number];

/**
 * 履职档案 (/duty-records): the members in scope by points for a year, with the time of counting,
 * the Excel export, and for the office 重新统计 and 年度归档.
 */
export default function DutyRecordsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { data: session } = useSession();
  const [year, setYear] = useYearParam();
  const orgUnits = useOrgUnits();
  const paged = usePagedQuery<DutyRecordRow, RecordFilter>({
    key: DUTY_RECORDS_KEY,
    path: '/duty-records',
    filters: FILTERS,
    fixed: { year },
  });
  const { filters, setFilters, resetFilters } = paged;
  const list = paged.query.data as DutyRecordList | undefined;
  const admin = hasAbility(session, ABILITIES.recordAdmin);

  const columns: ColumnsType<DutyRecordRow> = [
    { title: t('dutyRecords.rank'), dataIndex: 'rank', key: 'rank', width: 70 },
    {
      title: t('dutyRecords.name'),
      key: 'name',
      render: (_, row) => <Link to={dutyRecordPath(row.memberId, year)}>{row.name}</Link>,
    },
    { title: t('dutyRecords.orgUnit'), dataIndex: 'orgUnitName', key: 'orgUnit' },
    { title: t('dutyRecords.sector'), key: 'sector', render: (_, row) => row.sector ?? '-' },
    { title: t('dutyRecords.points'), dataIndex: 'points', key: 'points', align: 'right' },
    { title: t('dutyRecords.entries'), dataIndex: 'entries', key: 'entries', align: 'right' },
  ];

  return (
    <>
      <PageHeader
        title={t('dutyRecords.title')}
        tags={<ClosedTag closed={Boolean(list?.closed)} />}
        extra={
          <>
            <Button onClick={() => void navigate('/duty-flags')}>{t('nav.dutyFlags')}</Button>
            <Button onClick={() => void navigate(`/point-rules?year=${year}`)}>{t('nav.pointRules')}</Button>
          </>
        }
      />
      {admin ? <AdminTools year={year} closed={Boolean(list?.closed)} /> : null}
      <DataTable<DutyRecordRow, RecordFilter>
        paged={paged}
        rowKey="memberId"
        columns={columns}
        onRow={(row) => ({
          onClick: (event) => {
            if ((event.target as HTMLElement).closest('a')) return;
            void navigate(dutyRecordPath(row.memberId, year));
          },
          style: { cursor: 'pointer' },
        })}
        filters={
          <>
            <YearSelect value={year} onChange={setYear} from={2021} />
            <SearchInput
              value={filters.q}
              placeholder={t('dutyRecords.searchPlaceholder')}
              onSearch={(q) => setFilters({ q })}
            />
            <FilterSelect
              value={filters.orgUnitId}
              options={orgUnitOptions(t, orgUnits.data ?? [], ['municipal', 'district'])}
              loading={orgUnits.isPending}
              placeholder={t('dutyRecords.orgUnitPlaceholder')}
              width={180}
              searchable
              onChange={(orgUnitId) => setFilters({ orgUnitId })}
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
            <Typography.Text type="secondary">
              {t('dutyRecords.computedAt', {
                time: list?.computedAt ? formatDateTime(list.computedAt, false) : '-',
              })}
            </Typography.Text>
          </>
        }
        actions={
          <Button
            icon={<DownloadOutlined aria-hidden />}
            href={dutyRecordsExportUrl({ year, q: filters.q, orgUnitId: filters.orgUnitId })}
          >
            {t('dutyRecords.export')}
          </Button>
        }
      />
    </>
  );
}

/** 重新统计 and 年度归档 of the year shown, for the office. */
function AdminTools({ year, closed }: { year: number; closed: boolean }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [result, setResult] = useState<RecomputeResult | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [DUTY_RECORDS_KEY] }),
      queryClient.invalidateQueries({ queryKey: [DUTY_RECORD_KEY] }),
    ]);

  const recompute = useMutation({
    mutationFn: () => recomputeYear(year),
    onMutate: () => setResult(null),
    onSuccess: async (done) => {
      setResult(done);
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const close = useMutation({
    mutationFn: () => closeYear(year),
    onSuccess: async () => {
      void message.success(t('dutyRecords.closedDone', { year }));
      await refresh();
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const confirmClose = () =>
    modal.confirm({
      title: t('dutyRecords.closeConfirm', { year }),
      icon: <WarningOutlined aria-hidden />,
      content: t('dutyRecords.closeHint'),
      okText: t('dutyRecords.close'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => close.mutateAsync().catch(() => undefined),
    });

  return (
    <>
      <Alert
        type="info"
        style={{ marginBottom: 16 }}
        title={closed ? t('dutyRecords.closedHint', { year }) : t('dutyRecords.adminHint')}
        action={
          closed ? null : (
            <>
              <Button
                size="small"
                icon={<ReloadOutlined aria-hidden />}
                loading={recompute.isPending}
                onClick={() => recompute.mutate()}
                style={{ marginInlineEnd: 8 }}
              >
                {recompute.isPending ? t('dutyRecords.recomputing') : t('dutyRecords.recompute')}
              </Button>
              <Button
                size="small"
                danger
                icon={<LockOutlined aria-hidden />}
                disabled={year >= currentYear()}
                title={year >= currentYear() ? t('dutyRecords.closeNotYet') : undefined}
                loading={close.isPending}
                onClick={confirmClose}
              >
                {t('dutyRecords.close')}
              </Button>
            </>
          )
        }
      />
      {result ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setResult(null) }}
          style={{ marginBottom: 16 }}
          title={t('dutyRecords.recomputed', { ...result })}
        />
      ) : null}
    </>
  );
}
