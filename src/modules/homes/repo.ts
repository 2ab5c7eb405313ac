import { type Insertable, sql, type Updateable } from 'kysely';
import type { HomeTable, HomeTransitionTable } from '../../db/schema.js';
import { IN_PROGRESS_STATUSES } from '../../domain/home-workflow.js';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { homeScope } from './policy.js';
import type { ListHomesQuery } from './schema.js';

const HOME_COLUMNS = [
  'homes.id',
  'homes.name',
  'homes.nameMn',
  'homes.nameMnReviewed',
  'homes.kind',
  'homes.online',
  'homes.level',
  'homes.ownerUnitId',
  'homes.regionCode',
  'homes.brand',
  'homes.specialty',
  'homes.address',
  'homes.venueType',
  'homes.sharedWith',
  'homes.equipment',
  'homes.onlineUrl',
  'homes.openingHours',
  'homes.status',
  'homes.plaqueNo',
  'homes.plaqueAwardedOn',
  'homes.approvedOn',
  'homes.directorMemberId',
  'homes.deputyMemberId',
] as const;

/** The homes an actor may see, narrowed by the list's filters; the scope is part of the SQL. */
type HomeFilters = Partial<Omit<ListHomesQuery, 'page' | 'pageSize'>> & { id?: string };

function filteredHomes(db: Db, actor: Actor, f: HomeFilters) {
  let q = db.selectFrom('homes').where(homeScope(actor));
  if (f.id) q = q.where('homes.id', '=', f.id);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) => eb.or([eb('homes.name', 'like', like), eb('homes.brand', 'like', like)]));
  }
  if (f.kind) q = q.where('homes.kind', '=', f.kind);
  if (f.level) q = q.where('homes.level', '=', f.level);
  if (f.status) q = q.where('homes.status', '=', f.status);
  if (f.ownerUnitId) q = q.where('homes.ownerUnitId', '=', f.ownerUnitId);
  // a district or township code matches everything below it
  if (f.regionCode) q = q.where('homes.regionCode', 'like', `${f.regionCode}%`);
  if (f.memberId) {
    const id = f.memberId;
    q = q.where((eb) =>
      eb.or([
        eb(sql`homes.director_member_id::text`, '=', id),
        eb(sql`homes.deputy_member_id::text`, '=', id),
        eb(
          'homes.id',
          'in',
          eb.selectFrom('homeMembers').select('homeId').where(sql`member_id::text`, '=', id),
        ),
      ]),
    );
  }
  return q;
}

/**
 * One page of homes with the names a list shows. The page is chosen first (an index serves the
 * order), and only its rows are joined to regions, directors and members.
 */
async function homesPage(db: Db, actor: Actor, f: HomeFilters, limit: number, offset: number) {
  const page = filteredHomes(db, actor, f)
    .select([...HOME_COLUMNS, sql<number>`count(*) over ()::int`.as('fullCount')])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .limit(limit)
    .offset(offset)
    .as('homes');
  // Scalar lookups by primary key: the page is small, and a join would scan every member.
  const found = await db
    .selectFrom(page)
    .selectAll('homes')
    .select([
      sql<string | null>`(select r.name from regions r where r.code = homes.region_code)`.as('regionName'),
      sql<string | null>`(select d.name from members d where d.id = homes.director_member_id)`.as(
        'directorName',
      ),
      // a joined string parses faster than a PostgreSQL array
      sql<
        string | null
      >`(select string_agg(m.member_id::text, ',' order by m.member_id) from home_members m where m.home_id = homes.id)`.as(
        'memberIdList',
      ),
    ])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .execute();
  // completed in place: a copy of each wide row without the two helper columns costs more than
  // the query's own decoding, and the response schema writes only the Home's fields anyway
  const rows = found as Array<(typeof found)[number] & { memberIds: string[] }>;
  for (const row of rows) row.memberIds = row.memberIdList ? row.memberIdList.split(',') : [];
  return { rows, total: found[0]?.fullCount ?? 0 };
}

/** A page and the total in one round trip; a page past the end needs a count of its own. */
export async function findHomes(db: Db, actor: Actor, f: ListHomesQuery) {
  const { rows, total } = await homesPage(db, actor, f, f.pageSize, offsetOf(f));
  if (rows.length > 0) return { rows, total };
  const counted = await filteredHomes(db, actor, f)
    .select(sql<number>`count(*)::int`.as('total'))
    .executeTakeFirstOrThrow();
  return { rows, total: counted.total };
}

/** A home as the API and the audit trail know it (a list's rows carry two helper columns more). */
export type HomeRow = Omit<
  Awaited<ReturnType<typeof homesPage>>['rows'][number],
  'memberIdList' | 'fullCount'
>;

export async function findHome(db: Db, actor: Actor, id: string): Promise<HomeRow | undefined> {
  const { rows } = await homesPage(db, actor, { id }, 1, 0);
  if (!rows[0]) return undefined;
  const { memberIdList: _list, fullCount: _count, ...home } = rows[0];
  return home;
}

export async function replaceHomeMembers(db: Db, homeId: string, memberIds: string[]) {
  await db.deleteFrom('homeMembers').where('homeId', '=', homeId).execute();
  if (memberIds.length) {
    await db
      .insertInto('homeMembers')
      .values(memberIds.map((memberId) => ({ homeId, memberId })))
      .execute();
  }
}

