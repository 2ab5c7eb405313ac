import { type RawBuilder, sql } from 'kysely';
import type { Db, DutyEntryTable } from '../../../db/schema.js';
import { yearRange } from '../../../domain/calendar.js';

/**
 * The duty record as one SQL query: every entry a member earned in a year from the sources
 * (attendance, opinions, proposals, research reports, problems), staff corrections applied, priced
 * by the ruleset in force for that year, then capped — per item, then per category — in date order.
 * Used for one member on the fly and for everyone when a year is rebuilt.
 */
export function entriesQuery(year: number, memberId: string | null): RawBuilder<EntryRow> {
  const { start, end } = yearRange(year);
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const only = (column: string) => (memberId ? sql`and ${sql.ref(column)} = ${memberId}::uuid` : sql``);
  const day = (column: string) => sql`(${sql.ref(column)} at time zone 'Asia/Shanghai')::date`;
  // one member's few attendances look their activities up one by one; a whole year joins them all
  const attended = memberId
    ? sql`cross join lateral (select * from activities x where x.id = at.activity_id limit 1) a`
    : sql`join activities a on a.id = at.activity_id`;
  return sql<EntryRow>`
    with ruleset as (
      select max(valid_from_year) as v from point_rulesets where valid_from_year <= ${year}
    ),
    src as (
      select at.member_id,
        case when a.kind = 'duty_day' then 'duty_shift_served' else 'activity_attended' end as item,
        'activity' as source_type, a.id::text as source_id, ${day('a.starts_at')} as occurred_on, a.title
      from attendance at ${attended}
      where a.status = 'held' and a.starts_at >= ${start} and a.starts_at < ${end} ${only('at.member_id')}
      union all
      select o.assigned_member_id, 'opinion_submitted', 'opinion', o.id::text, ${day('o.submitted_at')}, o.title
      from opinions o
      where o.assigned_member_id is not null and o.submitted_at >= ${start} and o.submitted_at < ${end}
        ${only('o.assigned_member_id')}
      union all
      select o.assigned_member_id,
        case s.action when 'adopt' then 'opinion_adopted' else 'opinion_instructed' end,
        'opinion', o.id::text, min(${day('s.at')}), o.title
      from opinion_steps s join opinions o on o.id = s.opinion_id
      where s.action in ('adopt', 'instruct') and s.at >= ${start} and s.at < ${end}
        and o.assigned_member_id is not null ${only('o.assigned_member_id')}
      group by o.assigned_member_id, s.action, o.id, o.title
      union all
      select pm.member_id,
        case pm.role when 'lead' then 'proposal_submitted' else 'proposal_cosigned' end,
        'proposal', p.id::text, p.submitted_on, p.title
      from proposal_members pm join proposals p on p.id = pm.proposal_id
      where p.submitted_on between ${first} and ${last} ${only('pm.member_id')}
      union all
      select pm.member_id, 'proposal_filed', 'proposal', p.id::text, coalesce(p.decided_on, p.submitted_on), p.title
      from proposal_members pm join proposals p on p.id = pm.proposal_id
      where p.status = 'filed' and pm.role = 'lead'
        and coalesce(p.decided_on, p.submitted_on) between ${first} and ${last} ${only('pm.member_id')}
      union all
      select rm.member_id, 'research_report', 'research_report', r.id::text, r.completed_on, r.title
      from research_report_members rm join research_reports r on r.id = rm.report_id
      where r.completed_on between ${first} and ${last} ${only('rm.member_id')}
      union all
      select cp.handler_member_id, 'problem_resolved', 'problem', cp.id::text, ${day('cp.resolved_at')}, cp.title
      from citizen_problems cp
      where cp.status = 'resolved' and cp.handler_member_id is not null
        and cp.resolved_at >= ${start} and cp.resolved_at < ${end} ${only('cp.handler_member_id')}
      union all
      select u.member_id, 'training_attended', 'training', tr.id::text, ${day('tr.starts_at')}, tr.title
      from training_enrolments te join trainings tr on tr.id = te.training_id join users u on u.id = te.user_id
      where te.attended_at is not null and tr.status <> 'cancelled' and u.member_id is not null
        and tr.starts_at >= ${start} and tr.starts_at < ${end} ${only('u.member_id')}
    ),
    adj as (
      -- the latest correction of each entry; an added entry is its own source
      select distinct on (member_id, item, coalesce(source_id, id::text))
        id, member_id, item, coalesce(source_id, 'adj:' || id::text) as source_id, source_id is null as added,
        title, occurred_on, points
      from duty_adjustments
      where year = ${year} and revoked_at is null ${only('member_id')}
      order by member_id, item, coalesce(source_id, id::text), created_at desc
    ),
    merged as (
      select s.member_id, s.item, s.source_type, s.source_id, s.occurred_on, s.title,
        a.id as adjustment_id, a.points as adjusted_points
      from src s
      left join adj a on not a.added and a.member_id = s.member_id and a.item = s.item and a.source_id = s.source_id
      union all
      select a.member_id, a.item, 'adjustment', a.source_id, a.occurred_on, a.title, a.id, a.points
      from adj a where a.added
    ),
    priced as (
      select m.*, r.category, coalesce(m.adjusted_points, r.points) as raw_points,
        r.cap as item_cap, c.cap as category_cap
      from merged m
      join point_rules r on r.valid_from_year = (select v from ruleset) and r.item = m.item
      join point_categories c on c.valid_from_year = r.valid_from_year and c.category = r.category
    ),
    item_capped as (
      select *, greatest(0, least(raw_points,
          coalesce(item_cap, 2147483647) - (sum(raw_points) over by_item - raw_points)))::int as after_item
      from priced
      window by_item as (partition by member_id, item order by occurred_on, source_id
        rows between unbounded preceding and current row)
    )
    select member_id, item, category, source_type, source_id, occurred_on::text as occurred_on, title,
      raw_points, adjustment_id,
      greatest(0, least(after_item,
        coalesce(category_cap, 2147483647) - (sum(after_item) over by_category - after_item)))::int as points
    from item_capped
    window by_category as (partition by member_id, category order by occurred_on, item, source_id
      rows between unbounded preceding and current row)
    order by occurred_on, item, source_id`;
}

