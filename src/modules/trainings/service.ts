import { randomInt } from 'node:crypto';
import type { CertificateData } from '../../print/certificate.js';
import { AppError, badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { storeAttachment } from '../attachments/service.js';
import { fieldsOf, recordAudit } from '../audit/service.js';
import { requireInScope } from '../references/service.js';
import {
  certificateRefusal,
  certificatesRefusal,
  defaultOrganiser,
  organises,
  type Refusal,
  selfEnrolmentRefusal,
  withdrawalRefusal,
} from './policy.js';
import { certificateNumber, presentTraining, presentTrainingSummary, trainingFacts } from './presenter.js';
import {
  attendanceOf,
  type CertificateRow,
  certificateRows,
  deleteSelfEnrolment,
  enrolledUserIds,
  enrolmentsOf,
  findTraineeCandidates,
  findTrainingByCode,
  findTrainingSummary,
  insertSelfEnrolment,
  insertTraining,
  lockTraining,
  materialsOf,
  replaceEnrolments,
  setAttendance,
  type TrainingSummaryRow,
  trainingsPage,
  updateTrainingRow,
} from './repo.js';
import type { CreateTrainingInput, UpdateTrainingInput } from './schema.js';

/**
 * Training of home staff and directors (R23): sessions, enrolment (by the organisers, or by the
 * trainee in a session open to them), attendance (by code or by hand), materials and, once a
 * session has ended, certificates for those who attended. A trainee who is a member gets the
 * attendance in their duty record.
 */

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () =>
  `T${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;

const NO_ID = '00000000-0000-0000-0000-000000000000';

const refusalError = (refusal: Refusal) => new AppError(409, 'INVALID_TRANSITION', refusal.message);

export async function listTrainings(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number; enrolment?: 'mine' | 'open' },
  now = new Date(),
) {
  const page = await trainingsPage(db, actor, q, now);
  return { ...page, items: page.items.map((row) => presentTrainingSummary(row, organises(actor, row), now)) };
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
  return presentTraining(row, mayManage, enrolments, materials, new Date());
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
        capacity: fields.capacity ?? null,
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
      before: fieldsOf(before, Object.keys(patch)),
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
      before: { userIds: [...kept] },
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
    const attendedBefore = await attendanceOf(trx, row.id, isUuid(userId) ? userId : NO_ID);
    const updated = await setAttendance(
      trx,
      row.id,
      isUuid(userId) ? userId : NO_ID,
      attended ? 'manual' : null,
    );
    if (updated !== 1) throw badRequest('该用户未报名本次培训', { userId: '该用户未报名本次培训' });
    await recordAudit(trx, who, {
      action: 'training.attendance',
      objectType: 'training',
      objectId: row.id,
      before: { userId, attended: attendedBefore },
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

/**
 * The trainee enrols themselves in a session open to them (its audience, its places, before it
 * starts: `selfEnrolmentRefusal`). The session's row is held meanwhile, so two trainees never take
 * its last place both.
 */
export async function enrolSelf(db: Db, who: Who, id: string, now = new Date()) {
  const actor = who.actor!;
  const visible = await findTraining(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await lockTraining(trx, visible.id);
    const row = await findTraining(trx, actor, visible.id);
    const refusal = selfEnrolmentRefusal(trainingFacts(row), now);
    if (refusal) throw refusalError(refusal);
    await insertSelfEnrolment(trx, row.id, actor.userId);
    await recordAudit(trx, who, {
      action: 'training.enrol_self',
      objectType: 'training',
      objectId: row.id,
      after: { userId: actor.userId },
    });
  });
  return getTraining(db, actor, visible.id);
}

/** The trainee withdraws their own enrolment before the session starts (`withdrawalRefusal`). */
export async function withdrawSelf(db: Db, who: Who, id: string, now = new Date()) {
  const actor = who.actor!;
  const visible = await findTraining(db, actor, id);
  await db.transaction().execute(async (trx) => {
    await lockTraining(trx, visible.id);
    const row = await findTraining(trx, actor, visible.id);
    const refusal = withdrawalRefusal(trainingFacts(row), now);
    if (refusal) throw refusalError(refusal);
    if ((await deleteSelfEnrolment(trx, row.id, actor.userId)) !== 1) {
      throw new AppError(409, 'CONFLICT', '报名已变更，请刷新后重试');
    }
    await recordAudit(trx, who, {
      action: 'training.withdraw',
      objectType: 'training',
      objectId: row.id,
      before: { userId: actor.userId },
    });
  });
}

const collator = new Intl.Collator('zh-CN');

function certificateData(row: TrainingSummaryRow, trainee: CertificateRow): CertificateData {
  return {
    number: certificateNumber(row, trainee.userId),
    name: trainee.name,
    title: row.title,
    organiser: row.organiserUnitName,
    place: row.place,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
  };
}

/**
 * A trainee's certificate, for themselves or the session's organisers (anyone else is told it does
 * not exist), once the session has ended and their attendance is recorded (`certificateRefusal`).
 */
export async function certificateOf(db: Db, actor: Actor, id: string, userId: string, now = new Date()) {
  const row = await findTraining(db, actor, id);
  if (userId !== actor.userId && !organises(actor, row)) throw notFound('找不到该培训证明');
  const [trainee] = await certificateRows(db, row.id, isUuid(userId) ? userId : NO_ID);
  if (!trainee) throw notFound('找不到该培训证明');
  const refusal = certificateRefusal(trainingFacts(row), trainee, now);
  if (refusal) throw refusalError(refusal);
  return certificateData(row, trainee);
}

/** Every attended trainee's certificate, in name order, for the session's organisers once it has ended. */
export async function certificatesOf(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = await findTraining(db, actor, id);
  if (!organises(actor, row)) throw forbidden('只有培训的组织单位可以打印全部培训证明');
  const refusal = certificatesRefusal(trainingFacts(row), now);
  if (refusal) throw refusalError(refusal);
  const attended = (await certificateRows(db, row.id)).filter((trainee) => trainee.attendedAt);
  return {
    title: row.title,
    certificates: attended
      .map((trainee) => certificateData(row, trainee))
      .sort((a, b) => collator.compare(a.name, b.name) || a.number.localeCompare(b.number)),
  };
}

/**
 * Accounts an organiser may enrol, by name: for the office any; for a district CPPCC the accounts of
 * its members, of the directors of its homes and of its own staff.
 */
export function traineeCandidates(db: Db, actor: Actor, q: string | undefined) {
  return findTraineeCandidates(db, actor, q);
}
