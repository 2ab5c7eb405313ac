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
