import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember, memberActionsFor, seesPhone } from './policy.js';
import { presentMember } from './presenter.js';
import {
  findMember,
  insertMember,
  membersPage,
  memberWithPhone,
  orgUnitKinds,
  updateMemberRow,
} from './repo.js';
import type { ListMembersQuery, MemberInput, MemberPatch } from './schema.js';

/** One page of the members the actor may see, each as the actor may see it. */
export async function listMembers(db: Db, actor: Actor, q: ListMembersQuery) {
  const { rows, total } = await membersPage(db, actor, q);
  return {
    items: rows.map((r) => presentMember(actor, r)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getMember(db: Db, actor: Actor, id: string) {
  const row = isUuid(id) ? await findMember(db, actor, id) : undefined;
  if (!row) throw notFound('找不到该委员');
  return row;
}

/** One member, as the actor may see it. */
export async function showMember(db: Db, actor: Actor, id: string) {
  return presentMember(actor, await getMember(db, actor, id));
}

/** District members belong to a district CPPCC; regional and municipal ones to the municipal committee. */
export async function checkMemberUnits(
  db: Db,
  input: Pick<MemberInput, 'level' | 'orgUnitId' | 'sectorGroupId'>,
): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const ids = [input.orgUnitId, input.sectorGroupId].filter((x): x is string => !!x);
  const units = await orgUnitKinds(db, ids);
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
  return (await memberWithPhone(db, phone, exceptId)) !== undefined;
}

const PHONE_TAKEN = '该手机号已登记给另一位委员';

export async function createMember(db: Db, who: Who, input: MemberInput) {
  const actor = who.actor!;
  const fields = await checkMemberUnits(db, input);
  if (Object.keys(fields).length) throw badRequest('委员信息有误', fields);
  if (!managesMember(actor, input)) throw forbidden('只能登记本级政协管理的委员');
  return db.transaction().execute(async (trx) => {
    if (await phoneTaken(trx, input.phone)) throw conflict(PHONE_TAKEN, { phone: PHONE_TAKEN });
    const id = await insertMember(trx, input);
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
    await updateMemberRow(trx, id, patch);
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
