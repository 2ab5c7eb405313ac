import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  errorOf,
  makeHome,
  makeMember,
  type Session,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;

beforeAll(async () => {
  t = await startTestApp();
  ({ dongsheng, wushen, auditor } = await signInCast(t));
});
afterAll(() => t.close());

/** An instant `minutes` from now. */
const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

/** An operating (or other status) home of a district, straight in the database, with its director signed in. */
async function addHome(
  district: 'district-150602' | 'district-150626' = 'district-150602',
  status = 'operating',
) {
  const home = await makeHome(t.db, {
    name: `值班测试之家${Math.random().toString(36).slice(2, 8)}`,
    ownerUnitId: district,
    regionCode: district === 'district-150602' ? '150602100' : '150626100',
    status,
    plaqueAwardedOn: null,
  });
  const directorSession = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
  return { id: home.id, name: home.name, director: directorSession };
}

/** A member of the given homes (whom their directors may put on duty). */
async function memberOf(homes: { id: string }[], fields: { name?: string } = {}) {
  const member = await makeMember(t.db, fields);
  for (const home of homes)
    await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: member.id }).execute();
  return member;
}

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const schedule = (s: Session, homeId: string, memberId: string, from: number, to: number, note?: string) =>
  call(s, 'POST', `/homes/${homeId}/duty-shifts`, {
    memberId,
    startsAt: at(from),
    endsAt: at(to),
    ...(note ? { note } : {}),
  });

