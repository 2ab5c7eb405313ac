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
//
// Each part is its first few rows, found by walking an index in the order the list shows them
// (migration 0019), and a count. The counts are what costs at national scale: each is kept to
// an index-only count or to a summary's rows, never a window over every matching row.

const operatingHomes = (db: Db, actor: Actor) =>
  db.selectFrom('homes').where(homeScope(actor)).where('homes.status', '=', 'operating');

const countOf = (n: string | number | null | undefined) => Number(n ?? 0);

/** The first operating homes in scope without the year's plan, by name. */
export function homesWithoutPlan(db: Db, actor: Actor, year: number, limit: number) {
  return operatingHomes(db, actor)
    .select(['homes.id', 'homes.name'])
    .where((eb) => eb.not(eb.exists(documentOfHome(eb, 'plan', year))))
    .orderBy('homes.name')
    .limit(limit)
    .execute();
}

/**
 * How many operating homes in scope lack the year's plan: all of them less those with one. Plans
 * are few and homes many, so two cheap counts instead of an anti-join over every home.
 */
export async function countHomesWithoutPlan(db: Db, actor: Actor, year: number) {
  const row = await db
    .selectNoFrom([
      operatingHomes(db, actor)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .as('operating'),
      operatingHomes(db, actor)
        .where((eb) => eb.exists(documentOfHome(eb, 'plan', year)))
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .as('planned'),
    ])
    .executeTakeFirstOrThrow();
  return countOf(row.operating) - countOf(row.planned);
}

/** A quarter for the at-risk part: its first Beijing day (as the summaries key it) and its last. */
export interface QuarterDays {
  /** YYYY-MM-DD, the first day */
  start: string;
  /** YYYY-MM-DD, the last day: a plaque awarded by then makes the home count */
  last: string;
}

/**
 * Operating homes in scope with a plaque awarded by the quarter's last day (or none) and no held
 * activity in the quarter, from `home_quarter_stats` (held activities per home and quarter, as
 * of its last refresh: five million activities cannot be searched per home on every request).
 */
function homesWithoutActivityIn(db: Db, actor: Actor, q: QuarterDays) {
  return operatingHomes(db, actor)
    .where((eb) =>
      eb.or([eb('homes.plaqueAwardedOn', 'is', null), eb('homes.plaqueAwardedOn', '<=', q.last)]),
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('homeQuarterStats as held')
            .select('held.homeId')
            .whereRef('held.homeId', '=', 'homes.id')
            // a row is there only for a quarter with a held activity
            .where('held.quarter', '=', q.start),
        ),
      ),
    );
}

/** The first homes in scope whose quarter is at risk, by name. */
export function homesWithoutActivity(db: Db, actor: Actor, q: QuarterDays, limit: number) {
  return homesWithoutActivityIn(db, actor, q)
    .select(['homes.id', 'homes.name'])
    .orderBy('homes.name')
    .limit(limit)
    .execute();
}

/**
 * How many homes in scope have their quarter at risk. For the homes of the units the actor's role
 * covers (every home, for the office) it is the dashboard's own figure, operating less met, summed
 * from the per-unit summary (taken from the same `home_quarter_stats`) while that is of this
 * quarter; the homes the actor sees besides (a member's own, a director's) are few and counted
 * from their rows.
 */
export async function countHomesWithoutActivity(db: Db, actor: Actor, scope: DashboardScope, q: QuarterDays) {
  const units = scope.all || scope.units.length ? await unitsWithoutActivity(db, scope, q) : null;
  if (units !== null && scope.all) return units;
  // the homes in scope the summary did not count: beyond the units, or all when it could not
  const homes = homesWithoutActivityIn(db, actor, q);
  const rest = units === null ? homes : homes.where('homes.ownerUnitId', 'not in', scope.units);
  const row = await rest.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return (units ?? 0) + countOf(row.n);
}

/** The units' homes whose quarter is at risk, from the per-unit summary; null when it holds no row of this quarter. */
async function unitsWithoutActivity(db: Db, scope: DashboardScope, q: QuarterDays) {
  const row = await db
    .selectFrom('homeUnitStats')
    .select((eb) => [
      eb.fn.countAll<string>().as('rows'),
      sql<string | null>`sum(operating_now - met_now)`.as('n'),
    ])
    .where('quarter', '=', q.start)
    .where(inScope(scope, sql.ref('owner_unit_id')))
    .executeTakeFirstOrThrow();
  return countOf(row.rows) > 0 ? countOf(row.n) : null;
}

/** When an opinion is overdue: still `received` after `acceptBefore`, or unanswered after `flagBefore`. */
export interface OpinionDue {
  acceptBefore: Date;
  flagBefore: Date;
}

/**
 * Opinions in scope still `received` and received before `acceptBefore`, or still unanswered and
 * received before `flagBefore` — the rule of the opinion queue `overdue`, written so that the index
 * of unanswered opinions serves it (a received opinion is an unanswered one).
 */
function overdueIn(db: Db, actor: Actor, due: OpinionDue) {
  return db
    .selectFrom('opinions')
    .where(opinionScope(actor, 'opinions'))
    .where('opinions.status', 'in', UNANSWERED_STATUSES)
    .where((eb) =>
      eb.or([
        eb.and([eb('opinions.status', '=', 'received'), eb('opinions.receivedAt', '<', due.acceptBefore)]),
        eb('opinions.receivedAt', '<', due.flagBefore),
      ]),
    );
}

/** The first overdue opinions in scope, oldest first. */
export function overdueOpinions(db: Db, actor: Actor, due: OpinionDue, limit: number) {
  return overdueIn(db, actor, due)
    .select(['opinions.id', 'opinions.title', 'opinions.status', 'opinions.receivedAt'])
    .orderBy('opinions.receivedAt')
    .limit(limit)
    .execute();
}

export async function countOverdueOpinions(db: Db, actor: Actor, due: OpinionDue) {
  const row = await overdueIn(db, actor, due)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return countOf(row.n);
}

/**
 * Homes in scope that have used 90 % of the year's allocation (from `fund_home_stats`, as of its
 * last refresh), with how many there are in all: few, so counted over the rows.
 */
export function homesFundsLow(db: Db, actor: Actor, year: number, limit: number) {
  return (
    db
      .selectFrom('fundHomeStats as f')
      .innerJoin('homes', 'homes.id', 'f.homeId')
      .where(homeScope(actor))
      .where('f.year', '=', year)
      // the predicate of fund_home_stats_low_idx, as it is written there
      .where(sql<boolean>`f.used * 10 >= f.allocated * 9 and f.allocated > 0`)
      .select([
        'homes.id',
        'homes.name',
        sql<string>`f.allocated::text`.as('allocated'),
        sql<string>`f.used::text`.as('used'),
        sql<number>`count(*) over ()::int`.as('total'),
      ])
      .orderBy('homes.name')
      .limit(limit)
      .execute()
  );
}
