import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import QRCode from 'qrcode';
import sharp from 'sharp';
import {
  ACTIVITY_KIND_FUNCTION,
  type ActivityStatus,
  checkinOpen,
  PHONE_CLOCK_AHEAD_MS,
  QUEUED_CHECKIN_MAX_DELAY_MS,
} from '../../domain/activities.js';
import { cleanFilename, imageSize, imageSizeProblem } from '../../lib/files.js';
import { AppError, badRequest, forbidden, invalidTransition, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { requireInScope } from '../references/service.js';
import { writeCalendar } from './ics.js';
import { runsAnyHost } from './policy.js';
import { presentActivity, presentCalendar, presentCheckinInfo } from './presenter.js';
import {
  type ActivityRow,
  activityPhotos,
  calendarActivities,
  existingOrgUnits,
  findActivities,
  findActivity,
  findAttendance,
  findByCode,
  homeFacts,
  insertActivity,
  insertCheckin,
  insertPhoto,
  planItemOf,
  publicHome,
  replaceAttendance,
  replaceHosts,
  replaceJointUnits,
  setActivity,
} from './repo/activities.js';
import type {
  CheckinInput,
  CreateActivityInput,
  ListActivitiesQuery,
  UpdateActivityInput,
} from './schema.js';

const unique = (ids: string[]) => [...new Set(ids)];
const fail = (fields: Record<string, string>, message = '活动信息有误') => {
  if (Object.keys(fields).length) throw badRequest(message, fields);
};

/** One page of the activities the actor may see, narrowed by the list's filters. */
export async function listActivities(db: Db, actor: Actor, q: ListActivitiesQuery) {
  const { rows, total } = await findActivities(db, actor, q);
  return { items: rows.map((r) => presentActivity(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

export async function getActivity(db: Db, actor: Actor, id: string): Promise<ActivityRow> {
  const row = await findActivity(db, actor, id);
  if (!row) throw notFound('找不到该活动');
  return row;
}

export async function getActivityDetail(db: Db, actor: Actor, id: string) {
  return presentActivity(actor, await getActivity(db, actor, id));
}

/** Org units a body refers to must exist; a plan item must be in a host home's plan. */
async function checkReferences(
  db: Db,
  refs: {
    jointUnitIds?: string[];
    planItemId?: string | null;
    hostIds: string[];
  },
) {
  const fields: Record<string, string> = {};
  if (refs.jointUnitIds?.length) {
    const found = await existingOrgUnits(db, refs.jointUnitIds);
    if (found.length !== refs.jointUnitIds.length) fields.jointUnitIds = '联合单位中有找不到的单位';
  }
  if (refs.planItemId) {
    const item = isUuid(refs.planItemId) ? await planItemOf(db, refs.planItemId, refs.hostIds) : undefined;
    if (!item) fields.planItemId = '该计划事项不属于承办委员之家的年度计划';
  }
  fail(fields);
}

/** Host homes the actor must run; any other (unknown, unseen or not theirs) is refused alike. */
async function requireRunning(db: Db, actor: Actor, ids: string[], message: string) {
  if (!ids.length) return;
  const homes = await homeFacts(db, ids);
  if (homes.length !== ids.length || !homes.every((h) => mayUpdateHome(actor, h))) throw forbidden(message);
}

/** The facts of a held activity must be possible: after its start, and ending after it starts. */
function checkRecord(r: { status: ActivityStatus; startsAt: Date; endsAt: Date; attendees?: string[] }) {
  const now = new Date();
  const fields: Record<string, string> = {};
  if (r.endsAt <= r.startsAt) fields.endsAt = '结束时间须晚于开始时间';
  if (r.status === 'held' && r.startsAt > now) fields.startsAt = '已举办的活动开始时间不能晚于当前时间';
  if (r.attendees?.length && r.startsAt > now) fields.attendeeMemberIds = '活动开始后才能登记出勤';
  fail(fields);
}

export async function createActivity(db: Db, who: Who, input: CreateActivityInput) {
  const actor = who.actor!;
  const hostIds = unique(input.hostHomeIds);
  await requireRunning(db, actor, hostIds, '只能为本人负责的委员之家安排活动');
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const status = input.status ?? 'planned';
  const attendees = unique(input.attendeeMemberIds ?? []);
  checkRecord({ status, startsAt, endsAt, attendees });
  const jointUnitIds = unique(input.jointUnitIds ?? []);
  await requireInScope(db, actor, { attendeeMemberIds: ['member', attendees] });
  await checkReferences(db, {
    jointUnitIds,
    planItemId: input.planItemId,
    hostIds,
  });

  const id = await db.transaction().execute(async (trx) => {
    const { id, checkinCode } = await insertActivity(trx, {
      title: input.title,
      kind: input.kind,
      function: ACTIVITY_KIND_FUNCTION[input.kind],
      startsAt,
      endsAt,
      place: input.place ?? null,
      status,
      citizenCount: input.citizenCount ?? 0,
      departments: input.departments ?? [],
      summary: input.summary ?? null,
      outcomes: input.outcomes ?? null,
      planItemId: input.planItemId ?? null,
      createdBy: actor.userId,
    });
    await replaceHosts(trx, id, hostIds);
    await replaceJointUnits(trx, id, jointUnitIds);
    await replaceAttendance(trx, id, attendees, actor.userId);
    await recordAudit(trx, who, {
      action: 'activity.create',
      objectType: 'activity',
      objectId: id,
      after: {
        ...input,
        status,
        hostHomeIds: hostIds,
        jointUnitIds,
        attendeeMemberIds: attendees,
        checkinCode,
      },
    });
    return id;
  });
  return getActivityDetail(db, actor, id);
}

/**
 * Edits an activity: who runs any of its host homes may edit it; adding or removing a host
 * needs the actor to run that home too. Order of refusal: unknown 404, role 403, state 409, data 400.
 */
export async function updateActivity(db: Db, who: Who, id: string, patch: UpdateActivityInput) {
  const actor = who.actor!;
  const before = await getActivity(db, actor, id);
  if (!runsAnyHost(actor, before.hosts)) throw forbidden('无权修改该活动');

  const beforeHostIds = before.hosts.map((h) => h.id);
  const hostIds = patch.hostHomeIds ? unique(patch.hostHomeIds) : beforeHostIds;
  const hostsChanged = patch.hostHomeIds !== undefined;
  if (hostsChanged) {
    const added = hostIds.filter((h) => !beforeHostIds.includes(h));
    const removed = before.hosts.filter((h) => !hostIds.includes(h.id));
    if (!removed.every((h) => mayUpdateHome(actor, h))) throw forbidden('不能移除他人负责的承办委员之家');
    await requireRunning(db, actor, added, '只能增加本人负责的委员之家为承办方');
  }

  if (before.status === 'cancelled') throw invalidTransition('活动已取消，不能再修改');
  const now = new Date();
  const startsAt = patch.startsAt ? new Date(patch.startsAt) : before.startsAt;
  const endsAt = patch.endsAt ? new Date(patch.endsAt) : before.endsAt;
  let status: ActivityStatus = before.status;
  if (patch.status && patch.status !== before.status) {
    if (patch.status === 'held') {
      if (startsAt > now) throw invalidTransition('活动尚未开始，不能标记为已举办');
    } else if (patch.status === 'cancelled') {
      if (before.status !== 'planned') throw invalidTransition('只有计划中的活动可以取消');
    } else {
      throw invalidTransition('已举办的活动不能改回计划中');
    }
    status = patch.status;
  }

  const attendees = patch.attendeeMemberIds ? unique(patch.attendeeMemberIds) : undefined;
  checkRecord({ status, startsAt, endsAt, attendees });
  const jointUnitIds = patch.jointUnitIds ? unique(patch.jointUnitIds) : undefined;
  const planItemId = patch.planItemId !== undefined ? patch.planItemId : before.planItemId;
  // members newly recorded as attending must be in the actor's scope; those recorded stay
  await requireInScope(db, actor, {
    attendeeMemberIds: ['member', attendees?.filter((m) => !before.attendeeMemberIds.includes(m))],
  });
  await checkReferences(db, {
    jointUnitIds,
    // a kept plan item is checked again when the hosts change
    planItemId: patch.planItemId !== undefined || hostsChanged ? planItemId : null,
    hostIds,
  });

  const {
    hostHomeIds: _h,
    jointUnitIds: _j,
    attendeeMemberIds: _a,
    startsAt: _s,
    endsAt: _e,
    ...columns
  } = patch;
  await db.transaction().execute(async (trx) => {
    await setActivity(trx, id, {
      ...columns,
      ...(patch.kind ? { function: ACTIVITY_KIND_FUNCTION[patch.kind] } : {}),
      startsAt,
      endsAt,
      status,
    });
    if (hostsChanged) await replaceHosts(trx, id, hostIds);
    if (jointUnitIds) await replaceJointUnits(trx, id, jointUnitIds);
    if (attendees) await replaceAttendance(trx, id, attendees, actor.userId);
    const { hosts: _hosts, ...beforeRow } = before;
    await recordAudit(trx, who, {
      action:
        status !== before.status ? `activity.${status === 'held' ? 'hold' : 'cancel'}` : 'activity.update',
      objectType: 'activity',
      objectId: id,
      before: { ...beforeRow, hostHomeIds: beforeHostIds },
      after: patch,
    });
  });
  return getActivityDetail(db, actor, id);
}

// Check-in (R16): a member scans the poster's QR code within the window.

export const normaliseCode = (code: string) => code.trim().toUpperCase();

export async function checkinInfo(db: Db, actor: Actor | null, code: string) {
  const found = await findByCode(db, normaliseCode(code));
  if (!found) throw notFound('找不到该签到码');
  const checkedIn =
    actor?.memberId != null && (await findAttendance(db, found.id, actor.memberId)) !== undefined;
  return presentCheckinInfo(found, checkedIn, new Date());
}

export async function checkIn(db: Db, who: Who, code: string, input: CheckinInput = {}) {
  const actor = who.actor!;
  const found = await findByCode(db, normaliseCode(code));
  if (!found) throw notFound('找不到该签到码');
  if (!actor.memberId) throw forbidden('该账号未关联委员，不能签到');
  const memberId = actor.memberId;
  const now = new Date();
  // made now, or on the phone without a signal at `at` and sent now (R34)
  const made = input.at ? new Date(input.at) : now;
  if (made.getTime() > now.getTime() + PHONE_CLOCK_AHEAD_MS)
    throw badRequest('签到时间有误', { at: '签到时间晚于当前时间，请检查手机的日期和时间' });
  if (now.getTime() - made.getTime() > QUEUED_CHECKIN_MAX_DELAY_MS)
    throw badRequest('离线签到超过 24 小时才提交，未能计入', {
      at: '离线签到须在 24 小时内联网提交，请联系委员之家补录出席',
    });
  const at = made > now ? now : made;
  if (!checkinOpen(found, at)) {
    throw badRequest('签到未开放', {
      code: found.status === 'cancelled' ? '活动已取消' : '签到时间为活动开始前 1 小时至活动结束',
    });
  }
  return db.transaction().execute(async (trx) => {
    const row = await insertCheckin(trx, {
      activityId: found.id,
      memberId,
      source: 'checkin',
      recordedBy: actor.userId,
      at,
    });
    if (!row) throw new AppError(409, 'CONFLICT', '已签到，无需重复签到');
    await recordAudit(trx, who, {
      action: 'activity.checkin',
      objectType: 'activity',
      objectId: found.id,
      // a check-in sent later says when it arrived
      after: input.at ? { ...row, receivedAt: now } : row,
    });
    return row;
  });
}

/** The QR code of an activity's check-in page, as SVG. */
export async function checkinQrSvg(db: Db, actor: Actor, id: string, origin: string) {
  const row = await getActivity(db, actor, id);
  const url = `${origin}/checkin/${encodeURIComponent(row.checkinCode)}`;
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

// Photos

const PHOTO_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
  'image/tiff',
]);
const PHOTO_MAX_SIDE = 1600;

/** A photo as stored: at most 1600 px on the long side, JPEG, turned upright, without its EXIF (GPS). */
async function normalisePhoto(buffer: Buffer): Promise<Buffer> {
  try {
    return await sharp(buffer, { failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
  } catch {
    throw badRequest('图片已损坏或无法识别', { file: '图片已损坏或无法识别' });
  }
}

export async function addPhoto(
  db: Db,
  storage: FileStorage,
  who: Who,
  id: string,
  file: { filename: string; buffer: Buffer },
) {
  const actor = who.actor!;
  const row = await getActivity(db, actor, id);
  if (!runsAnyHost(actor, row.hosts)) throw forbidden('无权为该活动上传照片');
  if (row.status === 'cancelled') throw invalidTransition('活动已取消，不能上传照片');
  const type = await fileTypeFromBuffer(file.buffer);
  if (!type || !PHOTO_TYPES.has(type.mime)) {
    throw badRequest('只能上传图片（JPG/PNG/WebP/GIF）', { file: '文件类型不支持' });
  }
  // measured from the header before anything decodes it: a tiny file can claim 50,000 px a side
  const sizeProblem = imageSizeProblem(imageSize(file.buffer, type.mime));
  if (sizeProblem) throw badRequest(sizeProblem, { file: sizeProblem });
  const jpeg = await normalisePhoto(file.buffer);
  const base = cleanFilename(path.basename(file.filename, path.extname(file.filename)), '活动照片');
  const filename = `${base}.jpg`;
  const key = await storage.put(jpeg, filename);
  try {
    return await db.transaction().execute(async (trx) => {
      const photo = await insertPhoto(trx, {
        ownerType: 'activity',
        ownerId: id,
        transitionId: null,
        filename,
        contentType: 'image/jpeg',
        size: jpeg.length,
        storageKey: key,
        uploadedBy: actor.userId,
      });
      await recordAudit(trx, who, {
        action: 'activity.photo_add',
        objectType: 'activity',
        objectId: id,
        after: photo,
      });
      return photo;
    });
  } catch (err) {
    await storage.remove(key).catch(() => undefined);
    throw err;
  }
}

export async function listPhotos(db: Db, actor: Actor, id: string) {
  await getActivity(db, actor, id);
  return activityPhotos(db, id);
}

// The public calendar of a home (ICS feed)

const CALENDAR_DAYS_BACK = 90;

/** The home's activities that are not cancelled, from 90 days ago on; only homes open to the public. */
export async function homeCalendar(db: Db, homeId: string) {
  const home = isUuid(homeId) ? await publicHome(db, homeId) : undefined;
  if (!home) throw notFound('找不到该委员之家');
  const since = new Date(Date.now() - CALENDAR_DAYS_BACK * 86_400_000);
  return writeCalendar(presentCalendar(home, await calendarActivities(db, home.id, since)));
}
