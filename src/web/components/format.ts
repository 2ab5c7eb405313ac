import dayjs from 'dayjs';

/** Local date-time of an ISO instant, e.g. 2025-03-01 14:05:09. */
export function formatDateTime(iso: string, withSeconds = true): string {
  const value = dayjs(iso);
  if (!value.isValid()) return iso;
  return value.format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}
