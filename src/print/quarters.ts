import type { QuarterState } from '../domain/scorecard.js';

/** How the prints name a quarter and its state. */
export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const quarterName = (quarter: number) => QUARTER_NAMES[quarter - 1] ?? `第${quarter}季度`;

export const QUARTER_STATE_PRINT: Record<QuarterState, string> = {
  met: '达标',
  missed: '未达标',
  open: '进行中',
  at_risk: '进行中',
  not_judged: '—',
};
