import { sql } from 'kysely';
import {
  beijingDate,
  quarterDueOn,
  quarterOf,
  quarterRange,
  yearOf,
  yearRange,
} from '../../domain/calendar.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import { hasRole, scopesOf } from '../../server/actor.js';
import type { Actor, Db } from '../../server/types.js';

/**
 * The dashboards (R24, R27): one query set, filtered to the units the actor's role covers — the
 * office sees the whole city, a vice chair the committees and districts they supervise, a district
 * CPPCC its district, committee staff their unit. The scope is never a parameter.
 *
 * Activity figures come from two materialised views (activity_month_stats, home_quarter_stats),
 * refreshed concurrently — readers never wait — by the hourly job and on the office's demand;
 * everything else is read live through indexes.
 */

export interface DashboardScope {
  all: boolean;
  units: string[];
}

export function dashboardScope(actor: Actor): DashboardScope {
  if (hasRole(actor, 'office_admin')) return { all: true, units: [] };
  const units = [
    ...scopesOf(actor, 'vice_chair'),
    ...scopesOf(actor, 'district_staff'),
    ...scopesOf(actor, 'committee_staff'),
  ];
  return { all: false, units: [...new Set(units)] };
}

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

async function homesFigures(db: Db, scope: DashboardScope) {
  const rows = await sql<{ status: string; kind: string; count: number }>`
    select status, kind, count(*)::int as count from homes
    where ${inScope(scope, sql.ref('owner_unit_id'))}
    group by status, kind`.execute(db);
  const sum = (key: 'status' | 'kind') => {
    const m = new Map<string, number>();
    for (const r of rows.rows) m.set(r[key], (m.get(r[key]) ?? 0) + r.count);
    return [...m.entries()].map(([k, count]) => ({ [key]: k, count })) as Array<
      { count: number } & Record<typeof key, string>
    >;
  };
  return {
    total: rows.rows.reduce((s, r) => s + r.count, 0),
    byStatus: sum('status') as Array<{ status: string; count: number }>,
    byKind: sum('kind') as Array<{ kind: string; count: number }>,
  };
}

async function coverageFigures(db: Db, scope: DashboardScope) {
  const groups = await sql<{ total: number; covered: number }>`
    select count(*)::int as total,
      count(*) filter (where exists (select 1 from homes h where h.owner_unit_id = ou.id
        and h.kind = 'sector_group' and h.status = 'operating'))::int as covered
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
    select count(*)::int as total,
      count(*) filter (where exists (select 1 from homes h where h.kind in ('township', 'village')
        and h.status = 'operating' and left(h.region_code, 9) = r.code))::int as covered
    from regions r
    where r.level = 'township' and not r.is_dev_zone
      and ${districts === null ? sql`true` : districts.length ? sql`r.parent_code in (${sql.join(districts)})` : sql`false`}`.execute(
    db,
  );
  return { sectorGroups: groups.rows[0]!, townships: townships.rows[0]! };
}

async function complianceFigures(db: Db, scope: DashboardScope, now: Date) {
  const year = yearOf(now);
  const { quarter } = quarterOf(now);
  const current = quarterRange(year, quarter);
  const prevYear = quarter === 1 ? year - 1 : year;
  const prevQuarter = (quarter === 1 ? 4 : quarter - 1) as 1 | 2 | 3 | 4;
  const previous = quarterRange(prevYear, prevQuarter);
  const daysLeft = (current.end.getTime() - now.getTime()) / 86_400_000;
  const key = (d: Date) => beijingDate(d);
  const rows = await sql<{ operating: number; met: number; prevOperating: number; prevMet: number }>`
    select
      count(*) filter (where h.plaque_awarded_on is null or h.plaque_awarded_on <= ${quarterDueOn(year, quarter)}::date)::int as operating,
      count(*) filter (where (h.plaque_awarded_on is null or h.plaque_awarded_on <= ${quarterDueOn(year, quarter)}::date)
        and exists (select 1 from home_quarter_stats s where s.home_id = h.id and s.quarter = ${key(current.start)}::date and s.held > 0))::int as met,
      count(*) filter (where h.plaque_awarded_on is null or h.plaque_awarded_on <= ${quarterDueOn(prevYear, prevQuarter)}::date)::int as prev_operating,
      count(*) filter (where (h.plaque_awarded_on is null or h.plaque_awarded_on <= ${quarterDueOn(prevYear, prevQuarter)}::date)
        and exists (select 1 from home_quarter_stats s where s.home_id = h.id and s.quarter = ${key(previous.start)}::date and s.held > 0))::int as prev_met
    from homes h
    where h.status = 'operating' and ${inScope(scope, sql.ref('h.owner_unit_id'))}`.execute(db);
  const r = rows.rows[0]!;
  const notYet = r.operating - r.met;
  return {
    quarter: `${year}-Q${quarter}`,
    operating: r.operating,
    met: r.met,
    atRisk: daysLeft <= AT_RISK_DAYS ? notYet : 0,
    open: daysLeft <= AT_RISK_DAYS ? 0 : notYet,
    previousQuarter: {
      quarter: `${prevYear}-Q${prevQuarter}`,
      operating: r.prevOperating,
      met: r.prevMet,
      missed: r.prevOperating - r.prevMet,
    },
  };
}

