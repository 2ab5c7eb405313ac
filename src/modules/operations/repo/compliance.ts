import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { quarterRange, yearRange } from '../../../domain/calendar.js';
import { complianceScope } from '../policy.js';
import type { ComplianceQuery } from '../schema.js';
import { type DocumentKind, documentOfHome } from './plans-summaries.js';

/**
 * Held activities per home and quarter of a year, as a derived table: one aggregate over
 * activities × activity_hosts (a joint activity counts for each host).
 */
export function heldPerQuarter(db: Db, year: number) {
  const { start, end } = yearRange(year);
  const q2 = quarterRange(year, 2).start;
  const q3 = quarterRange(year, 3).start;
  const q4 = quarterRange(year, 4).start;
  return db
    .selectFrom('activityHosts')
    .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
    .select([
      'activityHosts.homeId',
      sql<number>`count(*) filter (where activities.starts_at < ${q2})::int`.as('q1'),
      sql<number>`count(*) filter (where activities.starts_at >= ${q2} and activities.starts_at < ${q3})::int`.as(
        'q2',
      ),
      sql<number>`count(*) filter (where activities.starts_at >= ${q3} and activities.starts_at < ${q4})::int`.as(
        'q3',
      ),
      sql<number>`count(*) filter (where activities.starts_at >= ${q4})::int`.as('q4'),
    ])
    .where('activities.status', '=', 'held')
    .where('activities.startsAt', '>=', start)
    .where('activities.startsAt', '<', end)
    .groupBy('activityHosts.homeId')
    .as('held');
}

/** The held activities of a home per quarter, from `heldPerQuarter` joined as `held`. */
export const heldColumns = [
  sql<number>`coalesce(held.q1, 0)`.as('q1'),
  sql<number>`coalesce(held.q2, 0)`.as('q2'),
  sql<number>`coalesce(held.q3, 0)`.as('q3'),
  sql<number>`coalesce(held.q4, 0)`.as('q4'),
] as const;

/**
 * The homes in the actor's compliance scope that operate (or are suspended), narrowed by the
 * filters, with their held activities per quarter of the year.
 */
export function complianceRows(db: Db, actor: Actor, year: number, f: Omit<ComplianceQuery, 'year'>) {
  let q = db
    .selectFrom('homes')
    .where(complianceScope(actor))
    .where('homes.status', 'in', ['operating', 'suspended']);
  if (f.kind) q = q.where('homes.kind', '=', f.kind);
  if (f.ownerUnitId) q = q.where('homes.ownerUnitId', '=', f.ownerUnitId);
  if (f.regionCode) q = q.where('homes.regionCode', 'like', `${f.regionCode}%`);
  return (
    q
      .leftJoin(heldPerQuarter(db, year), 'held.homeId', 'homes.id')
      .leftJoin('regions', 'regions.code', 'homes.regionCode')
      // a township's or village's banner/district, which names its place with it
      .leftJoin('regions as district', (join) =>
        join.on((eb) => eb('district.code', '=', sql<string>`left(${eb.ref('homes.regionCode')}, 6)`)),
      )
      .select([
        'homes.id',
        'homes.name',
        'homes.kind',
        'homes.level',
        'homes.ownerUnitId',
        'homes.regionCode',
        'homes.plaqueAwardedOn',
        'regions.name as regionName',
        'district.name as districtName',
        ...heldColumns,
      ])
      .orderBy('homes.level', 'desc')
      .orderBy('homes.ownerUnitId')
      .orderBy('homes.name')
      .orderBy('homes.id')
      .execute()
  );
}

/** The names of every org unit. */
export function orgUnitNames(db: Db) {
  return db.selectFrom('orgUnits').select(['id', 'name']).execute();
}

/** Operating homes in the actor's compliance scope without the year's plan (or summary). */
export function homesMissing(db: Db, actor: Actor, kind: DocumentKind, year: number) {
  return db
    .selectFrom('homes')
    .where(complianceScope(actor))
    .where('homes.status', '=', 'operating')
    .where((eb) => eb.not(eb.exists(documentOfHome(eb, kind, year))))
    .leftJoin('regions', 'regions.code', 'homes.regionCode')
    .leftJoin('members', 'members.id', 'homes.directorMemberId')
    .select([
      'homes.id as homeId',
      'homes.name',
      'homes.ownerUnitId',
      'regions.name as regionName',
      'members.name as directorName',
    ])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .execute();
}
