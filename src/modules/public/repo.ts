import { sql } from 'kysely';
import type { Db } from '../../db/schema.js';
import { likePattern } from '../../lib/sql.js';
import { pageOf } from '../../server/http.js';
import type { PublicHomesQuery } from '../opinions/schema.js';

/** The queries of what anyone may read without signing in. */

const DAY_MS = 86_400_000;

const operating = (db: Db) =>
  db
    .selectFrom('homes')
    .innerJoin('orgUnits', 'orgUnits.id', 'homes.ownerUnitId')
    .leftJoin('regions as township', (join) =>
      join.on('township.code', '=', sql<string>`left(homes.region_code, 9)`),
    )
    .leftJoin('regions as district', (join) =>
      join.on('district.code', '=', sql<string>`left(homes.region_code, 6)`),
    )
    .leftJoin('members as director', 'director.id', 'homes.directorMemberId')
    .where('homes.status', '=', 'operating');

const SUMMARY_COLUMNS = [
  'homes.id',
  'homes.name',
  'homes.nameMn',
  'homes.kind',
  'homes.level',
  'homes.brand',
  'homes.specialty',
  'homes.address',
  'homes.openingHours',
  'homes.online',
  'homes.onlineUrl',
  'homes.regionCode',
  'township.name as regionName',
  'district.name as districtName',
  'orgUnits.name as ownerUnitName',
  'director.name as directorName',
] as const;

/** One page of the operating homes the finder's filters choose. */
export function operatingHomesPage(db: Db, f: PublicHomesQuery) {
  let q = operating(db);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('homes.name', 'like', like),
        eb('homes.brand', 'like', like),
        eb('homes.address', 'like', like),
      ]),
    );
  }
  if (f.kind) q = q.where('homes.kind', '=', f.kind);
  if (f.level) q = q.where('homes.level', '=', f.level);
  if (f.ownerUnitId) q = q.where('homes.ownerUnitId', '=', f.ownerUnitId);
  // a district's code also finds the municipal homes located there
  if (f.regionCode) q = q.where('homes.regionCode', 'like', `${f.regionCode}%`);
  return pageOf(
    f,
    q
      .select(SUMMARY_COLUMNS)
      .orderBy('homes.level', 'desc')
      .orderBy('homes.regionCode')
      .orderBy('homes.name')
      .orderBy('homes.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (items) => items,
  );
}

/** An operating home with the ids of its director and deputy. */
export const operatingHome = (db: Db, id: string) =>
  operating(db)
    .select(SUMMARY_COLUMNS)
    .select(['homes.plaqueNo', 'homes.directorMemberId', 'homes.deputyMemberId'])
    .where('homes.id', '=', id)
    .executeTakeFirst();

const NO_MEMBER = '00000000-0000-0000-0000-000000000000';

/** A home's members, director and deputy, by name. */
export const homePeople = (
  db: Db,
  home: { id: string; directorMemberId: string | null; deputyMemberId: string | null },
) =>
  db
    .selectFrom('members')
    .select(['id', 'name', 'sector'])
    .where((eb) =>
      eb.or([
        eb('id', 'in', eb.selectFrom('homeMembers').select('memberId').where('homeId', '=', home.id)),
        eb('id', '=', home.directorMemberId ?? NO_MEMBER),
        eb('id', '=', home.deputyMemberId ?? NO_MEMBER),
      ]),
    )
    .orderBy('name')
    .execute();

/** The scheduled duty shifts of the next 30 days. */
export const comingShifts = (db: Db, homeId: string, now: Date) =>
  db
    .selectFrom('dutyShifts')
    .innerJoin('members', 'members.id', 'dutyShifts.memberId')
    .select(['dutyShifts.startsAt', 'dutyShifts.endsAt', 'members.name as memberName'])
    .where('dutyShifts.homeId', '=', homeId)
    .where('dutyShifts.status', '=', 'scheduled')
    .where('dutyShifts.endsAt', '>', now)
    .where('dutyShifts.startsAt', '<', new Date(now.getTime() + 30 * DAY_MS))
    .orderBy('dutyShifts.startsAt')
    .limit(60)
    .execute();

