import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, sealAudit } from '../src/modules/audit/service.js';
import { JOBS } from '../src/server/jobs.js';
import type { Db } from '../src/server/types.js';
import {
  ADMIN_PASSWORD,
  as,
  engine,
  makeUser,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

/**
 * The audit trail is tamper-evident (API.md, Audit; GB/T 22239-2019 §8.1.4.3): every row is
 * sealed into a hash chain after it commits, and `GET /audit/verify` recomputes the chain, so a
 * row changed or removed behind the platform's back (by whoever owns the table) is found.
 */

const SYSTEM = { actor: null, ip: null };

const auditorOf = async (t: TestApp) => {
  const auditor = await makeUser(t.db, [{ role: 'auditor', scopeId: null }]);
  return signIn(t.app, auditor.username, auditor.password);
};

const verify = async (t: TestApp, auditor: Session) => {
  const res = await as(t.app, auditor)({ method: 'GET', url: '/api/v1/audit/verify' });
  expect(res.statusCode).toBe(200);
  return res.json() as { ok: boolean; checked: number; firstBrokenId: string | null };
};

const rowCount = async (db: Db) =>
  (await db.selectFrom('auditEvents').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;

/** Three rows of business, returning their ids in order. */
async function someRows(db: Db) {
  for (const n of [1, 2, 3]) {
    await recordAudit(db, SYSTEM, {
      action: 'home.update',
      objectType: 'home',
      objectId: `00000000-0000-4000-8000-00000000000${n}`,
      before: { name: `旧名${n}` },
      after: { name: `新名${n}` },
    });
  }
  const rows = await db.selectFrom('auditEvents').select('id').orderBy('id', 'desc').limit(3).execute();
  return rows.map((r) => r.id).reverse();
}

/** What only the table's owner can do: change the trail with its append-only trigger set aside. */
async function asOwner(db: Db, statement: ReturnType<typeof sql>) {
  await db.transaction().execute(async (trx) => {
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(trx);
    await statement.execute(trx);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(trx);
  });
}

describe('the audit trail’s hash chain', () => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await auditorOf(t);
  });
  afterAll(() => t.close());

  it('seals every row and finds an untouched trail whole, having checked every row', async () => {
    await someRows(t.db);
    const result = await verify(t, auditor);
    expect(result).toEqual({ ok: true, checked: await rowCount(t.db), firstBrokenId: null });
    expect(result.checked).toBeGreaterThan(3);
    const seals = await t.db.selectFrom('auditSeals').select(['seq', 'auditId']).orderBy('seq').execute();
    expect(seals.map((s) => Number(s.seq))).toEqual(seals.map((_, i) => i + 1));
  });

  it('seals what was written since on the next check, and again finds it whole', async () => {
    const before = await verify(t, auditor);
    await someRows(t.db);
    const after = await verify(t, auditor);
    expect(after).toEqual({ ok: true, checked: await rowCount(t.db), firstBrokenId: null });
    expect(after.checked).toBe(before.checked + 3);
  });

  it('is sealed every minute by the job queue, a run with nothing new saying nothing changed', async () => {
    await someRows(t.db);
    const run = await JOBS['audit-seal'].run(t.db);
    expect(run).toMatchObject({ changed: true, sealed: 3, head: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await sealAudit(t.db)).toMatchObject({ changed: false, sealed: 0, head: run.head });
  });

  it('refuses to rewrite or empty the trail and its seals, whoever asks through the database', async () => {
    await verify(t, auditor);
    for (const statement of [
      sql`update audit_events set action = 'x'`,
      sql`delete from audit_events`,
      sql`truncate audit_events`,
      sql`update audit_seals set hash = 'x'`,
      sql`delete from audit_seals`,
      sql`truncate audit_seals`,
    ]) {
      await expect(statement.execute(t.db)).rejects.toThrow(/append-only/);
    }
  });

  it('is read and verified by the auditor only (403), and by no one signed out (401)', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const office = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    for (const session of [admin, await signIn(t.app, office.username, office.password)]) {
      const res = await as(t.app, session)({ method: 'GET', url: '/api/v1/audit/verify' });
      expect(res.statusCode).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify' })).statusCode).toBe(401);
  });
});

