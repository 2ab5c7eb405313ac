import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, errorOf, makeHome, type Session, signInCast, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng } = await signInCast(t));
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const opinions = async () =>
  Number(
    (
      await t.db
        .selectFrom('opinions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('characters no column can hold', () => {
  it('refuses a NUL in any text field with 400 naming the field, and stores nothing', async () => {
    const home = await makeHome(t.db);
    const before = await opinions();
    const res = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '路灯\u0000不亮',
      content: '内容',
      contactConsent: false,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { title: expect.any(String) },
    });
    expect(await opinions()).toBe(before);
    const patched = await call(dongsheng, 'PATCH', `/homes/${home.id}`, { address: '镇政府\u0000院内' });
    expect(patched.statusCode).toBe(400);
    expect(errorOf(patched).error.fields).toHaveProperty('address');
    const stored = await t.db
      .selectFrom('homes')
      .select('address')
      .where('id', '=', home.id)
      .executeTakeFirstOrThrow();
    expect(stored.address).toBe('镇政府院内');
  });

  it('refuses half a surrogate pair (jsonb and text refuse it) and keeps whole ones', async () => {
    const home = await makeHome(t.db);
    const lone = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '标题',
      content: `残缺\ud800字符`,
      contactConsent: false,
    });
    expect(lone.statusCode).toBe(400);
    expect(errorOf(lone).error.fields).toHaveProperty('content');
    const whole = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '生僻字𠮷与表情😀',
      content: '完整的代理对可以保存',
      contactConsent: false,
    });
    expect(whole.statusCode).toBe(201);
  });

  it('refuses a NUL in a query string and in a path', async () => {
    const query = await call(office, 'GET', '/homes?q=%00');
    expect(query.statusCode).toBe(400);
    expect(errorOf(query).error.fields).toHaveProperty('q');
    const path = await call(office, 'GET', '/homes/%00');
    expect(path.statusCode).toBe(400);
  });

  it('answers ids that are not ids with 400, not a database error', async () => {
    const year = new Date().getUTCFullYear() - 2;
    const round = await call(dongsheng, 'POST', '/evaluation-rounds', {
      year,
      level: 'district',
      ownerUnitId: 'district-150602',
    });
    expect(round.statusCode).toBe(201);
    const res = await call(dongsheng, 'PUT', `/evaluation-rounds/${round.json().id}/reviewers`, {
      userIds: ['not-a-uuid', "x') or 1=1 --"],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty('userIds');
  });
});
