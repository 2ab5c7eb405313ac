import { type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import { normalisePhone, openPhone, phoneHash, phoneHashes, sealPhone } from '../../lib/personal-data.js';
import { likePattern } from '../../lib/sql.js';
import { offsetOf } from '../../server/http.js';
import type { Actor, Db } from '../../server/types.js';
import { memberScope } from './policy.js';
import type { ListMembersQuery, MemberInput, MemberPatch } from './schema.js';

const MEMBER_COLUMNS = [
  'members.id',
  'members.name',
  'members.gender',
  'members.ethnicity',
  'members.level',
  'members.orgUnitId',
  'members.sectorGroupId',
  'members.sector',
  'members.employer',
  'members.title',
  'members.expertise',
  'members.phoneSealed',
] as const;

/** A member row with its number opened: the rest of the code sees `phone`, never the sealed value. */
function withPhone<T extends { phoneSealed: string | null }>(
  row: T,
): Omit<T, 'phoneSealed'> & { phone: string | null } {
  const { phoneSealed, ...rest } = row;
  return { ...rest, phone: openPhone(phoneSealed) };
}

const isMobile = (text: string) => /^1\d{10}$/.test(normalisePhone(text));

type MemberFilters = Omit<ListMembersQuery, 'page' | 'pageSize'>;

/** The members an actor may see, narrowed by the list's filters; the scope is part of the SQL. */
function filteredMembers(db: Db, actor: Actor, f: MemberFilters) {
  let q: SelectQueryBuilder<Database, 'members', object> = db.selectFrom('members').where(memberScope(actor));
  if (f.q) {
    const text = f.q;
    const like = likePattern(text);
    q = q.where((eb) =>
      eb.or([
        eb('members.name', 'like', like),
        eb('members.employer', 'like', like),
        eb(sql<string>`array_to_string(members.expertise, ' ')`, 'like', like),
        // a whole mobile number finds its member (numbers are stored sealed: exact match only)
        ...(isMobile(text) ? [eb('members.phoneHash', 'in', phoneHashes(text))] : []),
      ]),
    );
  }
  if (f.level) q = q.where('members.level', '=', f.level);
  if (f.orgUnitId) q = q.where('members.orgUnitId', '=', f.orgUnitId);
  if (f.sectorGroupId) q = q.where('members.sectorGroupId', '=', f.sectorGroupId);
  if (f.sector) q = q.where('members.sector', 'like', likePattern(f.sector));
  if (f.homeId) {
    const homeId = f.homeId;
    q = q.where('members.id', 'in', (eb) =>
      eb.selectFrom('homeMembers').select('homeMembers.memberId').where(sql`home_id::text`, '=', homeId),
    );
  }
  return q;
}

/** The homes a member belongs to, inside the query that loads the member. */
const homeIds = sql<
  string[]
>`array(select hm.home_id::text from home_members hm where hm.member_id = members.id order by hm.home_id)`;

/** One page of the members an actor may see, and how many there are in all. */
export async function membersPage(db: Db, actor: Actor, q: ListMembersQuery) {
  const base = filteredMembers(db, actor, q);
  const { total } = await base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([...MEMBER_COLUMNS, homeIds.as('homeIds')])
    .orderBy('members.level')
    .orderBy('members.orgUnitId')
    .orderBy('members.name')
    .orderBy('members.id')
    .limit(q.pageSize)
    .offset(offsetOf(q))
    .execute();
  return { rows: rows.map(withPhone), total };
}

/** The roster an export writes: the list's members (without their homes), at most `limit`. */
export async function membersForExport(db: Db, actor: Actor, f: MemberFilters, limit: number) {
  const rows = await filteredMembers(db, actor, f)
    .select(MEMBER_COLUMNS)
    .orderBy('members.level')
    .orderBy('members.orgUnitId')
    .orderBy('members.name')
    .orderBy('members.id')
    .limit(limit)
    .execute();
  return rows.map(withPhone);
}

export async function findMember(db: Db, actor: Actor, id: string) {
  const row = await db
    .selectFrom('members')
    .select([...MEMBER_COLUMNS, homeIds.as('homeIds')])
    .where('members.id', '=', id)
    .where(memberScope(actor))
    .executeTakeFirst();
  return row && withPhone(row);
}

export type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** The kinds of the given org units (those that exist). */
export function orgUnitKinds(db: Db, ids: string[]) {
  return db.selectFrom('orgUnits').select(['id', 'kind']).where('id', 'in', ids).execute();
}

/** Every org unit, and the districts (whose names an imported roster may use for their CPPCC). */
export async function rosterUnits(db: Db) {
  const units = await db.selectFrom('orgUnits').select(['id', 'kind', 'name', 'regionCode']).execute();
  const regions = await db
    .selectFrom('regions')
    .select(['code', 'name'])
    .where('level', '=', 'district')
    .execute();
  return { units, regions };
}

/** The member holding this phone number, other than `exceptId`: found by its hash, exactly. */
export function memberWithPhone(db: Db, phone: string, exceptId?: string) {
  let q = db.selectFrom('members').select('id').where('phoneHash', 'in', phoneHashes(phone));
  if (exceptId) q = q.where('id', '!=', exceptId);
  return q.executeTakeFirst();
}

/** The members already registered with these phone numbers, in any scope (a number is registered once). */
export async function membersWithPhones(db: Db, phones: string[]) {
  if (phones.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select(MEMBER_COLUMNS)
    .where('members.phoneHash', 'in', phones.flatMap(phoneHashes))
    .execute();
  return rows.map(withPhone);
}

/** The members with these ids that the actor may see (ids must be uuids). */
export async function membersWithIds(db: Db, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('members')
    .select(MEMBER_COLUMNS)
    .where('members.id', 'in', ids)
    .where(memberScope(actor))
    .execute();
  return rows.map(withPhone);
}

/** A member as the roster stores it (the export's and the import's columns, with the id). */
export type RosterRow = Awaited<ReturnType<typeof membersForExport>>[number];

const memberValues = (input: MemberInput) => ({
  name: input.name,
  gender: input.gender,
  ethnicity: input.ethnicity ?? null,
  level: input.level,
  orgUnitId: input.orgUnitId,
  sectorGroupId: input.sectorGroupId ?? null,
  sector: input.sector ?? null,
  employer: input.employer ?? null,
  title: input.title ?? null,
  expertise: input.expertise ?? [],
  phoneSealed: sealPhone(input.phone),
  phoneHash: phoneHash(input.phone),
});

/** A patch as the table takes it: a new number sealed and hashed. */
function patchValues(patch: MemberPatch) {
  const { phone, ...rest } = patch;
  return phone === undefined ? rest : { ...rest, phoneSealed: sealPhone(phone), phoneHash: phoneHash(phone) };
}

export async function insertMember(db: Db, input: MemberInput): Promise<string> {
  const { id } = await db
    .insertInto('members')
    .values(memberValues(input))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateMemberRow(db: Db, id: string, patch: MemberPatch) {
  await db
    .updateTable('members')
    .set({ ...patchValues(patch), updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Adds the members. */
export async function insertMembers(db: Db, inputs: MemberInput[]) {
  if (inputs.length === 0) return;
  await db.insertInto('members').values(inputs.map(memberValues)).execute();
}

/** Writes every field of these members, in one statement. */
export async function updateMembers(db: Db, rows: Array<{ id: string; input: MemberInput }>) {
  if (rows.length === 0) return;
  const values = sql.join(
    rows.map(({ id, input }) => {
      const v = memberValues(input);
      return sql`(${id}::uuid, ${v.name}, ${v.gender}, ${v.ethnicity}, ${v.level}, ${v.orgUnitId},
        ${v.sectorGroupId}, ${v.sector}, ${v.employer}, ${v.title}, ${v.expertise}::text[], ${v.phoneSealed}, ${v.phoneHash})`;
    }),
  );
  await sql`
    update members as m set
      name = v.name, gender = v.gender, ethnicity = v.ethnicity, level = v.level,
      org_unit_id = v.org_unit_id, sector_group_id = v.sector_group_id, sector = v.sector,
      employer = v.employer, title = v.title, expertise = v.expertise, phone_sealed = v.phone_sealed, phone_hash = v.phone_hash,
      updated_at = now()
    from (values ${values}) as v (id, name, gender, ethnicity, level, org_unit_id, sector_group_id,
      sector, employer, title, expertise, phone_sealed, phone_hash)
    where m.id = v.id
  `.execute(db);
}
