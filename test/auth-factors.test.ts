import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { resetSecondFactor } from '../src/modules/auth/service.js';
import { buildApp } from '../src/server/app.js';
import {
  ADMIN_PASSWORD,
  as,
  errorOf,
  makeUser,
  type Session,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

/** 身份鉴别: the TOTP second factor, self-service passwords, resets, the password rule, history and age. */

let t: TestApp;
/** The same database served as a server install: second factor required of privileged accounts. */
let strict: Awaited<ReturnType<typeof buildApp>>;
/** …and one whose passwords never expire. */
let ageless: Awaited<ReturnType<typeof buildApp>>;

const rateLimits = {
  signIn: { max: 10_000, windowMs: 60_000 },
  public: { max: 10_000, windowMs: 60_000 },
  opinionSubmit: { max: 10_000, windowMs: 60_000 },
};

beforeAll(async () => {
  t = await startTestApp();
  const over = (auth: { requireSecondFactor?: boolean; passwordMaxAgeDays?: number }) =>
    buildApp({ db: t.db, logLevel: 'silent', webDir: null, rateLimits, auth });
  strict = await over({ requireSecondFactor: true });
  ageless = await over({ passwordMaxAgeDays: 0 });
  await Promise.all([strict.ready(), ageless.ready()]);
});
afterAll(async () => {
  await strict.close();
  await ageless.close();
  await t.close();
});

type AnyApp = TestApp['app'];

const login = (
  app: AnyApp,
  { username, password, otp }: { username: string; password: string; otp?: string },
) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, otp } });

/** The code an authenticator app shows `steps` time steps from now (30 s each). */
const codeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

const sessionOf = (res: Awaited<ReturnType<typeof login>>): Session => {
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
  return { cookie, csrf: res.json().csrfToken, userId: res.json().user.id };
};

/**
 * Sets up and turns on a second factor with the code of the current step. Codes of the next step
 * (`codeAt(secret, 1)`) are then the first new ones a sign-in can use: within the one-step drift
 * allowed, whichever way the clock has moved meanwhile.
 */
async function enrol(app: AnyApp, session: Session): Promise<string> {
  const setup = await as(app, session)({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
  expect(setup.statusCode, setup.body).toBe(200);
  const { secret } = setup.json();
  const enable = await as(
    app,
    session,
  )({
    method: 'POST',
    url: '/api/v1/auth/2fa/enable',
    payload: { otp: codeAt(secret) },
  });
  expect(enable.statusCode, enable.body).toBe(204);
  return secret;
}

async function failuresOf(username: string) {
  const rows = await t.db
    .selectFrom('loginFailures')
    .select(['address', 'failures'])
    .where('account', '=', username.toLowerCase())
    .execute();
  return rows.find((row) => row.address !== '')?.failures ?? 0;
}

const newToken = async (app: AnyApp, session: Session) =>
  (
    await as(
      app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/tokens',
      payload: { name: '同步', expiresInDays: 30 },
    })
  ).json().token as string;

const withToken = (app: AnyApp, token: string, url: string) =>
  app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('the configuration', () => {
  it('requires a second factor by default on a server install, not on the embedded database', () => {
    expect(loadConfig({}).requireSecondFactor).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).requireSecondFactor).toBe(true);
    expect(
      loadConfig({ DATABASE_URL: 'postgres://u@db/x', REQUIRE_SECOND_FACTOR: 'off' }).requireSecondFactor,
    ).toBe(false);
    expect(loadConfig({ REQUIRE_SECOND_FACTOR: 'yes' }).requireSecondFactor).toBe(true);
  });

  it('lets passwords last 90 days unless PASSWORD_MAX_AGE_DAYS says otherwise (0: no limit)', () => {
    expect(loadConfig({}).passwordMaxAgeDays).toBe(90);
    expect(loadConfig({ PASSWORD_MAX_AGE_DAYS: '0' }).passwordMaxAgeDays).toBe(0);
    expect(() => loadConfig({ PASSWORD_MAX_AGE_DAYS: '-1' })).toThrow(/PASSWORD_MAX_AGE_DAYS/);
    expect(() => loadConfig({ REQUIRE_SECOND_FACTOR: 'maybe' })).toThrow(/REQUIRE_SECOND_FACTOR/);
  });
});

