import { sql } from 'kysely';
import type { Db, FundUnitStatsView, HomeUnitStatsView, OpinionUnitStatsView } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { UNANSWERED_STATUSES } from '../../domain/opinion-workflow.js';
import { homeScope } from '../homes/policy.js';
import { documentOfHome } from '../operations/repo/plans-summaries.js';
import { opinionScope } from '../opinions/policy.js';
import type { DashboardScope } from './policy.js';

/** `column in units` unless the scope is everything. */
function inScope(scope: DashboardScope, column: ReturnType<typeof sql.ref>) {
  if (scope.all) return sql<boolean>`true`;
  if (scope.units.length === 0) return sql<boolean>`false`;
  return sql<boolean>`${column} in (${sql.join(scope.units)})`;
}

// ---- the dashboard of units: the per-unit summaries ----

/** The units of a scope that is not everything, in their order. */
export function unitsOf(db: Db, units: string[]) {
  return db
    .selectFrom('orgUnits')
    .select(['id', 'name', 'kind'])
    .where('id', 'in', units.length ? units : ['-'])
    .orderBy('sort')
    .execute();
}

export function statsRefreshes(db: Db) {
  return db.selectFrom('statsRefreshes').select(['name', 'refreshedAt']).execute();
}

/** Homes by status and kind with the two quarters' compliance counts, from the per-unit summary. */
export type HomeUnitRow = Omit<HomeUnitStatsView, 'ownerUnitId'>;

export async function homeUnitRows(db: Db, scope: DashboardScope) {
  const rows = await sql<HomeUnitRow>`
    select status, kind, sum(homes)::int as homes, sum(operating_now)::int as operating_now,
      sum(met_now)::int as met_now, sum(operating_prev)::int as operating_prev, sum(met_prev)::int as met_prev,
      min(quarter)::text as quarter
    from home_unit_stats
    where ${inScope(scope, sql.ref('owner_unit_id'))}
    group by status, kind`.execute(db);
  return rows.rows;
}

