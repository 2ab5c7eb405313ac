import { randomInt } from 'node:crypto';
import { AppError, badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { storeAttachment } from '../attachments/service.js';
import { recordAudit } from '../audit/service.js';
import { requireInScope } from '../references/service.js';
import { defaultOrganiser, organises } from './policy.js';
import { presentCertificate, presentTraining, presentTrainingSummary } from './presenter.js';
import {
  enrolledUserIds,
  enrolmentsOf,
  findCertificate,
  findTraineeCandidates,
  findTrainingByCode,
  findTrainingSummary,
  findVisibleTraining,
  insertTraining,
  materialsOf,
  replaceEnrolments,
  setAttendance,
  trainingsPage,
  updateTrainingRow,
} from './repo.js';
import type { CreateTrainingInput, UpdateTrainingInput } from './schema.js';

/**
 * Training of home staff and directors (R23): sessions, enrolment, attendance (by code or by hand),
 * materials and a certificate. A trainee who is a member gets the attendance in their duty record.
 */

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () =>
  `T${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;

export async function listTrainings(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number },
) {
  const page = await trainingsPage(db, actor, q);
  return { ...page, items: page.items.map(presentTrainingSummary) };
}

async function findTraining(db: Db, actor: Actor, id: string) {
  const row = isUuid(id) ? await findTrainingSummary(db, actor, id) : undefined;
  if (!row) throw notFound('找不到该培训');
  return row;
}

export async function getTraining(db: Db, actor: Actor, id: string) {
  const row = await findTraining(db, actor, id);
  const mayManage = organises(actor, row);
  const [enrolments, materials] = await Promise.all([
    mayManage ? enrolmentsOf(db, row.id) : Promise.resolve([]),
    materialsOf(db, row.id),
  ]);
  return presentTraining(row, mayManage, enrolments, materials);
}

function checkTimes(startsAt: string, endsAt: string) {
  if (new Date(endsAt) <= new Date(startsAt))
    throw badRequest('结束时间应晚于开始时间', { endsAt: '应晚于开始时间' });
}

export async function createTraining(db: Db, who: Who, input: CreateTrainingInput) {
  const actor = who.actor!;
  const organiserUnitId = input.organiserUnitId ?? defaultOrganiser(actor);
  if (!organiserUnitId || !organises(actor, { organiserUnitId })) {
    throw forbidden('只能以本单位名义组织培训');
  }
  checkTimes(input.startsAt, input.endsAt);
  const { organiserUnitId: _o, ...fields } = input;
  const id = await db.transaction().execute(async (trx) => {
    // a drawn check-in code may be taken: draw again (a failed insert would end the transaction)
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = await insertTraining(trx, {
        ...fields,
        place: fields.place ?? null,
        description: fields.description ?? null,
        organiserUnitId,
        checkinCode: newCode(),
        createdBy: actor.userId,
      });
      if (!id) continue;
      await recordAudit(trx, who, {
        action: 'training.create',
        objectType: 'training',
        objectId: id,
        after: input,
      });
      return id;
    }
    throw new Error('no free check-in code after 8 draws');
  });
  return getTraining(db, actor, id);
}

async function managed(db: Db, actor: Actor, id: string) {
  const row = await findTraining(db, actor, id);
  if (!organises(actor, row)) throw forbidden('只有培训的组织单位可以管理');
  return row;
}

export async function updateTraining(db: Db, who: Who, id: string, patch: UpdateTrainingInput) {
  const actor = who.actor!;
  const before = await managed(db, actor, id);
  // held and cancelled are final: only a planned session is recorded as held or cancelled
  if (patch.status && patch.status !== before.status && before.status !== 'planned') {
    throw new AppError(409, 'INVALID_TRANSITION', '培训已举办或已取消，不能再更改状态');
  }
  checkTimes(patch.startsAt ?? before.startsAt.toISOString(), patch.endsAt ?? before.endsAt.toISOString());
  await db.transaction().execute(async (trx) => {
    await updateTrainingRow(trx, before.id, patch);
    await recordAudit(trx, who, {
      action: 'training.update',
      objectType: 'training',
      objectId: before.id,
      after: patch,
    });
  });
  return getTraining(db, actor, before.id);
}

/** Sets who is enrolled; those who stay keep their attendance. */
export async function setEnrolments(db: Db, who: Who, id: string, userIds: string[]) {
  const actor = who.actor!;
  const row = await managed(db, actor, id);
  if (row.status === 'cancelled') throw new AppError(409, 'INVALID_TRANSITION', '培训已取消');
  const unique = [...new Set(userIds)];
  // accounts newly enrolled must be in the organiser's scope; those enrolled stay
  const enrolled = await enrolledUserIds(db, row.id);
  const kept = new Set(enrolled.map((e) => e.userId));
  await requireInScope(db, actor, { userIds: ['user', unique.filter((u) => !kept.has(u))] });
  await db.transaction().execute(async (trx) => {
    await replaceEnrolments(trx, row.id, unique);
    await recordAudit(trx, who, {
      action: 'training.enrol',
      objectType: 'training',
      objectId: row.id,
      after: { userIds: unique },
    });
  });
  return getTraining(db, actor, row.id);
}

export async function markAttendance(db: Db, who: Who, id: string, userId: string, attended: boolean) {
  const actor = who.actor!;
  const row = await managed(db, actor, id);
  if (row.status === 'cancelled') throw new AppError(409, 'INVALID_TRANSITION', '培训已取消');
  await db.transaction().execute(async (trx) => {
    const updated = await setAttendance(
      trx,
      row.id,
      isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000',
      attended ? 'manual' : null,
    );
    if (updated !== 1) throw badRequest('该用户未报名本次培训', { userId: '该用户未报名本次培训' });
    await recordAudit(trx, who, {
      action: 'training.attendance',
      objectType: 'training',
      objectId: row.id,
      after: { userId, attended },
    });
  });
  return getTraining(db, actor, row.id);
}

/** The trainee checks in with the session's code, from an hour before it starts until it ends. */
export async function checkInTraining(db: Db, who: Who, code: string, now = new Date()) {
  const actor = who.actor!;
  const row = await findTrainingByCode(db, code.trim().toUpperCase());
  if (!row) throw notFound('签到码不存在');
  if (row.status === 'cancelled') throw new AppError(409, 'INVALID_TRANSITION', '培训已取消');
  if (now.getTime() < row.startsAt.getTime() - 3600_000 || now > row.endsAt) {
    throw new AppError(409, 'INVALID_TRANSITION', '不在签到时间内（开始前 1 小时至结束）');
  }
  await db.transaction().execute(async (trx) => {
    const updated = await setAttendance(trx, row.id, actor.userId, 'checkin');
    if (updated !== 1) throw forbidden('您未报名本次培训，请联系组织单位');
    await recordAudit(trx, who, { action: 'training.checkin', objectType: 'training', objectId: row.id });
  });
  return getTraining(db, actor, row.id);
}

export async function addMaterial(
  db: Db,
  storage: FileStorage,
  who: Who,
  id: string,
  file: { filename: string; buffer: Buffer },
) {
  const row = await managed(db, who.actor!, id);
  return storeAttachment(
    db,
    storage,
    who,
    { type: 'training', id: row.id, auditAction: 'training.material_add' },
    file,
  );
}

/** A certificate of attendance, for the trainee or the organisers, once attended. */
export async function certificateOf(db: Db, actor: Actor, id: string, userId: string) {
  if (!isUuid(id) || !(await findVisibleTraining(db, actor, id))) throw notFound('找不到该培训');
  const row = await findCertificate(db, id, isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000');
  if (!row || (row.userId !== actor.userId && !organises(actor, row))) throw notFound('找不到该培训证明');
  const { attendedAt } = row;
  if (!attendedAt) throw new AppError(409, 'INVALID_TRANSITION', '尚未出席，不能出具培训证明');
  return presentCertificate({ ...row, attendedAt });
}

/**
 * Accounts an organiser may enrol, by name: for the office any; for a district CPPCC the accounts of
 * its members, of the directors of its homes and of its own staff.
 */
export function traineeCandidates(db: Db, actor: Actor, q: string | undefined) {
  return findTraineeCandidates(db, actor, q);
}
