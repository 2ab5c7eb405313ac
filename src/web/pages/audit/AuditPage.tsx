import { DatePicker, Flex, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { DataTable } from '../../components/DataTable';
import { ResetFilters } from '../../components/FilterBar';
import { formatDateTime } from '../../components/format';
import { RoleTags } from '../../components/RoleTags';
import { SearchInput } from '../../components/SearchInput';
import { usePagedQuery } from '../../hooks/usePagedQuery';

const FILTERS = ['q', 'action', 'objectType', 'from', 'to'] as const;
type AuditFilter = (typeof FILTERS)[number];

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
        entry.actorName ??
        entry.actorId ?? <Typography.Text type="secondary">{t('audit.systemOrAnonymous')}</Typography.Text>,
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
      render: (_, entry) => <Typography.Text code>{entry.action}</Typography.Text>,
    },
    {
      title: t('audit.object'),
      key: 'object',
      render: (_, entry) =>
        entry.objectType ? (
          <span>
            {entry.objectType}
            {entry.objectId ? (
              <Typography.Text
                type="secondary"
                copyable={{ text: entry.objectId }}
                style={{ marginInlineStart: 4 }}
              >
                #{entry.objectId}
              </Typography.Text>
            ) : null}
          </span>
        ) : (
          '-'
        ),
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
            <SearchInput
              value={filters.action}
              placeholder={t('audit.actionPlaceholder')}
              onSearch={(action) => setFilters({ action })}
              width={240}
            />
            <SearchInput
              value={filters.objectType}
              placeholder={t('audit.objectTypePlaceholder')}
              onSearch={(objectType) => setFilters({ objectType })}
              width={200}
            />
            <SearchInput
              value={filters.q}
              placeholder={t('audit.actorPlaceholder')}
              onSearch={(q) => setFilters({ q })}
              width={180}
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
