import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { type DatabaseHandle, openServer } from '../src/db/connection.js';
import { prepareAsOwner } from '../src/db/owner.js';
import { formatKeyList, personalDataKeys } from '../src/lib/personal-data.js';
import { buildApp } from '../src/server/app.js';
import { JOB_SCHEMA, JOBS, startJobs } from '../src/server/jobs.js';
import { ADMIN_PASSWORD, as, engine, makeUser, signIn } from './helpers.js';
import { freePort, startServer, waitUntilUp } from './process/server.js';

/**
 * A server install with two database roles (README, server install; GB/T 22239-2019 §8.1.4.3):
 * the owner (DATABASE_OWNER_URL) migrates and grants, the platform serves as the runtime role
 * (DATABASE_URL), which appends to the audit trail but can neither rewrite nor empty it.
 */

describe('DATABASE_OWNER_URL in the configuration', () => {
  it('is read beside DATABASE_URL, and refused without it', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://wyzj@db/wyzj',
      DATABASE_OWNER_URL: 'postgres://wyzj_owner@db/wyzj',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://wyzj@db/wyzj',
      databaseOwnerUrl: 'postgres://wyzj_owner@db/wyzj',
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://wyzj@db/wyzj' }).databaseOwnerUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://wyzj_owner@db/wyzj' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({ DATABASE_URL: 'postgres://wyzj@db/wyzj', DATABASE_OWNER_URL: 'mysql://x' }),
    ).toThrow(/DATABASE_OWNER_URL/);
  });
});

describe.runIf(engine === 'postgres')('the runtime database role', () => {
  const suffix = randomBytes(4).toString('hex');
  const names = { owner: `owner_${suffix}`, runtime: `runtime_${suffix}`, database: `roles_${suffix}` };
  const password = randomBytes(9).toString('hex');
  const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://localhost/test');
  const urlOf = (user: string) => {
    const url = new URL(base);
    url.username = user;
    url.password = password;
    url.pathname = `/${names.database}`;
    return url.toString();
  };
  let superuser: Kysely<unknown>;
  let runtime: DatabaseHandle;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    superuser = new Kysely<unknown>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base.toString(), max: 1 }) }),
    });
    for (const role of [names.owner, names.runtime])
      await sql`create role ${sql.id(role)} login password ${sql.lit(password)}`.execute(superuser);
    await sql`create database ${sql.id(names.database)} owner ${sql.id(names.owner)}`.execute(superuser);
    runtime = await openServer(urlOf(names.runtime), 4);
    await prepareAsOwner(urlOf(names.owner), runtime.db);
    await bootstrapDatabase(runtime.db, { adminPassword: ADMIN_PASSWORD, seedDemo: false });
    app = await buildApp({ db: runtime.db, logLevel: 'silent', webDir: null });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
    await runtime?.close();
    await sql`drop database if exists ${sql.id(names.database)} with (force)`.execute(superuser);
    for (const role of [names.runtime, names.owner])
      await sql`drop role if exists ${sql.id(role)}`.execute(superuser);
    await superuser.destroy();
  });

  it('serves as the runtime role, which owns nothing', async () => {
    const { rows } = await sql<{ role: string; owned: number }>`
      select current_user as role,
        (select count(*)::int from pg_tables where tableowner = current_user) as owned
    `.execute(runtime.db);
    expect(rows[0]).toEqual({ role: names.runtime, owned: 0 });
  });

  it('writes the audit trail through the platform, and the business tables', async () => {
    const admin = await signIn(app, 'admin', ADMIN_PASSWORD);
    const res = await as(
      app,
      admin,
    )({ method: 'PATCH', url: `/api/v1/users/${admin.userId}`, payload: { displayName: '系统管理员甲' } });
    expect(res.statusCode).toBe(200);
    const written = await runtime.db
      .selectFrom('auditEvents')
      .select('action')
      .where('actorId', '=', admin.userId)
      .execute();
    expect(written.map((r) => r.action)).toEqual(expect.arrayContaining(['auth.login', 'user.update']));
  });

  it.each([
    ['TRUNCATE audit_events', sql`truncate audit_events`],
    ['UPDATE audit_events', sql`update audit_events set action = 'x'`],
    ['DELETE FROM audit_events', sql`delete from audit_events`],
    ['ALTER TABLE audit_events DISABLE TRIGGER ALL', sql`alter table audit_events disable trigger all`],
    ['TRUNCATE audit_seals', sql`truncate audit_seals`],
    ['UPDATE audit_seals', sql`update audit_seals set hash = 'x'`],
    ['DELETE FROM audit_seals', sql`delete from audit_seals`],
    ['ALTER TABLE audit_seals DISABLE TRIGGER ALL', sql`alter table audit_seals disable trigger all`],
    ['DROP TABLE audit_events', sql`drop table audit_events`],
    ['setval on the audit id', sql`select setval('audit_events_id_seq', 1)`],
  ])('refuses the runtime role %s (permission denied)', async (_what, statement) => {
    await expect(statement.execute(runtime.db)).rejects.toMatchObject({ code: '42501' });
  });

  it('runs the background jobs as the runtime role, the chain sealed and verified whole', async () => {
    const errors: unknown[] = [];
    const jobs = await startJobs(
      runtime,
      { info: () => undefined, error: (e: unknown) => errors.push(e) },
      {
        pollingIntervalSeconds: 0.5,
      },
    );
    try {
      const done = async () =>
        (
          await sql<{ n: number }>`
            select count(distinct name)::int as n from ${sql.table(`${JOB_SCHEMA}.job`)} where state = 'completed'
          `.execute(runtime.db)
        ).rows[0]!.n;
      await expect.poll(done, { timeout: 20_000 }).toBe(Object.keys(JOBS).length);
    } finally {
      await jobs.stop();
    }
    expect(errors).toEqual([]);
    const auditor = await makeUser(runtime.db, [{ role: 'auditor', scopeId: null }]);
    const session = await signIn(app, auditor.username, auditor.password);
    const verified = await as(app, session)({ method: 'GET', url: '/api/v1/audit/verify' });
    expect(verified.json()).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('keeps its rights after another start, the owner’s migrations already done', async () => {
    expect(await prepareAsOwner(urlOf(names.owner), runtime.db)).toEqual({
      migrations: [],
      ownerRole: names.owner,
      runtimeRole: names.runtime,
    });
    await expect(sql`truncate audit_events`.execute(runtime.db)).rejects.toMatchObject({ code: '42501' });
    expect((await signIn(app, 'admin', ADMIN_PASSWORD)).userId).toBeTruthy();
  });

  it('starts the server that way, saying the audit trail is protected from the role it serves as', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-roles-'));
    const port = freePort();
    const server = startServer({
      DATABASE_URL: urlOf(names.runtime),
      DATABASE_OWNER_URL: urlOf(names.owner),
      // the keys this test process sealed the accounts' data with, as an operator would carry them over
      PERSONAL_DATA_KEYS: formatKeyList([...personalDataKeys().keys]),
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    try {
      await waitUntilUp(server, port);
      await expect
        .poll(() => server.output(), { timeout: 15_000 })
        .toContain('运行角色只能查询和追加审计记录');
      expect(server.output()).not.toContain('未设置 DATABASE_OWNER_URL');
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses an owner URL of the same role as DATABASE_URL', async () => {
    await expect(prepareAsOwner(urlOf(names.runtime), runtime.db)).rejects.toThrow(/同一个数据库角色/);
  });
});
