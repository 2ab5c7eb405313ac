import type { z } from 'zod';
import {
  HOME_KINDS,
  type HomeAction,
  type HomeKind,
  type HomeStatus,
  nextStatus,
} from '../../domain/home-workflow.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { storeAttachment } from '../attachments/service.js';
import { recordAudit } from '../audit/service.js';
import { listOrgUnits } from '../org-units/service.js';
import { requireInScope } from '../references/service.js';
import { allowedActions, mayTake, mayUpdateHome, registersHomeIn, registersHomes } from './policy.js';
import { presentHistory, presentHome, presentHomeDetail, presentOwnerUnit } from './presenter.js';
import {
  documentYearsOf,
  findHome,
  findHomes,
  findOrgUnit,
  findRegion,
  type HomeRow,
  homeAttachments,
  homeMembersOf,
  homesWithBrand,
  homeTransitions,
  insertHome,
  insertHomeTransition,
  linkAttachments,
  memberPlacement,
  membersWithGroup,
  plaqueHolder,
  replaceHomeMembers,
  setHome,
  transitionAttachments,
} from './repo.js';
import {
  type CreateHomeInput,
  type ListHomesQuery,
  TRANSITION_DATA,
  type transitionBody,
  type UpdateHomeInput,
} from './schema.js';

const fail = (fields: Record<string, string>, message = '委员之家信息有误') => {
  if (Object.keys(fields).length) throw badRequest(message, fields);
};

export async function getHome(db: Db, actor: Actor, id: string): Promise<HomeRow> {
  const home = isUuid(id) ? await findHome(db, actor, id) : undefined;
  if (!home) throw notFound('找不到该委员之家');
  return home;
}

/** One page of the homes the actor may see, narrowed by the list's filters. */
export async function listHomes(db: Db, actor: Actor, q: ListHomesQuery) {
  const { rows, total } = await findHomes(db, actor, q);
  return { items: rows.map(presentHome), total, page: q.page, pageSize: q.pageSize };
}

/** 一家一特色、一室一品牌: the same brand twice within a district (or among municipal homes) is worth a warning. */
async function brandWarnings(
  db: Db,
  home: { id?: string; brand: string | null; level: string; ownerUnitId: string },
) {
  if (!home.brand) return [];
  const same = await homesWithBrand(db, {
    brand: home.brand,
    level: home.level,
    ownerUnitId: home.ownerUnitId,
    excludeId: home.id,
  });
  return same.length
    ? [
        {
          code: 'BRAND_REPEATED',
          message: `品牌“${home.brand}”与${same.map((s) => `“${s.name}”`).join('、')}重复，建议突出本家特色`,
        },
      ]
    : [];
}

/** A home as its detail page shows it: its members, what the actor may do, the warnings. */
async function detailOf(db: Db, actor: Actor, home: HomeRow) {
  const [members, documents, warnings] = await Promise.all([
    homeMembersOf(db, home),
    documentYearsOf(db, home.id),
    brandWarnings(db, home),
  ]);
  return presentHomeDetail(actor, home, members, documents, warnings);
}

export async function getHomeDetail(db: Db, actor: Actor, id: string) {
  return detailOf(db, actor, await getHome(db, actor, id));
}

interface Shape {
  kind: CreateHomeInput['kind'];
  level: 'municipal' | 'district';
  ownerUnitId: string;
  online: boolean;
  regionCode: string | null;
  directorMemberId: string | null;
  deputyMemberId: string | null;
  memberIds: string[];
}

