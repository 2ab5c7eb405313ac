import { sql } from 'kysely';
import type { z } from 'zod';
import { type HomeAction, type HomeStatus, nextStatus } from '../../domain/home-workflow.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { storeAttachment } from '../attachments.js';
import { recordAudit } from '../audit/service.js';
import { readsFunds } from '../funds/policy.js';
import { requireInScope } from '../references.js';
import {
  allowedActions,
  homeActionsFor,
  mayTake,
  mayUpdateHome,
  registersHomeIn,
  registersHomes,
} from './policy.js';
import { findHome, type HomeRow, homeMembersOf, replaceHomeMembers } from './repo.js';
import {
  type CreateHomeInput,
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

/** The API's Home: the stored approval date is internal. */
export function presentHome(home: HomeRow) {
  const { approvedOn: _approvedOn, ...rest } = home;
  return rest as Omit<HomeRow, 'approvedOn'> & { status: HomeStatus };
}

/** 一家一特色、一室一品牌: the same brand twice within a district (or among municipal homes) is worth a warning. */
async function brandWarnings(
  db: Db,
  home: { id?: string; brand: string | null; level: string; ownerUnitId: string },
) {
  if (!home.brand) return [];
  let q = db
    .selectFrom('homes')
    .select(['name'])
    .where(sql`lower(brand)`, '=', home.brand.toLowerCase())
    .where('status', 'not in', ['rejected', 'closed']);
  q =
    home.level === 'district'
      ? q.where('ownerUnitId', '=', home.ownerUnitId)
      : q.where('level', '=', 'municipal');
  if (home.id) q = q.where('id', '!=', home.id);
  const same = await q.limit(3).execute();
  return same.length
    ? [
        {
          code: 'BRAND_REPEATED',
          message: `品牌“${home.brand}”与${same.map((s) => `“${s.name}”`).join('、')}重复，建议突出本家特色`,
        },
      ]
    : [];
}

export async function presentHomeDetail(db: Db, actor: Actor, home: HomeRow) {
  const members = await homeMembersOf(db, home);
  const roleOf = (id: string) =>
    id === home.directorMemberId
      ? ('director' as const)
      : id === home.deputyMemberId
        ? ('deputy' as const)
        : ('member' as const);
  return {
    ...presentHome(home),
    members: members.map((m) => ({ ...m, role: roleOf(m.id) })),
    allowedActions: homeActionsFor(actor, home),
    readsFunds: readsFunds(actor, home),
    warnings: await brandWarnings(db, home),
  };
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
  const owner = await db
    .selectFrom('orgUnits')
    .select(['kind', 'regionCode'])
    .where('id', '=', s.ownerUnitId)
    .executeTakeFirst();
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
    const region = await db
      .selectFrom('regions')
      .select(['level'])
      .where('code', '=', s.regionCode)
      .executeTakeFirst();
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
  const found =
    people.length && !bad
      ? await db.selectFrom('members').select(['id', 'sectorGroupId']).where('id', 'in', people).execute()
      : [];
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
    const me = await db
      .selectFrom('members')
      .select(['level', 'orgUnitId'])
      .where('id', '=', actor.memberId!)
      .executeTakeFirstOrThrow();
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
    const { id } = await trx
      .insertInto('homes')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceHomeMembers(trx, id, allMembers(shape));
    await trx
      .insertInto('homeTransitions')
      .values({
        homeId: id,
        action: 'propose',
        fromStatus: null,
        toStatus: 'proposed',
        actorId: actor.userId,
        actorName: actor.displayName,
        comment: null,
        data: null,
      })
      .execute();
    await recordAudit(trx, who, {
      action: 'home.create',
      objectType: 'home',
      objectId: id,
      after: { ...input, ...shape },
    });
    return id;
  });
  return presentHomeDetail(db, actor, (await findHome(db, actor, id))!);
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
  const { memberIds: _m, ...columns } = patch;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('homes')
      .set({ ...columns, updatedAt: sql`now()` })
      .where('id', '=', id)
      .execute();
    await replaceHomeMembers(trx, id, allMembers(shape));
    const after = (await findHome(trx, actor, id))!;
    await recordAudit(trx, who, { action: 'home.update', objectType: 'home', objectId: id, before, after });
  });
  return presentHomeDetail(db, actor, (await findHome(db, actor, id))!);
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
      const taken = await trx
        .selectFrom('homes')
        .select('name')
        .where('plaqueNo', '=', changes.plaqueNo as string)
        .executeTakeFirst();
      if (taken) throw conflict(`牌匾编号已被“${taken.name}”使用`, { 'data.plaqueNo': '牌匾编号已被使用' });
    }
    // The status in the WHERE makes a concurrent step lose cleanly instead of both applying.
    const updated = await trx
      .updateTable('homes')
      .set({ ...changes, status: to, updatedAt: sql`now()` })
      .where('id', '=', id)
      .where('status', '=', home.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new AppError(409, 'INVALID_TRANSITION', '该委员之家的状态已被他人更新，请刷新');
    const { id: transitionId } = await trx
      .insertInto('homeTransitions')
      .values({
        homeId: id,
        action,
        fromStatus: home.status,
        toStatus: to,
        actorId: actor.userId,
        actorName: actor.displayName,
        comment: input.comment ?? null,
        data: JSON.stringify(data),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (attachmentIds.length) {
      const linked = await trx
        .updateTable('attachments')
        .set({ transitionId })
        .where('id', 'in', attachmentIds.filter(isUuid))
        .where('ownerType', '=', 'home')
        .where('ownerId', '=', id)
        .where('transitionId', 'is', null)
        .executeTakeFirst();
      if (Number(linked.numUpdatedRows) !== attachmentIds.length) {
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
  return presentHomeDetail(db, actor, (await findHome(db, actor, id))!);
}

export async function homeHistory(db: Db, actor: Actor, id: string) {
  await getHome(db, actor, id);
  const rows = await db
    .selectFrom('homeTransitions')
    .select(['id', 'action', 'fromStatus', 'toStatus', 'actorId', 'actorName', 'at', 'comment', 'data'])
    .where('homeId', '=', id)
    .orderBy('id')
    .execute();
  const files = await db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'createdAt', 'transitionId'])
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', id)
    .where('transitionId', 'is not', null)
    .execute();
  return rows.map((r) => ({
    ...r,
    attachments: files.filter((f) => f.transitionId === r.id).map(({ transitionId: _t, ...f }) => f),
  }));
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
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'createdAt'])
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .orderBy('createdAt')
    .execute();
}

/** A file, for whoever may see the home it belongs to (or, for an activity's photo, the activity). */
