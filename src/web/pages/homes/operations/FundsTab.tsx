import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Skeleton, Statistic, Table, Typography, theme } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen } from '../../../../domain/money';
import { allows } from '../../../api/allowed';
import { useHomeFunds } from '../../../api/funds';
import { attachmentUrl } from '../../../api/homes';
import type { FundEntry, FundLedger, HomeDetail } from '../../../api/types';
import { ExportButton } from '../../../components/ExportButton';
import { LoadError } from '../../../components/LoadError';
import { YearSelect } from '../../../components/YearSelect';
import { useYearParam } from '../../../hooks/useYearParam';
import { ENTRY_ACTIONS, type FundAction, FundActionModal, FundEntryActions } from '../../funds/FundModals';
import { entryKindLabel, expenseCategoryLabel, FundStatusTag } from '../../funds/fundParts';

/** 经费 tab: the year's allocations and expenditures of the home, its balance, and what may be done. */
export function FundsTab({ home }: { home: HomeDetail }) {
  const { t } = useTranslation();
  const [year, setYear] = useYearParam();
  const ledger = useHomeFunds(home.id, year);
  const [action, setAction] = useState<FundAction | null>(null);

  let body: ReactNode;
  if (ledger.isPending) body = <Skeleton active />;
  else if (ledger.isError) body = <LoadError error={ledger.error} onRetry={() => void ledger.refetch()} />;
  else body = <Ledger ledger={ledger.data} onAction={setAction} />;

  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap justify="space-between">
        <YearSelect value={year} onChange={setYear} />
        {ledger.data ? (
          <Flex gap={8} wrap>
            <ExportButton path="/homes/{id}/funds/export.xlsx" params={{ id: home.id }} filters={{ year }} />
            {allows(ledger.data, 'allocate') ? (
              <Button
                type="primary"
                icon={<PlusOutlined aria-hidden />}
                onClick={() => setAction({ kind: 'allocate', ledger: ledger.data })}
              >
                {t('funds.allocate')}
              </Button>
            ) : null}
            {allows(ledger.data, 'spend') ? (
              <Button onClick={() => setAction({ kind: 'spend', ledger: ledger.data })}>
                {t('funds.spend')}
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      {body}
      <FundActionModal action={action} onClose={() => setAction(null)} />
    </Flex>
  );
}

function Ledger({ ledger, onAction }: { ledger: FundLedger; onAction: (action: FundAction) => void }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const byId = new Map(ledger.entries.map((entry) => [entry.id, entry]));
  const figures = [
    { key: 'allocated', fen: ledger.allocatedFen },
    { key: 'spent', fen: ledger.spentFen },
    { key: 'pending', fen: ledger.pendingFen },
    { key: 'balance', fen: ledger.balanceFen },
    { key: 'available', fen: ledger.availableFen },
  ] as const;

  const columns: ColumnsType<FundEntry> = [
    { title: t('funds.occurredOn'), dataIndex: 'occurredOn', key: 'occurredOn', width: 110 },
    { title: t('funds.kind'), key: 'kind', render: (_, entry) => entryKindLabel(t, entry) },
    {
      title: t('funds.category'),
      key: 'category',
      render: (_, entry) => expenseCategoryLabel(t, entry.category),
    },
    {
      title: t('funds.description'),
      key: 'description',
      render: (_, entry) => (
        <Flex vertical gap={2} style={{ maxWidth: 360 }}>
          <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{entry.description}</span>
          <ReversalLink entry={entry} byId={byId} />
          {entry.decisionNote ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('funds.decisionNoteValue', { note: entry.decisionNote })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('funds.amount'),
      key: 'amount',
      align: 'right',
      render: (_, entry) => (
        <span
          style={{
            fontVariantNumeric: 'tabular-nums',
            whiteSpace: 'nowrap',
            color: entry.amountFen < 0 ? token.colorError : undefined,
          }}
        >
          {formatFen(entry.amountFen)}
        </span>
      ),
    },
    {
      title: t('funds.status'),
      key: 'status',
      render: (_, entry) => <FundStatusTag status={entry.status} />,
    },
    {
      title: t('funds.receipt'),
      key: 'receipt',
      render: (_, entry) =>
        entry.receiptAttachmentId ? (
          <a href={attachmentUrl(entry.receiptAttachmentId)} target="_blank" rel="noopener">
            {t('funds.viewReceipt')}
          </a>
        ) : (
          '-'
        ),
    },
    ...(ledger.entries.some((entry) => ENTRY_ACTIONS.some((action) => allows(entry, action)))
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, entry: FundEntry) => <FundEntryActions entry={entry} onAction={onAction} />,
          },
        ]
      : []),
  ];

  return (
    <>
      <Card size="small" title={t('funds.summary', { year: ledger.year })}>
        <Flex gap={32} wrap>
          {figures.map((figure) => (
            <div key={figure.key} data-testid={`funds-${figure.key}`}>
              <Statistic
                title={t(`funds.figures.${figure.key}`)}
                value={formatFen(figure.fen)}
                suffix={t('funds.yuanUnit')}
                styles={{
                  content: {
                    fontVariantNumeric: 'tabular-nums',
                    color: figure.key === 'available' && figure.fen <= 0 ? token.colorError : undefined,
                  },
                }}
              />
            </div>
          ))}
        </Flex>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
          {t('funds.thresholdNote', { threshold: formatFen(ledger.thresholdFen) })}
        </Typography.Text>
      </Card>
      <Table<FundEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={ledger.entries}
        pagination={ledger.entries.length > 50 ? { pageSize: 50 } : false}
        scroll={{ x: 'max-content' }}
        onRow={(entry) => ({ id: `fund-entry-${entry.id}` })}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funds.noEntries')} />,
        }}
      />
    </>
  );
}

/** 冲正于 … on a reversed entry, 冲正 … on the entry that reverses it: each a link to the other row. */
function ReversalLink({ entry, byId }: { entry: FundEntry; byId: Map<string, FundEntry> }) {
  const { t } = useTranslation();
  const otherId = entry.reversesId ?? entry.reversedById;
  if (!otherId) return null;
  const other = byId.get(otherId);
  const date = other?.occurredOn ?? '';
  return (
    <a href={`#fund-entry-${otherId}`} style={{ fontSize: 12 }}>
      {entry.reversesId ? t('funds.reverses', { date }) : t('funds.reversedOn', { date })}
    </a>
  );
}
