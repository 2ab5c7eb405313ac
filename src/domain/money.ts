/**
 * Money is kept in integer fen (分) everywhere: typed in as a decimal string of yuan, stored as
 * bigint, summed in SQL, shown back as a string. No floating point touches an amount.
 */

const YUAN = /^(\d{1,12})(?:\.(\d{1,2}))?$/;

/** "1234.5" → 123450; null for anything that is not a non-negative amount with at most 2 decimals. */
export function parseYuan(input: string): number | null {
  const m = YUAN.exec(input.trim().replace(/,/g, ''));
  if (!m) return null;
  const fen = BigInt(m[1]!) * 100n + BigInt((m[2] ?? '').padEnd(2, '0'));
  return fen > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(fen);
}

/** 123450 → "1,234.50" (negative amounts keep their sign). */
export function formatFen(fen: number | string | bigint): string {
  const value = BigInt(fen);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export const EXPENSE_CATEGORIES = [
  'venue',
  'equipment',
  'activity',
  'printing',
  'training',
  'other',
] as const;
export type ExpenseCategory = (typeof EXPENSE_CATEGORIES)[number];
/** A ledger entry's kind and state in words (the ledger, its export); a reversing entry is 冲正. */
export const FUND_KIND_LABELS = { allocation: '拨款', expenditure: '支出', reversal: '冲正' } as const;
export const FUND_STATUS_LABELS = { pending: '待审批', approved: '已生效', rejected: '不予批准' } as const;

export const EXPENSE_CATEGORY_LABELS: Record<ExpenseCategory, string> = {
  venue: '场地',
  equipment: '设备',
  activity: '活动',
  printing: '印刷',
  training: '培训',
  other: '其他',
};

/** Expenditures above this need the owning unit's approval unless the office sets another amount. */
export const DEFAULT_APPROVAL_THRESHOLD_FEN = 500_000;