export function homeMembersOf(db: Db, home: HomeRow) {
  return db
    .selectFrom('members')
    .select(['id', 'name', 'sector'])
    .where('id', 'in', home.memberIds.length ? home.memberIds : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('name')
    .execute();
}

/** The years whose plan and whose summary the home has submitted, earliest first. */
export async function documentYearsOf(db: Db, homeId: string) {
  const [plans, summaries] = await Promise.all([
    db.selectFrom('homePlans').select('year').where('homeId', '=', homeId).orderBy('year').execute(),
    db.selectFrom('homeSummaries').select('year').where('homeId', '=', homeId).orderBy('year').execute(),
  ]);
  return { plans: plans.map((r) => r.year), summaries: summaries.map((r) => r.year) };
}

/** Up to three homes, other than `excludeId`, whose brand is the same (ignoring case) within a district, or among municipal homes. */
export function homesWithBrand(
  db: Db,
  home: { brand: string; level: string; ownerUnitId: string; excludeId?: string },
) {
  let q = db
    .selectFrom('homes')
    .select(['name'])
    .where(sql`lower(brand)`, '=', home.brand.toLowerCase())
    .where('status', 'not in', ['rejected', 'closed']);
  q =
    home.level === 'district'
      ? q.where('ownerUnitId', '=', home.ownerUnitId)
      : q.where('level', '=', 'municipal');
  if (home.excludeId) q = q.where('id', '!=', home.excludeId);
  return q.limit(3).execute();
}

export function findOrgUnit(db: Db, id: string) {
  return db.selectFrom('orgUnits').select(['kind', 'regionCode']).where('id', '=', id).executeTakeFirst();
}

export function findRegion(db: Db, code: string) {
  return db.selectFrom('regions').select(['level']).where('code', '=', code).executeTakeFirst();
}

export function membersWithGroup(db: Db, ids: string[]) {
  return db.selectFrom('members').select(['id', 'sectorGroupId']).where('id', 'in', ids).execute();
}

/** Where a member sits: the level and unit a studio of theirs belongs to. */
export function memberPlacement(db: Db, memberId: string) {
  return db
    .selectFrom('members')
    .select(['level', 'orgUnitId'])
    .where('id', '=', memberId)
    .executeTakeFirstOrThrow();
}

export async function insertHome(db: Db, values: Insertable<HomeTable>) {
  const { id } = await db.insertInto('homes').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Changes a home's columns and its `updatedAt`; with `fromStatus`, only while the home is still in
 * that status. Answers how many rows changed.
 */
export async function setHome(db: Db, id: string, changes: Updateable<HomeTable>, fromStatus?: string) {
  let q = db
    .updateTable('homes')
    .set({ ...changes, updatedAt: sql`now()` })
    .where('id', '=', id);
  if (fromStatus !== undefined) q = q.where('status', '=', fromStatus);
  const updated = await q.executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export async function insertHomeTransition(db: Db, values: Insertable<HomeTransitionTable>) {
  const { id } = await db
    .insertInto('homeTransitions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The home already holding a plaque number. */
export function plaqueHolder(db: Db, plaqueNo: string) {
  return db.selectFrom('homes').select('name').where('plaqueNo', '=', plaqueNo).executeTakeFirst();
}

/** Ties a home's loose attachments to a step; answers how many were tied. */
export async function linkAttachments(db: Db, homeId: string, transitionId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  const linked = await db
    .updateTable('attachments')
    .set({ transitionId })
    .where('id', 'in', ids)
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .where('transitionId', 'is', null)
    .executeTakeFirst();
  return Number(linked.numUpdatedRows);
}

export function homeTransitions(db: Db, homeId: string) {
  return db
    .selectFrom('homeTransitions')
    .select(['id', 'action', 'fromStatus', 'toStatus', 'actorId', 'actorName', 'at', 'comment', 'data'])
    .where('homeId', '=', homeId)
    .orderBy('id')
    .execute();
}

/** The attachments tied to a step of the home's procedure. */
export function transitionAttachments(db: Db, homeId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'createdAt', 'transitionId'])
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .where('transitionId', 'is not', null)
    .execute();
}

export function homeAttachments(db: Db, homeId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'createdAt'])
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .orderBy('createdAt')
    .execute();
}

// Coverage (R7, §4.1)

const IN_PROGRESS = sql.join(IN_PROGRESS_STATUSES.map((s) => sql.lit(s)));

/** Each sector group with its sector-group homes operating and in progress. */
export async function sectorGroupCoverage(db: Db) {
  const { rows } = await sql<{ orgUnitId: string; name: string; operating: number; inProgress: number }>`
    select ou.id as org_unit_id, ou.name,
      count(h.id) filter (where h.status = 'operating')::int as operating,
      count(h.id) filter (where h.status in (${IN_PROGRESS}))::int as in_progress
    from org_units ou
    left join homes h on h.owner_unit_id = ou.id and h.kind = 'sector_group'
    where ou.kind = 'sector_group'
    group by ou.id, ou.name, ou.sort
    order by ou.sort`.execute(db);
  return rows;
}

/** Each township (development zones aside) with its township and village homes operating and in progress. */
export async function townshipCoverage(db: Db) {
  const { rows } = await sql<{
    code: string;
    name: string;
    districtCode: string;
    operating: number;
    inProgress: number;
  }>`
    select r.code, r.name, r.parent_code as district_code,
      count(h.id) filter (where h.status = 'operating')::int as operating,
      count(h.id) filter (where h.status in (${IN_PROGRESS}))::int as in_progress
    from regions r
    left join homes h on h.kind in ('township', 'village') and left(h.region_code, 9) = r.code
    where r.level = 'township' and not r.is_dev_zone
    group by r.code, r.name, r.parent_code
    order by r.code`.execute(db);
  return rows;
}

export function districts(db: Db) {
  return db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 'district')
    .orderBy('code')
    .execute();
}
