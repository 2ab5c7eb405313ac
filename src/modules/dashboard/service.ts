import { quarterOf, yearOf } from '../../domain/calendar.js';
import type { Actor, Db } from '../../server/types.js';
import { type DashboardScope, dashboardScope } from './policy.js';
import { presentDashboard, presentHomeDashboard } from './presenter.js';
import {
  activityMonthRows,
  coverageCounts,
  evaluationGradeRows,
  fundUnitSums,
  homeActivityRows,
  homeFundSums,
  homeGradeRows,
  homeOpinionCounts,
  homeQuarterCounts,
  homesByIds,
  homeUnitRows,
  opinionUnitCounts,
  refreshViews,
  stamp,
  statsRefreshes,
  unitsOf,
  withSummariesLock,
} from './repo.js';

/**
 * The dashboards (R24, R27): one query set, filtered to the units the actor's role covers — the
 * office sees the whole city, a vice chair the committees and districts they supervise, a district
 * CPPCC its district, committee staff their unit. The scope is never a parameter.
 *
 * Every figure is read from materialised summaries per owner unit (migration 0007), refreshed
 * `concurrently` so readers never wait: the activity summaries (built from millions of activities)
 * by the hourly job and on the office's demand; the small ones (homes, opinions, funds, coverage)
 * also by the first reader after they are five minutes old, in the background. The dashboard says
 * when its figures were taken (`statsRefreshedAt`).
 */

export async function dashboardOf(db: Db, actor: Actor, year: number | undefined, now = new Date()) {
  const scope = dashboardScope(actor);
  const y = year ?? yearOf(now);
  if (scope.homes.length) return homeDashboard(db, scope.homes, y, now);
  return unitDashboard(db, scope, y, now);
}

async function unitDashboard(db: Db, scope: DashboardScope, y: number, now: Date) {
  const [units, refreshed, homes, coverage, activities, opinions, funds, evaluation] = await Promise.all([
    scope.all ? Promise.resolve([]) : unitsOf(db, scope.units),
    statsRefreshes(db),
    homeUnitRows(db, scope),
    coverageCounts(db, scope),
    activityMonthRows(db, scope, y),
    opinionUnitCounts(db, scope, y),
    fundUnitSums(db, scope, y),
    evaluationGradeRows(db, scope, y),
  ]);
  const at = (name: string) => refreshed.find((r) => r.name === name)?.refreshedAt ?? null;
  const summaries = at('summaries');
  // the cheap summaries follow within minutes: the first reader after five refreshes them, in the background
  if (!summaries || now.getTime() - summaries.getTime() > SUMMARY_MAX_AGE_MS)
    void refreshSummariesInBackground(db);
  return presentDashboard({
    year: y,
    scope,
    units,
    refreshedAt: { dashboard: at('dashboard'), summaries },
    homes,
    coverage,
    activities,
    opinions,
    funds,
    evaluation,
    now,
  });
}

// ---- the dashboard of a home director: their homes' own figures ----

/** The first day of a quarter as a Beijing date; quarter 5 is the next year's first. */
const quarterStart = (year: number, quarter: number) =>
  quarter > 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;

/**
 * The same figures for a few homes, counted live from the homes' own rows: the per-unit summaries
 * cannot be cut down to one home, and one home's activities, opinions and funds are few.
 */
async function homeDashboard(db: Db, homeIds: string[], year: number, now: Date) {
  const { year: cy, quarter: cq } = quarterOf(now);
  const py = cq === 1 ? cy - 1 : cy;
  const pq = cq === 1 ? 4 : cq - 1;
  const cur = { start: quarterStart(cy, cq), end: quarterStart(cy, cq + 1) };
  const prev = { start: quarterStart(py, pq), end: cur.start };

  const [homes, quarters, activities, opinions, funds, evaluation] = await Promise.all([
    homesByIds(db, homeIds),
    homeQuarterCounts(db, homeIds, cur, prev),
    homeActivityRows(db, homeIds, year),
    homeOpinionCounts(db, homeIds, year),
    homeFundSums(db, homeIds, year),
    homeGradeRows(db, homeIds, year),
  ]);
  return presentHomeDashboard({ year, homes, quarters, activities, opinions, funds, evaluation, now });
}

/** Homes, opinions, funds and coverage summaries: small, refreshed every few minutes (exported for the attention list). */
export const SUMMARIES = [
  'home_unit_stats',
  'opinion_unit_stats',
  'fund_unit_stats',
  'fund_home_stats',
  'township_coverage',
];
const SUMMARY_MAX_AGE_MS = 5 * 60_000;

let summariesRunning: Promise<void> | null = null;

/**
 * Refreshes the small summaries once, whoever asks: within this process one run at a time, across
 * instances one holder of the advisory lock (the others skip). Errors are logged by the caller's
 * process, never thrown at a reader.
 */
function refreshSummariesInBackground(db: Db): Promise<void> {
  summariesRunning ??= (async () => {
    try {
      await withSummariesLock(db, async (conn) => {
        await refreshViews(conn, SUMMARIES);
        await stamp(conn, 'summaries');
      });
    } catch {
      // a failed refresh leaves the previous summaries in place; the hourly job tries again
    } finally {
      summariesRunning = null;
    }
  })();
  return summariesRunning;
}

/**
 * Rebuilds every summary without blocking readers (`refresh … concurrently`). The hourly
 * job claims its hour first, so of several instances one refreshes.
 */
export async function refreshStats(db: Db): Promise<{ refreshedAt: string; ms: number }> {
  const started = performance.now();
  // home_unit_stats reads home_quarter_stats: the order matters
  await refreshViews(db, ['home_quarter_stats', 'activity_month_stats', ...SUMMARIES]);
  const at = await stamp(db, 'dashboard');
  await stamp(db, 'summaries');
  return { refreshedAt: at.toISOString(), ms: Math.round(performance.now() - started) };
}
