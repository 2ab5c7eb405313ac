import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OVERWRITES } from './audit-actions.js';
import { as, makeMember, type Session, signedInAs, startTestApp, type TestApp } from './helpers.js';

/**
 * Every action that overwrites something records what was there before as well as what is there
 * after (GB/T 22239-2019 §8.1.4.3). `test/audit.test.ts` checks every call in the code names a
 * `before`; this file takes a sample of them through the API and reads what they wrote.
 */

let t: TestApp;
let office: Session;
const LAST_YEAR = new Date().getUTCFullYear() - 1;
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  office = await signedInAs(t.app, t.db, [{ role: 'office_admin', scopeId: null }]);
});
afterAll(() => t.close());

const call = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  as(t.app, office)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const written = (action: string) =>
  t.db
    .selectFrom('auditEvents')
    .select(['before', 'after'])
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

describe('what an overwrite recorded', () => {
  it('keeps a member’s fields as they were', async () => {
    const member = await makeMember(t.db, { level: 'municipal', name: '改前委员' });
    expect((await call('PATCH', `/members/${member.id}`, { name: '改后委员' })).statusCode).toBe(200);
    const row = await written('member.update');
    expect(row.before).toMatchObject({ name: '改前委员' });
    expect(row.after).toMatchObject({ name: '改后委员' });
  });

  it('keeps a training’s fields, its enrolment and a trainee’s attendance as they were', async () => {
    const created = await call('POST', '/trainings', {
      title: '改前的培训',
      startsAt: at(60),
      endsAt: at(240),
      place: '市政协会议室',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await call('PATCH', `/trainings/${id}`, { title: '改后的培训' })).statusCode).toBe(200);
    expect(await written('training.update')).toEqual({
      before: { title: '改前的培训' },
      after: { title: '改后的培训' },
    });

    const trainee = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
    expect((await call('PUT', `/trainings/${id}/enrolments`, { userIds: [trainee.userId] })).statusCode).toBe(
      200,
    );
    expect(await written('training.enrol')).toEqual({
      before: { userIds: [] },
      after: { userIds: [trainee.userId] },
    });

    const mark = (attended: boolean) =>
      call('POST', `/trainings/${id}/attendance`, { userId: trainee.userId, attended });
    expect((await mark(true)).statusCode).toBe(200);
    expect((await written('training.attendance')).before).toEqual({
      userId: trainee.userId,
      attended: false,
    });
    expect((await mark(false)).statusCode).toBe(200);
    expect((await written('training.attendance')).before).toEqual({ userId: trainee.userId, attended: true });
  });

  it('keeps a token live before it was revoked, and a year open before it was closed', async () => {
    const token = await call('POST', '/auth/tokens', { name: '对账脚本', expiresInDays: 30 });
    expect(token.statusCode).toBe(201);
    expect((await call('DELETE', `/auth/tokens/${token.json().id}`)).statusCode).toBe(204);
    expect(await written('auth.token_revoked')).toEqual({
      before: { name: '对账脚本', revoked: false },
      after: { revoked: true },
    });

    expect((await call('POST', `/duty-years/${LAST_YEAR}/close`)).statusCode).toBe(200);
    expect(await written('duty.year.close')).toEqual({ before: { closed: false }, after: { closed: true } });
  });

  it('has a before on every overwrite written here, of several kinds', async () => {
    const rows = await t.db
      .selectFrom('auditEvents')
      .select(['id', 'action', 'before'])
      .where('action', 'in', [...OVERWRITES])
      .execute();
    expect(new Set(rows.map((r) => r.action)).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.before === null).map((r) => `${r.id} ${r.action}`)).toEqual([]);
  });
});
