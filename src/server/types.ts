import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import type { AccountState, AuthSettings } from '../modules/auth/settings.js';
import type { Ability } from './abilities.js';

export type { Actor, Db };

/** Who did something, for the audit trail. */
export interface Who {
  actor: Actor | null;
  ip: string | null;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    /** the cookie session was present but had expired or been revoked */
    sessionExpired: boolean;
    /** what the signed-in user must still do first (a new password, a second factor) */
    accountState: AccountState | null;
  }
  interface FastifyInstance {
    db: Db;
    /** PUBLIC_URL, when set: see `publicOrigin` */
    publicUrl: string | null;
    /** REQUIRE_SECOND_FACTOR and PASSWORD_MAX_AGE_DAYS */
    authSettings: AuthSettings;
  }
  interface FastifyContextConfig {
    /** who may call the route: anyone, or any signed-in user; otherwise `ability` decides */
    access?: 'public' | 'authenticated';
    ability?: Ability;
    /** counts against the per-address limit of public requests (as every /api/v1/public/* route does) */
    limit?: 'public';
    /**
     * open to a signed-in user who must first change their password or enrol a second factor:
     * 'password_change' while either is outstanding, 'second_factor' only while enrolling
     */
    openBefore?: 'password_change' | 'second_factor';
  }
}
