import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { TrustProxy } from '../config.js';
import { activitiesRoutes } from '../modules/activities/routes.js';
import { auditRoutes } from '../modules/audit/routes.js';
import { authRoutes } from '../modules/auth/routes.js';
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from '../modules/auth/settings.js';
import { dashboardRoutes } from '../modules/dashboard/routes.js';
import { evaluationRoutes } from '../modules/evaluation/routes.js';
import { fundRoutes } from '../modules/funds/routes.js';
import { homeRoutes } from '../modules/homes/routes.js';
import { memberRoutes } from '../modules/members/routes.js';
import { notificationsRoutes } from '../modules/notifications/routes.js';
import { operationsRoutes } from '../modules/operations/routes.js';
import { opinionRoutes } from '../modules/opinions/routes.js';
import { orgUnitRoutes } from '../modules/org-units/routes.js';
import { publicRoutes } from '../modules/public/routes.js';
import { recordRoutes } from '../modules/records/routes.js';
import { regionRoutes } from '../modules/regions/routes.js';
import { trainingRoutes } from '../modules/trainings/routes.js';
import { translationRoutes } from '../modules/translations/routes.js';
import { userRoutes } from '../modules/users/routes.js';
import type { Ability } from './abilities.js';
import type { DiskWatch } from './disk.js';
import { registerHealth } from './health.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorLanguage } from './plugins/error-language.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerInputGuard } from './plugins/input.js';
import { registerOpenApi } from './plugins/openapi.js';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerRateLimit } from './plugins/rate-limit.js';
import { registerWeb } from './plugins/web.js';
import { registerServerTiming } from './server-timing.js';
import { type FileStorage, LocalFolderStorage } from './storage.js';
import type { App, Db } from './types.js';
import { MAX_UPLOAD_BYTES } from './upload.js';

z.config(z.locales.zhCN());

export const DEFAULT_WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

export interface AppOptions {
  db: Db;
  logLevel?: string;
  rateLimits?: RateLimits;
  /** folder of the built UI; absent or missing means the API alone */
  webDir?: string | null;
  /** JSON body limit in bytes */
  bodyLimit?: number;
  /** TRUST_PROXY as configured: false, a hop count, or the proxies' addresses */
  trustProxy?: TrustProxy;
  /** PUBLIC_URL: the address links and QR codes carry; absent, the address a request came in on */
  publicUrl?: string | null;
  /** where uploaded files go; a folder under the system's temp folder when absent (tests) */
  storage?: FileStorage;
  /** the folders `/api/health` watches for free space; absent, it checks the database only */
  disk?: DiskWatch;
  /** REQUIRE_SECOND_FACTOR and PASSWORD_MAX_AGE_DAYS; the embedded database's defaults when absent */
  auth?: Partial<AuthSettings>;
  /** SERVER_TIMING: a Server-Timing header on every answer (server and database time) */
  serverTiming?: boolean;
}

/**
 * TRUST_PROXY for Fastify: addresses as they are; a hop count as a function, since Fastify no
 * longer takes counts (it cannot check the peer) — a count is for an app only its proxies reach.
 */
function proxyTrust(trust: TrustProxy): FastifyServerOptions['trustProxy'] {
  if (typeof trust === 'number') return (_address: string, hop: number) => hop < trust;
  return trust;
}

export interface RouteAccess {
  method: string;
  url: string;
  access: string | null;
  ability: Ability | null;
}

/** Builds the whole HTTP application around an open database; `main.ts` listens, tests inject. */
export async function buildApp(options: AppOptions): Promise<App & { routeAccess: RouteAccess[] }> {
  const logger: FastifyServerOptions['logger'] = {
    level: options.logLevel ?? 'info',
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
  };
  const app = Fastify({
    logger,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    trustProxy: proxyTrust(options.trustProxy ?? false),
  }).withTypeProvider<ZodTypeProvider>();
  if (options.serverTiming) registerServerTiming(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', options.db);
  app.decorate('publicUrl', options.publicUrl ?? null);
  app.decorate('authSettings', { ...DEFAULT_AUTH_SETTINGS, ...options.auth });

  const storage = options.storage ?? new LocalFolderStorage(path.join(os.tmpdir(), 'cmh-uploads'));
  const routeAccess: RouteAccess[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeAccess.push({
        method,
        url: route.url,
        access: route.config?.access ?? null,
        ability: route.config?.ability ?? null,
      });
    }
  });

  registerErrorHandling(app);
  // before compression, which would hand it the body as a stream
  registerErrorLanguage(app, options.db);
  registerInputGuard(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  // answers of 1 KB and more, compressed as the browser accepts: brotli at a quality that costs about
  // what gzip does (the built files are already packed at the best ratio, plugins/web.ts)
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 6 },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10 } });
  await registerRateLimit(app, options.rateLimits ?? DEFAULT_RATE_LIMITS);
  registerAuth(app);
  await registerOpenApi(app);

  registerHealth(app, options.disk ?? null);

  await app.register(
    async (api) => {
      const v1 = api.withTypeProvider<ZodTypeProvider>();
      authRoutes(v1, options.rateLimits ?? DEFAULT_RATE_LIMITS);
      userRoutes(v1);
      auditRoutes(v1);
      regionRoutes(v1);
      translationRoutes(v1);
      orgUnitRoutes(v1);
      memberRoutes(v1);
      homeRoutes(v1, storage);
      activitiesRoutes(v1, storage);
      operationsRoutes(v1, storage);
      notificationsRoutes(v1, storage);
      opinionRoutes(v1);
      recordRoutes(v1);
      evaluationRoutes(v1);
      fundRoutes(v1);
      trainingRoutes(v1, storage);
      dashboardRoutes(v1);
      publicRoutes(v1, options.rateLimits ?? DEFAULT_RATE_LIMITS);
    },
    { prefix: '/api/v1' },
  );

  const webDir = options.webDir === undefined ? DEFAULT_WEB_DIR : options.webDir;
  if (webDir) await registerWeb(app, webDir);

  return Object.assign(app, { routeAccess });
}
