import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, as, makeUser, signIn, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('the audit log page', () => {
  it('lets an auditor search by action, object and time, newest first', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const created = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'audited_one', password: 'abcd1234', displayName: '被审计' },
    });
    const auditor = await makeUser(t.db, [{ role: 'auditor', scopeId: null }]);
    const session = await signIn(t.app, auditor.username, auditor.password);
    const call = as(t.app, session);

    const byObject = await call({
      method: 'GET',
      url: `/api/v1/audit?objectType=user&objectId=${created.json().id}`,
    });
    expect(byObject.statusCode).toBe(200);
    expect(byObject.json().items).toEqual([
      expect.objectContaining({ action: 'user.create', actorId: admin.userId, ip: '127.0.0.1' }),
    ]);

    const logins = await call({ method: 'GET', url: '/api/v1/audit?action=auth.login&pageSize=50' });
    const ats = logins.json().items.map((e: { at: string }) => e.at);
    expect(ats.length).toBeGreaterThanOrEqual(2);
    expect([...ats].sort().reverse()).toEqual(ats);

    const future = await call({ method: 'GET', url: '/api/v1/audit?from=2999-01-01T00:00:00%2B08:00' });
    expect(future.json().total).toBe(0);
    const badTime = await call({ method: 'GET', url: '/api/v1/audit?from=yesterday' });
    expect(badTime.statusCode).toBe(400);
  });

  it.each([
    ['office_admin', null],
    ['district_staff', 'district-150602'],
    ['member', null],
  ] as const)('is closed to %s (403)', async (role, scopeId) => {
    const user = await makeUser(t.db, [{ role, scopeId }]);
    const session = await signIn(t.app, user.username, user.password);
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});
