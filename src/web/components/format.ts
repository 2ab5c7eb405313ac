import { maskPhone } from '../../domain/privacy';
import { beijingClock } from './beijingTime';

/** An instant's Beijing date and time, e.g. 2025-03-01 14:05:09 (14:05 without seconds), in any zone. */
export function formatDateTime(iso: string, withSeconds = true): string {
  const value = beijingClock(iso);
  if (!value.isValid()) return iso;
  return value.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** 1536 → "1.5 KB". */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '-';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

/**
 * A member's phone as it may be shown: the server masks it when `phoneMasked`; should a full
 * number come with `phoneMasked`, it is masked here as well.
 */
export function displayPhone(phone: string | null, phoneMasked: boolean): string | null {
  if (!phone) return null;
  return phoneMasked ? maskPhone(phone) : phone;
}

/** Joins the non-empty parts, e.g. ['张三', null, '经济界'] → "张三 · 经济界". */
export function joinParts(parts: readonly (string | null | undefined)[], separator = ' · '): string {
  return parts.filter((part): part is string => Boolean(part?.trim())).join(separator);
}

/** A form's optional text as sent: trimmed, or null when blank. */
export const textOrNull = (value: string | undefined): string | null => value?.trim() || null;

/** The fields of an input that have a value: what a "create" sends (it leaves out what is empty). */
export function withoutNulls<T extends object>(input: T): T {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null)) as T;
}