/** The registry's rules for where a home belongs and who leads it (R4, R8 / 六有 ①). */
async function checkShape(db: Db, s: Shape) {
  const fields: Record<string, string> = {};
  const owner = await findOrgUnit(db, s.ownerUnitId);
  if (!owner) fields.ownerUnitId = '找不到该单位';
  else if (s.level === 'district' && owner.kind !== 'district')
    fields.ownerUnitId = '旗区级委员之家须由旗区政协设立';
  else if (s.level === 'municipal' && owner.kind === 'district')
    fields.ownerUnitId = '市级委员之家不能由旗区政协设立';
  if (s.kind === 'sector_group' && (s.level !== 'municipal' || owner?.kind !== 'sector_group')) {
    fields.ownerUnitId = '界别活动组委员之家须由一个界别活动组设立（市级）';
  }
  if ((s.kind === 'township' || s.kind === 'village') && s.level !== 'district') {
    fields.level = '苏木乡镇和嘎查村委员之家是旗区级';
  }
  if (s.online && s.kind !== 'member_studio') fields.online = '只有委员工作室可以是线上工作室';

  const wantLevel = s.kind === 'township' ? 'township' : s.kind === 'village' ? 'village' : null;
  if (s.regionCode) {
    const region = await findRegion(db, s.regionCode);
    if (!region) fields.regionCode = '找不到该区划';
    else if (wantLevel && region.level !== wantLevel) {
      fields.regionCode = wantLevel === 'township' ? '应选择苏木乡镇（街道）' : '应选择嘎查村（社区）';
    } else if (s.level === 'district' && owner?.regionCode && !s.regionCode.startsWith(owner.regionCode)) {
      fields.regionCode = '所在地须在本旗区范围内';
    }
  } else if (wantLevel) {
    fields.regionCode = wantLevel === 'township' ? '请选择所在苏木乡镇（街道）' : '请选择所在嘎查村（社区）';
  }

  const people = [s.directorMemberId, s.deputyMemberId, ...s.memberIds].filter((x): x is string => !!x);
  const bad = people.find((id) => !isUuid(id));
  const found = people.length && !bad ? await membersWithGroup(db, people) : [];
  const known = new Set(found.map((m) => m.id));
  if (s.directorMemberId && !known.has(s.directorMemberId)) fields.directorMemberId = '找不到该委员';
  if (s.deputyMemberId && !known.has(s.deputyMemberId)) fields.deputyMemberId = '找不到该委员';
  if (s.memberIds.some((id) => !known.has(id))) fields.memberIds = '成员中有找不到的委员';
  if (s.directorMemberId && s.directorMemberId === s.deputyMemberId)
    fields.deputyMemberId = '负责人和副负责人不能是同一人';
  if (s.kind === 'sector_group' && s.deputyMemberId && known.has(s.deputyMemberId)) {
    const deputy = found.find((m) => m.id === s.deputyMemberId);
    if (deputy?.sectorGroupId !== s.ownerUnitId)
      fields.deputyMemberId = '界别活动组委员之家的副负责人须是该活动组的委员';
  }
  fail(fields);
}

/** Director and deputy always belong to the home. */
const allMembers = (s: Pick<Shape, 'directorMemberId' | 'deputyMemberId' | 'memberIds'>) => [
  ...new Set([s.directorMemberId, s.deputyMemberId, ...s.memberIds].filter((x): x is string => !!x)),
];

/** Staff register a home in their own unit; a member proposes a studio of their own. */
async function creationShape(db: Db, actor: Actor, input: CreateHomeInput) {
  if (!registersHomes(actor)) {
    if (input.kind !== 'member_studio') throw forbidden('委员只能申请设立本人的委员工作室');
    const me = await memberPlacement(db, actor.memberId!);
    return {
      level: me.level === 'district' ? ('district' as const) : ('municipal' as const),
      ownerUnitId: me.level === 'district' ? me.orgUnitId : 'office',
      directorMemberId: actor.memberId,
      proposedBy: actor.userId,
    };
  }
  const fields: Record<string, string> = {};
  if (!input.level) fields.level = '请选择层级';
  if (!input.ownerUnitId) fields.ownerUnitId = '请选择所属单位';
  fail(fields);
  const level = input.level!;
  const ownerUnitId = input.ownerUnitId!;
  if (!registersHomeIn(actor, level, ownerUnitId)) throw forbidden('只能在本单位设立委员之家');
  return { level, ownerUnitId, directorMemberId: input.directorMemberId ?? null, proposedBy: actor.userId };
}

