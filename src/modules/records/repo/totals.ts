import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { likePattern } from '../../../lib/sql.js';
import { pageOf } from '../../../server/http.js';
import { memberScope } from '../../members/policy.js';
import type { DutyRecordsQuery } from '../schema.js';

/** Everyone's records of a year as the stored totals hold them. */

function recordsInScope(db: Db, actor: Actor, year: number, f: Partial<DutyRecordsQuery>) {
  let q = db
    .selectFrom('members')
    .innerJoin('orgUnits', 'orgUnits.id', 'members.orgUnitId')
    .leftJoin('dutyTotals', (join) =>
      join.onRef('dutyTotals.memberId', '=', 'members.id').on('dutyTotals.year', '=', year),
    )
    .where(memberScope(actor));
  if (f.q) q = q.where('members.name', 'like', likePattern(f.q));
  if (f.orgUnitId) q = q.where('members.orgUnitId', '=', f.orgUnitId);
  if (f.sectorGroupId) q = q.where('members.sectorGroupId', '=', f.sectorGroupId);
  return q;
}

/**
 * One page of the members in scope with their points for the year, highest first. Rank is among
 * all members of the year; equal points share a place.
 */
export function recordsPage(db: Db, actor: Actor, year: number, query: DutyRecordsQuery) {
  const q = recordsInScope(db, actor, year, query);
  return pageOf(
    query,
    q
      .select([
        'members.id as memberId',
        'members.name',
        'members.level',
        'members.orgUnitId',
        'orgUnits.name as orgUnitName',
        'members.sector',
        sql<number>`coalesce(duty_totals.points, 0)::int`.as('points'),
        sql<number>`coalesce(duty_totals.entries, 0)::int`.as('entries'),
        sql<number>`(select count(*) + 1 from duty_totals t where t.year = ${year}
          and t.points > coalesce(duty_totals.points, 0))::int`.as('rank'),
      ])
      .orderBy(sql`coalesce(duty_totals.points, 0)`, 'desc')
      .orderBy('members.name')
      .orderBy('members.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows,
  );
}
