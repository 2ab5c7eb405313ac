import { sql } from 'kysely';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysInUse, resealUnderCurrentKey } from '../src/db/reseal.js';
import { installPersonalDataKeys, newKey, personalDataKeys } from '../src/lib/personal-data.js';
import {
  ADMIN_PASSWORD,
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  newPhone,
  type Session,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

/**
 * 个人信息保密性 (GB/T 22239-2019 §8.1.4.8/9): phone numbers and TOTP secrets are stored sealed, so
 * neither the tables nor the audit trail (nor a backup of them) hold one readable; members are
 * still found and kept unique by number; a key rotation leaves everything readable.
 */

let t: TestApp;
let office: Session;
let dongsheng: Session;
let home: HomeFixture;
beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng } = await signInCast(t));
  home = await makeHome(t.db);
});
afterAll(() => t.close());

/** Every row of the tables that hold people's numbers, and the audit trail, as text. */
async function storedText(): Promise<string> {
  const tables = ['members', 'opinion_submissions', 'citizen_problems', 'users', 'audit_events'];
  const parts: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{
      j: string;
    }>`select row_to_json(t)::text as j from ${sql.id(table)} t`.execute(t.db);
    parts.push(...rows.map((r) => r.j));
  }
  return parts.join('\n');
}

const digits = (phone: string) => phone.replace(/\D/g, '');

const memberBody = (phone: string, name: string) => ({
  name,
  gender: 'male',
  ethnicity: '蒙古族',
  level: 'district',
  orgUnitId: 'district-150602',
  sector: '农牧业',
  employer: '东胜区某嘎查',
  title: '牧民',
  expertise: ['畜牧'],
  phone,
});

const codeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

describe('phone numbers and TOTP secrets at rest', () => {
  const memberPhone = newPhone();
  const citizenPhone = newPhone();
  const requesterPhone = newPhone();
  let memberId: string;
  let secret: string;

  it('stores no readable number of a member, a citizen or a requester, nor a TOTP secret', async () => {
    const created = await as(
      t.app,
      dongsheng,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: memberBody(memberPhone, '巴特尔'),
    });
    expect(created.statusCode, created.body).toBe(201);
    memberId = created.json().id;
    expect(created.json().phone).toBe(memberPhone);
    // a change of number too: the audit trail records the change masked
    const changed = await as(
      t.app,
      dongsheng,
    )({
      method: 'PATCH',
      url: `/api/v1/members/${memberId}`,
      payload: { phone: `${memberPhone.slice(0, -1)}${(Number(memberPhone.at(-1)) + 1) % 10}` },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const back = await as(
      t.app,
      dongsheng,
    )({
      method: 'PATCH',
      url: `/api/v1/members/${memberId}`,
      payload: { phone: memberPhone },
    });
    expect(back.statusCode, back.body).toBe(200);

    const opinion = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/opinions',
      payload: {
        homeId: home.id,
        title: '草场围栏',
        content: '围栏年久失修',
        phone: citizenPhone,
        contactConsent: true,
      },
    });
    expect(opinion.statusCode, opinion.body).toBe(201);
    const problem = await as(
      t.app,
      dongsheng,
    )({
      method: 'POST',
      url: '/api/v1/problems',
      payload: {
        homeId: home.id,
        title: '饮水井',
        description: '冬季结冰',
        requesterName: '乌云',
        requesterPhone,
        contactConsent: true,
      },
    });
    expect(problem.statusCode, problem.body).toBe(201);
    expect(problem.json().requesterPhone).toBe(requesterPhone);

    const setup = await as(t.app, office)({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    secret = setup.json().secret;
    const enable = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: '/api/v1/auth/2fa/enable',
      payload: { otp: codeAt(secret) },
    });
    expect(enable.statusCode, enable.body).toBe(204);

    const text = await storedText();
    for (const phone of [memberPhone, citizenPhone, requesterPhone])
      expect(text).not.toContain(digits(phone));
    expect(text).not.toContain(secret);
    expect(text).toContain('pd1:');
  });

  it('shows the numbers to those who may see them, as they were typed', async () => {
    const member = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/members/${memberId}` });
    expect(member.json().phone).toBe(memberPhone);
    const list = await as(t.app, office)({ method: 'GET', url: `/api/v1/problems?homeId=${home.id}` });
    expect(list.json().items.map((p: { requesterPhone: string }) => p.requesterPhone)).toContain(
      requesterPhone,
    );
  });

  it('finds a member by the whole number, written with spaces or +86, and never by a part of it', async () => {
    const spaced = `+86 ${memberPhone.slice(0, 3)} ${memberPhone.slice(3, 7)} ${memberPhone.slice(7)}`;
    const found = await as(
      t.app,
      office,
    )({
      method: 'GET',
      url: `/api/v1/members?q=${encodeURIComponent(spaced)}`,
    });
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([memberId]);
    const part = await as(
      t.app,
      office,
    )({ method: 'GET', url: `/api/v1/members?q=${memberPhone.slice(3, 9)}` });
    expect(part.json().items.map((m: { id: string }) => m.id)).not.toContain(memberId);
  });

  it('refuses the same number for a second member, and stores nothing', async () => {
    const before = await storedText();
    const res = await as(
      t.app,
      dongsheng,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: memberBody(` ${memberPhone} `, '重号委员'),
    });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).error.fields).toHaveProperty('phone');
    expect((await storedText()).length).toBe(before.length);
  });

  it('rotates the key: every value moves to the new one, and all still opens under it alone', async () => {
    const old = personalDataKeys().keys;
    const fresh = newKey();
    const ring = installPersonalDataKeys([fresh, ...old]);
    const counts = await resealUnderCurrentKey(t.db, ring);
    expect(counts.find((c) => c.table === 'members')!.rows).toBeGreaterThan(0);
    expect(counts.find((c) => c.table === 'users')!.rows).toBe(1);
    expect([...(await keysInUse(t.db)).keys()]).toEqual([fresh.id]);
    // a second run has nothing left to do
    expect((await resealUnderCurrentKey(t.db, ring)).every((c) => c.rows === 0)).toBe(true);

    installPersonalDataKeys([fresh]);
    const member = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/members/${memberId}` });
    expect(member.json().phone).toBe(memberPhone);
    const found = await as(t.app, office)({ method: 'GET', url: `/api/v1/members?q=${memberPhone}` });
    expect(found.json().items.map((m: { id: string }) => m.id)).toEqual([memberId]);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: ADMIN_PASSWORD, otp: codeAt(secret, 1) },
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(await storedText()).not.toContain(digits(memberPhone));
  });

  it('says which key is missing rather than showing another number', async () => {
    const ring = personalDataKeys();
    installPersonalDataKeys([newKey()]);
    try {
      const res = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/members/${memberId}` });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain(digits(memberPhone));
    } finally {
      installPersonalDataKeys(ring);
    }
  });
});