describe('the second factor (TOTP)', () => {
  it('is set up with a secret shown once, and turned on only by a right code', async () => {
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const me = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json()).toMatchObject({
      secondFactor: { enabled: false, required: false },
      passwordChangeRequired: false,
    });

    const setup = await as(t.app, session)({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(otpauthUri).toContain('digits=6');
    expect(otpauthUri).toContain('period=30');

    // pending: signing in still needs no code
    expect((await login(t.app, user)).statusCode).toBe(200);

    const wrong = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: codeAt(secret, 5) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).error).toMatchObject({ code: 'OTP_INVALID', fields: { otp: expect.any(String) } });

    const right = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: codeAt(secret) },
    });
    expect(right.statusCode).toBe(204);

    const after = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(after.json().secondFactor).toEqual({ enabled: true, required: false });
    expect(after.body).not.toContain(secret);
    const again = await as(t.app, session)({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    expect(again.statusCode).toBe(409);
    expect(again.body).not.toContain(secret);
  });

  it('then asks for the code at sign-in, after the password', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const secret = await enrol(t.app, await signIn(t.app, user.username, user.password));

    const missing = await login(t.app, user);
    expect(missing.statusCode).toBe(401);
    expect(errorOf(missing).error.code).toBe('OTP_REQUIRED');
    expect(missing.headers['set-cookie']).toBeUndefined();

    const wrongPassword = await login(t.app, { ...user, password: 'not-it-123', otp: codeAt(secret, 1) });
    expect(errorOf(wrongPassword).error.code).toBe('UNAUTHENTICATED');

    const before = await failuresOf(user.username);
    const wrongCode = await login(t.app, { ...user, otp: codeAt(secret, 10) });
    expect(wrongCode.statusCode).toBe(401);
    expect(errorOf(wrongCode).error.code).toBe('OTP_INVALID');
    expect(await failuresOf(user.username)).toBe(before + 1);

    const ok = await login(t.app, { ...user, otp: codeAt(secret, 1) });
    expect(ok.statusCode).toBe(200);
  });

  it('takes each code once: a replayed code is refused, a later one works', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const secret = await enrol(t.app, await signIn(t.app, user.username, user.password));
    const { totpLastStep: enabledAt } = await t.db
      .selectFrom('users')
      .select('totpLastStep')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    // the code that turned the factor on is spent already
    const spent = TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: enabledAt! * 30_000 });
    expect(errorOf(await login(t.app, { ...user, otp: spent })).error.code).toBe('OTP_INVALID');

    const later = codeAt(secret, 1);
    expect((await login(t.app, { ...user, otp: later })).statusCode).toBe(200);
    const replay = await login(t.app, { ...user, otp: later });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).error.code).toBe('OTP_INVALID');

    // two requests racing with one fresh code: one wins
    await t.db.updateTable('users').set({ totpLastStep: null }).where('id', '=', user.id).execute();
    const racing = codeAt(secret);
    const answers = await Promise.all([
      login(t.app, { ...user, otp: racing }),
      login(t.app, { ...user, otp: racing }),
    ]);
    expect(answers.map((res) => res.statusCode).sort()).toEqual([200, 401]);
  });

  it('stops an address after five wrong codes, like five wrong passwords', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const secret = await enrol(t.app, await signIn(t.app, user.username, user.password));
    for (let i = 0; i < 5; i += 1) {
      expect(errorOf(await login(t.app, { ...user, otp: 'abcdef' })).error.code).toBe('OTP_INVALID');
    }
    const locked = await login(t.app, { ...user, otp: codeAt(secret, 1) });
    expect(locked.statusCode).toBe(429);
    expect(errorOf(locked).error.code).toBe('ACCOUNT_LOCKED');
  });

  it('is turned off by its owner with a current code, and reset by resetSecondFactor', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const secret = await enrol(t.app, session);
    const other = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const otherSession = await signIn(t.app, other.username, other.password);

    // another user's code does nothing to this factor, and they have none to turn off
    const notTheirs = await as(
      t.app,
      otherSession,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      payload: { otp: codeAt(secret, 1) },
    });
    expect(notTheirs.statusCode).toBe(409);

    const wrong = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      payload: { otp: codeAt(secret, 6) },
    });
    expect(errorOf(wrong).error.code).toBe('OTP_INVALID');
    const off = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/disable',
      payload: { otp: codeAt(secret, 1) },
    });
    expect(off.statusCode).toBe(204);
    expect((await login(t.app, user)).statusCode).toBe(200);

    const secret2 = await enrol(t.app, session);
    expect(errorOf(await login(t.app, user)).error.code).toBe('OTP_REQUIRED');
    await t.db.transaction().execute((trx) => resetSecondFactor(trx, user.id));
    expect((await login(t.app, user)).statusCode).toBe(200);
    const row = await t.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.totpSecret).toBeNull();
    expect(secret2).not.toBe(secret);
  });

  it('answers 401 to its endpoints without a session, and 400 to a malformed code', async () => {
    for (const url of ['/api/v1/auth/2fa/setup', '/api/v1/auth/2fa/enable', '/api/v1/auth/2fa/disable']) {
      const res = await t.app.inject({ method: 'POST', url, payload: { otp: '123456' } });
      expect(res.statusCode, url).toBe(401);
    }
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const bad = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: '12ab' },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.fields).toEqual({ otp: '动态验证码为 6 位数字' });
  });
});

