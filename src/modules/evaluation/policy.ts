import { ROUND_ACTIONS, type RoundAction, type RoundStatus } from '../../domain/evaluation.js';
import { hasRole, isStaff } from '../../server/actor.js';
import type { Actor } from '../../server/types.js';

export const evaluationAbilities = {
  /** staff and directors see the rounds they take part in (checked per round) */
  'evaluation.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** start a round: the office (municipal) or a district CPPCC (its own) */
  'evaluation.run': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
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
