import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReminders } from '../src/modules/operations/reminders.js';
import { beijing, type HomeFixture, makeActivity, makeHome } from './fixtures/operations.js';
import { as, errorOf, makeUser, type Session, signedInAs, startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = (s: Session, url: string) => as(t.app, s)({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string) => as(t.app, s)({ method: 'POST', url: `/api/v1${url}` });

async function notify(userId: string, n: number, prefix: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { id } = await t.db
      .insertInto('notifications')
      .values({
        userId,
        kind: 'plan_due',
        homeId: null,
        title: `${prefix}${i}`,
        body: null,
        link: null,
        dedupeKey: `${prefix}:${i}`,
        createdAt: new Date(Date.now() - (n - i) * 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

describe('my notifications', () => {
  it('lists only my own, newest first, with the unread count; reads one or all', async () => {
    const me = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const other = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const mine = await notify(me.userId, 3, '我的');
    const theirs = await notify(other.userId, 2, '别人的');

    const list = await get(me, '/notifications');
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json();
    expect(body).toMatchObject({ total: 3, page: 1, pageSize: 20, unread: 3 });
    expect(body.items.map((n: { title: string }) => n.title)).toEqual(['我的2', '我的1', '我的0']);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      ['id', 'kind', 'title', 'body', 'link', 'homeId', 'createdAt', 'readAt'].sort(),
    );

    expect((await post(me, `/notifications/${theirs[0]}/read`)).statusCode).toBe(404);
    expect((await post(me, '/notifications/not-an-id/read')).statusCode).toBe(404);
    const read = await post(me, `/notifications/${mine[1]}/read`);
    expect(read.statusCode).toBe(204);
    expect((await post(me, `/notifications/${mine[1]}/read`)).statusCode).toBe(204);
    const unread = (await get(me, '/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 2, unread: 2 });
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([mine[2], mine[0]]);
    const paged = (await get(me, '/notifications?page=2&pageSize=2')).json();
    expect(paged).toMatchObject({ total: 3, page: 2, pageSize: 2, unread: 2 });
    expect(paged.items.map((n: { id: string }) => n.id)).toEqual([mine[0]]);
    expect(paged.items[0].readAt).toBeNull();
    expect((await get(me, '/notifications')).json().items[1].readAt).not.toBeNull();

    expect((await post(me, '/notifications/read-all')).statusCode).toBe(204);
    expect((await get(me, '/notifications')).json()).toMatchObject({ total: 3, unread: 0 });
    expect((await get(other, '/notifications')).json()).toMatchObject({ total: 2, unread: 2 });
    expect(errorOf(await get(me, '/notifications?unread=yes')).error.fields?.unread).toBeDefined();
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/notifications' })).statusCode).toBe(401);
  });

  it('is there for any signed-in account, auditors included', async () => {
    const auditor = await signedInAs(t.app, t.db, [{ role: 'auditor', scopeId: null }]);
    expect((await get(auditor, '/notifications')).json()).toMatchObject({ items: [], total: 0, unread: 0 });
  });
});

describe('the reminders job', () => {
  let district: HomeFixture;
  let municipal: HomeFixture;
  let busy: HomeFixture;
  let directorRole: Session;
  let directorMember: Session;
  let dongsheng: Session;
  let wushen: Session;
  let groupStaff: Session;

  beforeAll(async () => {
    district = await makeHome(t.db, { name: '提醒测试之家' });
    municipal = await makeHome(t.db, {
      name: '界别提醒之家',
      kind: 'sector_group',
      level: 'municipal',
      ownerUnitId: 'sector-group-1',
      regionCode: null,
    });
    busy = await makeHome(t.db, { name: '活跃之家' });
    await makeHome(t.db, { name: '暂停之家', status: 'suspended' });
    directorRole = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: district.id }]);
    directorMember = await signedInAs(
      t.app,
      t.db,
      [{ role: 'member', scopeId: null }],
      district.directorMemberId!,
    );
    dongsheng = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    wushen = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150626' }]);
    groupStaff = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'sector-group-1' }]);
    // a disabled staff account gets nothing
    const disabled = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    await t.db.updateTable('users').set({ disabled: true }).where('id', '=', disabled.id).execute();
    // the busy home has its plan and a held activity in Q1 2031
    await t.db.insertInto('homePlans').values({ homeId: busy.id, year: 2031, content: '计划' }).execute();
    await makeActivity(t.db, [busy.id], '2031-02-10T10:00:00+08:00', 'held');
  });

  const keysOf = async (userId: string) =>
    (
      await t.db
        .selectFrom('notifications')
        .select(['dedupeKey', 'homeId', 'kind'])
        .where('userId', '=', userId)
        .orderBy('dedupeKey')
        .execute()
    ).map((n) => `${n.kind} ${n.dedupeKey}`);
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('notifications')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("reminds in January of the year's plan: the director accounts and the owner's staff", async () => {
    const result = await runReminders(t.db, beijing('2031-01-10T09:15:00'));
    expect(result).toMatchObject({ period: '2031-01-10T09' });
    expect(result.notified).toBeGreaterThan(0);
    const plan = `plan_due plan:${district.id}:2031`;
    expect(await keysOf(directorRole.userId)).toEqual([plan]);
    expect(await keysOf(directorMember.userId)).toEqual([plan]);
    const staffKeys = await keysOf(dongsheng.userId);
    expect(staffKeys).toContain(plan);
    expect(staffKeys).not.toContain(`plan_due plan:${busy.id}:2031`);
    expect(staffKeys).not.toContain(`plan_due plan:${municipal.id}:2031`);
    expect(await keysOf(groupStaff.userId)).toEqual([`plan_due plan:${municipal.id}:2031`]);
    expect(await keysOf(wushen.userId)).not.toContain(plan);
    const disabledGot = await t.db
      .selectFrom('notifications')
      .innerJoin('users', 'users.id', 'notifications.userId')
      .select('notifications.id')
      .where('users.disabled', '=', true)
      .execute();
    expect(disabledGot).toEqual([]);
    const mine = (await get(directorRole, '/notifications')).json();
    expect(mine.items[0]).toMatchObject({
      kind: 'plan_due',
      homeId: district.id,
      title: '请提交 2031 年度工作计划',
      link: `/homes/${district.id}`,
      readAt: null,
    });
    const audit = await t.db
      .selectFrom('auditEvents')
      .select(['actorId', 'objectId'])
      .where('action', '=', 'reminders.run')
      .execute();
    expect(audit).toEqual([{ actorId: null, objectId: '2031-01-10T09' }]);
  });

  it('sends nothing twice when the job runs again in the same hour (a retry) or the next', async () => {
    const before = await count();
    const again = await runReminders(t.db, beijing('2031-01-10T09:45:00'));
    expect(again).toEqual({ period: '2031-01-10T09', notified: 0 });
    const nextHour = await runReminders(t.db, beijing('2031-01-10T10:00:00'));
    expect(nextHour).toEqual({ period: '2031-01-10T10', notified: 0 });
    expect(await count()).toBe(before);
  });

  it('creates each notification once when two runs overlap', async () => {
    const before = await count();
    const sameHour = await Promise.all([
      runReminders(t.db, beijing('2031-03-20T08:00:00')),
      runReminders(t.db, beijing('2031-03-20T08:30:00')),
    ]);
    const created = await count();
    expect(created - before).toBe(sameHour[0]!.notified + sameHour[1]!.notified);
    expect(created).toBeGreaterThan(before);
    // two instances in different hours at once: neither doubles a notification
    const twoHours = await Promise.all([
      runReminders(t.db, beijing('2031-03-21T08:00:00')),
      runReminders(t.db, beijing('2031-03-21T09:00:00')),
    ]);
    expect(twoHours.map((r) => r.notified)).toEqual([0, 0]);
    expect(await count()).toBe(created);
  });

  it('reminds of a quarter at risk within 21 days of its end, but not a home that held an activity', async () => {
    const quarter = `quarter_at_risk quarter:${district.id}:2031-Q1`;
    expect(await keysOf(directorRole.userId)).toContain(quarter);
    expect(await keysOf(dongsheng.userId)).toContain(quarter);
    expect(await keysOf(dongsheng.userId)).not.toContain(`quarter_at_risk quarter:${busy.id}:2031-Q1`);
    // on 9 June, 21 days before the end, Q2 is not yet at risk; on 10 June it is
    const q2 = `quarter_at_risk quarter:${district.id}:2031-Q2`;
    const early = await runReminders(t.db, beijing('2031-06-09T23:00:00'));
    expect(early).toMatchObject({ notified: 0 });
    expect(await keysOf(directorRole.userId)).not.toContain(q2);
    const due = await runReminders(t.db, beijing('2031-06-10T00:00:00'));
    expect(due.notified).toBeGreaterThan(0);
    expect(await keysOf(directorRole.userId)).toContain(q2);
    expect(await keysOf(groupStaff.userId)).toContain(`quarter_at_risk quarter:${municipal.id}:2031-Q2`);
  });

  it("reminds in December of the year's summary, except to homes that wrote it", async () => {
    await t.db.insertInto('homeSummaries').values({ homeId: busy.id, year: 2031, content: '总结' }).execute();
    await runReminders(t.db, beijing('2031-12-01T08:00:00'));
    const keys = await keysOf(dongsheng.userId);
    expect(keys).toContain(`summary_due summary:${district.id}:2031`);
    expect(keys).not.toContain(`summary_due summary:${busy.id}:2031`);
    expect(await keysOf(groupStaff.userId)).toContain(`summary_due summary:${municipal.id}:2031`);
    // November: no summary reminders
    await runReminders(t.db, beijing('2032-11-01T08:00:00'));
    expect((await keysOf(dongsheng.userId)).some((k) => k.includes(':2032') && k.startsWith('summary'))).toBe(
      false,
    );
  });
});
