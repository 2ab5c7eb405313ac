import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { actsInHomes, hasRole, isStaff, scopesOf } from '../../domain/actor.js';
import {
  actionsFrom,
  HOME_WORKFLOW,
  type HomeAction,
  type HomeActorKind,
  type HomeStatus,
} from '../../domain/home-workflow.js';

export const homeAbilities = {
  'home.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** print a home's sign and boards: whoever reads the home; a translator any home's, to check its Mongolian */
  'home.signs': (actor: Actor) => isStaff(actor) || actor.memberId !== null || hasRole(actor, 'translator'),
  /** staff register homes in their unit; a member proposes their own studio */
  'home.create': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff') || actor.memberId !== null,
  /** edit a home's facts and people, upload its papers, and run it: plans, summaries, rules, signs (each home checks `mayUpdateHome`) */
  'home.update': actsInHomes,
  /** take a step of the establishment procedure (each home checks `mayTake`) */
  'home.transition': (actor: Actor) => hasRole(actor, 'office_admin', 'committee_staff', 'district_staff'),
  'coverage.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
};

export interface HomeFacts {
  id: string;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  status: string;
  directorMemberId: string | null;
}

/**
 * The homes an actor answers for, as SQL on `homes`: the office all; committee, district staff and
 * vice chairs those their units own; a director their home, by role or as its director member.
 */
export function answeredHomes(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'homes'>): Expression<SqlBool> => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors = answeredBy(actor, eb);
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}

function answeredBy(actor: Actor, eb: ExpressionBuilder<Database, 'homes'>): Expression<SqlBool>[] {
  const ors: Expression<SqlBool>[] = [];
  const units = [
    ...scopesOf(actor, 'committee_staff'),
    ...scopesOf(actor, 'district_staff'),
    ...scopesOf(actor, 'vice_chair'),
  ];
  if (units.length) ors.push(eb('homes.ownerUnitId', 'in', units));
  const directed = scopesOf(actor, 'home_director');
  if (directed.length) ors.push(eb('homes.id', 'in', directed));
  if (actor.memberId) ors.push(eb('homes.directorMemberId', '=', actor.memberId));
  return ors;
}

/**
 * Which homes an actor may see, as SQL on `homes`: those they answer for, and for a member also
 * the homes they are deputy of, belong to, or proposed.
 */
export function homeScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'homes'>): Expression<SqlBool> => {
    // a translator reaches a home only through its prints (home.signs), to check the Mongolian on them
    if (hasRole(actor, 'office_admin', 'translator')) return eb.lit(true);
    const ors = answeredBy(actor, eb);
    if (actor.memberId) {
      const me = actor.memberId;
      ors.push(eb('homes.deputyMemberId', '=', me));
      ors.push(eb('homes.proposedBy', '=', actor.userId));
      ors.push(
        eb(
          'homes.id',
          'in',
          eb.selectFrom('homeMembers').select('homeMembers.homeId').where('homeMembers.memberId', '=', me),
        ),
      );
    }
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}

/** In which capacity the actor takes part in a home's establishment procedure. */
export function actorKinds(actor: Actor, home: Pick<HomeFacts, 'level' | 'ownerUnitId'>): HomeActorKind[] {
  const kinds: HomeActorKind[] = [];
  if (home.level === 'municipal') {
    if (hasRole(actor, 'office_admin')) kinds.push('office');
    if (scopesOf(actor, 'committee_staff').includes(home.ownerUnitId)) kinds.push('owner_committee');
  } else if (scopesOf(actor, 'district_staff').includes(home.ownerUnitId)) {
    kinds.push('owner_district');
  }
  return kinds;
}

export function mayTake(
  actor: Actor,
  home: Pick<HomeFacts, 'level' | 'ownerUnitId'>,
  action: HomeAction,
): boolean {
  const kinds = actorKinds(actor, home);
  return HOME_WORKFLOW[action].by.some((k) => kinds.includes(k));
}

/** The next actions this actor may take now: what the UI shows as buttons. */
export function allowedActions(actor: Actor, home: HomeFacts): HomeAction[] {
  return actionsFrom(home.status as HomeStatus).filter((a) => mayTake(actor, home, a));
}

/**
 * Everything the actor may do with the home now, as the detail's `allowedActions`: the next steps
 * of the procedure and 'update' (edit its facts and run it: plans, rota, rules, signage).
 */
export function homeActionsFor(actor: Actor, home: HomeFacts): Array<HomeAction | 'update'> {
  return [...allowedActions(actor, home), ...(mayUpdateHome(actor, home) ? (['update'] as const) : [])];
}

/** Who edits a home's facts: whoever runs its procedure, and its director. */
export function mayUpdateHome(actor: Actor, home: HomeFacts): boolean {
  if (home.status === 'closed') return false;
  if (actorKinds(actor, home).length > 0) return true;
  return (
    scopesOf(actor, 'home_director').includes(home.id) ||
    (actor.memberId !== null && actor.memberId === home.directorMemberId)
  );
}

/** Staff register homes in their units; anyone else (a member) only proposes a studio of their own. */
export const registersHomes = (actor: Actor) =>
  hasRole(actor, 'office_admin', 'committee_staff', 'district_staff');

/** The units a staff user registers homes in: municipal ones the office or that committee; district ones that district. */
export const registersHomeIn = (actor: Actor, level: 'municipal' | 'district', ownerUnitId: string) =>
  level === 'municipal'
    ? hasRole(actor, 'office_admin') || scopesOf(actor, 'committee_staff').includes(ownerUnitId)
    : scopesOf(actor, 'district_staff').includes(ownerUnitId);
