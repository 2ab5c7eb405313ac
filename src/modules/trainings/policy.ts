import type { ExpressionBuilder } from 'kysely';
import type { Database, TrainingEnrolmentTable } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff, scopesOf } from '../../domain/actor.js';

export const trainingAbilities = {
  /** trainees (home staff, directors, members) see the sessions they are enrolled in; organisers theirs */
  'training.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** the office and the district CPPCCs organise training */
  'training.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** an enrolled trainee checks in with the session's code */
  'training.check_in': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
};

/** Who organises a session: the office any; a district CPPCC's staff their own. */
export const organises = (actor: Actor, training: { organiserUnitId: string }) =>
  hasRole(actor, 'office_admin') || scopesOf(actor, 'district_staff').includes(training.organiserUnitId);

/**
 * What may be done to a session: its organisers record it as held or cancel it while planned,
 * enrol and record attendance until it is cancelled, and add materials; an enrolled trainee who
 * has not yet attended checks in (the server checks the time window when they do).
 */
export const TRAINING_ACTIONS = [
  'hold',
  'cancel',
  'enrol',
  'mark_attendance',
  'add_material',
  'check_in',
] as const;
export type TrainingAction = (typeof TRAINING_ACTIONS)[number];

export function trainingActions(
  organiser: boolean,
  training: { status: string; mine: { attendedAt: string | null } | null },
): TrainingAction[] {
  const actions: TrainingAction[] = [];
  if (organiser) {
    if (training.status === 'planned') actions.push('hold', 'cancel');
    if (training.status !== 'cancelled') actions.push('enrol', 'mark_attendance');
    actions.push('add_material');
  }
  if (training.mine && !training.mine.attendedAt && training.status !== 'cancelled') actions.push('check_in');
  return actions;
}

/** The sessions an actor sees, as SQL: organisers', the office's for staff, and those they are enrolled in. */
export function trainingScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database & { mine: TrainingEnrolmentTable }, 'trainings' | 'mine'>) => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors = [eb('mine.userId', 'is not', null)];
    const districts = scopesOf(actor, 'district_staff');
    if (districts.length) ors.push(eb('trainings.organiserUnitId', 'in', districts));
    if (hasRole(actor, 'district_staff', 'committee_staff', 'vice_chair')) {
      ors.push(eb('trainings.organiserUnitId', '=', 'office'));
    }
    return eb.or(ors);
  };
}

/** The unit a new session is organised by when the request names none: the office, or the actor's district. */
export const defaultOrganiser = (actor: Actor): string | undefined =>
  hasRole(actor, 'office_admin') ? 'office' : scopesOf(actor, 'district_staff')[0];
