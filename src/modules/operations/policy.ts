import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Actor } from '../../domain/actor.js';
import { hasRole, scopesOf } from '../../domain/actor.js';
import { type HomeFacts, homeScope, mayUpdateHome } from '../homes/policy.js';

export const operationAbilities = {
  /**
   * the compliance page (homes × quarters) and the lists of missing plans and summaries: staff for
   * their units, a home director for the homes they direct
   */
  'compliance.read': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director'),
  /** remind a home's directors from the compliance page: those who supervise homes, not a director */
  'compliance.remind': (actor: Actor) =>
    hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'),
  /** issue the unified rules every home inherits */
  'rules.issue': (actor: Actor) => hasRole(actor, 'office_admin'),
};

/**
 * The homes whose compliance the actor follows: those of their units (homeScope); a home director
 * without a unit role the homes they direct — not every home they merely belong to as a member.
 */
export function complianceScope(actor: Actor) {
  if (hasRole(actor, 'office_admin', 'committee_staff', 'district_staff', 'vice_chair'))
    return homeScope(actor);
  const directed = scopesOf(actor, 'home_director');
  return (eb: ExpressionBuilder<Database, 'homes'>): Expression<SqlBool> =>
    directed.length ? eb('homes.id', 'in', directed) : eb.lit(false);
}

/**
 * Whether the actor may submit or change a home's plan or summary of a year: who runs the home,
 * while the year's document is still open (`open`, from its deadline).
 */
export const mayWriteDocument = (actor: Actor, home: HomeFacts, open: boolean): boolean =>
  open && mayUpdateHome(actor, home);
