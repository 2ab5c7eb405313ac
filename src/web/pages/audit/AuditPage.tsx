import { DatePicker, Flex, Tooltip, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_GROUPS, AUDIT_OBJECT_TYPE_LABELS } from '../../../domain/audit';
import type { AuditEntry } from '../../api/types';
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

function parseInstant(value: string | undefined): Dayjs | null {
  if (!value) return null;
  const parsed = dayjs(value);
  return parsed.isValid() ? parsed : null;
}

/** 审计日志 (/audit): who did what, when, from where, with before/after snapshots. */
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
      <DataTable<AuditEntry, AuditFilter>
        paged={paged}
        rowKey="id"
        columns={columns}
        expandable={{
          expandedRowRender: (entry) => <Snapshots entry={entry} />,
          rowExpandable: (entry) => entry.before !== null || entry.after !== null,
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
                setFilters({
                  from: range?.[0]?.startOf('day').toISOString(),
                  to: range?.[1]?.endOf('day').toISOString(),
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

function Snapshots({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  return (
    <Flex gap={16} wrap>
      <JsonBlock title={t('audit.before')} value={entry.before} />
      <JsonBlock title={t('audit.after')} value={entry.after} />
    </Flex>
  );
}

function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <section style={{ flex: '1 1 320px', minWidth: 0 }}>
      <Typography.Text strong>{title}</Typography.Text>
      {value === null || value === undefined ? (
        <div>
          <Typography.Text type="secondary">{t('audit.noSnapshot')}</Typography.Text>
        </div>
      ) : (
        <pre
          style={{
            margin: '8px 0 0',
            padding: 12,
            maxHeight: 360,
            overflow: 'auto',
            background: token.colorFillTertiary,
            borderRadius: token.borderRadius,
            fontSize: 12,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-all',
          }}
        >
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}