export async function coverageCounts(db: Db, scope: DashboardScope) {
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

/** A row of held activities: a month, a kind and a function. */
export interface HeldRow {
  month: string;
  kind: string;
  function: string;
  held: number;
  citizens: string;
}

export async function activityMonthRows(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<HeldRow>`
    select to_char(month, 'YYYY-MM') as month, kind, function, sum(held)::int as held, sum(citizens)::text as citizens
    from activity_month_stats
    where month >= ${`${year}-01-01`}::date and month < ${`${year + 1}-01-01`}::date
      and ${inScope(scope, sql.ref('owner_unit_id'))}
    group by 1, kind, function`.execute(db);
  return rows.rows;
}

export type OpinionCounts = Omit<OpinionUnitStatsView, 'ownerUnitId' | 'year'>;

export async function opinionUnitCounts(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<OpinionCounts>`
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

/** Sums of fen, as int8 text. */
export type FundSums = Omit<FundUnitStatsView, 'ownerUnitId' | 'year'>;

export async function fundUnitSums(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<FundSums>`
    select coalesce(sum(allocated), 0)::text as allocated, coalesce(sum(spent), 0)::text as spent,
      coalesce(sum(pending), 0)::text as pending
    from fund_unit_stats
    where year = ${year} and ${inScope(scope, sql.ref('owner_unit_id'))}`.execute(db);
  return rows.rows[0]!;
}

export interface GradeRow {
  year: number;
  grade: string;
  count: number;
}

export async function evaluationGradeRows(db: Db, scope: DashboardScope, year: number) {
  const rows = await sql<GradeRow>`
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
  return rows.rows;
}

// ---- the dashboard of a home director: their homes' own rows, counted live ----

/** A quarter as Beijing dates, `YYYY-MM-DD`, its end excluded. */
export interface DateRange {
  start: string;
  end: string;
}

const idList = (homeIds: string[]) => sql.join(homeIds.map((id) => sql`${id}::uuid`));

export function homesByIds(db: Db, homeIds: string[]) {
  return db
    .selectFrom('homes')
    .select(['id', 'name', 'status', 'kind'])
    .where(sql<boolean>`id in (${idList(homeIds)})`)
    .orderBy('name')
    .execute();
}

/** Of the homes, those operating by the end of each quarter, and of those the ones that held an activity in it. */
export async function homeQuarterCounts(db: Db, homeIds: string[], cur: DateRange, prev: DateRange) {
  // a quarter is met by a held activity the home hosted, starting inside it (Beijing dates)
  const heldIn = (q: DateRange) => sql<boolean>`exists (
    select 1 from activity_hosts ah join activities a on a.id = ah.activity_id
    where ah.home_id = h.id and a.status = 'held'
      and a.starts_at >= ${`${q.start}T00:00:00+08:00`}::timestamptz
      and a.starts_at < ${`${q.end}T00:00:00+08:00`}::timestamptz)`;
  const operatingBy = (end: string) =>
    sql<boolean>`h.status = 'operating' and (h.plaque_awarded_on is null or h.plaque_awarded_on < ${end}::date)`;
  const rows = await sql<{ operatingNow: number; metNow: number; operatingPrev: number; metPrev: number }>`
      select count(*) filter (where ${operatingBy(cur.end)})::int as operating_now,
        count(*) filter (where ${operatingBy(cur.end)} and ${heldIn(cur)})::int as met_now,
        count(*) filter (where ${operatingBy(prev.end)})::int as operating_prev,
        count(*) filter (where ${operatingBy(prev.end)} and ${heldIn(prev)})::int as met_prev
      from homes h where h.id in (${idList(homeIds)})`.execute(db);
  return rows.rows[0]!;
}

const yearStart = (year: number) => `${year}-01-01T00:00:00+08:00`;
const yearEnd = (year: number) => `${year + 1}-01-01T00:00:00+08:00`;

export async function homeActivityRows(db: Db, homeIds: string[], year: number) {
  const rows = await sql<HeldRow>`
      select to_char(a.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as month, a.kind, a.function,
        count(*)::int as held, coalesce(sum(a.citizen_count), 0)::text as citizens
      from activities a
      where a.status = 'held' and a.starts_at >= ${yearStart(year)}::timestamptz and a.starts_at < ${yearEnd(year)}::timestamptz
        and exists (select 1 from activity_hosts ah where ah.activity_id = a.id and ah.home_id in (${idList(homeIds)}))
      group by 1, a.kind, a.function`.execute(db);
  return rows.rows;
}

export async function homeOpinionCounts(db: Db, homeIds: string[], year: number) {
  const start = yearStart(year);
  const end = yearEnd(year);
  const rows = await sql<OpinionCounts>`
      select
        count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz)::int as received,
        count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
          and (decision->>'kind' in ('adopted', 'instructed') or decision ? 'level'))::int as adopted,
        count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
          and replied_at is not null)::int as replied,
        count(*) filter (where received_at >= ${start}::timestamptz and received_at < ${end}::timestamptz
          and status not in ('replied', 'closed'))::int as open,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '30 days')::int as overdue30,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '90 days')::int as overdue90
      from opinions where home_id in (${idList(homeIds)})`.execute(db);
  return rows.rows[0]!;
}

export async function homeFundSums(db: Db, homeIds: string[], year: number) {
  const rows = await sql<FundSums>`
      select
        coalesce(sum(amount_fen) filter (where kind = 'allocation' and status = 'approved'), 0)::text as allocated,
        coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'approved'), 0)::text as spent,
        coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status = 'pending'), 0)::text as pending
      from fund_entries where year = ${year} and home_id in (${idList(homeIds)})`.execute(db);
  return rows.rows[0]!;
}

export async function homeGradeRows(db: Db, homeIds: string[], year: number) {
  const ids = idList(homeIds);
  const rows = await sql<GradeRow>`
      with latest as (
        select max(r.year) as year from evaluation_rounds r join evaluation_homes eh on eh.round_id = r.id
        where r.year <= ${year} and r.status = 'published' and eh.home_id in (${ids})
      )
      select r.year, eh.grade, count(*)::int as count
      from evaluation_rounds r join evaluation_homes eh on eh.round_id = r.id
      where r.year = (select year from latest) and r.status = 'published' and eh.grade is not null
        and eh.home_id in (${ids})
      group by r.year, eh.grade`.execute(db);
  return rows.rows;
}

// ---- the summaries' refresh ----

/** Through `refresh_summary` (migration 0015): it runs as the views' owner, which the runtime role is not. */
export async function refreshViews(db: Db, views: string[]) {
  for (const view of views) await sql`select refresh_summary(${view})`.execute(db);
}

/** Records when a refresh finished; returns that time. */
export async function stamp(db: Db, name: string) {
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

/**
 * Runs `work` on one connection while it holds the summaries' advisory lock; when another
 * instance holds it, does nothing.
 */
export async function withSummariesLock(db: Db, work: (conn: Db) => Promise<void>) {
  await db.connection().execute(async (conn) => {
    const lock = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_lock(hashtext('dashboard-summaries')) as ok`.execute(conn);
    if (!lock.rows[0]?.ok) return;
    try {
      await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(hashtext('dashboard-summaries'))`.execute(conn);
    }
  });
}

// ---- the needs-attention list ----

const operatingHomes = (db: Db, actor: Actor) =>
  db.selectFrom('homes').where(homeScope(actor)).where('homes.status', '=', 'operating');

/** Operating homes in scope without the year's plan, with how many there are in all. */
export function homesWithoutPlan(db: Db, actor: Actor, year: number, limit: number) {
  return operatingHomes(db, actor)
    .select(['homes.id', 'homes.name', sql<number>`count(*) over ()`.as('total')])
    .where((eb) => eb.not(eb.exists(documentOfHome(eb, 'plan', year))))
    .orderBy('homes.name')
    .limit(limit)
    .execute();
}

/**
 * Operating homes in scope with a plaque awarded by `plaqueBy` (or none) that held no activity
 * in [start, end), with how many there are in all.
 */
export function homesWithoutActivity(
  db: Db,
  actor: Actor,
  range: { start: Date; end: Date; plaqueBy: string },
  limit: number,
) {
  return operatingHomes(db, actor)
    .select(['homes.id', 'homes.name', sql<number>`count(*) over ()`.as('total')])
    .where((eb) =>
      eb.or([eb('homes.plaqueAwardedOn', 'is', null), eb('homes.plaqueAwardedOn', '<=', range.plaqueBy)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('activityHosts')
            .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
            .select('activityHosts.homeId')
            .whereRef('activityHosts.homeId', '=', 'homes.id')
            .where('activities.status', '=', 'held')
            .where('activities.startsAt', '>=', range.start)
            .where('activities.startsAt', '<', range.end),
        ),
      ),
    )
    .orderBy('homes.name')
    .limit(limit)
    .execute();
}

/**
 * Opinions in scope still `received` and received before `acceptBefore`, or still unanswered and
 * received before `flagBefore`; oldest first, with how many there are in all.
 */
export function overdueOpinions(
  db: Db,
  actor: Actor,
  due: { acceptBefore: Date; flagBefore: Date },
  limit: number,
) {
  return db
    .selectFrom('opinions')
    .where(opinionScope(actor, 'opinions'))
    .where((eb) =>
      eb.or([
        eb.and([eb('opinions.status', '=', 'received'), eb('opinions.receivedAt', '<', due.acceptBefore)]),
        eb.and([
          eb('opinions.status', 'in', UNANSWERED_STATUSES),
          eb('opinions.receivedAt', '<', due.flagBefore),
        ]),
      ]),
    )
    .select([
      'opinions.id',
      'opinions.title',
      'opinions.status',
      'opinions.receivedAt',
      sql<number>`count(*) over ()`.as('total'),
    ])
    .orderBy('opinions.receivedAt')
    .limit(limit)
    .execute();
}

/** Homes in scope that have used 90 % of the year's allocation, with how many there are in all. */
export async function homesFundsLow(db: Db, actor: Actor, year: number, limit: number) {
  const rows = await sql<{ id: string; name: string; allocated: string; used: string; total: number }>`
      select h.id, h.name, f.allocated::text, f.used::text, count(*) over ()::int as total
      from fund_home_stats f join homes h on h.id = f.home_id
      where f.year = ${year} and f.allocated > 0 and f.used * 10 >= f.allocated * 9
        and h.id in (${db.selectFrom('homes').select('homes.id').where(homeScope(actor))})
      order by h.name
      limit ${limit}`.execute(db);
  return rows.rows;
}
