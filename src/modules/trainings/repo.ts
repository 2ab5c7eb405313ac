import { type Insertable, sql } from 'kysely';
import type { Db, TrainingTable } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { yearRange } from '../../domain/calendar.js';
import { likePattern } from '../../lib/sql.js';
import { pageOf } from '../../server/http.js';
import { userScope } from '../users/policy.js';
import { inAudience, trainingScope } from './policy.js';
import type { UpdateTrainingInput } from './schema.js';

/** The sessions an actor sees, with the actor's own enrolment joined as `mine` (which the scope reads). */
const visibleTrainings = (db: Db, actor: Actor) =>
  db
    .selectFrom('trainings')
    .leftJoin('trainingEnrolments as mine', (join) =>
      join.onRef('mine.trainingId', '=', 'trainings.id').on('mine.userId', '=', actor.userId),
    )
    .where(trainingScope(actor));

const summaries = (db: Db, actor: Actor) =>
  visibleTrainings(db, actor)
    .innerJoin('orgUnits', 'orgUnits.id', 'trainings.organiserUnitId')
    .select([
      'trainings.id',
      'trainings.title',
      'trainings.organiserUnitId',
      'orgUnits.name as organiserUnitName',
      'trainings.startsAt',
      'trainings.endsAt',
      'trainings.place',
      'trainings.status',
      'trainings.audience',
      'trainings.capacity',
      'trainings.description',
      'trainings.checkinCode',
      'mine.userId as mineUserId',
      'mine.attendedAt as mineAttendedAt',
      'mine.selfEnrolled as mineSelfEnrolled',
      (eb) => inAudience(actor)(eb).as('inAudience'),
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

export type TrainingSummaryRow = Awaited<ReturnType<ReturnType<typeof summaries>['execute']>>[number];

/**
 * A page of the sessions the actor sees, newest first; the service presents the rows. `enrolment`
 * keeps those the actor is enrolled in (mine), or those open to them that have not started (open).
 */
export function trainingsPage(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number; enrolment?: 'mine' | 'open' },
  now: Date,
) {
  let query = summaries(db, actor);
  if (q.year) {
    const { start, end } = yearRange(q.year);
    query = query.where('trainings.startsAt', '>=', start).where('trainings.startsAt', '<', end);
  }
  if (q.enrolment === 'mine') query = query.where('mine.userId', 'is not', null);
  if (q.enrolment === 'open') {
    query = query
      .where('trainings.status', '=', 'planned')
      .where('trainings.startsAt', '>', now)
      .where(inAudience(actor));
  }
  return pageOf(
    q,
    query.orderBy('trainings.startsAt', 'desc').orderBy('trainings.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows,
  );
}

/** A session the actor sees, with its counts and the actor's own enrolment. */
export function findTrainingSummary(db: Db, actor: Actor, id: string) {
  return summaries(db, actor).where('trainings.id', '=', id).executeTakeFirst();
}

/** A session the actor sees (its organisers, staff for the office's sessions, its trainees), or undefined. */
export function findVisibleTraining(db: Db, actor: Actor, id: string) {
  return visibleTrainings(db, actor)
    .select(['trainings.id', 'trainings.organiserUnitId'])
    .where('trainings.id', '=', id)
    .executeTakeFirst();
}

/** Who is enrolled in a session, with their names, for its organisers. */
export function enrolmentsOf(db: Db, trainingId: string) {
  return db
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
      'e.selfEnrolled',
    ])
    .where('e.trainingId', '=', trainingId)
    .orderBy('users.displayName')
    .execute();
}

export function materialsOf(db: Db, trainingId: string) {
  return db
    .selectFrom('attachments')
    .select(['id', 'filename', 'contentType', 'size', 'createdAt'])
    .where('ownerType', '=', 'training')
    .where('ownerId', '=', trainingId)
    .orderBy('createdAt')
    .execute();
}

