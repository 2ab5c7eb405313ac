import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff, scopesOf } from '../../domain/actor.js';
import { ROUND_ACTIONS, type RoundAction, type RoundStatus } from '../../domain/evaluation.js';

export const evaluationAbilities = {
  /** staff and directors see the rounds they take part in (checked per round) */
  'evaluation.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** start a round: the office (municipal) or a district CPPCC (its own) */
  'evaluation.run': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** a round's steps, reviewers and commendations: the unit that runs it (checked per round) */
  'evaluation.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** a home's self-summary: its director, or the round's owner */
  'evaluation.self_summary': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'district_staff', 'home_director') || actor.memberId !== null,
  /** score a home: the round's reviewers, chosen from the staff and vice chairs (checked per round) */
  'evaluation.score': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
};

/** What may be done to a round besides its steps: choose the reviewers, settle the commendations. */
export const ROUND_RECORD_ACTIONS = ['set_reviewers', 'set_commendations'] as const;
export type RoundRecordAction = (typeof ROUND_RECORD_ACTIONS)[number];
export const ROUND_ALLOWED_ACTIONS = [
  ...(Object.keys(ROUND_ACTIONS) as RoundAction[]),
  ...ROUND_RECORD_ACTIONS,
] as const;
export type RoundAllowedAction = RoundAction | RoundRecordAction;

/** What may be done to one home's entry in a round: a reviewer scores it, its director writes the self-summary. */
export const ROUND_HOME_ACTIONS = ['score', 'write_summary'] as const;
export type RoundHomeAction = (typeof ROUND_HOME_ACTIONS)[number];

/** The steps and record actions the round's owner (`runs`) may take in this status; others none. */
export function roundActions(runs: boolean, status: RoundStatus): RoundAllowedAction[] {
  if (!runs) return [];
  const steps = (Object.keys(ROUND_ACTIONS) as RoundAction[]).filter((k) =>
    (ROUND_ACTIONS[k].from as readonly string[]).includes(status),
  );
  return [
    ...steps,
    ...(status !== 'published' ? (['set_reviewers'] as const) : []),
    ...(status === 'confirmed' ? (['set_commendations'] as const) : []),
  ];
}

/**
 * What the actor may do to a home of the round: score it while the round is in review (reviewers);
 * write its self-summary until the results are confirmed (its director, or the round's owner).
 */
export function roundHomeActions(
  status: RoundStatus,
  who: { reviewer: boolean; runs: boolean; directs: boolean },
): RoundHomeAction[] {
  const actions: RoundHomeAction[] = [];
  if (who.reviewer && status === 'reviewing') actions.push('score');
  if ((status === 'open' || status === 'reviewing') && (who.runs || who.directs))
    actions.push('write_summary');
  return actions;
}

/** Who runs a round: the office a municipal one, that district CPPCC's staff a district one. */
export function runsRound(actor: Actor, round: { level: string; ownerUnitId: string }) {
  return round.level === 'municipal'
    ? hasRole(actor, 'office_admin')
    : scopesOf(actor, 'district_staff').includes(round.ownerUnitId);
}

/** Who may be a reviewer of a round: staff of its level (for a district, that district's), as SQL. */
export function reviewerRoles(round: { level: string; ownerUnitId: string }) {
  return (eb: ExpressionBuilder<Database, 'userRoles'>) =>
    round.level === 'municipal'
      ? eb('userRoles.role', 'in', ['office_admin', 'committee_staff', 'district_staff', 'vice_chair'])
      : eb.or([
          eb('userRoles.role', '=', 'office_admin'),
          eb.and([
            eb('userRoles.role', 'in', ['district_staff', 'vice_chair']),
            eb('userRoles.scopeId', '=', round.ownerUnitId),
          ]),
        ]);
}

/**
 * Who reads all of a round besides its owner and reviewers: the office; for a municipal round the
 * vice chairs and committee staff; for a district's, that district's vice chairs. `roundVisible`
 * says the same in SQL for the list, with the reviewers and the directors of its homes.
 */
export function readsWholeRound(actor: Actor, round: { level: string; ownerUnitId: string }): boolean {
  return (
    hasRole(actor, 'office_admin') ||
    (round.level === 'municipal' && hasRole(actor, 'vice_chair', 'committee_staff')) ||
    scopesOf(actor, 'vice_chair').includes(round.ownerUnitId)
  );
}

/** The homes the actor directs (by role or as their director member), as SQL on `homes`. */
export function directedByActor(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'homes'>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    const directed = scopesOf(actor, 'home_director');
    if (directed.length) ors.push(eb('homes.id', 'in', directed));
    if (actor.memberId) ors.push(eb('homes.directorMemberId', '=', actor.memberId));
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}

/** The rounds `access` lets the actor see, as SQL, for the list. */
export function roundVisible(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'evaluationRounds'>) => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors: Expression<SqlBool>[] = [
      eb.exists(
        eb
          .selectFrom('evaluationReviewers')
          .select('evaluationReviewers.userId')
          .whereRef('evaluationReviewers.roundId', '=', 'evaluationRounds.id')
          .where('evaluationReviewers.userId', '=', actor.userId),
      ),
    ];
    const units = [...scopesOf(actor, 'district_staff'), ...scopesOf(actor, 'vice_chair')];
    if (units.length) ors.push(eb('evaluationRounds.ownerUnitId', 'in', units));
    if (hasRole(actor, 'vice_chair', 'committee_staff'))
      ors.push(eb('evaluationRounds.level', '=', 'municipal'));
    const directed = scopesOf(actor, 'home_director');
    if (directed.length || actor.memberId) {
      ors.push(
        eb.exists(
          eb
            .selectFrom('evaluationHomes')
            .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
            .select('evaluationHomes.homeId')
            .whereRef('evaluationHomes.roundId', '=', 'evaluationRounds.id')
            .where(directedByActor(actor)),
        ),
      );
    }
    return eb.or(ors);
  };
}
