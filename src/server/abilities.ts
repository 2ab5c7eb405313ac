import type { Actor } from '../domain/actor.js';
import { activityAbilities } from '../modules/activities/policy.js';
import { auditAbilities } from '../modules/audit/policy.js';
import { dashboardAbilities } from '../modules/dashboard/policy.js';
import { evaluationAbilities } from '../modules/evaluation/policy.js';
import { fundAbilities } from '../modules/funds/policy.js';
import { homeAbilities } from '../modules/homes/policy.js';
import { memberAbilities } from '../modules/members/policy.js';
import { operationAbilities } from '../modules/operations/policy.js';
import { opinionAbilities } from '../modules/opinions/policy.js';
import { recordAbilities } from '../modules/records/policy.js';
import { trainingAbilities } from '../modules/trainings/policy.js';
import { translationAbilities } from '../modules/translations/policy.js';
import { userAbilities } from '../modules/users/policy.js';

/**
 * Every ability of the platform, declared once per domain. A route names the ability it
 * needs (or says it is public); one without either is refused, and a test lists them all.
 */
const ABILITIES = {
  ...userAbilities,
  ...auditAbilities,
  ...memberAbilities,
  ...homeAbilities,
  ...activityAbilities,
  ...operationAbilities,
  ...opinionAbilities,
  ...recordAbilities,
  ...evaluationAbilities,
  ...fundAbilities,
  ...trainingAbilities,
  ...dashboardAbilities,
  ...translationAbilities,
} satisfies Record<string, (actor: Actor) => boolean>;

export type Ability = keyof typeof ABILITIES;

/** Every ability's name: the session's shape lists them, so the UI's names are checked against these. */
export const ABILITY_NAMES = Object.keys(ABILITIES) as [Ability, ...Ability[]];

export function can(actor: Actor | null, ability: Ability): boolean {
  return actor !== null && ABILITIES[ability](actor);
}

/** The abilities the UI may show buttons for; the server checks again on every request. */
export function abilitiesOf(actor: Actor): Ability[] {
  return (Object.keys(ABILITIES) as Ability[]).filter((ability) => ABILITIES[ability](actor));
}
