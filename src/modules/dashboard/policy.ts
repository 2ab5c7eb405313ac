import type { Actor } from '../../domain/actor.js';
import { hasRole, isStaff, scopesOf } from '../../domain/actor.js';

export const dashboardAbilities = {
  /**
   * the office, vice chairs, district and committee staff: each sees the units their role covers;
   * a home director the homes they direct
   */
  'dashboard.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director'),
  /** every staff user's "needs attention" list, within what they may see */
  'dashboard.attention': (actor: Actor) => isStaff(actor),
  'dashboard.refresh': (actor: Actor) => hasRole(actor, 'office_admin'),
};

/** The units (or, for a director alone, the homes) whose figures the actor reads. */
export interface DashboardScope {
  all: boolean;
  units: string[];
  /** a home director with no unit role: the homes they direct (figures of those homes alone) */
  homes: string[];
}

export function dashboardScope(actor: Actor): DashboardScope {
  if (hasRole(actor, 'office_admin')) return { all: true, units: [], homes: [] };
  const units = [
    ...scopesOf(actor, 'vice_chair'),
    ...scopesOf(actor, 'district_staff'),
    ...scopesOf(actor, 'committee_staff'),
  ];
  // a unit role covers the homes a director runs; a director alone sees their own homes
  const homes = units.length ? [] : scopesOf(actor, 'home_director');
  return { all: false, units: [...new Set(units)], homes: [...new Set(homes)] };
}