describe('a trail changed behind the platform’s back', () => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await auditorOf(t);
  });
  afterAll(() => t.close());

  it('names the first row whose column was edited in SQL, and is whole again once it is put back', async () => {
    const [, edited] = await someRows(t.db);
    expect((await verify(t, auditor)).ok).toBe(true);
    await asOwner(t.db, sql`update audit_events set after = '{"name":"改过的名字"}' where id = ${edited}`);
    expect(await verify(t, auditor)).toEqual({
      ok: false,
      checked: await rowCount(t.db),
      firstBrokenId: edited,
    });
    await asOwner(t.db, sql`update audit_events set after = '{"name":"新名2"}' where id = ${edited}`);
    expect((await verify(t, auditor)).ok).toBe(true);
  });

  it('notices a change of a single microsecond in when a row was written', async () => {
    const [edited] = await someRows(t.db);
    expect((await verify(t, auditor)).ok).toBe(true);
    await asOwner(t.db, sql`update audit_events set at = at + interval '1 microsecond' where id = ${edited}`);
    expect((await verify(t, auditor)).firstBrokenId).toBe(edited);
    await asOwner(t.db, sql`update audit_events set at = at - interval '1 microsecond' where id = ${edited}`);
    expect((await verify(t, auditor)).ok).toBe(true);
  });

  it('names a row that was deleted', async () => {
    const [, removed] = await someRows(t.db);
    expect((await verify(t, auditor)).ok).toBe(true);
    await asOwner(t.db, sql`delete from audit_events where id = ${removed}`);
    const result = await verify(t, auditor);
    expect(result).toMatchObject({ ok: false, firstBrokenId: removed });
    // the rows checked are the rows that were sealed, the deleted one among them
    expect(result.checked).toBe((await rowCount(t.db)) + 1);
  });
});

describe('a seal removed behind the platform’s back', () => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await auditorOf(t);
  });
  afterAll(() => t.close());

  it('breaks the chain at the row after it', async () => {
    const [, middle, last] = await someRows(t.db);
    expect((await verify(t, auditor)).ok).toBe(true);
    await t.db.transaction().execute(async (trx) => {
      await sql`alter table audit_seals disable trigger audit_seals_no_update`.execute(trx);
      await sql`delete from audit_seals where audit_id = ${middle}`.execute(trx);
      await sql`alter table audit_seals enable trigger audit_seals_no_update`.execute(trx);
    });
    expect(await verify(t, auditor)).toMatchObject({ ok: false, firstBrokenId: last });
  });
});

describe.runIf(engine === 'postgres')('sealing beside business transactions', () => {
  let t: TestApp;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp();
    auditor = await auditorOf(t);
  });
  afterAll(() => t.close());

  it('never waits for a transaction still open, and seals its row once it commits', async () => {
    const { rows } = await sql<{ url: string }>`select current_database() as url`.execute(t.db);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${rows[0]!.url}`;
    const open = new pg.Client({ connectionString: url.toString() });
    await open.connect();
    try {
      // a long business transaction takes its audit id first and commits last
      await open.query('begin');
      const { rows: taken } = await open.query<{ id: string }>(
        "insert into audit_events (action) values ('home.update') returning id",
      );
      const later = await someRows(t.db);
      const sealed = await sealAudit(t.db);
      expect(sealed.sealed).toBeGreaterThanOrEqual(3);
      await open.query('commit');
      // the late row is below the ones already sealed, and is sealed on the next run
      expect(BigInt(taken[0]!.id)).toBeLessThan(BigInt(later[0]!));
      expect(await sealAudit(t.db)).toMatchObject({ sealed: 1 });
      expect(await verify(t, auditor)).toEqual({
        ok: true,
        checked: await rowCount(t.db),
        firstBrokenId: null,
      });
    } finally {
      await open.end();
    }
  });
});
