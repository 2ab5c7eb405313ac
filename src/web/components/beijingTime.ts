import dayjs, { type Dayjs } from 'dayjs';

/**
 * The admin shows and takes every time in Beijing time (UTC+8 all year), whatever zone the
 * browser is in, as the portal, the prints and the server's calendar rules do.
 *
 * Pickers and calendars work on "Beijing clock" values: a dayjs whose fields (year … second) read
 * what a clock in Beijing shows. An instant becomes one with `beijingClock`, and a picked value
 * becomes an instant again with `fromBeijingClock`; a picked date is sent as it reads
 * (`format('YYYY-MM-DD')`), which is then the Beijing date. (In a zone with daylight saving, the
 * hour its clocks skip once a year cannot be shown.)
 */
const OFFSET_MS = 8 * 3600_000;

/** An instant (ISO string or Date; now when omitted) as Beijing's clock reads it. */
export function beijingClock(instant?: string | Date): Dayjs {
  const ms = instant === undefined ? Date.now() : new Date(instant).getTime();
  if (Number.isNaN(ms)) return dayjs(Number.NaN);
  // a date-time without a zone is read by dayjs as the browser's clock: the fields stay as written
  return dayjs(new Date(ms + OFFSET_MS).toISOString().slice(0, 23));
}

/** Today in Beijing, at its midnight (a Beijing clock value): what a date picker starts from. */
export const beijingToday = (): Dayjs => beijingClock().startOf('day');

/** The instant (ISO, UTC) at which Beijing's clock reads `clock`. */
export function fromBeijingClock(clock: Dayjs): string {
  const utc = Date.UTC(
    clock.year(),
    clock.month(),
    clock.date(),
    clock.hour(),
    clock.minute(),
    clock.second(),
    clock.millisecond(),
  );
  return new Date(utc - OFFSET_MS).toISOString();
}
