import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTime } from '../src/db/query-timing.js';
import { buildApp } from '../src/server/app.js';
import { ADMIN_PASSWORD, as, errorOf, openTestDb, signIn, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ bodyLimit: 16 * 1024 });
});
afterAll(() => t.close());

const post = (url: string, payload: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers } });

describe('every route declares who may call it', () => {
  it('has an access rule or an ability on every /api/v1 route', () => {
    const v1 = t.app.routeAccess.filter((r) => r.url.startsWith('/api/v1/'));
    expect(v1.length).toBeGreaterThan(10);
    const undeclared = v1.filter((r) => !r.access && !r.ability).map((r) => `${r.method} ${r.url}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses a route that forgot to declare one (deny by default)', async () => {
    const app = await buildApp({ db: t.db, logLevel: 'silent', webDir: null });
    app.get('/api/v1/forgotten', async () => ({ secret: true }));
    expect((await app.inject({ method: 'GET', url: '/api/v1/forgotten' })).statusCode).toBe(401);
    // even the system administrator is refused
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    const res = await as(app, admin)({ method: 'GET', url: '/api/v1/forgotten' });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('secret');
    await app.close();
  });
});

describe('errors have one shape and say what is wrong', () => {
  it('answers malformed JSON with 400 VALIDATION_FAILED', async () => {
    const res = await post('/api/v1/auth/login', '{"username": "admin",');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toEqual({ code: 'VALIDATION_FAILED', message: '请求内容不是有效的 JSON' });
  });

  it('names each field of the wrong type, in Chinese', async () => {
    const res = await post('/api/v1/auth/login', JSON.stringify({ username: 42, password: ['x'] }));
    expect(res.statusCode).toBe(400);
    const { fields } = errorOf(res).error;
    expect(Object.keys(fields!).sort()).toEqual(['password', 'username']);
    expect(fields!.username).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('refuses an oversize body with 413', async () => {
    const res = await post(
      '/api/v1/auth/login',
      JSON.stringify({ username: 'x', password: 'y'.repeat(20_000) }),
    );
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown API path with 404 in the same shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).error.code).toBe('NOT_FOUND');
  });

  it('never shows a stack trace or SQL to the client', async () => {
    const app = await buildApp({ db: t.db, logLevel: 'silent', webDir: null });
    app.get('/api/v1/boom', { config: { access: 'public' } }, async () => {
      await sql`select * from no_such_table`.execute(t.db);
    });
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试' } });
    expect(res.body).not.toMatch(/no_such_table|at .*\.ts/);
    await app.close();
  });
});

describe('HTTP plumbing', () => {
  it('reports health with the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'ok' });
  });

  it('sends security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-frame-options']).toBeDefined();
  });

  it('publishes the OpenAPI document with every v1 route', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/regions',
      '/api/v1/org-units',
    ]) {
      expect(doc.paths).toHaveProperty([path]);
    }
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('keeps the audit trail append-only', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    await as(t.app, admin)({ method: 'GET', url: '/api/v1/auth/me' });
    await expect(sql`update audit_events set action = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});

describe('rate limits (per address, shared through the database)', () => {
  it('answers the request over the sign-in limit with 429 and Retry-After', async () => {
    const handle = await openTestDb();
    const { bootstrapDatabase } = await import('../src/db/bootstrap.js');
    await bootstrapDatabase(handle.db, { adminPassword: ADMIN_PASSWORD, seedDemo: false });
    const limits = { signIn: { max: 3, windowMs: 60_000 }, public: { max: 2, windowMs: 60_000 } };
    const first = await buildApp({ db: handle.db, logLevel: 'silent', webDir: null, rateLimits: limits });
    const second = await buildApp({ db: handle.db, logLevel: 'silent', webDir: null, rateLimits: limits });
    const attempt = (app: typeof first) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'admin', password: 'wrong1234' },
      });
    // two instances on one database share the count
    expect((await attempt(first)).statusCode).toBe(401);
    expect((await attempt(second)).statusCode).toBe(401);
    expect((await attempt(first)).statusCode).toBe(401);
    const limited = await attempt(second);
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // the public check-in page shares the public limit across instances
    const lookup = (app: typeof first) => app.inject({ method: 'GET', url: '/api/v1/checkin/NOSUCH' });
    expect((await lookup(first)).statusCode).toBe(404);
    expect((await lookup(second)).statusCode).toBe(404);
    expect((await lookup(first)).statusCode).toBe(429);
    await first.close();
    await second.close();
    await handle.close();
  });
});

describe('SERVER_TIMING', () => {
  it('says on each answer how long the server and the database took, queries that overlap once', async () => {
    const timed = await buildApp({ db: t.db, logLevel: 'silent', webDir: null, serverTiming: true });
    const admin = await signIn(timed, 'admin', ADMIN_PASSWORD);
    const res = await as(timed, admin)({ method: 'GET', url: '/api/v1/homes?pageSize=5' });
    expect(res.statusCode).toBe(200);
    const header = String(res.headers['server-timing']);
    const [, db, queries, total] =
      /^db;dur=([\d.]+);desc="(\d+) queries", total;dur=([\d.]+)$/.exec(header) ?? [];
    expect(Number(queries)).toBeGreaterThanOrEqual(2); // the session, then the page
    expect(Number(db)).toBeGreaterThan(0);
    expect(Number(db)).toBeLessThanOrEqual(Number(total));
    await timed.close();
    // off unless asked for
    const plain = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(plain.headers['server-timing']).toBeUndefined();
  });

  it('counts the time at least one query ran', () => {
    expect(databaseTime({ spans: [] })).toBe(0);
    expect(
      databaseTime({
        spans: [
          [5, 7],
          [0, 2],
          [1, 3],
          [6, 10],
        ],
      }),
    ).toBe(3 + 5);
  });
});