async function activityFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{ month: string; kind: string; function: string; held: number; citizens: string }>`
    select to_char(month, 'YYYY-MM') as month, kind, function, sum(held)::int as held, sum(citizens)::text as citizens
    from activity_month_stats
    where month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date
      and ${inScope(scope, sql.ref('owner_unit_id'))}
    group by 1, kind, function`.execute(db);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const byMonth = months.map((month) => {
    const of = rows.rows.filter((r) => r.month === month);
    const byKind: Record<string, number> = {};
    const byFunction: Record<string, number> = {};
    for (const r of of) {
      byKind[r.kind] = (byKind[r.kind] ?? 0) + r.held;
      byFunction[r.function] = (byFunction[r.function] ?? 0) + r.held;
    }
    return { month, held: of.reduce((s, r) => s + r.held, 0), byKind, byFunction };
  });
  return {
    held: byMonth.reduce((s, m) => s + m.held, 0),
    citizens: rows.rows.reduce((s, r) => s + Number(r.citizens), 0),
    byMonth,
  };
}

async function opinionFigures(db: Db, scope: DashboardScope, year: number, now: Date) {
  const { start, end } = yearRange(year);
  const day = 86_400_000;
  const unanswered = sql`status not in ('replied', 'closed')`;
  const rows = await sql<{
    received: number;
    adopted: number;
    replied: number;
    open: number;
    overdue30: number;
    overdue90: number;
  }>`
    select
      count(*) filter (where received_at >= ${start} and received_at < ${end})::int as received,
      count(*) filter (where received_at >= ${start} and received_at < ${end}
        and (decision->>'kind' in ('adopted', 'instructed') or decision ? 'level'))::int as adopted,
      count(*) filter (where received_at >= ${start} and received_at < ${end} and replied_at is not null)::int as replied,
      count(*) filter (where received_at >= ${start} and received_at < ${end} and ${unanswered})::int as open,
      count(*) filter (where ${unanswered} and received_at < ${new Date(now.getTime() - 30 * day)})::int as overdue30,
      count(*) filter (where ${unanswered} and received_at < ${new Date(now.getTime() - 90 * day)})::int as overdue90
    from opinions
    where ${inScope(scope, sql.ref('owner_unit_id'))}`.execute(db);
  return rows.rows[0]!;
}

async function fundFigures(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<{ allocated: string; spent: string; pending: string }>`
    select
      coalesce(sum(e.amount_fen) filter (where e.kind = 'allocation' and e.status = 'approved'), 0)::text as allocated,
      coalesce(sum(e.amount_fen) filter (where e.kind = 'expenditure' and e.status = 'approved'), 0)::text as spent,
      coalesce(sum(e.amount_fen) filter (where e.kind = 'expenditure' and e.status = 'pending'), 0)::text as pending
    from fund_entries e join homes h on h.id = e.home_id
    where e.year = ${year} and ${inScope(scope, sql.ref('h.owner_unit_id'))}`.execute(db);
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
  const [units, refreshed, homes, coverage, compliance, activities, opinions, funds, evaluation] =
    await Promise.all([
      scope.all
        ? Promise.resolve([])
        : db
            .selectFrom('orgUnits')
            .select(['id', 'name', 'kind'])
            .where('id', 'in', scope.units.length ? scope.units : ['-'])
            .orderBy('sort')
            .execute(),
      db
        .selectFrom('statsRefreshes')
        .select('refreshedAt')
        .where('name', '=', 'dashboard')
        .executeTakeFirst(),
      homesFigures(db, scope),
      coverageFigures(db, scope),
      complianceFigures(db, scope, now),
      activityFigures(db, scope, y),
      opinionFigures(db, scope, y, now),
      fundFigures(db, scope, y),
      evaluationFigures(db, scope, y),
    ]);
  return {
    year: y,
    scope: { all: scope.all, units },
    statsRefreshedAt: refreshed ? refreshed.refreshedAt.toISOString() : null,
    homes,
    coverage,
    compliance,
    activities,
    opinions,
    funds,
    evaluation,
    definitions: DEFINITIONS,
  };
}

/**
 * Rebuilds the activity summaries without blocking readers (`refresh … concurrently`). The hourly
 * job claims its hour first, so of several instances one refreshes.
 */
export async function refreshStats(db: Db): Promise<{ refreshedAt: string; ms: number }> {
  const started = performance.now();
  await sql`refresh materialized view concurrently activity_month_stats`.execute(db);
  await sql`refresh materialized view concurrently home_quarter_stats`.execute(db);
  const row = await db
    .insertInto('statsRefreshes')
    .values({ name: 'dashboard', refreshedAt: new Date() })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({ refreshedAt: eb.ref('excluded.refreshedAt') })),
    )
    .returning('refreshedAt')
    .executeTakeFirstOrThrow();
  return { refreshedAt: row.refreshedAt.toISOString(), ms: Math.round(performance.now() - started) };
}

export async function refreshStatsHourly(db: Db, now: Date) {
  const period = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 13);
  const claim = await db
    .insertInto('jobRuns')
    .values({ job: 'stats', period })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .returning('period')
    .executeTakeFirst();
  if (!claim) return { claimed: false };
  const result = await refreshStats(db);
  await db
    .updateTable('jobRuns')
    .set({ finishedAt: sql`now()` })
    .where('job', '=', 'stats')
    .where('period', '=', period)
    .execute();
  return { claimed: true, ...result };
}
