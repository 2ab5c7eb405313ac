import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff, scopesOf } from '../../domain/actor.js';

export const memberAbilities = {
  /** 委员名录: staff read members in their scope; a member reads their own record */
  'member.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  'member.create': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  'member.import': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** change a member's record: the CPPCC that manages them every field, the member their own phone (`memberActionsFor`) */
  'member.update': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'district_staff') || actor.memberId !== null,
  /** show a masked phone number in full, on purpose and audited */
  'member.reveal_phone': (actor: Actor) => isStaff(actor),
};

type MemberLevel = 'regional' | 'municipal' | 'district';
interface MemberFacts {
  id: string;
  level: MemberLevel;
  orgUnitId: string;
}

/** The office manages regional and municipal members; a district CPPCC its own district's. */
export function managesMember(actor: Actor, member: Omit<MemberFacts, 'id'>): boolean {
  if (member.level !== 'district' && hasRole(actor, 'office_admin')) return true;
  return member.level === 'district' && scopesOf(actor, 'district_staff').includes(member.orgUnitId);
}

/**
 * What the actor may do with a member, as the record's `allowedActions`: 'update' (every field:
 * the CPPCC that manages the member), 'update_contact' (the phone: that CPPCC, and the member
 * themselves) and 'reveal_phone' (staff who see the number masked, on purpose and audited).
 */
export const MEMBER_ACTIONS = ['update', 'update_contact', 'reveal_phone'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];

export function memberActionsFor(actor: Actor, member: MemberFacts): MemberAction[] {
  const manages = managesMember(actor, member);
  const self = actor.memberId === member.id;
  const actions: MemberAction[] = [];
  if (manages) actions.push('update');
  if (manages || self) actions.push('update_contact');
  if (!manages && !self && isStaff(actor)) actions.push('reveal_phone');
  return actions;
}

/** Whether the actor sees the member's full phone number without asking. */
export const seesPhone = (actor: Actor, member: MemberFacts) =>
  managesMember(actor, member) || actor.memberId === member.id;

/**
 * Which members an actor may see, as a SQL condition on `members`: the office all; district staff
 * their district's and the municipal and regional members (who may lead homes anywhere); committee
 * staff and vice chairs the municipal and regional ones plus the districts they oversee; a home
 * director (by role or as its recorded director) the members of their home; a member themselves.
 */
export function memberScope(actor: Actor) {
  return (eb: ExpressionBuilder<Database, 'members'>): Expression<SqlBool> => {
    if (hasRole(actor, 'office_admin')) return eb.lit(true);
    const ors: Expression<SqlBool>[] = [];
    const districts = [...scopesOf(actor, 'district_staff'), ...scopesOf(actor, 'vice_chair')];
    if (districts.length) ors.push(eb('members.orgUnitId', 'in', districts));
    if (hasRole(actor, 'district_staff', 'committee_staff', 'vice_chair')) {
      ors.push(eb('members.level', 'in', ['municipal', 'regional']));
    }
    const homes = scopesOf(actor, 'home_director');
    if (homes.length) {
      ors.push(
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homeMembers')
            .select('homeMembers.memberId')
            .where('homeMembers.homeId', 'in', homes),
        ),
      );
    }
    if (actor.memberId) {
      ors.push(eb('members.id', '=', actor.memberId));
      // a member who directs a home (its recorded director) sees its members, as a director by role does
      ors.push(
        eb(
          'members.id',
          'in',
          eb
            .selectFrom('homeMembers')
            .innerJoin('homes', 'homes.id', 'homeMembers.homeId')
            .select('homeMembers.memberId')
            .where('homes.directorMemberId', '=', actor.memberId),
        ),
      );
    }
    return ors.length ? eb.or(ors) : eb.lit(false);
  };
}
