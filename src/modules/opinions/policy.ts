import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { actsInHomes, hasRole, scopesOf } from '../../domain/actor.js';
import {
  OPINION_WORKFLOW,
  type OpinionAction,
  type OpinionActorKind,
  type OpinionStatus,
  opinionActionsFrom,
} from '../../domain/opinion-workflow.js';
import { actorKinds } from '../homes/policy.js';

/** Everyone with a part in the pipeline: staff, vice chairs (read), directors and members. */
const takesPart = (actor: Actor) =>
  hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director') ||
  actor.memberId !== null;

export const opinionAbilities = {
  'opinion.read': takesPart,
  /** enter an opinion received on paper, by phone or in person, on the citizen's behalf */
  'opinion.create': actsInHomes,
  /** take a step of the pipeline: who acts on it (`OPINION_WORKFLOW`), never a vice chair who only reads */
  'opinion.transition': actsInHomes,
  'problem.read': takesPart,
  'problem.create': actsInHomes,
  /** handle a 解难纾困 item (`mayHandleProblem`) */
  'problem.handle': actsInHomes,
};

/** The facts about an opinion (or problem) that decide who may act on it. */
export interface OpinionFacts {
  status: OpinionStatus;
  ownerUnitId: string;
  homeId: string | null;
  homeLevel: 'municipal' | 'district' | null;
  homeDirectorMemberId: string | null;
  homeDeputyMemberId: string | null;
  assignedMemberId: string | null;
}

/** Whether the actor answers for the home (or the region) the opinion was sent to. */
export function runsOpinionHome(actor: Actor, o: Omit<OpinionFacts, 'status' | 'assignedMemberId'>): boolean {
  if (o.homeId && o.homeLevel) {
    if (actorKinds(actor, { level: o.homeLevel, ownerUnitId: o.ownerUnitId }).length > 0) return true;
    if (scopesOf(actor, 'home_director').includes(o.homeId)) return true;
    return actor.memberId !== null && actor.memberId === o.homeDirectorMemberId;
  }
  // sent to a region: that district CPPCC's staff; to nobody in particular: the office
  return scopesOf(actor, 'district_staff').includes(o.ownerUnitId);
}

export function opinionActorKinds(actor: Actor, o: OpinionFacts): OpinionActorKind[] {
  const kinds: OpinionActorKind[] = [];
  if (runsOpinionHome(actor, o)) kinds.push('home');
  if (actor.memberId !== null && actor.memberId === o.assignedMemberId) kinds.push('assignee');
  if (hasRole(actor, 'office_admin')) kinds.push('office');
  return kinds;
}

export function mayTakeOpinionAction(actor: Actor, o: OpinionFacts, action: OpinionAction): boolean {
  const kinds = opinionActorKinds(actor, o);
  return OPINION_WORKFLOW[action].by.some((k) => kinds.includes(k));
}

export function allowedOpinionActions(actor: Actor, o: OpinionFacts): OpinionAction[] {
  return opinionActionsFrom(o.status).filter((a) => mayTakeOpinionAction(actor, o, a));
}

/** Who sees the submitter's name and phone: those who act on the opinion, not readers. */
export const seesSubmitter = (actor: Actor, o: OpinionFacts) => opinionActorKinds(actor, o).length > 0;

type ScopedTable = 'opinions' | 'citizenProblems';

/**
 * Which opinions (or problems) an actor may see, as SQL: the office all; committee, district staff
 * and vice chairs their units'; a director their homes'; a member those assigned to them and those
 * of the homes they direct.
 */
export function opinionScope<T extends ScopedTable>(actor: Actor, table: T) {
  return (eb: ExpressionBuilder<Database, T>): Expression<SqlBool> => {
    // the two tables share these column names; Kysely cannot see that through the generic
    const e = eb as unknown as ExpressionBuilder<Database, 'opinions'>;
    if (hasRole(actor, 'office_admin')) return e.lit(true);
    const ors: Expression<SqlBool>[] = [];
    const units = [
      ...scopesOf(actor, 'committee_staff'),
      ...scopesOf(actor, 'district_staff'),
      ...scopesOf(actor, 'vice_chair'),
    ];
    if (units.length) ors.push(e(`${table}.ownerUnitId` as 'opinions.ownerUnitId', 'in', units));
    const directed = scopesOf(actor, 'home_director');
    if (directed.length) ors.push(e(`${table}.homeId` as 'opinions.homeId', 'in', directed));
    if (actor.memberId) {
      const me = actor.memberId;
      const column = table === 'opinions' ? 'opinions.assignedMemberId' : 'citizenProblems.handlerMemberId';
      ors.push(e(column as 'opinions.assignedMemberId', '=', me));
      ors.push(
        e(
          `${table}.homeId` as 'opinions.homeId',
          'in',
          e.selectFrom('homes').select('homes.id').where('homes.directorMemberId', '=', me),
        ),
      );
    }
    return ors.length ? e.or(ors) : e.lit(false);
  };
}

/** The facts about a 解难纾困 item that decide who may handle it. */
export type ProblemFacts = Omit<OpinionFacts, 'status' | 'assignedMemberId' | 'homeDeputyMemberId'> & {
  handlerMemberId: string | null;
};

/** Who handles a problem: the office, the member handling it, and who answers for its home or region. */
export function mayHandleProblem(actor: Actor, p: ProblemFacts): boolean {
  if (hasRole(actor, 'office_admin')) return true;
  if (actor.memberId !== null && actor.memberId === p.handlerMemberId) return true;
  return runsOpinionHome(actor, { ...p, homeDeputyMemberId: null });
}

/**
 * Who may enter an opinion on a citizen's behalf (代录) at a home or region: the office anywhere,
 * otherwise those who answer for that home or region — not a member who only belongs to it.
 */
export function mayEnterOpinionFor(
  actor: Actor,
  target: Omit<OpinionFacts, 'status' | 'assignedMemberId' | 'homeDeputyMemberId'>,
): boolean {
  return hasRole(actor, 'office_admin') || runsOpinionHome(actor, { ...target, homeDeputyMemberId: null });
}

/**
 * The opinions whose home (or region) the actor answers for — the office all. Like the read scope
 * but without vice chairs (who only read) and assigned members (who answer for their own draft).
 */
export function runScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'opinions' | 'homes'>) => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors = [];
    const units = [...scopesOf(actor, 'committee_staff'), ...scopesOf(actor, 'district_staff')];
    if (units.length) ors.push(eb('opinions.ownerUnitId', 'in', units));
    const directed = scopesOf(actor, 'home_director');
    if (directed.length) ors.push(eb('opinions.homeId', 'in', directed));
    if (actor.memberId) ors.push(eb('homes.directorMemberId', '=', actor.memberId));
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}

/** Who decides on a submitted opinion (adopt, forward, file): the office. */
export const decidesOpinions = (actor: Actor) => hasRole(actor, 'office_admin');
