/**
 * Calendar rules in Asia/Shanghai (UTC+8 all year, no daylight saving): quarters, years and
 * "due by" dates are Beijing dates, whatever the server's own time zone.
 */
const OFFSET_MS = 8 * 3600_000;

export type Quarter = 1 | 2 | 3 | 4;

/** The Beijing calendar date of an instant, as YYYY-MM-DD. */
export function beijingDate(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Beijing date and time of an instant to the minute, as YYYY-MM-DD HH:mm (files and prints). */
export function beijingDateTime(instant: Date | string): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** A Beijing date as documents write it: 2026年12月3日 (an instant, or a YYYY-MM-DD date). */
export function chineseDate(value: Date | string): string {
  const date =
    typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : beijingDate(new Date(value));
  const [year, month, day] = date.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

export function yearOf(instant: Date): number {
  return new Date(instant.getTime() + OFFSET_MS).getUTCFullYear();
}

/** The quarter an instant falls in, in Beijing time: 23:30 on 31 March Beijing time is Q1. */
export function quarterOf(instant: Date): { year: number; quarter: Quarter } {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return { year: shifted.getUTCFullYear(), quarter: (Math.floor(shifted.getUTCMonth() / 3) + 1) as Quarter };
}

/** The instant a Beijing calendar date begins. */
export function startOfBeijingDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00+08:00`));
}

/** [start, end) of a quarter as instants. */
export function quarterRange(year: number, quarter: Quarter): { start: Date; end: Date } {
  const month = (quarter - 1) * 3;
  const start = new Date(Date.UTC(year, month, 1) - OFFSET_MS);
  const end = new Date(Date.UTC(year, month + 3, 1) - OFFSET_MS);
  return { start, end };
}

export function yearRange(year: number): { start: Date; end: Date } {
  return {
    start: new Date(Date.UTC(year, 0, 1) - OFFSET_MS),
    end: new Date(Date.UTC(year + 1, 0, 1) - OFFSET_MS),
  };
}

/** The last day of a quarter, the day its activity is due by. */
export function quarterDueOn(year: number, quarter: Quarter): string {
  return new Date(Date.UTC(year, quarter * 3, 0)).toISOString().slice(0, 10);
}

/** Whole days from `from` to a Beijing date (negative once it has passed). */
export function daysUntil(from: Date, date: string): number {
  return Math.floor(
    (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${beijingDate(from)}T00:00:00Z`)) / 86_400_000,
  );
}

export const QUARTERS: Quarter[] = [1, 2, 3, 4];

/** A quarter in words, as the pages, the prints and the exports all say it: 第一季度 … 第四季度. */
export const QUARTER_NAMES: Record<Quarter, string> = {
  1: '第一季度',
  2: '第二季度',
  3: '第三季度',
  4: '第四季度',
};

export const quarterName = (quarter: number): string =>
  QUARTER_NAMES[quarter as Quarter] ?? `第${quarter}季度`;

/** A quarter of a year in words: 2026年第四季度. */
export const yearQuarterName = (year: number, quarter: number): string => `${year}年${quarterName(quarter)}`;

/** A quarter as the API writes it (2026-Q4) in words (2026年第四季度); anything else as it is. */
export function quarterKeyName(key: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(key);
  return match ? yearQuarterName(Number(match[1]), Number(match[2])) : key;
}

/**
 * An instant as a spreadsheet's date cell shows Beijing time, to the second: a cell has no time
 * zone, so it holds the fields Beijing's clock reads (21:09:11 in Beijing is written as 21:09:11
 * UTC). The fraction of a second is dropped, as the pages drop it (Excel would round it up).
 */
export const beijingClockDate = (instant: Date | string): Date =>
  new Date(Math.floor((new Date(instant).getTime() + OFFSET_MS) / 1000) * 1000);
