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
  }
  interface FastifyInstance {
    db: Db;
    /** PUBLIC_URL, when set: see `publicOrigin` */
    publicUrl: string | null;
  }
  interface FastifyContextConfig {
    /** who may call the route: anyone, or any signed-in user; otherwise `ability` decides */
    access?: 'public' | 'authenticated';
    ability?: Ability;
    /** counts against the per-address limit of public requests (as every /api/v1/public/* route does) */
    limit?: 'public';
  }
}
