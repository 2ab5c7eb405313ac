import type { Actor } from '../../domain/actor.js';
import { actsInHomes, isStaff } from '../../domain/actor.js';
import { type HomeFacts, mayUpdateHome } from '../homes/policy.js';

export const activityAbilities = {
  /** activities of the homes in the actor's scope (a member: the homes they belong to) */
  'activity.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** schedule activities and duty shifts; the service checks the actor runs every host home */
  'activity.create': actsInHomes,
  /** change, hold or cancel an activity, add its photos (each activity checks its host homes) */
  'activity.update': actsInHomes,
  /** plan a home's duty rota and record who served (each home checks `mayUpdateHome`) */
  'rota.manage': actsInHomes,
};

/**
 * What may be done with one activity: `update` its facts (and photos, and the record of a held
 * one), `hold` it (mark it held, once it has started), `cancel` it (while planned).
 */
export const ACTIVITY_ACTIONS = ['update', 'hold', 'cancel'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

/** Whether the actor runs at least one of the activity's host homes (joint activities: any host). */
export const runsAnyHost = (actor: Actor, hosts: readonly HomeFacts[]) =>
  hosts.some((h) => mayUpdateHome(actor, h));

/** The actions the server would accept from this actor now: what the UI shows as buttons. */
export function allowedActivityActions(
  actor: Actor,
  activity: { status: string; startsAt: Date; hosts: readonly HomeFacts[] },
  now = new Date(),
): ActivityAction[] {
  if (activity.status === 'cancelled' || !runsAnyHost(actor, activity.hosts)) return [];
  const actions: ActivityAction[] = ['update'];
  if (activity.status === 'planned') {
    if (activity.startsAt <= now) actions.push('hold');
    actions.push('cancel');
  }
  return actions;
}
