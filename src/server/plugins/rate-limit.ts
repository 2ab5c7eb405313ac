import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { rateLimited } from '../errors.js';
import type { Db } from '../types.js';

/**
 * A limit per address as a token bucket: `max` requests at once (the burst), refilled evenly at
 * `max` per `windowMs`. A home's Wi-Fi puts fifty people behind one address on a duty day, so the
 * public limits are sized for that crowd's bursts (bench/wifi.ts), not for one visitor.
 */
export interface Limit {
  max: number;
  windowMs: number;
}

export interface RateLimits {
  /** sign-in attempts per address (each account has its own lock-out besides) */
  signIn: Limit;
  /** requests to /api/v1/public/* per address */
  public: Limit;
  /** opinions sent from the public portal per address (on top of the public limit) */
  opinionSubmit?: Limit;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  // fifty members signing in to check in at once; guessing is held back per account
  signIn: { max: 100, windowMs: 10 * 60_000 },
  // fifty citizens finding a home, reading it, sending and tracking: ~10 requests each, 2/s after
  public: { max: 600, windowMs: 5 * 60_000 },
  // a queue of sixty opinions at once, then one a minute: a flood from one address stays small
  opinionSubmit: { max: 60, windowMs: 60 * 60_000 },
};

type Callback = (err: Error | null, result?: { current: number; ttl: number }) => void;

/** One token, as the bucket's level counts it: thousandths, so the level fits an integer column. */
const TOKEN = 1000;

/**
 * Buckets live in PostgreSQL (not in process memory) so that several app instances share one
 * bucket per address. A row holds the bucket's level (`hits`, in thousandths of a request) as of
 * `window_start`; it drains at `max` per `timeWindow`. One statement per request: the row is
 * locked, drained to now, and charged one request unless that would overflow it. A refused
 * request charges nothing, so a client that keeps knocking gets in again as soon as it refills.
 */
function postgresStore(db: Db) {
  return class PostgresRateLimitStore {
    prefix = '';

    incr(ip: string, callback: Callback, timeWindow: number, max: number) {
      const key = `${this.prefix}${ip}`;
      const capacity = max * TOKEN;
      // thousandths of a request drained per second
      const drain = (max * TOKEN * 1000) / timeWindow;
      sql<{ level: number; charged: boolean }>`
        with drained as (
          select greatest(0, coalesce((
            select r.hits - extract(epoch from now() - r.window_start) * ${drain}
            from rate_limits r where r.key = ${key} for update
          ), 0)) as level
        )
        insert into rate_limits as r (key, window_start, hits)
        select ${key}, now(), ceil(case when level + ${TOKEN} <= ${capacity} then level + ${TOKEN} else level end)
        from drained
        on conflict (key) do update set window_start = excluded.window_start, hits = excluded.hits
        returning (select level from drained)::float8 as level,
          ((select level from drained) + ${TOKEN} <= ${capacity}) as charged`
        .execute(db)
        .then((res) => {
          const { level, charged } = res.rows[0]!;
          // refused: ttl is the wait until one request fits again
          if (!charged)
            return callback(null, {
              current: max + 1,
              ttl: Math.ceil(((level + TOKEN - capacity) / drain) * 1000),
            });
          callback(null, {
            current: Math.ceil((level + TOKEN) / TOKEN),
            ttl: Math.ceil(((level + TOKEN) / drain) * 1000),
          });
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
