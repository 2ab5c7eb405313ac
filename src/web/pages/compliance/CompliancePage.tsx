import { BellOutlined, DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Empty, Flex, Segmented, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QUARTERS } from '../../../domain/calendar';
import { HOME_KINDS } from '../../../domain/home-workflow';
import { COMPLIANCE_COLUMNS, type ComplianceColumn, complianceTitle } from '../../../domain/scorecard';
import { errorMessage } from '../../api/client';
import {
  type ComplianceFilters,
  complianceExportUrl,
  compliancePrintUrl,
  remindHome,
  useCompliance,
  useMissing,
} from '../../api/operations';
import { orgUnitOptions, useOrgUnitMap, useOrgUnits } from '../../api/orgUnits';
import { CITY_REGION_CODE, useRegionChildren } from '../../api/regions';
import {
  ABILITIES,
  type ComplianceRow,
  type MissingDocument,
  type MissingHome,
  type ReminderKind,
} from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { quarterLabel } from '../../components/activityLabels';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { homeKindLabel, labelOptions } from '../../components/homeLabels';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { YearSelect } from '../../components/YearSelect';
import { type ParamChanges, useSetParams } from '../../hooks/useSetParams';
import { useYearParam } from '../../hooks/useYearParam';
import { QuarterCell, QuarterLegend } from './QuarterCell';

const TABS = ['quarters', 'missing'] as const;
type Tab = (typeof TABS)[number];
const FILTERS = ['regionCode', 'kind', 'ownerUnitId'] as const;
const WHATS: readonly MissingDocument[] = ['plan', 'summary'];
/**
 * 合规情况 (/compliance): homes × the four quarters of a year, coloured by state, with an Excel
 * export; and the operating homes still missing the year's plan or summary, each with 提醒 for the
 * staff who supervise them. A home director sees their own homes, without filters or reminders.
 */
export default function CompliancePage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const [year, setYear] = useYearParam();
  const tabParam = searchParams.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as Tab) : 'quarters';

  const setParams = useSetParams();

  return (
    <>
      <PageHeader title={t('compliance.title')} />
      <Tabs
        activeKey={tab}
        onChange={(next) => setParams({ tab: next === 'quarters' ? undefined : next })}
        items={[
          {
            key: 'quarters',
            label: t('compliance.table'),
            children: <QuarterTable year={year} setYear={setYear} setParams={setParams} />,
          },
          {
            key: 'missing',
            label: t('compliance.missing'),
            children: <MissingList year={year} setYear={setYear} setParams={setParams} />,
          },
        ]}
      />
    </>
  );
}

interface TabProps {
  year: number;
  setYear: (year: number) => void;
  setParams: (changes: ParamChanges) => void;
}

function QuarterTable({ year, setYear, setParams }: TabProps) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const supervises = hasAbility(session, ABILITIES.complianceRemind);
  const [searchParams] = useSearchParams();
  const orgUnits = useOrgUnits();
  const orgUnitMap = useOrgUnitMap();
  const [districts] = useRegionChildren([CITY_REGION_CODE]);

  const filters: ComplianceFilters = { year };
  for (const name of FILTERS) {
    const value = searchParams.get(name);
    // as the address bar has it: the server answers 400 to a value it does not know
    if (value) filters[name] = value as never;
  }
  const compliance = useCompliance(filters);
  const hasFilters = FILTERS.some((name) => filters[name]);

  const ownerOptions = useMemo(
    () => orgUnitOptions(t, orgUnits.data ?? [], ['office', 'committee', 'sector_group', 'district']),
    [t, orgUnits.data],
  );
  const districtOptions = (districts?.data ?? []).map((region) => ({
    value: region.code,
    label: region.name,
  }));

  const dueOn = new Map((compliance.data?.quarters ?? []).map((quarter) => [quarter.quarter, quarter.dueOn]));
  // the print heads the same columns in the same order (COMPLIANCE_COLUMNS), then the quarters
  const cells: Record<ComplianceColumn, (row: ComplianceRow) => ReactNode> = {
    name: (row) => (
      <Link to={`/homes/${encodeURIComponent(row.homeId)}?tab=scorecard&year=${year}`}>{row.name}</Link>
    ),
    ownerUnit: (row) => orgUnitMap.get(row.ownerUnitId)?.name ?? row.ownerUnitId,
    place: (row) => row.place,
    kind: (row) => homeKindLabel(t, row.kind),
  };
  const columns: ColumnsType<ComplianceRow> = [
    ...COMPLIANCE_COLUMNS.map((column) => ({
      title: t(`complianceColumns.${column}`),
      key: column,
      ...(column === 'name' ? { fixed: 'left' as const } : {}),
      render: (_: unknown, row: ComplianceRow) => cells[column](row),
    })),
    ...QUARTERS.map((quarter) => ({
      title: (
        <Flex vertical>
          <span>{quarterLabel(t, quarter)}</span>
          <QuarterDue date={dueOn.get(quarter)} />
        </Flex>
      ),
      key: `q${quarter}`,
      align: 'center' as const,
      render: (_: unknown, row: ComplianceRow) => {
        const cell = row.quarters.find((entry) => entry.quarter === quarter);
        return cell ? <QuarterCell state={cell.state} activities={cell.activities} /> : '-';
      },
    })),
    ...(supervises
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, row: ComplianceRow) =>
              row.quarters.some((entry) => entry.state === 'at_risk') ? (
                <RemindButton homeId={row.homeId} kind="quarter" label={t('compliance.remindQuarter')} />
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap justify="space-between" align="flex-start">
        <Flex gap={12} wrap align="center">
          <YearSelect value={year} onChange={setYear} />
          {supervises ? (
            <>
              <FilterSelect
                value={filters.regionCode}
                options={districtOptions}
                loading={districts?.isPending}
                placeholder={t('compliance.district')}
                width={150}
                onChange={(regionCode) => setParams({ regionCode })}
              />
              <FilterSelect
                value={filters.kind}
                options={labelOptions(HOME_KINDS, (kind) => homeKindLabel(t, kind))}
                placeholder={t('compliance.kind')}
                width={180}
                onChange={(kind) => setParams({ kind })}
              />
              <FilterSelect
                value={filters.ownerUnitId}
                options={ownerOptions}
                loading={orgUnits.isPending}
                searchable
                placeholder={t('compliance.ownerUnit')}
                width={220}
                onChange={(ownerUnitId) => setParams({ ownerUnitId })}
              />
              <ResetFilters
                active={hasFilters}
                onReset={() => setParams({ regionCode: undefined, kind: undefined, ownerUnitId: undefined })}
              />
            </>
          ) : null}
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<PrinterOutlined aria-hidden />} href={compliancePrintUrl(filters)} target="_blank">
            {t('common.print')}
          </Button>
          <Button icon={<DownloadOutlined aria-hidden />} href={complianceExportUrl(filters)} download>
            {t('compliance.export')}
          </Button>
        </Flex>
      </Flex>
      <Typography.Title level={3} data-testid="compliance-title" style={{ fontSize: 16, margin: 0 }}>
        {complianceTitle(year)}
      </Typography.Title>
      <QuarterLegend />
      {compliance.isError ? (
        <LoadError error={compliance.error} onRetry={() => void compliance.refetch()} />
      ) : (
        <Table<ComplianceRow>
          size="small"
          rowKey="homeId"
          columns={columns}
          dataSource={compliance.data?.rows ?? []}
          loading={compliance.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            defaultPageSize: 50,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100, 200],
            showTotal: (total) => t('common.total', { count: total }),
          }}
          locale={{
            emptyText: compliance.isPending ? (
              <span />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('compliance.noRows')} />
            ),
          }}
        />
      )}
    </Flex>
  );
}