/** The new session's id, or undefined when its check-in code is taken already (draw another). */
export async function insertTraining(db: Db, values: Insertable<TrainingTable>) {
  const row = await db
    .insertInto('trainings')
    .values(values)
    .onConflict((oc) => oc.column('checkinCode').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateTrainingRow(db: Db, id: string, patch: UpdateTrainingInput) {
  await db
    .updateTable('trainings')
    .set({ ...patch, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export function enrolledUserIds(db: Db, trainingId: string) {
  return db.selectFrom('trainingEnrolments').select('userId').where('trainingId', '=', trainingId).execute();
}

/** Enrols exactly `userIds`: the others are removed, those who stay keep their rows. */
export async function replaceEnrolments(db: Db, trainingId: string, userIds: string[]) {
  let del = db.deleteFrom('trainingEnrolments').where('trainingId', '=', trainingId);
  if (userIds.length) del = del.where('userId', 'not in', userIds);
  await del.execute();
  if (userIds.length) {
    await db
      .insertInto('trainingEnrolments')
      .values(userIds.map((userId) => ({ trainingId, userId })))
      .onConflict((oc) => oc.columns(['trainingId', 'userId']).doNothing())
      .execute();
  }
}

/** Holds the session's row until the transaction ends, so enrolments for its last places are taken one at a time. */
export async function lockTraining(db: Db, id: string) {
  await db.selectFrom('trainings').select('id').where('id', '=', id).forUpdate().execute();
}

/** The actor's own enrolment, made by themselves. */
export async function insertSelfEnrolment(db: Db, trainingId: string, userId: string) {
  await db.insertInto('trainingEnrolments').values({ trainingId, userId, selfEnrolled: true }).execute();
}

/** Removes a trainee's own enrolment, unless attended; answers how many it removed. */
export async function deleteSelfEnrolment(db: Db, trainingId: string, userId: string) {
  const deleted = await db
    .deleteFrom('trainingEnrolments')
    .where('trainingId', '=', trainingId)
    .where('userId', '=', userId)
    .where('selfEnrolled', '=', true)
    .where('attendedAt', 'is', null)
    .executeTakeFirst();
  return Number(deleted.numDeletedRows);
}

/**
 * Records an enrolled trainee as attended (keeping an earlier time and source) by `source`, or,
 * with `null`, as not attended. Answers how many enrolments it changed (0: not enrolled).
 */
/** Whether the trainee's attendance is recorded (null: not enrolled). */
export async function attendanceOf(db: Db, trainingId: string, userId: string): Promise<boolean | null> {
  const row = await db
    .selectFrom('trainingEnrolments')
    .select('attendedAt')
    .where('trainingId', '=', trainingId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row ? row.attendedAt !== null : null;
}

export async function setAttendance(
  db: Db,
  trainingId: string,
  userId: string,
  source: 'manual' | 'checkin' | null,
) {
  const updated = await db
    .updateTable('trainingEnrolments')
    .set(
      source
        ? { attendedAt: sql`coalesce(attended_at, now())`, source: sql`coalesce(source, ${sql.lit(source)})` }
        : { attendedAt: null, source: null },
    )
    .where('trainingId', '=', trainingId)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** A session by its check-in code (no scope: whoever holds the code; enrolment is checked on check-in). */
export function findTrainingByCode(db: Db, code: string) {
  return db
    .selectFrom('trainings')
    .select(['id', 'title', 'startsAt', 'endsAt', 'status'])
    .where('checkinCode', '=', code)
    .executeTakeFirst();
}

/** The enrolments of a session, with what a certificate shows: one trainee's, or (no `userId`) everyone's. */
export function certificateRows(db: Db, trainingId: string, userId?: string) {
  let query = db
    .selectFrom('trainingEnrolments as e')
    .innerJoin('users', 'users.id', 'e.userId')
    .leftJoin('members', 'members.id', 'users.memberId')
    .select([sql<string>`coalesce(members.name, users.display_name)`.as('name'), 'e.attendedAt', 'e.userId'])
    .where('e.trainingId', '=', trainingId);
  if (userId) query = query.where('e.userId', '=', userId);
  return query.execute();
}

export type CertificateRow = Awaited<ReturnType<typeof certificateRows>>[number];

/** Enabled accounts in the actor's scope, by display name, member name or username; at most 50. */
export function findTraineeCandidates(db: Db, actor: Actor, q: string | undefined) {
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
