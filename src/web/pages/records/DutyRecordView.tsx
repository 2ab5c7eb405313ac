import { Button, Card, Empty, Flex, Progress, Statistic, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DutyCategoryTotal, DutyEntry, DutyFlag, DutyRecord } from '../../api/types';
import { formatDateTime, joinParts } from '../../components/format';
import { FlagStatusTag, sourcePath } from './recordParts';

/** What staff may do to the entries (only when the record allows 'adjust': an open year). */
export interface EntryActions {
  onCorrect: (entry: DutyEntry) => void;
  onRevoke: (entry: DutyEntry) => void;
}

/** The total and each category's points against its cap. */
export function DutyRecordSummary({ record, extra }: { record: DutyRecord; extra?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('dutyRecord.summary', { year: record.year })} extra={extra}>
      <Flex gap={32} wrap align="flex-start">
        <Statistic
          title={t('dutyRecord.total')}
          value={record.total}
          suffix={t('dutyRecord.pointsUnit')}
          styles={{ content: { fontSize: 40, fontWeight: 600 } }}
        />
        <Flex vertical gap={10} style={{ flex: 1, minWidth: 240 }}>
          {record.categories.map((category) => (
            <CategoryBar key={category.category} category={category} />
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

function CategoryBar({ category }: { category: DutyCategoryTotal }) {
  const { t } = useTranslation();
  const { cap, points, rawPoints } = category;
  const percent = cap ? Math.min(100, (points / cap) * 100) : points > 0 ? 100 : 0;
  return (
    <div>
      <Flex justify="space-between" gap={8}>
        <Typography.Text>{category.label}</Typography.Text>
        <Typography.Text
          type="secondary"
          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
        >
          {cap === null
            ? t('dutyRecord.pointsNoCap', { points })
            : t('dutyRecord.pointsOfCap', { points, cap })}
          {rawPoints > points ? ` · ${t('dutyRecord.capReached', { raw: rawPoints })}` : ''}
        </Typography.Text>
      </Flex>
      <Progress
        percent={percent}
        showInfo={false}
        size="small"
        status={cap !== null && points >= cap ? 'success' : 'normal'}
        aria-label={category.label}
      />
    </div>
  );
}

/** The entries, newest last, one row each: fits a phone as well as a desk. */
export function DutyEntries({ entries, actions }: { entries: readonly DutyEntry[]; actions?: EntryActions }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('dutyRecord.entries', { count: entries.length })}>
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dutyRecord.noEntries')} />
      ) : (
        <DividedList
          label={t('dutyRecord.entriesLabel')}
          testId="duty-entry"
          items={entries.map((entry) => ({
            key: entry.key,
            node: <EntryRow entry={entry} actions={actions} />,
          }))}
        />
      )}
    </Card>
  );
}

function EntryRow({ entry, actions }: { entry: DutyEntry; actions?: EntryActions }) {
  const { t } = useTranslation();
  const path = sourcePath(entry);
  return (
    <Flex justify="space-between" gap={12} align="flex-start">
      <Flex vertical gap={2} style={{ minWidth: 0 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {joinParts([entry.occurredOn, entry.itemLabel])}
        </Typography.Text>
        {path ? (
          <Link to={path} style={{ wordBreak: 'break-word' }}>
            {entry.title}
          </Link>
        ) : (
          <Typography.Text style={{ wordBreak: 'break-word' }}>{entry.title}</Typography.Text>
        )}
        {entry.adjustment ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {entry.sourceType === 'adjustment'
              ? t('dutyRecord.addedBy', { name: entry.adjustment.byName ?? '-' })
              : t('dutyRecord.correctedBy', { name: entry.adjustment.byName ?? '-' })}
            {t('dutyRecord.reasonValue', { reason: entry.adjustment.reason })}
          </Typography.Text>
        ) : null}
      </Flex>
      <Flex vertical align="flex-end" gap={2} style={{ flexShrink: 0 }}>
        <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
          {entry.rawPoints !== entry.points ? (
            <Typography.Text
              delete
              type="secondary"
              style={{ marginInlineEnd: 6 }}
              title={t('dutyRecord.rawPoints')}
            >
              {entry.rawPoints}
            </Typography.Text>
          ) : null}
          <Typography.Text strong>{t('dutyRecord.plusPoints', { points: entry.points })}</Typography.Text>
        </span>
        {actions ? (
          entry.adjustment ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => actions.onRevoke(entry)}>
              {t('dutyRecord.revoke')}
            </Button>
          ) : (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => actions.onCorrect(entry)}>
              {t('dutyRecord.correct')}
            </Button>
          )
        ) : null}
      </Flex>
    </Flex>
  );
}

/** The member's notes of missing entries and how the staff answered. */
export function DutyFlags({ flags }: { flags: readonly DutyFlag[] }) {
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <Card size="small" title={t('dutyRecord.flags')}>
      <DividedList
        label={t('dutyRecord.flags')}
        testId="duty-flag"
        items={flags.map((flag) => ({ key: flag.id, node: <FlagRow flag={flag} /> }))}
      />
    </Card>
  );
}

function FlagRow({ flag }: { flag: DutyFlag }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" gap={8} wrap>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(flag.createdAt, false)}
        </Typography.Text>
        <FlagStatusTag status={flag.status} />
      </Flex>
      <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
        {flag.description}
      </Typography.Text>
      {flag.response ? (
        <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {t('dutyRecord.responseValue', { response: flag.response })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** Rows one under the other with a thin rule between them: reads well on a phone. */
function DividedList({
  label,
  testId,
  items,
}: {
  label: string;
  testId: string;
  items: { key: string; node: ReactNode }[];
}) {
  const { token } = theme.useToken();
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={label}>
      {items.map((item, index) => (
        <li
          key={item.key}
          data-testid={testId}
          style={{
            padding: '10px 0',
            borderTop: index === 0 ? undefined : `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {item.node}
        </li>
      ))}
    </ul>
  );
}

/** 已归档 beside a closed year's title. */
export function ClosedTag({ closed }: { closed: boolean }) {
  const { t } = useTranslation();
  return closed ? <Tag color="default">{t('dutyRecord.closed')}</Tag> : null;
}