const hostedActivities = (db: Db, homeId: string) =>
  db
    .selectFrom('activities')
    .innerJoin('activityHosts', 'activityHosts.activityId', 'activities.id')
    .select(['activities.id', 'activities.title', 'activities.kind', 'activities.startsAt'])
    .where('activityHosts.homeId', '=', homeId);

/** The planned activities of the next 60 days. */
export const comingActivities = (db: Db, homeId: string, now: Date) =>
  hostedActivities(db, homeId)
    .where('activities.status', '=', 'planned')
    .where('activities.endsAt', '>', now)
    .where('activities.startsAt', '<', new Date(now.getTime() + 60 * DAY_MS))
    .select(['activities.endsAt', 'activities.place'])
    .orderBy('activities.startsAt')
    .limit(20)
    .execute();

/** The five latest activities held. */
export const heldActivities = (db: Db, homeId: string) =>
  hostedActivities(db, homeId)
    .where('activities.status', '=', 'held')
    .orderBy('activities.startsAt', 'desc')
    .limit(5)
    .execute();

/** The city's districts and townships. */
export const districtsAndTownships = (db: Db, city: string) =>
  db
    .selectFrom('regions')
    .select(['code', 'name', 'level', 'parentCode'])
    .where('level', 'in', ['district', 'township'])
    .where('code', 'like', `${city.slice(0, 4)}%`)
    .orderBy('code')
    .execute();

/** How many operating homes each township holds (by the first 9 digits of their region). */
export const operatingHomesByTownship = (db: Db) =>
  db
    .selectFrom('homes')
    .select([sql<string>`left(region_code, 9)`.as('code'), (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'operating')
    .where('regionCode', 'is not', null)
    .groupBy(sql`left(region_code, 9)`)
    .execute();

/** The sector groups, each with how many operating homes it owns. */
export const sectorGroupsWithHomes = (db: Db) =>
  db
    .selectFrom('orgUnits')
    .leftJoin('homes', (join) =>
      join.onRef('homes.ownerUnitId', '=', 'orgUnits.id').on('homes.status', '=', 'operating'),
    )
    .select(['orgUnits.id', 'orgUnits.name', (eb) => eb.fn.count<string>('homes.id').as('n')])
    .where('orgUnits.kind', '=', 'sector_group')
    .groupBy(['orgUnits.id', 'orgUnits.name'])
    .orderBy('orgUnits.id')
    .execute();

export const operatingHomesByKind = (db: Db) =>
  db
    .selectFrom('homes')
    .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
    .where('status', '=', 'operating')
    .groupBy('kind')
    .execute();

/** The latest revision of every round of the latest year with published evaluation results. */
export const latestPublications = (db: Db) =>
  db
    .selectFrom('evaluationPublications as p')
    .innerJoin('evaluationRounds as r', 'r.id', 'p.roundId')
    .innerJoin('orgUnits', 'orgUnits.id', 'r.ownerUnitId')
    .select([
      'r.id',
      'r.year',
      'r.level',
      'r.title',
      'orgUnits.name as ownerUnitName',
      'p.revision',
      'p.publishedAt',
      'p.results',
    ])
    .where('r.year', '=', (eb) =>
      eb
        .selectFrom('evaluationPublications')
        .innerJoin('evaluationRounds', 'evaluationRounds.id', 'evaluationPublications.roundId')
        .select((e) => e.fn.max('evaluationRounds.year').as('y')),
    )
    .where('p.revision', '=', (eb) =>
      eb
        .selectFrom('evaluationPublications as q')
        .select((e) => e.fn.max('q.revision').as('v'))
        .whereRef('q.roundId', '=', 'p.roundId'),
    )
    .orderBy('r.level', 'desc')
    .orderBy('orgUnits.name')
    .execute();

export const memberSectors = (db: Db, ids: string[]) =>
  db.selectFrom('members').select(['id', 'sector']).where('id', 'in', ids).execute();
