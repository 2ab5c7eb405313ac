import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff } from '../../domain/actor.js';
import { managesMember } from '../members/policy.js';

export const recordAbilities = {
  /** a member their own record; staff the members in their scope (checked per member) */
  'record.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  /** the list and ranking of records */
  'record.list': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
  /** points rules, rebuilding and closing a year */
  'record.admin': (actor: Actor) => hasRole(actor, 'office_admin'),
  /** correct a member's record and answer their flags: the CPPCC that manages the member (`managesMember`) */
  'record.adjust': (actor: Actor) => hasRole(actor, 'office_admin', 'district_staff'),
  /** a member flags a missing entry in their own record */
  'record.flag': (actor: Actor) => actor.memberId !== null,
  /** proposals and research reports: read those of members in scope; register them */
  'output.read': (actor: Actor) => isStaff(actor) || actor.memberId !== null,
  'output.manage': (actor: Actor) => hasRole(actor, 'office_admin', 'committee_staff', 'district_staff'),
};

interface MemberFacts {
  id: string;
  level: 'regional' | 'municipal' | 'district';
  orgUnitId: string;
}

/** What the actor may do with one member's record of a year: `adjust` (staff), `flag` (the member). */
export const DUTY_RECORD_ACTIONS = ['adjust', 'flag'] as const;
export type DutyRecordAction = (typeof DUTY_RECORD_ACTIONS)[number];

/** A closed year is frozen: nobody corrects it, and a missing entry could no longer be added. */
export function dutyRecordActions(actor: Actor, member: MemberFacts, closed: boolean): DutyRecordAction[] {
  if (closed) return [];
  const actions: DutyRecordAction[] = [];
  if (managesMember(actor, member)) actions.push('adjust');
  if (actor.memberId === member.id) actions.push('flag');
  return actions;
}

/** What the actor may do with a member's flag of a missing entry. */
export const DUTY_FLAG_ACTIONS = ['resolve'] as const;
export type DutyFlagAction = (typeof DUTY_FLAG_ACTIONS)[number];

/** Only the staff who manage the member answer the flag, once. */
export function dutyFlagActions(
  actor: Actor,
  flag: { status: string },
  member: MemberFacts,
): DutyFlagAction[] {
  return flag.status === 'open' && managesMember(actor, member) ? ['resolve'] : [];
}

/** What the actor may do with a proposal or research report. */
export const OUTPUT_ACTIONS = ['update'] as const;
export type OutputAction = (typeof OUTPUT_ACTIONS)[number];

/**
 * Staff who keep the register change an output when every member on it is one they may name: the
 * same check a save makes, so the page offers 编辑 only when saving can succeed.
 */
export function outputActions(actor: Actor, allMembersInScope: boolean): OutputAction[] {
  return recordAbilities['output.manage'](actor) && allMembersInScope ? ['update'] : [];
}
