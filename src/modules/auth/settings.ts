import type { UserLanguage } from '../../db/schema.js';
import { PRIVILEGED_ROLES, type RoleGrant } from '../../domain/roles.js';

/** How an installation guards sign-in: REQUIRE_SECOND_FACTOR and PASSWORD_MAX_AGE_DAYS. */
export interface AuthSettings {
  /** privileged accounts must enrol a second factor before anything else */
  requireSecondFactor: boolean;
  /** days a password lasts; 0: no limit */
  passwordMaxAgeDays: number;
}

/** The embedded database's defaults (a server install turns the second factor on: see config.ts). */
export const DEFAULT_AUTH_SETTINGS: AuthSettings = { requireSecondFactor: false, passwordMaxAgeDays: 90 };

/** A password is compared with this many of its owner's latest ones, the current one included. */
export const PASSWORD_HISTORY = 5;

/** What a signed-in user must still do before anything else, as /auth/me tells the UI. */
export interface AccountState {
  secondFactor: { enabled: boolean; required: boolean };
  passwordChangeRequired: boolean;
  /** the language the user chose for their own pages */
  language: UserLanguage;
}

export const isPrivileged = (roles: RoleGrant[]) =>
  roles.some((grant) => (PRIVILEGED_ROLES as readonly string[]).includes(grant.role));

export function accountStateOf(
  settings: AuthSettings,
  user: {
    roles: RoleGrant[];
    secondFactorEnabled: boolean;
    mustChangePassword: boolean;
    language: UserLanguage;
  },
): AccountState {
  return {
    secondFactor: {
      enabled: user.secondFactorEnabled,
      required: settings.requireSecondFactor && isPrivileged(user.roles),
    },
    passwordChangeRequired: user.mustChangePassword,
    language: user.language,
  };
}

/** Whether a password set at `changedAt` has outlived the installation's maximum age. */
export function passwordExpired(settings: AuthSettings, changedAt: Date, now = new Date()): boolean {
  if (settings.passwordMaxAgeDays <= 0) return false;
  return now.getTime() - changedAt.getTime() > settings.passwordMaxAgeDays * 86_400_000;
}
