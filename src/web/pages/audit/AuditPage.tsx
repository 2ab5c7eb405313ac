import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_GROUPS, AUDIT_OBJECT_TYPE_LABELS } from '../../../domain/audit';
import { verifyAudit } from '../../api/audit';
import { errorMessage } from '../../api/client';
import type { AuditChange, AuditEntry, AuditVerification } from '../../api/types';
import { beijingClock, fromBeijingClock } from '../../components/beijingTime';
import { DataTable } from '../../components/DataTable';
import { ExportButton } from '../../components/ExportButton';
import { FilterSelect, ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { RoleTags } from '../../components/RoleTags';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';

const FILTERS = ['q', 'action', 'objectType', 'from', 'to'] as const;
type AuditFilter = (typeof FILTERS)[number];

/** The actions by area, as the filter lists them. */
const ACTION_OPTIONS = AUDIT_ACTION_GROUPS.map(({ area, actions }) => ({
  label: area,
  title: area,
  options: Object.entries(actions).map(([value, label]) => ({ value, label })),
}));
const OBJECT_TYPE_OPTIONS = Object.entries(AUDIT_OBJECT_TYPE_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** A filter's instant as the range picker shows it: its Beijing day. */
function parseInstant(value: string | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = beijingClock(value);
  return parsed.isValid() ? parsed : null;
}

/** 审计日志 (/audit): who did what, when, from where, and what it changed, in words. */
export default function AuditPage() {
  const { t } = useTranslation();
  const paged = usePagedQuery<AuditEntry, AuditFilter>({ key: 'audit', path: '/audit', filters: FILTERS });
  const { filters, setFilters, resetFilters } = paged;

  const from = parseInstant(filters.from);
  const to = parseInstant(filters.to);

  const columns: ColumnsType<AuditEntry> = [
    {
      title: t('audit.at'),
      key: 'at',
      render: (_, entry) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</span>,
    },
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_, entry) =>
        entry.actorId ? (
          entry.actorLabel
        ) : (
          <Typography.Text type="secondary">{entry.actorLabel}</Typography.Text>
        ),
    },
    {
      title: t('audit.roles'),
      key: 'roles',
      render: (_, entry) => <RoleTags roles={entry.roles} />,
    },
    { title: t('audit.ip'), key: 'ip', render: (_, entry) => entry.ip ?? '-' },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_, entry) => (
        <Tooltip title={entry.action}>
          <span>{entry.actionLabel}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_, entry) => {
        if (!entry.objectTypeLabel) return '-';
        const copyable = entry.objectId
          ? { text: entry.objectId, tooltips: [t('audit.copyObjectId'), t('audit.objectIdCopied')] }
          : false;
        return entry.objectName ? (
          <span>
            <Typography.Text type="secondary">{entry.objectTypeLabel} · </Typography.Text>
            <Typography.Text copyable={copyable}>{entry.objectName}</Typography.Text>
          </span>
        ) : (
          <Typography.Text copyable={copyable}>{entry.objectTypeLabel}</Typography.Text>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <ChainCheck />
      <DataTable<AuditEntry, AuditFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        expandable={{
          expandedRowRender: (entry) => <Changes entry={entry} />,
          rowExpandable: (entry) => entry.changes.length > 0,
          // a pinned toggle keeps what is opened within the screen while the list scrolls sideways
          fixed: 'left',
        }}
        filters={
          <>
            <FilterSelect
              value={filters.action}
              options={ACTION_OPTIONS}
              placeholder={t('audit.actionPlaceholder')}
              width={220}
              searchable
              onChange={(action) => setFilters({ action })}
            />
            <FilterSelect
              value={filters.objectType}
              options={OBJECT_TYPE_OPTIONS}
              placeholder={t('audit.objectTypePlaceholder')}
              width={160}
              searchable
              onChange={(objectType) => setFilters({ objectType })}
            />
            <SearchInput
              value={filters.q}
              placeholder={t('audit.actorPlaceholder')}
              onSearch={(q) => setFilters({ q })}
              width={230}
            />
            <DatePicker.RangePicker
              value={[from, to]}
              allowEmpty={[true, true]}
              placeholder={[t('audit.rangeStart'), t('audit.rangeEnd')]}
              onChange={(range) =>
                // whole Beijing days: from the first one's midnight to the end of the last
                setFilters({
                  from: range?.[0] ? fromBeijingClock(range[0].startOf('day')) : undefined,
                  to: range?.[1] ? fromBeijingClock(range[1].endOf('day')) : undefined,
                })
              }
            />
            <ResetFilters active={Object.keys(filters).length > 0} onReset={resetFilters} />
          </>
        }
        actions={<ExportButton path="/audit/export.xlsx" filters={filters} />}
      />
    </>
  );
}

/**
 * 校验审计链: the server recomputes the hash chain of every row; the answer stays on the page,
 * green when every row is as it was written, red naming the first row changed or removed.
 */
function ChainCheck() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [result, setResult] = useState<AuditVerification | null>(null);
  const verify = useMutation({
    mutationFn: verifyAudit,
    onSuccess: setResult,
    onError: (error) => message.error(t('audit.verifyFailed', { message: errorMessage(error) })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Button
        icon={<SafetyCertificateOutlined aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        {t('audit.verify')}
      </Button>
      {result ? (
        <Alert
          role="status"
          type={result.ok ? 'success' : 'error'}
          showIcon
          closable={{ onClose: () => setResult(null) }}
          title={
            result.ok
              ? t('audit.verifyOk', { checked: result.checked })
              : t('audit.verifyBroken', { id: result.firstBrokenId ?? '', checked: result.checked })
          }
          description={result.ok ? undefined : t('audit.verifyBrokenHint')}
        />
      ) : null}
    </Space>
  );
}

/**
 * What the entry recorded, as the server puts it in words: a small table of the fields by their
 * Chinese names, each with its value before and after (a creation has only the values it gave).
 */
function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const none = t('audit.noSnapshot');
  const created = entry.changes.every((change) => change.before === null);
  const columns: ColumnsType<AuditChange> = [
    {
      title: t('audit.field'),
      key: 'label',
      width: '28%',
      render: (_, change) => <Typography.Text strong>{change.label}</Typography.Text>,
    },
    ...(created
      ? []
      : [
          {
            title: t('audit.before'),
            key: 'before',
            width: '36%',
            render: (_: unknown, change: AuditChange) => (
              <Typography.Text type="secondary" style={{ wordBreak: 'break-word' }}>
                {change.before ?? none}
              </Typography.Text>
            ),
          },
        ]),
    {
      title: created ? t('audit.value') : t('audit.after'),
      key: 'after',
      render: (_, change) => <span style={{ wordBreak: 'break-word' }}>{change.after ?? none}</span>,
    },
  ];
  return (
    <Table<AuditChange>
      size="small"
      rowKey="field"
      columns={columns}
      dataSource={entry.changes}
      pagination={false}
      tableLayout="fixed"
      aria-label={t('audit.changes')}
      style={{ maxWidth: 960 }}
    />
  );
}
