import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_LIMITS, slowdownMs } from '../src/modules/auth/service.js';
import {
  ADMIN_PASSWORD,
  as,
  errorOf,
  makeUser,
  SECURITY_ADMIN_PASSWORD,
  signedInAs,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (username: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

describe('signing in', () => {
  it('returns the user, a CSRF token and abilities, and sets an HttpOnly SameSite=Lax cookie', async () => {
    const res = await login('admin', ADMIN_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'admin', memberId: null });
    expect(body.user.roles).toEqual([
      { role: 'office_admin', scopeId: null },
      { role: 'system_admin', scopeId: null },
    ]);
    expect(body.csrfToken).toEqual(expect.any(String));
    expect(body.abilities).toEqual(expect.arrayContaining(['user.manage', 'member.read']));
    // 三权分立: the system administrator reads no audit log and grants no roles
    expect(body.abilities).not.toContain('audit.read');
    expect(body.abilities).not.toContain('user.grant_roles');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(body).not.toHaveProperty('user.passwordHash');
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await login('nobody-here', 'whatever1');
    const wrong = await login('admin', 'wrong-password-1');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(errorOf(unknown).error.code).toBe('UNAUTHENTICATED');
  });

  it('records each success and failure in the audit trail, never the password', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    await login(user.username, 'not-it-123');
    await login(user.username, user.password);
    const rows = await t.db
      .selectFrom('auditEvents')
      .select(['action', 'actorId', 'after'])
      .where('objectId', '=', user.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['auth.login_failed', 'auth.login']);
    expect(rows[1]!.actorId).toBe(user.id);
    expect(JSON.stringify(rows)).not.toContain('not-it-123');
  });

  it('stops an address after 5 failures on one account for 15 minutes, known or not', async () => {
    const user = await makeUser(t.db, []);
    for (const name of [user.username, 'ghost-user']) {
      for (let i = 0; i < 5; i++) expect((await login(name, 'bad-pass-1')).statusCode).toBe(401);
      const locked = await login(name, name === user.username ? user.password : 'bad-pass-1');
      expect(locked.statusCode).toBe(429);
      expect(errorOf(locked).error.code).toBe('ACCOUNT_LOCKED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    }
    // case variants of the name are the same account
    expect((await login(user.username.toUpperCase(), user.password)).statusCode).toBe(429);
    // once the window has run out, the right password works again
    await t.db
      .updateTable('loginFailures')
      .set({ windowEnds: sql<Date>`now() - interval '1 second'` })
      .where('account', '=', user.username)
      .execute();
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it('never lets failures from one address lock the account for everyone', async () => {
    const user = await makeUser(t.db, []);
    const from = (ip: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: ip,
        payload: { username: user.username, password },
      });
    for (let i = 0; i < 6; i++) await from('203.0.113.5', 'bad-pass-1');
    expect((await from('203.0.113.5', user.password)).statusCode).toBe(429);
    expect((await from('198.51.100.6', user.password)).statusCode).toBe(200);
  });

  it('slows an account attacked from everywhere, and its owner still signs in', async () => {
    const user = await makeUser(t.db, []);
    // failures from many addresses, as a spread attack makes them
    await t.db
      .insertInto('loginFailures')
      .values({
        account: user.username,
        address: '',
        failures: 11,
        windowEnds: sql<Date>`now() + interval '15 minutes'`,
      })
      .execute();
    expect(slowdownMs(11)).toBeGreaterThan(0);
    expect(slowdownMs(9)).toBe(0);
    expect(slowdownMs(10_000)).toBe(SESSION_LIMITS.slowMaxMs);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
  });

  it("lets the security administrator lift an account's stop at once", async () => {
    const user = await makeUser(t.db, []);
    for (let i = 0; i < 5; i++) await login(user.username, 'bad-pass-1');
    expect((await login(user.username, user.password)).statusCode).toBe(429);
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const security = await signIn(t.app, 'secadmin', SECURITY_ADMIN_PASSWORD);
    const plain = await signedInAs(t.app, t.db, [{ role: 'office_admin', scopeId: null }]);
    const url = `/api/v1/users/${user.id}/unlock`;
    expect((await as(t.app, plain)({ method: 'POST', url })).statusCode).toBe(403);
    expect((await as(t.app, admin)({ method: 'POST', url })).statusCode).toBe(403);
    expect(
      (await as(t.app, security)({ method: 'POST', url: '/api/v1/users/not-a-user/unlock' })).statusCode,
    ).toBe(404);
    expect((await as(t.app, security)({ method: 'POST', url })).statusCode).toBe(204);
    expect((await login(user.username, user.password)).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', user.id)
      .where('action', '=', 'user.unlock_sign_in')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a disabled user with the same answer as a wrong password', async () => {
    const user = await makeUser(t.db, []);
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', user.id).execute();
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual((await login('nobody-at-all', 'x1234567')).json());
  });

  it('is case-insensitive in the username', async () => {
    expect((await login('ADMIN', ADMIN_PASSWORD)).statusCode).toBe(200);
  });

  it('rejects a body with missing fields or unknown ones', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty('password');
    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'x', role: 'system_admin' },
    });
    expect(extra.statusCode).toBe(400);
    expect(errorOf(extra).error.fields?.role).toBe('不允许的字段');
  });
});

