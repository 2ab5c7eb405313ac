import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type SelectQueryBuilder,
  type SqlBool,
  sql,
} from 'kysely';
import type { Database, Db, OpinionSubmissionTable, OpinionTable } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import {
  OPINION_DEADLINES,
  OPINION_DECISIONS,
  UNANSWERED_STATUSES,
} from '../../../domain/opinion-workflow.js';
import { openPhone, sealPhone } from '../../../lib/personal-data.js';
import { likePattern } from '../../../lib/sql.js';
import { isUuid, pageOf } from '../../../server/http.js';
import { homeScope } from '../../homes/policy.js';
import { decidesOpinions, opinionScope, runScope } from '../policy.js';
import type { ListOpinionsQuery } from '../schema.js';

const DAY_MS = 86_400_000;

/** Columns set to the database's clock (`now()`), beside the plain values of a change. */
export const atNow = (columns: readonly string[]) =>
  Object.fromEntries(columns.map((column) => [column, sql`now()`]));

// ---- where an opinion goes ----

/** A home an opinion (or problem) is sent to; `visibleTo` narrows it to the homes that actor sees. */
export function findTargetHome(db: Db, homeId: string, visibleTo?: Actor) {
  let q = db
    .selectFrom('homes')
    .select(['id', 'regionCode', 'ownerUnitId', 'status'])
    .where('id', '=', isUuid(homeId) ? homeId : '00000000-0000-0000-0000-000000000000');
  if (visibleTo) q = q.where(homeScope(visibleTo));
  return q.executeTakeFirst();
}

export function findRegion(db: Db, code: string) {
  return db.selectFrom('regions').select(['code', 'level']).where('code', '=', code).executeTakeFirst();
}

/** What decides who answers for a home the target resolved to. */
export function homeFactsOf(db: Db, homeId: string) {
  return db
    .selectFrom('homes')
    .select(['level', 'directorMemberId'])
    .where('id', '=', homeId)
    .executeTakeFirstOrThrow();
}

// ---- receiving ----

/** The earliest opinion received since `since` under the same content key. */
export function findOpinionByContentKey(db: Db, contentKey: string, since: Date) {
  return db
    .selectFrom('opinions')
    .select(['id'])
    .where('contentKey', '=', contentKey)
    .where('receivedAt', '>', since)
    .orderBy('receivedAt')
    .executeTakeFirst();
}

export async function countSubmission(db: Db, opinionId: string): Promise<void> {
  await db
    .updateTable('opinions')
    .set({ submissionCount: sql`submission_count + 1` })
    .where('id', '=', opinionId)
    .execute();
}

export function insertOpinion(db: Db, values: Insertable<OpinionTable>) {
  return db.insertInto('opinions').values(values).returning('id').executeTakeFirstOrThrow();
}

/** A submission as the service gives it: the citizen's number readable, sealed here before it is stored. */
type SubmissionInput = Omit<Insertable<OpinionSubmissionTable>, 'phoneSealed'> & { phone: string | null };

export async function insertSubmission(db: Db, { phone, ...values }: SubmissionInput): Promise<void> {
  await db
    .insertInto('opinionSubmissions')
    .values({ ...values, phoneSealed: sealPhone(phone) })
    .execute();
}

/** The submission a device already sent with this key, if any. */
export function findSubmissionByKey(db: Db, submissionKey: string) {
  return db
    .selectFrom('opinionSubmissions')
    .select(['opinionId', 'trackingCode'])
    .where('submissionKey', '=', submissionKey)
    .executeTakeFirst();
}

// ---- reading ----

type OpinionQuery = SelectQueryBuilder<Database, 'opinions' | 'homes', object>;

const base = (db: Db) => db.selectFrom('opinions').leftJoin('homes', 'homes.id', 'opinions.homeId');

type OpinionExpression = ExpressionBuilder<Database, 'opinions' | 'homes'>;
type Queue = ListOpinionsQuery['queue'];

/** What waits for the actor to act on: to write, to accept, to decide, to reply (待我处理). */
const WAITING: Queue[] = ['mine', 'to_accept', 'to_decide', 'to_reply'];

/** The opinions of one queue, as SQL: the tabs, the menu badge and the home page count the same. */
function queueCondition(actor: Actor, queue: Queue, now: Date) {
  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  return (eb: OpinionExpression): Expression<SqlBool> => {
    switch (queue) {
      case 'waiting':
        return eb.or(WAITING.map((q) => queueCondition(actor, q, now)(eb)));
      case 'mine':
        return actor.memberId
          ? eb.and([
              eb('opinions.assignedMemberId', '=', actor.memberId),
              eb('opinions.status', 'in', ['accepted', 'drafted']),
            ])
          : eb.lit(false);
      case 'to_accept':
        return eb.and([eb('opinions.status', '=', 'received'), runScope(actor)(eb)]);
      case 'to_decide':
        return decidesOpinions(actor) ? eb('opinions.status', '=', 'submitted') : eb.lit(false);
      case 'to_reply':
        return eb.and([eb('opinions.status', 'in', OPINION_DECISIONS), runScope(actor)(eb)]);
      case 'overdue':
        return eb.or([
          eb.and([
            eb('opinions.status', '=', 'received'),
            eb('opinions.receivedAt', '<', ago(OPINION_DEADLINES.acceptDays)),
          ]),
          eb.and([
            eb('opinions.status', 'in', UNANSWERED_STATUSES),
            eb('opinions.receivedAt', '<', ago(OPINION_DEADLINES.flagDays)),
          ]),
        ]);
      default:
        return eb.lit(true);
    }
  };
}