function MissingList({ year, setYear, setParams }: TabProps) {
  const { t } = useTranslation();
  const { data: session } = useSession();
  const supervises = hasAbility(session, ABILITIES.complianceRemind);
  const [searchParams] = useSearchParams();
  const orgUnitMap = useOrgUnitMap();
  const whatParam = searchParams.get('what');
  const what: MissingDocument = whatParam === 'summary' ? 'summary' : 'plan';
  const missing = useMissing(year, what);
  const whatWord = what === 'plan' ? t('compliance.planWord') : t('compliance.summaryWord');

  const columns: ColumnsType<MissingHome> = [
    {
      title: t('compliance.home'),
      key: 'name',
      fixed: 'left',
      render: (_, home) => (
        <Link to={`/homes/${encodeURIComponent(home.homeId)}?tab=${what}&year=${year}`}>{home.name}</Link>
      ),
    },
    { title: t('compliance.region'), key: 'region', render: (_, home) => home.regionName ?? '-' },
    {
      title: t('compliance.ownerUnit'),
      key: 'owner',
      render: (_, home) => orgUnitMap.get(home.ownerUnitId)?.name ?? home.ownerUnitId,
    },
    { title: t('compliance.director'), key: 'director', render: (_, home) => home.directorName ?? '-' },
    ...(supervises
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, home: MissingHome) => (
              <RemindButton key={`${what}-${year}`} homeId={home.homeId} kind={what} />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <YearSelect value={year} onChange={setYear} />
        <Segmented<MissingDocument>
          value={what}
          options={WHATS.map((value) => ({
            value,
            label: value === 'plan' ? t('compliance.whatPlan') : t('compliance.whatSummary'),
          }))}
          onChange={(next) => setParams({ what: next === 'plan' ? undefined : next })}
        />
      </Flex>
      {missing.isError ? (
        <LoadError error={missing.error} onRetry={() => void missing.refetch()} />
      ) : (
        <Table<MissingHome>
          size="small"
          rowKey="homeId"
          columns={columns}
          dataSource={missing.data ?? []}
          loading={missing.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={{
            defaultPageSize: 50,
            hideOnSinglePage: true,
            showTotal: (total) => t('common.total', { count: total }),
          }}
          locale={{
            emptyText: missing.isPending ? (
              <span />
            ) : (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('compliance.noMissing', { what: whatWord })}
              />
            ),
          }}
        />
      )}
    </Flex>
  );
}

/** "截止 03-31" under a quarter's heading. */
function QuarterDue({ date }: { date: string | undefined }) {
  const { t } = useTranslation();
  if (!date) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
      {t('compliance.dueOn', { date: date.slice(5) })}
    </Typography.Text>
  );
}

/** 提醒: notifies the accounts that direct the home, then says how many were reached. */
function RemindButton({ homeId, kind, label }: { homeId: string; kind: ReminderKind; label?: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [notified, setNotified] = useState<number | null>(null);
  const remind = useMutation({
    mutationFn: () => remindHome(homeId, kind),
    onSuccess: (result) => {
      setNotified(result.notified);
      if (result.notified > 0) void message.success(t('compliance.reminded', { count: result.notified }));
      else void message.warning(t('compliance.nobodyToRemind'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  return (
    <Flex gap={8} align="center" wrap={false}>
      <Button
        size="small"
        icon={<BellOutlined aria-hidden />}
        loading={remind.isPending}
        onClick={() => remind.mutate()}
      >
        {label ?? t('compliance.remind')}
      </Button>
      {notified !== null ? (
        <Typography.Text type="success" style={{ whiteSpace: 'nowrap' }}>
          {t('compliance.reminded', { count: notified })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
