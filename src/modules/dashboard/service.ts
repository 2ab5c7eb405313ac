import { sql } from 'kysely';
import { quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { type DashboardScope, dashboardScope } from './policy.js';

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

/** `column in units` unless the scope is everything. */
function inScope(scope: DashboardScope, column: ReturnType<typeof sql.ref>) {
  if (scope.all) return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${column} in (${sql.join(scope.units)})`;
}

export const DEFINITIONS: Record<string, string> = {
  homes: '范围内登记的委员之家（委员工作室），按建设状态和类型计数。',
  coverage:
    '界别活动组中已有运行中委员之家的个数；苏木乡镇（街道，不含开发区）中已有运行中乡镇或村级委员之家的个数。',
  compliance:
    '本季度：运行中（授牌不晚于季末）的委员之家中已开展活动、临近季末（21 天内）仍未开展、尚未开展的个数；上季度为已开展和未开展。',
  activities:
    '已举办的活动按月、按类型和四种功能计数，按承办委员之家所属单位统计，联合承办的活动在各单位各计一次。',
  opinions:
    '本年度收到的群众意见：被采用（含领导批示）、已答复、尚未答复；超期为当前仍未答复且收到已超过 30 天、90 天的意见。',
  funds: '本年度已生效的拨款和支出合计，以及待审批的支出，单位为分。',
  evaluation: '最近一次已公布的年度评价中，范围内委员之家的等次分布。',
};

/** Homes by status and kind, and the two quarters' compliance, from the per-unit summary. */
async function homeFigures(db: Db, scope: DashboardScope, now: Date) {
  const rows = await sql<{
    status: string;
    kind: string;
    homes: number;
    operatingNow: number;
    metNow: number;
    operatingPrev: number;
    metPrev: number;
    quarter: string;
  }>`
    select status, kind, sum(homes)::int as homes, sum(operating_now)::int as operating_now,
      sum(met_now)::int as met_now, sum(operating_prev)::int as operating_prev, sum(met_prev)::int as met_prev,
      min(quarter)::text as quarter
    from home_unit_stats
    where ${inScope(scope, sql.ref('owner_unit_id'))}
    group by status, kind`.execute(db);
  const sum = <K extends 'status' | 'kind'>(key: K) => {
    const m = new Map<string, number>();
    for (const r of rows.rows) m.set(r[key], (m.get(r[key]) ?? 0) + r.homes);
    return [...m.entries()].map(
      ([k, count]) => ({ [key]: k, count }) as { count: number } & Record<K, string>,
    );
  };
  const total = (k: 'operatingNow' | 'metNow' | 'operatingPrev' | 'metPrev') =>
    rows.rows.reduce((s, r) => s + r[k], 0);
  // the quarter the summary was taken in (the current one, unless a new quarter began since)
  const { year, quarter } = quarterOf(
    rows.rows[0]?.quarter ? new Date(`${rows.rows[0].quarter}T12:00:00+08:00`) : now,
  );
  const prevYear = quarter === 1 ? year - 1 : year;
  const prevQuarter = (quarter === 1 ? 4 : quarter - 1) as 1 | 2 | 3 | 4;
  const daysLeft = (quarterRange(year, quarter).end.getTime() - now.getTime()) / 86_400_000;
  const notYet = total('operatingNow') - total('metNow');
  return {
    homes: {
      total: rows.rows.reduce((s, r) => s + r.homes, 0),
      byStatus: sum('status'),
      byKind: sum('kind'),
    },
    compliance: {
      quarter: `${year}-Q${quarter}`,
      operating: total('operatingNow'),
      met: total('metNow'),
      atRisk: daysLeft <= AT_RISK_DAYS ? notYet : 0,
      open: daysLeft <= AT_RISK_DAYS ? 0 : notYet,
      previousQuarter: {
        quarter: `${prevYear}-Q${prevQuarter}`,
        operating: total('operatingPrev'),
        met: total('metPrev'),
        missed: total('operatingPrev') - total('metPrev'),
      },
    },
  };
}

async function coverageFigures(db: Db, scope: DashboardScope) {
  const groups = await sql<{ total: number; covered: number }>`
    select count(*)::int as total,
      count(*) filter (where exists (select 1 from home_unit_stats s where s.owner_unit_id = ou.id
        and s.kind = 'sector_group' and s.status = 'operating' and s.homes > 0))::int as covered
    from org_units ou
    where ou.kind = 'sector_group' and ${inScope(scope, sql.ref('ou.id'))}`.execute(db);
  const districts = scope.all
    ? null
    : (
        await db
          .selectFrom('orgUnits')
          .select('regionCode')
          .where('kind', '=', 'district')
          .where('id', 'in', scope.units.length ? scope.units : ['-'])
          .execute()
      )
        .map((d) => d.regionCode)
        .filter((c): c is string => c !== null);
  const townships = await sql<{ total: number; covered: number }>`
    select count(*)::int as total, count(*) filter (where covered)::int as covered
    from township_coverage
    where ${districts === null ? sql`true` : districts.length ? sql`parent_code in (${sql.join(districts)})` : sql`false`}`.execute(
    db,
  );
  return { sectorGroups: groups.rows[0]!, townships: townships.rows[0]! };
}

async function activityFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{ month: string; kind: string; function: string; held: number; citizens: string }>`
    select to_char(month, 'YYYY-MM') as month, kind, function, sum(held)::int as held, sum(citizens)::text as citizens
    from activity_month_stats
    where month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date
      and ${inScope(scope, sql.ref('owner_unit_id'))}
    group by 1, kind, function`.execute(db);
  const byMonth = heldByMonth(year, rows.rows);
  return {
    held: byMonth.reduce((s, m) => s + m.held, 0),
    citizens: rows.rows.reduce((s, r) => s + Number(r.citizens), 0),
    byMonth,
  };
}

async function opinionFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{
    received: number;
    adopted: number;
    replied: number;
    open: number;
    overdue30: number;
    overdue90: number;
  }>`
    select
      coalesce(sum(received) filter (where year = ${year}), 0)::int as received,
      coalesce(sum(adopted) filter (where year = ${year}), 0)::int as adopted,
      coalesce(sum(replied) filter (where year = ${year}), 0)::int as replied,
      coalesce(sum(open) filter (where year = ${year}), 0)::int as open,
      coalesce(sum(overdue30), 0)::int as overdue30,
      coalesce(sum(overdue90), 0)::int as overdue90
    from opinion_unit_stats
    where ${inScope(scope, sql.ref('owner_unit_id'))}`.execute(db);
  return rows.rows[0]!;
}

async function fundFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{ allocated: string; spent: string; pending: string }>`
    select coalesce(sum(allocated), 0)::text as allocated, coalesce(sum(spent), 0)::text as spent,
      coalesce(sum(pending), 0)::text as pending
    from fund_unit_stats
    where year = ${year} and ${inScope(scope, sql.ref('owner_unit_id'))}`.execute(db);
  const r = rows.rows[0]!;
  return { allocatedFen: Number(r.allocated), spentFen: Number(r.spent), pendingFen: Number(r.pending) };
}

async function evaluationFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{ year: number; grade: string; count: number }>`
    with latest as (
      select max(r.year) as year from evaluation_rounds r
      join evaluation_homes eh on eh.round_id = r.id join homes h on h.id = eh.home_id
      where r.year <= ${year} and r.status = 'published' and ${inScope(scope, sql.ref('h.owner_unit_id'))}
    )
    select r.year, eh.grade, count(*)::int as count
    from evaluation_rounds r
    join evaluation_homes eh on eh.round_id = r.id join homes h on h.id = eh.home_id
    where r.year = (select year from latest) and r.status = 'published' and eh.grade is not null
      and ${inScope(scope, sql.ref('h.owner_unit_id'))}
    group by r.year, eh.grade`.execute(db);
  const grades = { five_star: 0, four_star: 0, three_star: 0, rectify: 0 };
  for (const r of rows.rows) grades[r.grade as keyof typeof grades] = r.count;
  return { year: rows.rows[0]?.year ?? null, grades };
}

export async function dashboardOf(db: Db, actor: Actor, year: number | undefined, now = new Date()) {
  const scope = dashboardScope(actor);
  const y = year ?? yearOf(now);
  if (scope.homes.length) return homeDashboard(db, scope.homes, y, now);
  const [units, refreshed, homes, coverage, activities, opinions, funds, evaluation] = await Promise.all([
    scope.all
      ? Promise.resolve([])
      : db
          .selectFrom('orgUnits')
          .select(['id', 'name', 'kind'])
          .where('id', 'in', scope.units.length ? scope.units : ['-'])
          .orderBy('sort')
          .execute(),
    db.selectFrom('statsRefreshes').select(['name', 'refreshedAt']).execute(),
    homeFigures(db, scope, now),
    coverageFigures(db, scope),
    activityFigures(db, scope, y),
    opinionFigures(db, scope, y),
    fundFigures(db, scope, y),
    evaluationFigures(db, scope, y),
  ]);
  const at = (name: string) => refreshed.find((r) => r.name === name)?.refreshedAt ?? null;
  const summaries = at('summaries');
  // the cheap summaries follow within minutes: the first reader after five refreshes them, in the background
  if (!summaries || now.getTime() - summaries.getTime() > SUMMARY_MAX_AGE_MS)
    void refreshSummariesInBackground(db);
  // the figures are as old as the older of the two refreshes
  const stamps = [at('dashboard'), summaries];
  const oldest = stamps.every((d) => d) ? new Date(Math.min(...stamps.map((d) => d!.getTime()))) : null;
  return {
    year: y,
    scope: { all: scope.all, units, homes: [] },
    statsRefreshedAt: oldest ? oldest.toISOString() : null,
    homes: homes.homes,
    coverage,
    compliance: homes.compliance,
    activities,
    opinions,
    funds,
    evaluation,
    definitions: DEFINITIONS,
  };
}

// ---- the dashboard of a home director: their homes' own figures ----

/** The first day of a quarter as a Beijing date; quarter 5 is the next year's first. */
const quarterStart = (year: number, quarter: number) =>
  quarter > 4 ? `${year + 1}-01-01` : `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;

/**
 * The same figures for a few homes, counted live from the homes' own rows: the per-unit summaries
 * cannot be cut down to one home, and one home's activities, opinions and funds are few. Coverage
 * is the business of units, not of a home, and stays empty.
 */
async function homeDashboard(db: Db, homeIds: string[], year: number, now: Date) {
  const ids = sql.join(homeIds.map((id) => sql`${id}::uuid`));
  const { year: cy, quarter: cq } = quarterOf(now);
  const py = cq === 1 ? cy - 1 : cy;
  const pq = cq === 1 ? 4 : cq - 1;
  const cur = { start: quarterStart(cy, cq), end: quarterStart(cy, cq + 1) };
  const prev = { start: quarterStart(py, pq), end: cur.start };
  // a quarter is met by a held activity the home hosted, starting inside it (Beijing dates)
  const heldIn = (q: { start: string; end: string }) => sql<boolean>`exists (
    select 1 from activity_hosts ah join activities a on a.id = ah.activity_id
    where ah.home_id = h.id and a.status = 'held'
      and a.starts_at >= ${`${q.start}T00:00:00+08:00`}::timestamptz
      and a.starts_at < ${`${q.end}T00:00:00+08:00`}::timestamptz)`;
  const operatingBy = (end: string) =>
    sql<boolean>`h.status = 'operating' and (h.plaque_awarded_on is null or h.plaque_awarded_on < ${end}::date)`;
  const yearStart = `${year}-01-01T00:00:00+08:00`;
  const yearEnd = `${year + 1}-01-01T00:00:00+08:00`;

  const [homes, quarters, activities, opinions, funds, evaluation] = await Promise.all([
    db
      .selectFrom('homes')
      .select(['id', 'name', 'status', 'kind'])
      .where(sql<boolean>`id in (${ids})`)
      .orderBy('name')
      .execute(),
    sql<{ operatingNow: number; metNow: number; operatingPrev: number; metPrev: number }>`
      select count(*) filter (where ${operatingBy(cur.end)})::int as operating_now,
        count(*) filter (where ${operatingBy(cur.end)} and ${heldIn(cur)})::int as met_now,
        count(*) filter (where ${operatingBy(prev.end)})::int as operating_prev,
        count(*) filter (where ${operatingBy(prev.end)} and ${heldIn(prev)})::int as met_prev
      from homes h where h.id in (${ids})`.execute(db),
    sql<{ month: string; kind: string; function: string; held: number; citizens: string }>`
      select to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, a.kind, a.function,
        count(*)::int as held, coalesce(sum(a.citizen_count), 0)::text as citizens
      from activities a
      where a.status = 'held' and a.starts_at >= ${yearStart}::timestamptz and a.starts_at < ${yearEnd}::timestamptz
        and exists (select 1 from activity_hosts ah where ah.activity_id = a.id and ah.home_id in (${ids}))
      group by 1, a.kind, a.function`.execute(db),
    sql<{
      received: number;
      adopted: number;
      replied: number;
      open: number;
      overdue30: number;
      overdue90: number;
    }>`
      select
        count(*) filter (where received_at >= ${yearStart}::timestamptz and received_at < ${yearEnd}::timestamptz)::int as received,
        count(*) filter (where received_at >= ${yearStart}::timestamptz and received_at < ${yearEnd}::timestamptz
          and (decision->>'kind' in ('adopted', 'instructed') or decision ? 'level'))::int as adopted,
        count(*) filter (where received_at >= ${yearStart}::timestamptz and received_at < ${yearEnd}::timestamptz
          and replied_at is not null)::int as replied,
        count(*) filter (where received_at >= ${yearStart}::timestamptz and received_at < ${yearEnd}::timestamptz
          and status not in ('replied', 'closed'))::int as open,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '30 days')::int as overdue30,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '90 days')::int as overdue90
      from opinions where home_id in (${ids})`.execute(db),
    sql<{ allocated: string; spent: string; pending: string }>`
      select
        coalesce(sum(amount_fen) filter (where kind = 'allocation' and status = 'approved'), 0)::text as allocated,
        coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'approved'), 0)::text as spent,
        coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'pending'), 0)::text as pending
      from fund_entries where year = ${year} and home_id in (${ids})`.execute(db),
    sql<{ year: number; grade: string; count: number }>`
      with latest as (
        select max(r.year) as year from evaluation_rounds r join evaluation_homes eh on eh.round_id = r.id
        where r.year <= ${year} and r.status = 'published' and eh.home_id in (${ids})
      )
      select r.year, eh.grade, count(*)::int as count
      from evaluation_rounds r join evaluation_homes eh on eh.round_id = r.id
      where r.year = (select year from latest) and r.status = 'published' and eh.grade is not null
        and eh.home_id in (${ids})
      group by r.year, eh.grade`.execute(db),
  ]);

  const count = <K extends 'status' | 'kind'>(key: K) => {
    const m = new Map<string, number>();
    for (const h of homes) m.set(h[key], (m.get(h[key]) ?? 0) + 1);
    return [...m.entries()].map(
      ([k, n]) => ({ [key]: k, count: n }) as { count: number } & Record<K, string>,
    );
  };
  const q = quarters.rows[0]!;
  const daysLeft = (quarterRange(cy, cq).end.getTime() - now.getTime()) / 86_400_000;
  const notYet = q.operatingNow - q.metNow;
  const byMonth = heldByMonth(year, activities.rows);
  const grades = { five_star: 0, four_star: 0, three_star: 0, rectify: 0 };
  for (const r of evaluation.rows) grades[r.grade as keyof typeof grades] = r.count;
  const f = funds.rows[0]!;
  return {
    year,
    scope: { all: false, units: [], homes: homes.map((h) => ({ id: h.id, name: h.name })) },
    // counted as asked: nothing here waits for a refresh
    statsRefreshedAt: now.toISOString(),
    homes: { total: homes.length, byStatus: count('status'), byKind: count('kind') },
    coverage: { sectorGroups: { covered: 0, total: 0 }, townships: { covered: 0, total: 0 } },
    compliance: {
      quarter: `${cy}-Q${cq}`,
      operating: q.operatingNow,
      met: q.metNow,
      atRisk: daysLeft <= AT_RISK_DAYS ? notYet : 0,
      open: daysLeft <= AT_RISK_DAYS ? 0 : notYet,
      previousQuarter: {
        quarter: `${py}-Q${pq}`,
        operating: q.operatingPrev,
        met: q.metPrev,
        missed: q.operatingPrev - q.metPrev,
      },
    },
    activities: {
      held: byMonth.reduce((sum, m) => sum + m.held, 0),
      citizens: activities.rows.reduce((sum, r) => sum + Number(r.citizens), 0),
      byMonth,
    },
    opinions: opinions.rows[0]!,
    funds: { allocatedFen: Number(f.allocated), spentFen: Number(f.spent), pendingFen: Number(f.pending) },
    evaluation: { year: evaluation.rows[0]?.year ?? null, grades },
    definitions: HOME_DEFINITIONS,
  };
}

/** What the figures of a director's dashboard count: their homes alone, counted live. */
const HOME_DEFINITIONS: Record<string, string> = {
  homes: '您负责的委员之家，按建设状态和类型计数。',
  compliance:
    '本季度：您负责的运行中委员之家中已开展活动、临近季末（21 天内）仍未开展、尚未开展的个数；上季度为已开展和未开展。',
  activities: '您负责的委员之家本年度已举办的活动，按月、按类型和四种功能计数，联合承办的活动计一次。',
  opinions:
    '本年度您负责的委员之家收到的群众意见：被采用（含领导批示）、已答复、尚未答复；超期为当前仍未答复且收到已超过 30 天、90 天的意见。',
  funds: '您负责的委员之家本年度已生效的拨款和支出合计，以及待审批的支出，单位为分。',
  evaluation: '最近一次已公布的年度评价中，您负责的委员之家的等次。',
};

/** Homes, opinions, funds and coverage summaries: small, refreshed every few minutes (exported for the attention list). */
export const SUMMARIES = [
  'home_unit_stats',
  'opinion_unit_stats',
  'fund_unit_stats',
  'fund_home_stats',
  'township_coverage',
];
const SUMMARY_MAX_AGE_MS = 5 * 60_000;

async function refreshViews(db: Db, views: string[]) {
  for (const view of views) await sql`refresh materialized view concurrently ${sql.id(view)}`.execute(db);
}

async function stamp(db: Db, name: string) {
  const row = await db
    .insertInto('statsRefreshes')
    .values({ name, refreshedAt: new Date() })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ refreshedAt: eb.ref('excluded.refreshedAt') })),
    )
    .returning('refreshedAt')
    .executeTakeFirstOrThrow();
  return row.refreshedAt;
}

