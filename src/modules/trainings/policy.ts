import { hasRole, isStaff, scopesOf } from '../../server/actor.js';
import type { Actor, Db } from '../../server/types.js';

export const trainingAbilities = {
  /** trainees (home staff, directors, members) see the sessions they are enrolled in; organisers theirs */
  'training.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** the office and the district CPPCCs organise training */
  'training.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
};

/** Who organises a session: the office any; a district CPPCC's staff their own. */
export const organises = (actor: Actor, training: { organiserUnitId: string }) =>
  hasRole(actor, 'office_admin') || scopesOf(actor, 'district_staff').includes(training.organiserUnitId);

/** A session is visible to its organisers, to district staff for the office's sessions, and to trainees. */
export async function trainingVisible(db: Db, actor: Actor, trainingId: string): Promise<boolean> {
  const row = await db
    .selectFrom('trainings')
    .select(['organiserUnitId'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('trainingEnrolments')
            .select('userId')
            .whereRef('trainingEnrolments.trainingId', '=', 'trainings.id')
            .where('trainingEnrolments.userId', '=', actor.userId),
        )
        .as('enrolled'),
    )
    .where('id', '=', trainingId)
    .executeTakeFirst();
  if (!row) return false;
  return (
    organises(actor, row) ||
    Boolean(row.enrolled) ||
    (row.organiserUnitId === 'office' && hasRole(actor, 'district_staff', 'committee_staff', 'vice_chair'))
  );
}
