import { sql } from 'kysely';
import { maskPhone } from '../../domain/privacy.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember, memberActionsFor, seesPhone } from './policy.js';
import { findMember } from './repo.js';
import type { MemberInput, MemberPatch } from './schema.js';

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

/** The member as this actor may see it: the phone masked unless the actor manages the member. */
export function presentMember(actor: Actor, row: MemberRow) {
  const full = seesPhone(actor, row);
  return {
    ...row,
    phone: row.phone && !full ? maskPhone(row.phone) : row.phone,
    phoneMasked: row.phone !== null && !full,
    allowedActions: memberActionsFor(actor, row),
  };
}

export async function getMember(db: Db, actor: Actor, id: string) {
  const row = isUuid(id) ? await findMember(db, actor, id) : undefined;
  if (!row) throw notFound('找不到该委员');
  return row;
}

/** District members belong to a district CPPCC; regional and municipal ones to the municipal committee. */
export async function checkMemberUnits(
  db: Db,
  input: Pick<MemberInput, 'level' | 'orgUnitId' | 'sectorGroupId'>,
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const ids = [input.orgUnitId, input.sectorGroupId].filter((x): x is string => !!x);
  const units = await db.selectFrom('orgUnits').select(['id', 'kind']).where('id', 'in', ids).execute();
  const unit = units.find((u) => u.id === input.orgUnitId);
  const expected = input.level === 'district' ? 'district' : 'municipal';
  if (unit?.kind !== expected) {
    fields.orgUnitId =
      input.level === 'district' ? '旗区政协委员须属于一个旗区政协' : '自治区和市政协委员须属于市政协';
  }
  if (input.sectorGroupId && units.find((u) => u.id === input.sectorGroupId)?.kind !== 'sector_group') {
    fields.sectorGroupId = '不是有效的界别活动组';
  }
  return fields;
}

async function phoneTaken(db: Db, phone: string | null | undefined, exceptId?: string) {
  if (!phone) return false;
  let q = db.selectFrom('members').select('id').where('phone', '=', phone);
  if (exceptId) q = q.where('id', '!=', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

const PHONE_TAKEN = '该手机号已登记给另一位委员';

export async function createMember(db: Db, who: Who, input: MemberInput) {
  const actor = who.actor!;
  const fields = await checkMemberUnits(db, input);
  if (Object.keys(fields).length) throw badRequest('委员信息有误', fields);
  if (!managesMember(actor, input)) throw forbidden('只能登记本级政协管理的委员');
  return db.transaction().execute(async (trx) => {
    if (await phoneTaken(trx, input.phone)) throw conflict(PHONE_TAKEN, { phone: PHONE_TAKEN });
    const { id } = await trx
      .insertInto('members')
      .values({
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
        phone: input.phone ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = (await findMember(trx, actor, id))!;
    await recordAudit(trx, who, { action: 'member.create', objectType: 'member', objectId: id, after: row });
    return presentMember(actor, row);
  });
}

/** Staff who manage the member edit everything; the member edits their own contact data only. */
export async function updateMember(db: Db, who: Who, id: string, patch: MemberPatch) {
  const actor = who.actor!;
  const before = await getMember(db, actor, id);
  const may = memberActionsFor(actor, before);
  if (!may.includes('update_contact')) throw forbidden('无权修改该委员的信息');
  if (!may.includes('update')) {
    const others = Object.keys(patch).filter((k) => k !== 'phone');
    if (others.length)
      throw badRequest(
        '委员本人只能修改联系方式',
        Object.fromEntries(others.map((k) => [k, '本人不能修改此项'])),
      );
  }
  const next = { ...before, ...patch };
  if (patch.level || patch.orgUnitId || patch.sectorGroupId !== undefined) {
    const fields = await checkMemberUnits(db, next);
    if (Object.keys(fields).length) throw badRequest('委员信息有误', fields);
    if (!managesMember(actor, next)) throw forbidden('不能把委员转到本级以外的政协');
  }
  return db.transaction().execute(async (trx) => {
    if (await phoneTaken(trx, patch.phone, id)) throw conflict(PHONE_TAKEN, { phone: PHONE_TAKEN });
    await trx
      .updateTable('members')
      .set({ ...patch, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
    const after = (await findMember(trx, actor, id))!;
    await recordAudit(trx, who, {
      action: 'member.update',
      objectType: 'member',
      objectId: id,
      before,
      after,
    });
    return presentMember(actor, after);
  });
}

/** Shows a masked number in full to staff who may see the member: a deliberate, audited act. */
export async function revealPhone(db: Db, who: Who, id: string) {
  const actor = who.actor!;
  const row = await getMember(db, actor, id);
  if (!memberActionsFor(actor, row).includes('reveal_phone') && !seesPhone(actor, row)) throw forbidden();
  await recordAudit(db, who, { action: 'member.reveal_phone', objectType: 'member', objectId: id });
  return { phone: row.phone };
}
