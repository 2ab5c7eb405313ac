import { Button, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../api/types';
import { beijingToday } from '../../components/beijingTime';

/** 现行 (green) for the version in force; else 未施行 (not yet effective) or 已替代. */
export function RuleCurrentTag({ rule }: { rule: Rule }) {
  const { t } = useTranslation();
  if (rule.current) return <Tag color="green">{t('rules.current')}</Tag>;
  if (dayjs(rule.effectiveOn).isAfter(beijingToday(), 'day'))
    return <Tag color="blue">{t('rules.notYetEffective')}</Tag>;
  return <Tag>{t('rules.superseded')}</Tag>;
}

/** Columns shared by the rule lists (制度库 and a home's 制度 tab). */
export function ruleColumns<T extends Rule>(t: TFunction): ColumnsType<T> {
  return [
    {
      title: t('rules.name'),
      key: 'title',
      render: (_, rule) => <Typography.Text strong>{rule.title}</Typography.Text>,
    },
    { title: t('rules.version'), key: 'version', render: (_, rule) => rule.version },
    {
      title: t('rules.effectiveOn'),
      key: 'effectiveOn',
      render: (_, rule) => <span style={{ whiteSpace: 'nowrap' }}>{rule.effectiveOn}</span>,
    },
    { title: t('rules.state'), key: 'current', render: (_, rule) => <RuleCurrentTag rule={rule} /> },
  ];
}

/** The body of a rule as written (an expanded row). */
export function RuleBody({ rule }: { rule: Rule }) {
  return (
    <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0, maxWidth: 900 }}>
      {rule.body}
    </Typography.Paragraph>
  );
}

/** By title (Chinese collation), the newest version of each first. */
/**
 * The 发布新版本 column of a sorted list of rules (sortRules): on the newest version of each title
 * only, as a new version starts from the newest one.
 */
export function reviseColumn<T extends Rule>(
  t: TFunction,
  sorted: readonly T[],
  onRevise: (rule: T) => void,
): ColumnsType<T> {
  const newest = new Set(sorted.filter((rule, i) => sorted[i - 1]?.title !== rule.title).map((r) => r.id));
  return [
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, rule: T) =>
        newest.has(rule.id) ? (
          <Button
            size="small"
            onClick={(event) => {
              event.stopPropagation();
              onRevise(rule);
            }}
          >
            {t('rules.revise')}
          </Button>
        ) : null,
    },
  ];
}

export function sortRules<T extends Rule>(rules: readonly T[]): T[] {
  return [...rules].sort(
    (a, b) => a.title.localeCompare(b.title, 'zh-CN') || b.effectiveOn.localeCompare(a.effectiveOn),
  );
}