describe('a required second factor (REQUIRE_SECOND_FACTOR)', () => {
  it('lets a privileged account without one only enrol, then everything works', async () => {
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const session = sessionOf(await login(strict, user));
    const call = as(strict, session);

    const me = await call({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().secondFactor).toEqual({ enabled: false, required: true });
    const blocked = await call({ method: 'GET', url: '/api/v1/members' });
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await call({ method: 'GET', url: '/api/v1/auth/tokens' })).statusCode).toBe(403);

    await enrol(strict, session);
    expect((await call({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/v1/auth/me' })).json().secondFactor).toEqual({
      enabled: true,
      required: true,
    });
  });

  it("holds back a privileged account's API token too", async () => {
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    // made while the embedded default applies
    const token = await newToken(t.app, await signIn(t.app, user.username, user.password));
    expect((await withToken(t.app, token, '/api/v1/members')).statusCode).toBe(200);
    const res = await withToken(strict, token, '/api/v1/members');
    expect(res.statusCode).toBe(403);
    expect(errorOf(res).error.code).toBe('SECOND_FACTOR_REQUIRED');
  });

  it('leaves accounts without a privileged role alone, and is off on the embedded default', async () => {
    const member = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const memberSession = sessionOf(await login(strict, member));
    expect((await as(strict, memberSession)({ method: 'GET', url: '/api/v1/auth/tokens' })).statusCode).toBe(
      200,
    );
    expect(
      (await as(strict, memberSession)({ method: 'GET', url: '/api/v1/auth/me' })).json().secondFactor,
    ).toEqual({ enabled: false, required: false });

    const office = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const officeSession = await signIn(t.app, office.username, office.password);
    expect((await as(t.app, officeSession)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(200);
  });
});

describe("changing one's own password", () => {
  it('ends the other sessions and every API token, and keeps this one', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const here = await signIn(t.app, user.username, user.password);
    const elsewhere = await signIn(t.app, user.username, user.password);
    const token = await newToken(t.app, here);
    expect((await withToken(t.app, token, '/api/v1/auth/me')).statusCode).toBe(200);

    const res = await as(
      t.app,
      here,
    )({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: user.password, newPassword: 'Huanghe-2031' },
    });
    expect(res.statusCode, res.body).toBe(204);

    expect((await as(t.app, here)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await as(t.app, elsewhere)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await withToken(t.app, token, '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await login(t.app, user)).statusCode).toBe(401);
    expect((await login(t.app, { ...user, password: 'Huanghe-2031' })).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', user.id)
      .where('action', '=', 'auth.password_changed')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses a wrong current password on its field, counting it as a failed sign-in', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const res = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'not-mine-1', newPassword: 'Huanghe-2031' },
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toEqual({ currentPassword: '当前密码不正确' });
    expect(await failuresOf(user.username)).toBe(1);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: {} })).statusCode,
    ).toBe(401);
  });

  it('refuses common passwords, ones built from the username or the institution, and the last five', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const change = (currentPassword: string, newPassword: string) =>
      as(
        t.app,
        session,
      )({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword, newPassword } });

    const refused: Array<[string, RegExp]> = [
      ['Password1', /常见密码/],
      ['qwerty123', /常见密码/],
      ['demo2026', /常见密码/],
      [`${user.username.toUpperCase()}x9`, /用户名/],
      ['Ordos-2031x', /鄂尔多斯/],
      ['我爱政协2031a', /鄂尔多斯/],
      ['short1', /至少 8 位/],
      [user.password, /最近 5 次/],
    ];
    for (const [password, message] of refused) {
      const res = await change(user.password, password);
      expect(res.statusCode, password).toBe(400);
      expect(errorOf(res).error.fields?.newPassword, password).toMatch(message);
    }

    const passwords = [
      user.password,
      'Step-one-2031',
      'Step-two-2031',
      'Step-three-2031',
      'Step-four-2031',
      'Step-five-2031',
    ];
    for (let i = 1; i < passwords.length; i += 1) {
      expect((await change(passwords[i - 1]!, passwords[i]!)).statusCode).toBe(204);
    }
    // the current one and the four before it are refused; the sixth-latest may come back
    for (const old of passwords.slice(1)) {
      expect(errorOf(await change('Step-five-2031', old)).error.fields?.newPassword, old).toMatch(
        /最近 5 次/,
      );
    }
    expect((await change('Step-five-2031', user.password)).statusCode).toBe(204);
  });
});

