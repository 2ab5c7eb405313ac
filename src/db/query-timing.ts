import { AsyncLocalStorage } from 'node:async_hooks';

/** The database time of one piece of work: the spans its queries took, by the event loop's clock. */
export interface QueryTimes {
  spans: Array<[start: number, end: number]>;
}

const current = new AsyncLocalStorage<QueryTimes>();

/** Runs `work` with its queries timed into `times` (every query started inside it, however deep). */
export function timeQueriesOf<T>(times: QueryTimes, work: () => T): T {
  return current.run(times, work);
}

/** Kysely's `log`: a finished query's time goes to the work it ran for, if any is being timed. */
export function noteQuery(durationMs: number): void {
  const times = current.getStore();
  if (!times) return;
  const end = performance.now();
  times.spans.push([end - durationMs, end]);
}

/**
 * The time at least one query was running: queries that overlap (`Promise.all`) count once, so
 * this is the time the work waited on the database, never more than its own wall time.
 */
export function databaseTime(times: QueryTimes): number {
  const spans = [...times.spans].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let open: [number, number] | null = null;
  for (const [start, end] of spans) {
    if (open && start <= open[1]) {
      open[1] = Math.max(open[1], end);
      continue;
    }
    if (open) total += open[1] - open[0];
    open = [start, end];
  }
  return open ? total + (open[1] - open[0]) : 0;
}