export async function createHome(db: Db, who: Who, input: CreateHomeInput) {
  const actor = who.actor!;
  const base = await creationShape(db, actor, input);
  const shape: Shape = {
    kind: input.kind,
    level: base.level,
    ownerUnitId: base.ownerUnitId,
    online: input.online ?? false,
    regionCode: input.regionCode ?? null,
    directorMemberId: base.directorMemberId,
    deputyMemberId: input.deputyMemberId ?? null,
    memberIds: input.memberIds ?? [],
  };
  await requireInScope(db, actor, {
    directorMemberId: ['member', shape.directorMemberId],
    deputyMemberId: ['member', shape.deputyMemberId],
    memberIds: ['member', shape.memberIds],
  });
  await checkShape(db, shape);
  const id = await db.transaction().execute(async (trx) => {
    const id = await insertHome(trx, {
      name: input.name,
      nameMn: input.nameMn ?? null,
      kind: shape.kind,
      online: shape.online,
      level: shape.level,
      ownerUnitId: shape.ownerUnitId,
      regionCode: shape.regionCode,
      brand: input.brand ?? null,
      specialty: input.specialty ?? null,
      address: input.address ?? null,
      venueType: input.venueType ?? null,
      sharedWith: input.sharedWith ?? null,
      equipment: input.equipment ?? null,
      onlineUrl: input.onlineUrl ?? null,
      openingHours: input.openingHours ?? null,
      directorMemberId: shape.directorMemberId,
      deputyMemberId: shape.deputyMemberId,
      proposedBy: base.proposedBy,
    });
    await replaceHomeMembers(trx, id, allMembers(shape));
    await insertHomeTransition(trx, {
      homeId: id,
      action: 'propose',
      fromStatus: null,
      toStatus: 'proposed',
      actorId: actor.userId,
      actorName: actor.displayName,
      comment: null,
      data: null,
    });
    await recordAudit(trx, who, {
      action: 'home.create',
      objectType: 'home',
      objectId: id,
      after: { ...input, ...shape },
    });
    return id;
  });
  return detailOf(db, actor, (await findHome(db, actor, id))!);
}

export async function updateHome(db: Db, who: Who, id: string, patch: UpdateHomeInput) {
  const actor = who.actor!;
  const before = await getHome(db, actor, id);
  if (!mayUpdateHome(actor, before)) throw forbidden('无权修改该委员之家');
  const shape: Shape = {
    kind: before.kind,
    level: before.level,
    ownerUnitId: before.ownerUnitId,
    online: patch.online ?? before.online,
    regionCode: patch.regionCode !== undefined ? patch.regionCode : before.regionCode,
    directorMemberId: patch.directorMemberId !== undefined ? patch.directorMemberId : before.directorMemberId,
    deputyMemberId: patch.deputyMemberId !== undefined ? patch.deputyMemberId : before.deputyMemberId,
    memberIds: patch.memberIds ?? before.memberIds,
  };
  // who the request newly names must be in the actor's scope; who is already there stays
  const named = (id: string | null) =>
    id && id !== before.directorMemberId && id !== before.deputyMemberId ? id : null;
  await requireInScope(db, actor, {
    directorMemberId: ['member', named(shape.directorMemberId)],
    deputyMemberId: ['member', named(shape.deputyMemberId)],
    memberIds: ['member', shape.memberIds.filter((m) => !before.memberIds.includes(m))],
  });
  await checkShape(db, shape);
  const { memberIds: _m, ...patched } = patch;
  // a Mongolian name changed here is a draft again until a translator reviews it
  const renamed = patch.nameMn !== undefined && (patch.nameMn ?? null) !== before.nameMn;
  const columns = renamed ? { ...patched, nameMnReviewed: false } : patched;
  await db.transaction().execute(async (trx) => {
    await setHome(trx, id, columns);
    await replaceHomeMembers(trx, id, allMembers(shape));
    const after = (await findHome(trx, actor, id))!;
    await recordAudit(trx, who, { action: 'home.update', objectType: 'home', objectId: id, before, after });
  });
  return detailOf(db, actor, (await findHome(db, actor, id))!);
}

type TransitionInput = z.infer<typeof transitionBody>;

/** What must hold before a home passes review (R6, 六有 ①③): a director, a venue or online platform, a brand. */
function reviewReadiness(home: HomeRow): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!home.directorMemberId) fields.directorMemberId = '尚未确定负责人';
  if (home.online) {
    if (!home.onlineUrl) fields.onlineUrl = '线上工作室须填写网上平台地址';
  } else {
    if (!home.venueType) fields.venueType = '尚未确定场所类型';
    if (!home.address) fields.address = '尚未确定场所地址';
  }
  if (!home.brand) fields.brand = '尚未确定品牌特色';
  return fields;
}

/**
 * Takes one step of the establishment procedure. Order of refusal: unknown home 404, role 403,
 * state 409, data 400 — and then the step's own conditions.
 */
