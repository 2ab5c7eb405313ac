import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { yearRange } from '../../domain/calendar.js';
import { likePattern } from '../../lib/sql.js';
import { AppError, badRequest, forbidden, notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { FileStorage } from '../../server/storage.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { storeAttachment } from '../attachments.js';
import { recordAudit } from '../audit/service.js';
import { requireInScope } from '../references.js';
import { userScope } from '../users/policy.js';
import { defaultOrganiser, organises, trainingActions, trainingScope, trainingVisible } from './policy.js';
import type { CreateTrainingInput, UpdateTrainingInput } from './schema.js';

/**
 * Training of home staff and directors (R23): sessions, enrolment, attendance (by code or by hand),
 * materials and a certificate. A trainee who is a member gets the attendance in their duty record.
 */

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const newCode = () =>
  `T${Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('')}`;

const summaries = (db: Db, actor: Actor) =>
  db
    .selectFrom('trainings')
    .innerJoin('orgUnits', 'orgUnits.id', 'trainings.organiserUnitId')
    .leftJoin('trainingEnrolments as mine', (join) =>
      join.onRef('mine.trainingId', '=', 'trainings.id').on('mine.userId', '=', actor.userId),
    )
    .select([
      'trainings.id',
      'trainings.title',
      'trainings.organiserUnitId',
      'orgUnits.name as organiserUnitName',
      'trainings.startsAt',
      'trainings.endsAt',
      'trainings.place',
      'trainings.status',
      'trainings.description',
      'trainings.checkinCode',
      'mine.userId as mineUserId',
      'mine.attendedAt as mineAttendedAt',
      (eb) =>
        eb
          .selectFrom('trainingEnrolments as e')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('e.trainingId', '=', 'trainings.id')
          .as('enrolled'),
      (eb) =>
        eb
          .selectFrom('trainingEnrolments as e')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('e.trainingId', '=', 'trainings.id')
          .where('e.attendedAt', 'is not', null)
          .as('attended'),
    ]);

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

const presentSummary = (r: SummaryRow) => ({
  id: r.id,
  title: r.title,
  organiserUnitId: r.organiserUnitId,
  organiserUnitName: r.organiserUnitName,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  place: r.place,
  status: r.status as 'planned' | 'held' | 'cancelled',
  enrolled: Number(r.enrolled ?? 0),
  attended: Number(r.attended ?? 0),
  mine: r.mineUserId ? { attendedAt: r.mineAttendedAt ? r.mineAttendedAt.toISOString() : null } : null,
});

export async function listTrainings(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number },
) {
  let query = summaries(db, actor).where(trainingScope(actor));
  if (q.year) {
    const { start, end } = yearRange(q.year);
    query = query.where('trainings.startsAt', '>=', start).where('trainings.startsAt', '<', end);
  }
  return pageOf(
    q,
    query.orderBy('trainings.startsAt', 'desc').orderBy('trainings.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows.map(presentSummary),
  );
}

async function findTraining(db: Db, actor: Actor, id: string) {
  const row = isUuid(id)
    ? await summaries(db, actor).where('trainings.id', '=', id).where(trainingScope(actor)).executeTakeFirst()
    : undefined;
  if (!row) throw notFound('找不到该培训');
  return row;
}

export async function getTraining(db: Db, actor: Actor, id: string) {
  const row = await findTraining(db, actor, id);
  const mayManage = organises(actor, row);
  const [enrolments, materials] = await Promise.all([
    mayManage
      ? db
          .selectFrom('trainingEnrolments as e')
          .innerJoin('users', 'users.id', 'e.userId')
          .leftJoin('members', 'members.id', 'users.memberId')
          .select([
            'e.userId',
            'users.displayName',
            'users.memberId',
            'members.name as memberName',
            'e.attendedAt',
            'e.source',
          ])
          .where('e.trainingId', '=', row.id)
          .orderBy('users.displayName')
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('attachments')
      .select(['id', 'filename', 'contentType', 'size', 'createdAt'])
      .where('ownerType', '=', 'training')
      .where('ownerId', '=', row.id)
      .orderBy('createdAt')
      .execute(),
  ]);
  const summary = presentSummary(row);
  return {
    ...summary,
    description: row.description,
    checkinCode: mayManage ? row.checkinCode : null,
    enrolments: enrolments.map((e) => ({
      ...e,
      attendedAt: e.attendedAt ? e.attendedAt.toISOString() : null,
    })),
    materials: materials.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
    allowedActions: trainingActions(mayManage, summary),
  };
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
    for (let attempt = 0; ; attempt++) {
      try {
        const { id } = await trx
          .insertInto('trainings')
          .values({
            ...fields,
            place: fields.place ?? null,
            description: fields.description ?? null,
            organiserUnitId,
            checkinCode: newCode(),
            createdBy: actor.userId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, who, {
          action: 'training.create',
          objectType: 'training',
          objectId: id,
          after: input,
        });
        return id;
      } catch (err) {
        if ((err as { code?: string }).code !== '23505' || attempt > 5) throw err;
      }
    }
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
    await trx
      .updateTable('trainings')
      .set({ ...patch, updatedAt: sql`now()` })
      .where('id', '=', before.id)
      .execute();
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
  const enrolled = await db
    .selectFrom('trainingEnrolments')
    .select('userId')
    .where('trainingId', '=', row.id)
    .execute();
  const kept = new Set(enrolled.map((e) => e.userId));
  await requireInScope(db, actor, { userIds: ['user', unique.filter((u) => !kept.has(u))] });
  await db.transaction().execute(async (trx) => {
    let del = trx.deleteFrom('trainingEnrolments').where('trainingId', '=', row.id);
    if (unique.length) del = del.where('userId', 'not in', unique);
    await del.execute();
    if (unique.length) {
      await trx
        .insertInto('trainingEnrolments')
        .values(unique.map((userId) => ({ trainingId: row.id, userId })))
        .onConflict((oc) => oc.columns(['trainingId', 'userId']).doNothing())
        .execute();
    }
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
  const updated = await db
    .updateTable('trainingEnrolments')
    .set(
      attended
        ? { attendedAt: sql`coalesce(attended_at, now())`, source: sql`coalesce(source, 'manual')` }
        : { attendedAt: null, source: null },
    )
    .where('trainingId', '=', row.id)
    .where('userId', '=', isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1)
    throw badRequest('该用户未报名本次培训', { userId: '该用户未报名本次培训' });
  await recordAudit(db, who, {
    action: 'training.attendance',
    objectType: 'training',
    objectId: row.id,
    after: { userId, attended },
  });
  return getTraining(db, actor, row.id);
}

/** The trainee checks in with the session's code, from an hour before it starts until it ends. */
export async function checkInTraining(db: Db, who: Who, code: string, now = new Date()) {
  const actor = who.actor!;
  const row = await db
    .selectFrom('trainings')
    .select(['id', 'title', 'startsAt', 'endsAt', 'status'])
    .where('checkinCode', '=', code.trim().toUpperCase())
    .executeTakeFirst();
  if (!row) throw notFound('签到码不存在');
  if (row.status === 'cancelled') throw new AppError(409, 'INVALID_TRANSITION', '培训已取消');
  if (now.getTime() < row.startsAt.getTime() - 3600_000 || now > row.endsAt) {
    throw new AppError(409, 'INVALID_TRANSITION', '不在签到时间内（开始前 1 小时至结束）');
  }
  const updated = await db
    .updateTable('trainingEnrolments')
    .set({ attendedAt: sql`coalesce(attended_at, now())`, source: sql`coalesce(source, 'checkin')` })
    .where('trainingId', '=', row.id)
    .where('userId', '=', actor.userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw forbidden('您未报名本次培训，请联系组织单位');
  await recordAudit(db, who, { action: 'training.checkin', objectType: 'training', objectId: row.id });
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
  if (!isUuid(id) || !(await trainingVisible(db, actor, id))) throw notFound('找不到该培训');
  const row = await db
    .selectFrom('trainingEnrolments as e')
    .innerJoin('trainings', 'trainings.id', 'e.trainingId')
    .innerJoin('orgUnits', 'orgUnits.id', 'trainings.organiserUnitId')
    .innerJoin('users', 'users.id', 'e.userId')
    .leftJoin('members', 'members.id', 'users.memberId')
    .select([
      'trainings.id as trainingId',
      'trainings.title',
      'orgUnits.name as organiserUnitName',
      'trainings.organiserUnitId',
      'trainings.startsAt',
      'trainings.endsAt',
      'trainings.place',
      sql<string>`coalesce(members.name, users.display_name)`.as('name'),
      'e.attendedAt',
      'e.userId',
    ])
    .where('e.trainingId', '=', id)
    .where('e.userId', '=', isUuid(userId) ? userId : '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
  if (!row || (row.userId !== actor.userId && !organises(actor, row))) throw notFound('找不到该培训证明');
  if (!row.attendedAt) throw new AppError(409, 'INVALID_TRANSITION', '尚未出席，不能出具培训证明');
  return {
    trainingId: row.trainingId,
    title: row.title,
    organiserUnitName: row.organiserUnitName,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    place: row.place,
    name: row.name,
    attendedAt: row.attendedAt.toISOString(),
    number: `PX${row.startsAt.toISOString().slice(0, 4)}-${row.trainingId.slice(0, 4).toUpperCase()}-${row.userId.slice(0, 6).toUpperCase()}`,
  };
}

/**
 * Accounts an organiser may enrol, by name: for the office any; for a district CPPCC the accounts of
 * its members, of the directors of its homes and of its own staff.
 */
export async function traineeCandidates(db: Db, actor: Actor, q: string | undefined) {
  let query = db
    .selectFrom('users')
    .leftJoin('members', 'members.id', 'users.memberId')
    .select(['users.id as userId', 'users.displayName', 'members.name as memberName'])
    .where('users.disabled', '=', false)
    .where(userScope(actor));
  if (q) {
    const like = likePattern(q);
    query = query.where((eb) =>
      eb.or([
        eb('users.displayName', 'like', like),
        eb('members.name', 'like', like),
        eb('users.username', 'like', like),
      ]),
    );
  }
  return query.orderBy('users.displayName').limit(50).execute();
}
