import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { rateLimited } from '../errors.js';
import type { Db } from '../types.js';

export interface RateLimits {
  /** sign-in attempts per address */
  signIn: { max: number; windowMs: number };
  /** requests to /api/v1/public/* per address */
  public: { max: number; windowMs: number };
  /** opinions sent from the public portal per address (on top of the public limit) */
  opinionSubmit?: { max: number; windowMs: number };
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signIn: { max: 20, windowMs: 5 * 60_000 },
  public: { max: 60, windowMs: 60_000 },
  opinionSubmit: { max: 5, windowMs: 10 * 60_000 },
};

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * Counters live in PostgreSQL (not in process memory) so that several app instances
 * share one limit per address. One upsert per request: a fixed window per key.
 */
function postgresStore(db: Db) {
  return class PostgresRateLimitStore {
    prefix = '';

    incr(ip: string, callback: Callback, timeWindow: number) {
      const key = `${this.prefix}${ip}`;
      sql<{ hits: number; ttl: number }>`
        insert into rate_limits as r (key, window_start, hits) values (${key}, now(), 1)
        on conflict (key) do update set
          hits = case when r.window_start <= now() - make_interval(secs => ${timeWindow / 1000}) then 1
                      else r.hits + 1 end,
          window_start = case when r.window_start <= now() - make_interval(secs => ${timeWindow / 1000})
                              then now() else r.window_start end
        returning hits,
          greatest(0, (extract(epoch from r.window_start - now()) * 1000 + ${timeWindow}))::int as ttl`
        .execute(db)
        .then((res) => {
          const row = res.rows[0]!;
          callback(null, { current: row.hits, ttl: row.ttl });
        }, callback);
    }
    /** One counter per route, or per group when the route names one (all public routes share one). */
    child(routeOptions: object) {
      // at run time the plugin passes its merged parameters, not the route options its types name
      const params = routeOptions as { groupId?: string; routeInfo?: { method?: string; url?: string } };
      const store = new PostgresRateLimitStore();
      store.prefix = params.groupId
        ? 'group:'
        : `${String(params.routeInfo?.method)} ${params.routeInfo?.url}:`;
      return store;
    }
  };
}

export async function registerRateLimit(app: FastifyInstance, limits: RateLimits): Promise<void> {
  // Forget windows that ended long ago; each instance does it at start.
  await app.db
    .deleteFrom('rateLimits')
    .where('windowStart', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  // Every public route gets the shared public limit without having to remember it. This hook is
  // added before the plugin's own, which reads the route's configuration.
  app.addHook('onRoute', (route) => {
    const isPublic = route.url.startsWith('/api/v1/public/') || route.config?.limit === 'public';
    if (isPublic && route.config?.rateLimit === undefined) {
      route.config = {
        ...route.config,
        rateLimit: { max: limits.public.max, timeWindow: limits.public.windowMs, groupId: 'public' },
      };
    }
  });
  await app.register(rateLimit, {
    global: false,
    store: postgresStore(app.db),
    errorResponseBuilder: (_request, context) => rateLimited(Math.max(1, Math.ceil(context.ttl / 1000))),
  });
}