export async function transitionHome(db: Db, who: Who, id: string, input: TransitionInput) {
  const actor = who.actor!;
  const home = await getHome(db, actor, id);
  const action: HomeAction = input.action;
  if (!mayTake(actor, home, action)) throw forbidden('无权执行此操作');
  const to = nextStatus(home.status as HomeStatus, action);
  if (!to) {
    throw new AppError(409, 'INVALID_TRANSITION', `当前状态下不能执行“${action}”`);
  }
  const parsed = TRANSITION_DATA[action].safeParse(input.data ?? {});
  if (!parsed.success) {
    throw badRequest(
      '请补全本步骤需要的信息',
      Object.fromEntries(parsed.error.issues.map((i) => [`data.${i.path.join('.') || '_'}`, i.message])),
    );
  }
  const data = parsed.data as Record<string, string | boolean | undefined>;

  const changes: Record<string, unknown> = {};
  if (action === 'review') fail(reviewReadiness(home), '尚不符合基本条件，不能通过审核');
  if (action === 'plan') {
    changes.address = data.address;
    if (data.regionCode) {
      await checkShape(db, { ...home, online: home.online, regionCode: data.regionCode as string });
      changes.regionCode = data.regionCode;
    }
  }
  if (action === 'approve') changes.approvedOn = data.meetingDate;
  if (action === 'award_plaque') {
    const awardedOn = data.awardedOn as string;
    if (home.approvedOn && awardedOn < home.approvedOn) {
      throw badRequest('授牌日期不能早于主席会议批准日期', {
        'data.awardedOn': `不能早于批准日期 ${home.approvedOn}`,
      });
    }
    changes.plaqueNo = data.plaqueNo;
    changes.plaqueAwardedOn = awardedOn;
  }

  const attachmentIds = [...new Set(input.attachmentIds ?? [])];
  await db.transaction().execute(async (trx) => {
    if (action === 'award_plaque') {
      const taken = await plaqueHolder(trx, changes.plaqueNo as string);
      if (taken) throw conflict(`牌匾编号已被“${taken.name}”使用`, { 'data.plaqueNo': '牌匾编号已被使用' });
    }
    // The status in the WHERE makes a concurrent step lose cleanly instead of both applying.
    const updated = await setHome(trx, id, { ...changes, status: to }, home.status);
    if (updated !== 1) throw new AppError(409, 'INVALID_TRANSITION', '该委员之家的状态已被他人更新，请刷新');
    const transitionId = await insertHomeTransition(trx, {
      homeId: id,
      action,
      fromStatus: home.status,
      toStatus: to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment: input.comment ?? null,
      data: JSON.stringify(data),
    });
    if (attachmentIds.length) {
      const linked = await linkAttachments(trx, id, transitionId, attachmentIds.filter(isUuid));
      if (linked !== attachmentIds.length) {
        throw badRequest('附件无效或已用于其他步骤', { attachmentIds: '附件无效或已用于其他步骤' });
      }
    }
    await recordAudit(trx, who, {
      action: `home.${action}`,
      objectType: 'home',
      objectId: id,
      before: { status: home.status },
      after: { status: to, data, comment: input.comment ?? null, attachmentIds },
    });
  });
  return detailOf(db, actor, (await findHome(db, actor, id))!);
}

export async function homeHistory(db: Db, actor: Actor, id: string) {
  await getHome(db, actor, id);
  const steps = await homeTransitions(db, id);
  return presentHistory(steps, await transitionAttachments(db, id));
}

export async function addHomeAttachment(
  db: Db,
  storage: FileStorage,
  who: Who,
  homeId: string,
  file: { filename: string; buffer: Buffer },
) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home) && allowedActions(actor, home).length === 0)
    throw forbidden('无权为该委员之家上传附件');
  return storeAttachment(
    db,
    storage,
    who,
    { type: 'home', id: homeId, auditAction: 'home.attachment_add' },
    file,
  );
}

export async function listHomeAttachments(db: Db, actor: Actor, homeId: string) {
  await getHome(db, actor, homeId);
  return homeAttachments(db, homeId);
}

/**
 * The kinds of home a unit may set up, as `checkShape` takes them: a sector group's home only by a
 * sector group; township and village homes by a banner/district CPPCC; studios and trade homes by any.
 */
function kindsOwnedBy(unitKind: string): HomeKind[] {
  return HOME_KINDS.filter((kind) => {
    if (kind === 'sector_group') return unitKind === 'sector_group';
    if (kind === 'township' || kind === 'village') return unitKind === 'district';
    return true;
  });
}

/**
 * The units the actor may register a home under, each with what its homes may be: their level,
 * kinds, and the banner/district they must lie in (a district's homes in its own; `checkShape`).
 * The new-home form offers only these.
 */
export async function ownerUnitsFor(db: Db, actor: Actor) {
  const units = await listOrgUnits(db);
  const items = units.flatMap((unit) => {
    const level = unit.kind === 'district' ? ('district' as const) : ('municipal' as const);
    if (!registersHomeIn(actor, level, unit.id)) return [];
    return [presentOwnerUnit(unit, level, kindsOwnedBy(unit.kind))];
  });
  return { items };
}