describe("an administrator's reset", () => {
  it("ends the user's sessions and API tokens and makes them choose a new password first", async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const session = await signIn(t.app, user.username, user.password);
    const token = await newToken(t.app, session);

    const reset = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { password: 'Temp-2031-go' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    expect((await withToken(t.app, token, '/api/v1/auth/me')).statusCode).toBe(401);
    expect((await as(t.app, admin)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);

    const signedIn = await login(t.app, { ...user, password: 'Temp-2031-go' });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.json().passwordChangeRequired).toBe(true);
    const fresh = sessionOf(signedIn);
    const call = as(t.app, fresh);
    const blocked = await call({ method: 'GET', url: '/api/v1/members' });
    expect(blocked.statusCode).toBe(403);
    expect(errorOf(blocked).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(errorOf(await call({ method: 'POST', url: '/api/v1/auth/2fa/setup' })).error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    expect((await call({ method: 'GET', url: '/api/v1/auth/me' })).json().passwordChangeRequired).toBe(true);

    const changed = await call({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: 'Temp-2031-go', newPassword: 'Mine-own-2031' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await call({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(200);
    expect((await call({ method: 'GET', url: '/api/v1/auth/me' })).json().passwordChangeRequired).toBe(false);
  });

  it('refuses a weak password on the field password, also when creating a user', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const reset = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { password: `${user.username}2031` },
    });
    expect(reset.statusCode).toBe(400);
    expect(errorOf(reset).error.fields).toEqual({ password: '密码不能包含用户名' });

    const created = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'weak_one', password: 'Admin123', displayName: '弱密码' },
    });
    expect(created.statusCode).toBe(400);
    expect(errorOf(created).error.fields?.password).toMatch(/常见密码/);
    const named = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'baiyun', password: 'Baiyun-2031', displayName: '白云' },
    });
    expect(errorOf(named).error.fields).toEqual({ password: '密码不能包含用户名' });
  });
});

describe('the maximum age of a password', () => {
  const age = (userId: string, days: number) =>
    t.db
      .updateTable('users')
      .set({ passwordChangedAt: sql<Date>`now() - make_interval(days => ${days})` })
      .where('id', '=', userId)
      .execute();

  it('lets an expired password sign in, then asks for a new one before anything else', async () => {
    const fresh = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    await age(fresh.id, 89);
    expect((await login(t.app, fresh)).json().passwordChangeRequired).toBe(false);

    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    await age(user.id, 91);
    expect((await login(ageless, user)).json().passwordChangeRequired).toBe(false);

    const res = await login(t.app, user);
    expect(res.statusCode).toBe(200);
    expect(res.json().passwordChangeRequired).toBe(true);
    const session = sessionOf(res);
    expect(errorOf(await as(t.app, session)({ method: 'GET', url: '/api/v1/members' })).error.code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const changed = await as(
      t.app,
      session,
    )({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: user.password, newPassword: 'Renewed-2031' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(200);
  });
});