describe('sessions', () => {
  it('answers /auth/me with the user and 401 without a session', async () => {
    const session = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const me = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json().csrfToken).toBe(session.csrf);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' });
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).error.code).toBe('UNAUTHENTICATED');
  });

  it('names the address links and QR codes carry: PUBLIC_URL, else the one the request came in on', async () => {
    const publicUrlOf = async (app: TestApp['app'], host: string) =>
      (
        await as(
          app,
          await signIn(app, 'admin', ADMIN_PASSWORD),
        )({
          method: 'GET',
          url: '/api/v1/auth/me',
          headers: { host },
        })
      ).json().publicUrl;
    expect(await publicUrlOf(t.app, '10.0.0.5:3000')).toBe('http://10.0.0.5:3000');
    const behind = await startTestApp({ publicUrl: 'https://wyzj.example.gov.cn' });
    try {
      expect(await publicUrlOf(behind.app, '127.0.0.1:3000')).toBe('https://wyzj.example.gov.cn');
    } finally {
      await behind.close();
    }
  });

  it('requires the CSRF header on writes made with the cookie', async () => {
    const session = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const body = { name: 'ci', expiresInDays: 1 };
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: session.cookie },
      payload: body,
    });
    expect(missing.statusCode).toBe(403);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      headers: { cookie: session.cookie, 'x-csrf-token': 'forged-token' },
      payload: body,
    });
    expect(wrong.statusCode).toBe(403);
    expect(errorOf(wrong).error.message).toMatch(/CSRF/);
    const ok = await as(t.app, session)({ method: 'POST', url: '/api/v1/auth/tokens', payload: body });
    expect(ok.statusCode).toBe(201);
  });

  it('ends the session on logout', async () => {
    const session = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const out = await as(t.app, session)({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(out.statusCode).toBe(204);
    const me = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.statusCode).toBe(401);
  });

  it('expires after 30 idle minutes and after 12 hours in all', async () => {
    const idle = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    await t.db
      .updateTable('sessions')
      .set({ lastSeenAt: sql<Date>`now() - interval '31 minutes'` })
      .where('userId', '=', idle.userId)
      .where('revokedAt', 'is', null)
      .execute();
    const res = await as(t.app, idle)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(errorOf(res).error.message).toMatch(/过期/);

    const old = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    await t.db
      .updateTable('sessions')
      .set({ expiresAt: sql<Date>`now() - interval '1 second'` })
      .where('userId', '=', old.userId)
      .where('revokedAt', 'is', null)
      .execute();
    expect((await as(t.app, old)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('keeps a session alive while it is used', async () => {
    const session = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    await t.db
      .updateTable('sessions')
      .set({ lastSeenAt: sql<Date>`now() - interval '29 minutes'` })
      .where('userId', '=', session.userId)
      .where('revokedAt', 'is', null)
      .execute();
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('sessions')
      .select(sql<boolean>`last_seen_at > now() - interval '1 minute'`.as('fresh'))
      .where(
        'id',
        '=',
        sql<string>`(select id from sessions where user_id = ${session.userId} and revoked_at is null order by created_at desc limit 1)`,
      )
      .executeTakeFirstOrThrow();
    expect(row.fresh).toBe(true);
  });
});

describe('API tokens', () => {
  it('acts as the user without a CSRF header, is shown once, stored hashed, and can be revoked', async () => {
    const user = await makeUser(t.db, [{ role: 'system_admin', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const created = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: '数据同步', expiresInDays: 30 },
    });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const stored = await t.db
      .selectFrom('apiTokens')
      .select('tokenHash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    expect(me.json().user.id).toBe(user.id);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer,
      payload: { username: 'via_token', password: 'tok3n-made-1', displayName: '令牌创建' },
    });
    expect(write.statusCode).toBe(201);

    const list = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/tokens' });
    expect(list.json()).toEqual([expect.objectContaining({ id, name: '数据同步', revokedAt: null })]);
    expect(JSON.stringify(list.json())).not.toContain(token);

    const revoked = await as(t.app, session)({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer })).statusCode).toBe(
      401,
    );
  });

  it("cannot revoke another user's token (404)", async () => {
    const owner = await makeUser(t.db, []);
    const other = await makeUser(t.db, []);
    const ownerSession = await signIn(t.app, owner.username, owner.password);
    const { id } = (
      await as(t.app, ownerSession)({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 'x' } })
    ).json();
    const otherSession = await signIn(t.app, other.username, other.password);
    const res = await as(t.app, otherSession)({ method: 'DELETE', url: `/api/v1/auth/tokens/${id}` });
    expect(res.statusCode).toBe(404);
    const malformed = await as(
      t.app,
      otherSession,
    )({ method: 'DELETE', url: '/api/v1/auth/tokens/not-a-uuid' });
    expect(malformed.statusCode).toBe(404);
  });

  it('rejects bad token requests and an unknown bearer token', async () => {
    const session = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const bad = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: '', expiresInDays: 9999 },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(errorOf(bad).error.fields ?? {}).sort()).toEqual(['expiresInDays', 'name']);
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Bearer cmh_not-a-real-token' },
    });
    expect(unknown.statusCode).toBe(401);
  });
});
