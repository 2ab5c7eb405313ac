/** How the prints name a quarter (its state: QUARTER_STATE_LABELS, as the pages say it). */
export const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];
export const quarterName = (quarter: number) => QUARTER_NAMES[quarter - 1] ?? `第${quarter}季度`;