describe('the duty rota', () => {
  it('schedules a shift at a home and lists it by start', async () => {
    const home = await addHome();
    const member = await memberOf([home], { name: '值班委员甲' });
    const later = await schedule(home.director, home.id, member.id, 48 * 60, 52 * 60);
    const res = await schedule(dongsheng, home.id, member.id, 24 * 60, 28 * 60, '接待来访群众');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      homeId: home.id,
      homeName: home.name,
      memberId: member.id,
      memberName: '值班委员甲',
      status: 'scheduled',
      activityId: null,
      note: '接待来访群众',
    });
    const list = await call(home.director, 'GET', `/homes/${home.id}/duty-shifts`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((s: { id: string }) => s.id)).toEqual([res.json().id, later.json().id]);
    const window = await call(
      home.director,
      'GET',
      `/homes/${home.id}/duty-shifts?from=${encodeURIComponent(at(40 * 60))}&to=${encodeURIComponent(at(60 * 60))}`,
    );
    expect(window.json().map((s: { id: string }) => s.id)).toEqual([later.json().id]);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', res.json().id)
      .executeTakeFirst();
    expect(audit?.action).toBe('duty_shift.create');
  });

  it('refuses a shift that overlaps one of the same member at another home, naming that home', async () => {
    const a = await addHome('district-150602');
    const b = await addHome('district-150626');
    const member = await memberOf([a, b]);
    expect((await schedule(a.director, a.id, member.id, 60, 180)).statusCode).toBe(201);
    const clash = await schedule(b.director, b.id, member.id, 120, 240);
    expect(clash.statusCode).toBe(409);
    expect(errorOf(clash).error.code).toBe('CONFLICT');
    expect(errorOf(clash).error.message).toContain(a.name);
    // the same home too
    expect((await schedule(a.director, a.id, member.id, 90, 100)).statusCode).toBe(409);
    // another member is free to take it
    const other = await memberOf([b]);
    expect((await schedule(b.director, b.id, other.id, 120, 240)).statusCode).toBe(201);
  });

  it('lets only one of two simultaneous overlapping requests for a member through', async () => {
    const a = await addHome();
    const b = await addHome();
    const member = await memberOf([a, b]);
    const results = await Promise.all([
      schedule(a.director, a.id, member.id, 300, 400),
      schedule(b.director, b.id, member.id, 350, 450),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('allows back-to-back shifts, and a cancelled shift no longer blocks the time', async () => {
    const a = await addHome();
    const b = await addHome();
    const member = await memberOf([a, b]);
    const first = await schedule(a.director, a.id, member.id, 60, 120);
    expect(first.statusCode).toBe(201);
    const start = new Date(first.json().endsAt);
    const next = await call(b.director, 'POST', `/homes/${b.id}/duty-shifts`, {
      memberId: member.id,
      startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    });
    expect(next.statusCode, next.body).toBe(201);
    const before = await call(b.director, 'POST', `/homes/${b.id}/duty-shifts`, {
      memberId: member.id,
      startsAt: new Date(Date.parse(first.json().startsAt) - 3600_000).toISOString(),
      endsAt: first.json().startsAt,
    });
    expect(before.statusCode).toBe(201);
    const cancelled = await call(a.director, 'PATCH', `/duty-shifts/${first.json().id}`, {
      status: 'cancelled',
    });
    expect(cancelled.json().status).toBe('cancelled');
    expect((await schedule(b.director, b.id, member.id, 70, 110)).statusCode).toBe(201);
  });

  it('checks the shape and who asks', async () => {
    const home = await addHome();
    const member = await memberOf([home]);
    const backwards = await schedule(home.director, home.id, member.id, 120, 60);
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).error.fields?.endsAt).toBeDefined();
    const nobody = await schedule(home.director, home.id, '00000000-0000-0000-0000-000000000000', 60, 120);
    expect(errorOf(nobody).error.fields?.memberId).toBeDefined();
    // a director puts on duty the members of their home, not a member they cannot see
    const stranger = await makeMember(t.db);
    const outside = await schedule(home.director, home.id, stranger.id, 60, 120);
    expect(outside.statusCode).toBe(400);
    expect(errorOf(outside).error.fields?.memberId).toMatch(/范围/);
    expect((await schedule(wushen, home.id, member.id, 60, 120)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/homes/${home.id}/duty-shifts`)).statusCode).toBe(404);
    expect((await schedule(auditor, home.id, member.id, 60, 120)).statusCode).toBe(403);
    const homeMember = await makeMember(t.db);
    await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: homeMember.id }).execute();
    const memberSession = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], homeMember.id);
    expect((await call(memberSession, 'GET', `/homes/${home.id}/duty-shifts`)).statusCode).toBe(200);
    expect((await schedule(memberSession, home.id, member.id, 60, 120)).statusCode).toBe(403);
    const shift = await schedule(home.director, home.id, member.id, -120, -60);
    const patch = await call(wushen, 'PATCH', `/duty-shifts/${shift.json().id}`, { status: 'served' });
    expect(patch.statusCode).toBe(404);
    const asMember = await call(memberSession, 'PATCH', `/duty-shifts/${shift.json().id}`, {
      status: 'served',
    });
    expect(asMember.statusCode).toBe(403);
  });
});

describe('recording a shift', () => {
  it('refuses served before the shift starts (409)', async () => {
    const home = await addHome();
    const member = await memberOf([home]);
    const shift = (await schedule(home.director, home.id, member.id, 30, 90)).json();
    const res = await call(home.director, 'PATCH', `/duty-shifts/${shift.id}`, { status: 'served' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).error.code).toBe('INVALID_TRANSITION');
  });

  it("turns a served shift into a held 委员值班日 activity with the member's attendance", async () => {
    const home = await addHome();
    const member = await memberOf([home], { name: '值班委员乙' });
    const shift = (await schedule(home.director, home.id, member.id, -90, 30)).json();
    const res = await call(home.director, 'PATCH', `/duty-shifts/${shift.id}`, {
      status: 'served',
      note: '接待群众 6 人次',
    });
    expect(res.statusCode, res.body).toBe(200);
    const served = res.json();
    expect(served).toMatchObject({ status: 'served', note: '接待群众 6 人次' });
    expect(served.activityId).toEqual(expect.any(String));

    const activity = await call(home.director, 'GET', `/activities/${served.activityId}`);
    expect(activity.statusCode).toBe(200);
    expect(activity.json()).toMatchObject({
      kind: 'duty_day',
      function: 'duty',
      status: 'held',
      hostHomeIds: [home.id],
      attendeeMemberIds: [member.id],
      startsAt: shift.startsAt,
      endsAt: shift.endsAt,
      place: '镇政府院内',
    });
    const row = await t.db
      .selectFrom('attendance')
      .select('source')
      .where('activityId', '=', served.activityId)
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('duty');

    // once recorded, the status stays
    const again = await call(home.director, 'PATCH', `/duty-shifts/${shift.id}`, { status: 'missed' });
    expect(again.statusCode).toBe(409);
    const same = await call(home.director, 'PATCH', `/duty-shifts/${shift.id}`, { status: 'served' });
    expect(same.json().activityId).toBe(served.activityId);
    const count = await t.db
      .selectFrom('activities')
      .innerJoin('activityHosts', 'activityHosts.activityId', 'activities.id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('activityHosts.homeId', '=', home.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('records a missed shift once it has started, without an activity', async () => {
    const home = await addHome();
    const member = await memberOf([home]);
    const shift = (await schedule(home.director, home.id, member.id, -240, -180)).json();
    const res = await call(home.director, 'PATCH', `/duty-shifts/${shift.id}`, { status: 'missed' });
    expect(res.json()).toMatchObject({ status: 'missed', activityId: null });
  });
});
