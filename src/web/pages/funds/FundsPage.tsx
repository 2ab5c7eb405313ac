import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Form, Radio, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatFen } from '../../../domain/money';
import {
  FUNDS_KEY,
  FUNDS_PENDING_KEY,
  fundReportExportUrl,
  saveFundSettings,
  useFundReport,
  useFundSettings,
} from '../../api/funds';
import { ABILITIES, FUND_GROUPS, type FundEntry, type FundGroup, type FundReport } from '../../api/types';
import { hasAbility, useSession } from '../../auth/session';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FormErrors } from '../../components/FormErrors';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { applyServerErrors } from '../../components/serverErrors';
import { YearSelect } from '../../components/YearSelect';
import { usePagedQuery } from '../../hooks/usePagedQuery';
import { useSetParams } from '../../hooks/useSetParams';
import { useYearParam } from '../../hooks/useYearParam';
import { type FundAction, FundActionModal, FundEntryActions } from './FundModals';
import { expenseCategoryLabel, YuanField } from './fundParts';

/** 经费 (/funds): expenditures waiting for the caller's approval, the yearly report, the approval amount. */
export default function FundsPage() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  return (
    <>
      <PageHeader title={t('funds.title')} />
      <Flex vertical gap={16}>
        {hasAbility(session, ABILITIES.fundsApprove) ? <PendingCard /> : null}
        <ReportCard />
        {hasAbility(session, ABILITIES.fundsSettings) ? <SettingsCard /> : null}
      </Flex>
    </>
  );
}

const homeFundsPath = (homeId: string) => `/homes/${encodeURIComponent(homeId)}?tab=funds`;
const amountCell = (fen: number) => (
  <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatFen(fen)}</span>
);

function PendingCard() {
  const { t } = useTranslation();
  const paged = usePagedQuery<FundEntry, never>({
    key: FUNDS_PENDING_KEY,
    path: '/funds/pending',
    filters: [],
  });
  const [action, setAction] = useState<FundAction | null>(null);
  const columns: ColumnsType<FundEntry> = [
    {
      title: t('funds.home'),
      key: 'home',
      render: (_, entry) => (
        <>
          <Link to={homeFundsPath(entry.homeId)}>{entry.homeName}</Link>
          {entry.escalated ? (
            <Tooltip title={t('funds.escalatedHint')}>
              <Tag color="orange" style={{ marginInlineStart: 8 }}>
                {t('funds.escalated')}
              </Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    { title: t('funds.occurredOn'), dataIndex: 'occurredOn', key: 'occurredOn' },
    {
      title: t('funds.category'),
      key: 'category',
      render: (_, entry) => expenseCategoryLabel(t, entry.category),
    },
    { title: t('funds.description'), dataIndex: 'description', key: 'description' },
    {
      title: t('funds.amount'),
      key: 'amount',
      align: 'right',
      render: (_, entry) => amountCell(entry.amountFen),
    },
    { title: t('funds.createdBy'), key: 'createdBy', render: (_, entry) => entry.createdByName ?? '-' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, entry) => <FundEntryActions entry={entry} onAction={setAction} />,
    },
  ];
  return (
    <Card size="small" title={t('funds.pendingTitle')}>
      <DataTable<FundEntry, never>
        paged={paged}
        rowKey="id"
        columns={columns}
        actions={<ExportButton path="/funds/pending/export.xlsx" filters={paged.filters} />}
      />
      <FundActionModal action={action} onClose={() => setAction(null)} />
    </Card>
  );
}

type ReportRow = FundReport['rows'][number];
const REPORT_FIGURES = [
  { key: 'allocated', field: 'allocatedFen' },
  { key: 'spent', field: 'spentFen' },
  { key: 'pending', field: 'pendingFen' },
  { key: 'balance', field: 'balanceFen' },
] as const;
const isGroup = (value: string | null): value is FundGroup => FUND_GROUPS.includes(value as FundGroup);

function ReportCard() {
  const { t } = useTranslation();
  const [year, setYear] = useYearParam();
  const setParams = useSetParams();
  const [searchParams] = useSearchParams();
  const raw = searchParams.get('groupBy');
  const groupBy: FundGroup = isGroup(raw) ? raw : 'home';
  const report = useFundReport(year, groupBy);

  const columns: ColumnsType<ReportRow> = [
    {
      title: t(`funds.groups.${groupBy}`),
      key: 'label',
      render: (_, row) =>
        groupBy === 'home' ? (
          <Link to={homeFundsPath(row.key)}>{row.label}</Link>
        ) : groupBy === 'category' ? (
          expenseCategoryLabel(t, row.key)
        ) : (
          row.label
        ),
    },
    ...REPORT_FIGURES.map((figure) => ({
      title: t(`funds.figures.${figure.key}`),
      key: figure.key,
      align: 'right' as const,
      render: (_: unknown, row: ReportRow) => amountCell(row[figure.field]),
    })),
  ];
  const total = report.data?.total;

  return (
    <Card
      size="small"
      title={t('funds.reportTitle')}
      extra={
        <Button
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          href={fundReportExportUrl(year, groupBy)}
          download
        >
          {t('funds.export')}
        </Button>
      }
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <YearSelect value={year} onChange={setYear} />
        <Radio.Group
          optionType="button"
          value={groupBy}
          aria-label={t('funds.groupBy')}
          options={FUND_GROUPS.map((group) => ({ value: group, label: t(`funds.groups.${group}`) }))}
          onChange={(event) =>
            setParams({ groupBy: event.target.value === 'home' ? undefined : event.target.value })
          }
        />
      </Flex>
      {report.isError ? <LoadError error={report.error} onRetry={() => void report.refetch()} /> : null}
      <Table<ReportRow>
        rowKey="key"
        size="small"
        loading={report.isFetching}
        columns={columns}
        dataSource={report.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        summary={() =>
          total ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('funds.total')}</Typography.Text>
              </Table.Summary.Cell>
              {REPORT_FIGURES.map((figure, i) => (
                <Table.Summary.Cell key={figure.key} index={i + 1} align="right">
                  <Typography.Text strong>{amountCell(total[figure.field])}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}

/** 审批额度: expenditures above it wait for the owning unit's approval (the office sets it). */
function SettingsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useFundSettings();
  const [form] = Form.useForm<{ approvalThreshold: string }>();
  const [errors, setErrors] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: (values: { approvalThreshold: string }) => saveFundSettings(values.approvalThreshold.trim()),
    onSuccess: (saved) => {
      queryClient.setQueryData([FUNDS_KEY, 'settings'], saved);
      void message.success(t('funds.settingsSaved'));
    },
    onError: (error) => setErrors(applyServerErrors(form, error, ['approvalThreshold'])),
  });
  return (
    <Card size="small" title={t('funds.settingsTitle')}>
      {settings.isError ? <LoadError error={settings.error} onRetry={() => void settings.refetch()} /> : null}
      <FormErrors title={t('funds.actionFailed')} errors={errors} />
      {settings.data ? (
        <Form
          form={form}
          name="fund-settings"
          layout="vertical"
          initialValues={{ approvalThreshold: settings.data.approvalThreshold.replace(/,/g, '') }}
          disabled={save.isPending}
          onFinish={(values) => {
            setErrors([]);
            save.mutate(values);
          }}
        >
          <YuanField name="approvalThreshold" label={t('funds.threshold')} extra={t('funds.thresholdHint')} />
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