/** An entry as the query computes it: what the year's stored entries hold. */
export type EntryRow = Omit<DutyEntryTable, 'year'>;

/** One member's entries of a year as the sources make them now. */
export async function liveEntries(db: Db, year: number, memberId: string): Promise<EntryRow[]> {
  const { rows } = await entriesQuery(year, memberId).execute(db);
  return rows;
}

/** One member's entries of a year as they were stored (a closed year is frozen so). */
export function storedEntries(db: Db, year: number, memberId: string): Promise<EntryRow[]> {
  return db
    .selectFrom('dutyEntries')
    .select([
      'memberId',
      'item',
      'category',
      'sourceType',
      'sourceId',
      sql<string>`occurred_on::text`.as('occurredOn'),
      'title',
      'rawPoints',
      'points',
      'adjustmentId',
    ])
    .where('year', '=', year)
    .where('memberId', '=', memberId)
    .orderBy('occurredOn')
    .orderBy('item')
    .orderBy('sourceId')
    .execute();
}

/** Stores the entries of a year as the query computes them: everyone's, or one member's. */
const insertEntries = (year: number, memberId: string | null) => sql`
  insert into duty_entries (year, member_id, item, category, source_type, source_id, occurred_on, title,
    raw_points, points, adjustment_id)
  select ${year}, e.member_id, e.item, e.category, e.source_type, e.source_id, e.occurred_on::date, e.title,
    e.raw_points, e.points, e.adjustment_id
  from (${entriesQuery(year, memberId)}) e`;

/** Stores the totals of a year from its stored entries: everyone's, or one member's. */
const insertTotals = (year: number, memberId: string | null) => sql`
  insert into duty_totals (year, member_id, points, entries)
  select year, member_id, sum(points), count(*) from duty_entries
  where year = ${year} ${memberId ? sql`and member_id = ${memberId}::uuid` : sql``} group by year, member_id`;

/**
 * Replaces every member's stored entries and totals of a year and notes when it was computed;
 * returns how many members and entries it now holds (counted in SQL).
 */
export async function rebuildYear(db: Db, year: number) {
  await db.deleteFrom('dutyEntries').where('year', '=', year).execute();
  const entries = await sql<{ n: string }>`
    with inserted as (${insertEntries(year, null)}
      returning 1
    )
    select count(*) as n from inserted`.execute(db);
  await db.deleteFrom('dutyTotals').where('year', '=', year).execute();
  const members = await sql<{ n: string }>`
    with inserted as (${insertTotals(year, null)}
      returning 1
    )
    select count(*) as n from inserted`.execute(db);
  await db.updateTable('dutyYears').set({ computedAt: sql`now()` }).where('year', '=', year).execute();
  return { members: members.rows[0]!.n, entries: entries.rows[0]!.n };
}

/** Replaces one member's stored entries and total of a year. */
export async function rebuildMember(db: Db, year: number, memberId: string) {
  await db.deleteFrom('dutyEntries').where('year', '=', year).where('memberId', '=', memberId).execute();
  await insertEntries(year, memberId).execute(db);
  await db.deleteFrom('dutyTotals').where('year', '=', year).where('memberId', '=', memberId).execute();
  await insertTotals(year, memberId).execute(db);
}
