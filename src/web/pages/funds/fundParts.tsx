import { Form, Input, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EXPENSE_CATEGORIES, type ExpenseCategory, formatFen } from '../../../domain/money';
import type { FundEntry, FundEntryStatus } from '../../api/types';

/** Yuan as typed: the server's pattern (up to 12 digits, at most 2 decimals), checked before sending. */
export const YUAN_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** 123450 → "1,234.50 元" (integer maths only: src/domain/money). */
export const yuanText = (t: TFunction, fen: number) => t('funds.yuan', { amount: formatFen(fen) });

const isCategory = (value: string): value is ExpenseCategory =>
  (EXPENSE_CATEGORIES as readonly string[]).includes(value);

export const expenseCategoryLabel = (t: TFunction, value: string | null) =>
  value === null ? '-' : isCategory(value) ? t(`expenseCategories.${value}`) : value;

export const expenseCategoryOptions = (t: TFunction) =>
  EXPENSE_CATEGORIES.map((value) => ({ value, label: t(`expenseCategories.${value}`) }));

/** 拨款 / 支出 / 冲正 — a reversing entry is named by what it does. */
export const entryKindLabel = (t: TFunction, entry: FundEntry) =>
  entry.reversesId ? t('funds.kinds.reversal') : t(`funds.kinds.${entry.kind}`);

const STATUS_COLORS: Record<FundEntryStatus, string> = {
  pending: 'orange',
  approved: 'green',
  rejected: 'default',
};

/** 待审批 / 已生效 / 不予批准, in the same colour on every page. */
export function FundStatusTag({ status }: { status: FundEntryStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {t(`funds.statuses.${status}`)}
    </Tag>
  );
}

/** An amount in yuan typed as text (never a floating-point number), checked like the server does. */
export function YuanField({ name, label, extra }: { name: string; label: string; extra?: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item
      label={label}
      name={name}
      extra={extra}
      rules={[
        { required: true, whitespace: true, message: t('common.required', { label }) },
        { pattern: YUAN_PATTERN, message: t('funds.amountInvalid') },
      ]}
      normalize={(value: string) => value.replace(/[,，\s]/g, '')}
    >
      <Input inputMode="decimal" autoComplete="off" suffix={t('funds.yuanUnit')} style={{ maxWidth: 240 }} />
    </Form.Item>
  );
}