let summariesRunning: Promise<void> | null = null;

/**
 * Refreshes the small summaries once, whoever asks: within this process one run at a time, across
 * instances one holder of the advisory lock (the others skip). Errors are logged by the caller's
 * process, never thrown at a reader.
 */
function refreshSummariesInBackground(db: Db): Promise<void> {
  summariesRunning ??= (async () => {
    try {
      await db.connection().execute(async (conn) => {
        const lock = await sql<{
          ok: boolean;
        }>`select pg_try_advisory_lock(hashtext('dashboard-summaries')) as ok`.execute(conn);
        if (!lock.rows[0]?.ok) return;
        try {
          await refreshViews(conn, SUMMARIES);
          await stamp(conn, 'summaries');
        } finally {
          await sql`select pg_advisory_unlock(hashtext('dashboard-summaries'))`.execute(conn);
        }
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

/** Held activities of each month of the year, in all and by kind and by function. */
function heldByMonth(year: number, rows: { month: string; kind: string; function: string; held: number }[]) {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return months.map((month) => {
    const of = rows.filter((r) => r.month === month);
    const byKind: Record<string, number> = {};
    const byFunction: Record<string, number> = {};
    for (const r of of) {
      byKind[r.kind] = (byKind[r.kind] ?? 0) + r.held;
      byFunction[r.function] = (byFunction[r.function] ?? 0) + r.held;
    }
    return { month, held: of.reduce((sum, r) => sum + r.held, 0), byKind, byFunction };
  });
}
