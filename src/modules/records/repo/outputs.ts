import { type Insertable, sql } from 'kysely';
import type { Db, ProposalTable, ResearchReportTable } from '../../../db/schema.js';
import type { Actor } from '../../../domain/actor.js';
import { likePattern } from '../../../lib/sql.js';
import { isUuid, pageOf } from '../../../server/http.js';
import { activityScope } from '../../activities/repo/activities.js';
import { memberScope } from '../../members/policy.js';
import type { OutputsQuery } from '../schema.js';

/**
 * Proposals (提案) and research reports (调研报告): the same queries over each kind's tables. An
 * output is visible to the actor when one of its members is in the actor's member scope.
 */

/** Either kind's table under the alias `o`: the queries name only the columns the kind has. */
type OutputTable = ProposalTable & ResearchReportTable;
const aliased = (table: 'proposals' | 'researchReports') => sql<OutputTable>`${sql.table(table)}`.as('o');

/** Where each kind is kept: its table, the columns it shows, its date, and the table of its members. */
const OUTPUTS = {
  proposal: {
    table: 'proposals',
    from: aliased('proposals'),
    columns: [
      'o.number',
      'o.title',
      'o.status',
      sql<string>`o.submitted_on::text`.as('submittedOn'),
      sql<string | null>`o.decided_on::text`.as('decidedOn'),
      'o.handlingResult',
    ],
    listedBy: 'o.submittedOn',
    hasStatus: true,
    members: 'proposalMembers',
    owner: 'proposalId',
    ownerRef: 'proposalMembers.proposalId',
    memberRef: 'proposalMembers.memberId',
    role: 'proposalMembers.role',
  },
  report: {
    table: 'researchReports',
    from: aliased('researchReports'),
    columns: ['o.title', 'o.summary', sql<string>`o.completed_on::text`.as('completedOn')],
    listedBy: 'o.completedOn',
    hasStatus: false,
    members: 'researchReportMembers',
    owner: 'reportId',
    ownerRef: 'researchReportMembers.reportId',
    memberRef: 'researchReportMembers.memberId',
    role: sql<string>`'member'`.as('role'),
  },
} as const;

export type OutputKind = keyof typeof OUTPUTS;

function outputs<K extends OutputKind>(db: Db, kind: K) {
  return db
    .selectFrom(OUTPUTS[kind].from)
    .leftJoin('homes', 'homes.id', 'o.homeId')
    .leftJoin('activities', 'activities.id', 'o.activityId')
    .select([
      'o.id',
      'o.year',
      ...OUTPUTS[kind].columns,
      'o.homeId',
      'homes.name as homeName',
      'o.activityId',
      'activities.title as activityTitle',
    ]);
}

export type OutputRow<K extends OutputKind> = Awaited<
  ReturnType<ReturnType<typeof outputs<K>>['execute']>
>[number];

/** The outputs visible to the actor: those with a member in the actor's member scope. */
function visibleIds(db: Db, actor: Actor, kind: OutputKind) {
  const t = OUTPUTS[kind];
  return db
    .selectFrom(t.members)
    .innerJoin('members', 'members.id', t.memberRef)
    .select((eb) => eb.ref(t.ownerRef).as('id'))
    .where(memberScope(actor));
}

/** One page of the outputs of a kind the actor sees, newest first; `status` filters proposals. */
export function outputsPage<K extends OutputKind>(db: Db, actor: Actor, kind: K, q: OutputsQuery) {
  const t = OUTPUTS[kind];
  let query = outputs(db, kind).where('o.id', 'in', visibleIds(db, actor, kind));
  if (q.year) query = query.where('o.year', '=', q.year);
  if (q.status && t.hasStatus) query = query.where('o.status', '=', q.status);
  if (q.homeId) query = query.where(sql`o.home_id::text`, '=', q.homeId);
  if (q.q) query = query.where('o.title', 'like', likePattern(q.q));
  if (q.memberId) {
    query = query.where(
      'o.id',
      'in',
      db.selectFrom(t.members).select(t.owner).where(sql`member_id::text`, '=', q.memberId),
    );
  }
  return pageOf(
    q,
    query.orderBy(t.listedBy, 'desc').orderBy('o.id'),
    query.clearSelect().select((eb) => eb.fn.countAll<string>().as('n')),
    (rows) => rows,
  );
}

export async function findOutput<K extends OutputKind>(db: Db, actor: Actor, kind: K, id: string) {
  if (!isUuid(id)) return undefined;
  return outputs(db, kind)
    .where('o.id', '=', id)
    .where('o.id', 'in', visibleIds(db, actor, kind))
    .executeTakeFirst();
}

/**
 * The members of the outputs, each with whether the actor may name them (all of them must be, for
 * the actor to change the output).
 */
export async function outputMembers(db: Db, actor: Actor, kind: OutputKind, ids: string[]) {
  if (ids.length === 0) return [];
  const t = OUTPUTS[kind];
  return db
    .selectFrom(t.members)
    .innerJoin('members', 'members.id', t.memberRef)
    .select((eb) => [
      eb.ref(t.ownerRef).as('ownerId'),
      'members.id',
      'members.name',
      t.role,
      sql<boolean>`${memberScope(actor)(eb)}`.as('inScope'),
    ])
    .where(t.ownerRef, 'in', ids)
    .orderBy('members.name')
    .execute();
}

export type OutputMemberRow = Awaited<ReturnType<typeof outputMembers>>[number];

/** An activity in the actor's scope. */
export async function findActivityInScope(db: Db, actor: Actor, id: string) {
  if (!isUuid(id)) return undefined;
  return db
    .selectFrom('activities')
    .select('id')
    .where('id', '=', id)
    .where(activityScope(db, actor))
    .executeTakeFirst();
}

/** What a save writes of every output: its title and what it came from. */
export interface OutputCommon {
  title: string;
  homeId: string | null;
  activityId: string | null;
}
/** What a save writes of each kind besides. */
export interface OutputFields {
  proposal: Omit<
    Insertable<ProposalTable>,
    keyof OutputCommon | 'id' | 'createdBy' | 'createdAt' | 'updatedAt'
  >;
  report: Omit<
    Insertable<ResearchReportTable>,
    keyof OutputCommon | 'id' | 'createdBy' | 'createdAt' | 'updatedAt'
  >;
}
export type OutputValues = OutputCommon & OutputFields[OutputKind];

export async function insertOutput(db: Db, kind: OutputKind, values: OutputValues, createdBy: string) {
  const { id } = await db
    .insertInto(OUTPUTS[kind].table)
    .values({ ...values, createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Rewrites an output and lets go of its members (the save names them again). */
export async function updateOutput(db: Db, kind: OutputKind, id: string, values: OutputValues) {
  const t = OUTPUTS[kind];
  await db
    .updateTable(t.table)
    .set({ ...values, updatedAt: sql`now()` })
    .where('id', '=', id)
    .execute();
  await db.deleteFrom(t.members).where(t.owner, '=', id).execute();
}

export async function addProposalMembers(db: Db, proposalId: string, lead: string, cosigners: string[]) {
  await db
    .insertInto('proposalMembers')
    .values([
      { proposalId, memberId: lead, role: 'lead' as const },
      ...[...new Set(cosigners)].map((m) => ({ proposalId, memberId: m, role: 'cosigner' as const })),
    ])
    .execute();
}

export async function addReportMembers(db: Db, reportId: string, memberIds: string[]) {
  await db
    .insertInto('researchReportMembers')
    .values([...new Set(memberIds)].map((m) => ({ reportId, memberId: m })))
    .execute();
}