const inQueue = (q: OpinionQuery, actor: Actor, queue: Queue, now: Date): OpinionQuery =>
  queue === 'all' ? q : q.where(queueCondition(actor, queue, now));

const LIST_COLUMNS = [
  'opinions.id',
  'opinions.title',
  'opinions.homeId',
  'homes.name as homeName',
  'opinions.regionCode',
  'opinions.status',
  'opinions.receivedAt',
  'opinions.assignedMemberId',
  'opinions.submissionCount',
] as const;

function withNames(q: OpinionQuery) {
  return (
    q
      .leftJoin('regions', 'regions.code', 'opinions.regionCode')
      .leftJoin('members', 'members.id', 'opinions.assignedMemberId')
      // the first submission decides the channel and the code staff see
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('opinionSubmissions as s')
            .select(['s.trackingCode', 's.channel'])
            .whereRef('s.opinionId', '=', 'opinions.id')
            .orderBy('s.createdAt')
            .limit(1)
            .as('first'),
        (join) => join.onTrue(),
      )
      .select(LIST_COLUMNS)
      .select([
        'regions.name as regionName',
        'members.name as assignedMemberName',
        'first.trackingCode',
        'first.channel',
      ])
  );
}

export type OpinionListRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

function filtered(db: Db, actor: Actor, f: Partial<ListOpinionsQuery>, now: Date) {
  let q: OpinionQuery = base(db).where(opinionScope(actor, 'opinions'));
  q = inQueue(q, actor, f.queue ?? 'all', now);
  if (f.status) q = q.where('opinions.status', '=', f.status);
  if (f.homeId) q = q.where(sql`opinions.home_id::text`, '=', f.homeId);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('opinions.title', 'like', like),
        eb(
          'opinions.id',
          'in',
          eb
            .selectFrom('opinionSubmissions')
            .select('opinionId')
            .where('trackingCode', '=', f.q as string),
        ),
      ]),
    );
  }
  return q;
}

/** One page of the opinions the actor sees, newest first; `now` decides what is overdue. */
export function opinionsPage(db: Db, actor: Actor, query: ListOpinionsQuery, now: Date) {
  const q = filtered(db, actor, query, now);
  return pageOf(
    query,
    withNames(q).orderBy('opinions.receivedAt', 'desc').orderBy('opinions.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows,
  );
}

export function countOpinions(db: Db, actor: Actor, f: Partial<ListOpinionsQuery>, now: Date) {
  return filtered(db, actor, f, now)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
}

export async function findOpinion(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return withNames(base(db).where('opinions.id', '=', id).where(opinionScope(actor, 'opinions')))
    .select([
      'opinions.content',
      'opinions.ownerUnitId',
      'opinions.draft',
      'opinions.decision',
      'opinions.reply',
      'opinions.replyPublic',
      'opinions.acceptedAt',
      'opinions.submittedAt',
      'opinions.decidedAt',
      'opinions.repliedAt',
      'opinions.closedAt',
      'homes.level as homeLevel',
      'homes.directorMemberId as homeDirectorMemberId',
      'homes.deputyMemberId as homeDeputyMemberId',
    ])
    .executeTakeFirst();
}
export type OpinionRow = NonNullable<Awaited<ReturnType<typeof findOpinion>>>;

/** Members of the opinion's home, who may be assigned to it. */
export async function assignableMembers(db: Db, homeId: string | null) {
  if (!homeId) return [];
  return db
    .selectFrom('members')
    .select(['members.id', 'members.name', 'members.sector'])
    .where((eb) =>
      eb.or([
        eb('members.id', 'in', eb.selectFrom('homeMembers').select('memberId').where('homeId', '=', homeId)),
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homes')
            .select('directorMemberId')
            .where('id', '=', homeId)
            .where('directorMemberId', 'is not', null),
        ),
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homes')
            .select('deputyMemberId')
            .where('id', '=', homeId)
            .where('deputyMemberId', 'is not', null),
        ),
      ]),
    )
    .orderBy('members.name')
    .execute();
}
export type AssignableMember = Awaited<ReturnType<typeof assignableMembers>>[number];

export function findMemberName(db: Db, memberId: string) {
  return db.selectFrom('members').select('name').where('id', '=', memberId).executeTakeFirstOrThrow();
}

export async function submissionsOf(db: Db, opinionId: string) {
  const rows = await db
    .selectFrom('opinionSubmissions')
    .select([
      'trackingCode',
      'name',
      'phoneSealed',
      'contactConsent',
      'channel',
      'enteredByName',
      'createdAt',
    ])
    .where('opinionId', '=', opinionId)
    .orderBy('createdAt')
    .execute();
  return rows.map(({ phoneSealed, ...row }) => ({ ...row, phone: openPhone(phoneSealed) }));
}
export type SubmissionRow = Awaited<ReturnType<typeof submissionsOf>>[number];

/** An opinion by one of its tracking codes, with nothing of who sent it. */
export function findOpinionByTrackingCode(db: Db, code: string) {
  return db
    .selectFrom('opinionSubmissions as s')
    .innerJoin('opinions', 'opinions.id', 's.opinionId')
    .leftJoin('homes', 'homes.id', 'opinions.homeId')
    .select([
      's.trackingCode',
      's.createdAt as submittedAt',
      'opinions.id',
      'opinions.title',
      'homes.name as homeName',
      'opinions.status',
      'opinions.reply',
      'opinions.replyPublic',
      'opinions.repliedAt',
    ])
    .where('s.trackingCode', '=', code)
    .executeTakeFirst();
}
export type TrackedOpinionRow = NonNullable<Awaited<ReturnType<typeof findOpinionByTrackingCode>>>;
