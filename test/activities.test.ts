import type { KyselyPlugin } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import {
  ADMIN_PASSWORD,
  as,
  errorOf,
  makeHome,
  makeMember,
  multipartFile,
  type Session,
  sheetRows,
  signedInAs,
  signIn,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
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
    name: `活动测试之家${Math.random().toString(36).slice(2, 8)}`,
    ownerUnitId: district,
    regionCode: district === 'district-150602' ? '150602100' : '150626100',
    status,
    plaqueAwardedOn: null,
  });
  const directorSession = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
  return {
    id: home.id,
    name: home.name,
    directorMemberId: home.directorMemberId!,
    director: directorSession,
  };
}

/** A member account; with `homeId`, the member belongs to that home. */
async function memberAccount(homeId?: string) {
  const member = await makeMember(t.db);
  if (homeId) await t.db.insertInto('homeMembers').values({ homeId, memberId: member.id }).execute();
  const session = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], member.id);
  return { ...member, session };
}

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

async function newActivity(s: Session, hostHomeIds: string[], extra: Record<string, unknown> = {}) {
  const res = await call(s, 'POST', '/activities', {
    title: '营商环境协商座谈会',
    kind: 'consultation',
    hostHomeIds,
    startsAt: at(24 * 60),
    endsAt: at(26 * 60),
    place: '二楼会议室',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('scheduling activities', () => {
  it('lets the director of the home and the staff of its district create one, with a check-in code', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { jointUnitIds: ['district-150602'] });
    expect(a).toMatchObject({
      title: '营商环境协商座谈会',
      kind: 'consultation',
      function: 'democracy',
      hostHomeIds: [home.id],
      hostHomes: [{ id: home.id, name: home.name }],
      jointUnitIds: ['district-150602'],
      status: 'planned',
      attendeeMemberIds: [],
      citizenCount: 0,
      departments: [],
      place: '二楼会议室',
      planItemId: null,
      // it has not started yet: it can be edited or cancelled, not yet marked held
      allowedActions: ['update', 'cancel'],
    });
    expect(a.checkinCode).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    expect(a.startsAt).toMatch(/Z$|[+-]\d\d:\d\d$/);
    const b = await newActivity(dongsheng, [home.id], { kind: 'study' });
    expect(b.function).toBe('study');
    expect(b.checkinCode).not.toBe(a.checkinCode);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', a.id)
      .executeTakeFirst();
    expect(audit?.action).toBe('activity.create');
  });

  it('refuses another district, a member and an auditor (403) and hides the activity from them (404)', async () => {
    const home = await addHome();
    const outsider = await memberAccount();
    const a = await newActivity(home.director, [home.id]);
    for (const s of [wushen, outsider.session]) {
      const create = await call(s, 'POST', '/activities', {
        title: '越权',
        kind: 'study',
        hostHomeIds: [home.id],
        startsAt: at(60),
        endsAt: at(120),
      });
      expect(create.statusCode).toBe(403);
      expect(errorOf(create).error.code).toBe('FORBIDDEN');
      expect((await call(s, 'GET', `/activities/${a.id}`)).statusCode).toBe(404);
      const patch = await call(s, 'PATCH', `/activities/${a.id}`, { title: '改名' });
      expect(patch.statusCode).toBe(404);
      const list = await call(s, 'GET', `/activities?homeId=${home.id}`);
      expect(list.json()).toMatchObject({ items: [], total: 0 });
    }
    for (const [method, url, payload] of [
      ['GET', '/activities', undefined],
      ['GET', `/activities/${a.id}`, undefined],
      ['PATCH', `/activities/${a.id}`, { title: '改名' }],
    ] as const) {
      const res = await call(auditor, method, url, payload);
      expect(res.statusCode).toBe(403);
    }
    expect((await call(null, 'GET', `/activities/${a.id}`)).statusCode).toBe(401);
  });

  it("shows a home's activities to its members, who may not edit them", async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id]);
    const member = await memberAccount(home.id);
    const seen = await call(member.session, 'GET', `/activities/${a.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    expect((await call(member.session, 'PATCH', `/activities/${a.id}`, { title: '改名' })).statusCode).toBe(
      403,
    );
  });

  it('validates times, kinds, joint units and plan items in Chinese', async () => {
    const home = await addHome();
    const backwards = await call(home.director, 'POST', '/activities', {
      title: '时间颠倒',
      kind: 'study',
      hostHomeIds: [home.id],
      startsAt: at(120),
      endsAt: at(60),
    });
    expect(backwards.statusCode).toBe(400);
    expect(errorOf(backwards).error.fields?.endsAt).toMatch(/晚于/);
    const bad = await call(home.director, 'POST', '/activities', {
      title: '',
      kind: 'party',
      hostHomeIds: [],
      startsAt: '2026-05-01 09:00',
      endsAt: at(60),
      extra: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(errorOf(bad).error.fields!).sort()).toEqual([
      'extra',
      'hostHomeIds',
      'kind',
      'startsAt',
      'title',
    ]);
    expect(errorOf(bad).error.fields?.startsAt).toMatch(/时区/);
    const unit = await call(home.director, 'POST', '/activities', {
      title: '联合',
      kind: 'study',
      hostHomeIds: [home.id],
      jointUnitIds: ['no-such-unit'],
      startsAt: at(60),
      endsAt: at(120),
    });
    expect(errorOf(unit).error.fields?.jointUnitIds).toBeDefined();
    const otherHome = await addHome();
    await t.db
      .insertInto('homePlans')
      .values({ homeId: otherHome.id, year: 2026, content: '计划' })
      .execute();
    const item = await t.db
      .insertInto('homePlanItems')
      .values({ homeId: otherHome.id, year: 2026, title: '协商', quarter: 2, kind: 'consultation' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const foreignItem = await call(home.director, 'POST', '/activities', {
      title: '计划外',
      kind: 'study',
      hostHomeIds: [home.id],
      planItemId: item.id,
      startsAt: at(60),
      endsAt: at(120),
    });
    expect(errorOf(foreignItem).error.fields?.planItemId).toMatch(/计划/);
    const own = await newActivity(otherHome.director, [otherHome.id], { planItemId: item.id });
    expect(own.planItemId).toBe(item.id);
  });
});

describe('editing, holding and cancelling', () => {
  it('edits the facts and derives the function again from a new kind', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id]);
    const res = await call(dongsheng, 'PATCH', `/activities/${a.id}`, {
      title: '政策宣讲会',
      kind: 'policy_talk',
      place: null,
      departments: ['区发改委', '区工信局'],
      citizenCount: 35,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      title: '政策宣讲会',
      kind: 'policy_talk',
      function: 'study',
      place: null,
      departments: ['区发改委', '区工信局'],
      citizenCount: 35,
      checkinCode: a.checkinCode,
    });
    const unknown = await call(dongsheng, 'PATCH', `/activities/${a.id}`, { checkinCode: 'AAAAAA' });
    expect(errorOf(unknown).error.fields?.checkinCode).toBeDefined();
  });

  it('holds an activity only once it has started (409 before)', async () => {
    const home = await addHome();
    const future = await newActivity(home.director, [home.id]);
    const early = await call(home.director, 'PATCH', `/activities/${future.id}`, { status: 'held' });
    expect(early.statusCode).toBe(409);
    expect(errorOf(early).error.code).toBe('INVALID_TRANSITION');
    const past = await newActivity(home.director, [home.id], { startsAt: at(-180), endsAt: at(-60) });
    expect(past.allowedActions).toEqual(['update', 'hold', 'cancel']);
    const held = await call(home.director, 'PATCH', `/activities/${past.id}`, {
      status: 'held',
      summary: '到会委员 12 人',
      outcomes: '形成建议 3 条',
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({
      status: 'held',
      summary: '到会委员 12 人',
      outcomes: '形成建议 3 条',
      // a held activity's record can still be corrected; it cannot be held or cancelled again
      allowedActions: ['update'],
    });
    const moved = await call(home.director, 'PATCH', `/activities/${past.id}`, {
      startsAt: at(60),
      endsAt: at(90),
    });
    expect(moved.statusCode).toBe(400);
    expect(errorOf(moved).error.fields?.startsAt).toBeDefined();
    const cancel = await call(home.director, 'PATCH', `/activities/${past.id}`, { status: 'cancelled' });
    expect(cancel.statusCode).toBe(409);
    expect(errorOf(cancel).error.code).toBe('INVALID_TRANSITION');
  });

  it('cancels a planned activity, after which it can no longer be held or edited', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-30), endsAt: at(30) });
    const res = await call(home.director, 'PATCH', `/activities/${a.id}`, { status: 'cancelled' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', allowedActions: [] });
    for (const patch of [{ status: 'held' }, { title: '复活' }]) {
      const again = await call(home.director, 'PATCH', `/activities/${a.id}`, patch);
      expect(again.statusCode).toBe(409);
      expect(errorOf(again).error.code).toBe('INVALID_TRANSITION');
    }
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', a.id)
      .orderBy('id')
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['activity.create', 'activity.cancel']);
  });
});

describe('joint activities', () => {
  it('is visible from every host home and needs the creator to run each of them', async () => {
    const a = await addHome('district-150602');
    const b = await addHome('district-150626');
    const refused = await call(a.director, 'POST', '/activities', {
      title: '两地联合调研',
      kind: 'inspection',
      hostHomeIds: [a.id, b.id],
      startsAt: at(60),
      endsAt: at(120),
    });
    expect(refused.statusCode).toBe(403);
    // only someone who runs both homes may set it up
    const both = await signedInAs(t.app, t.db, [
      { role: 'district_staff', scopeId: 'district-150602' },
      { role: 'district_staff', scopeId: 'district-150626' },
    ]);
    const joint = await newActivity(both, [a.id, b.id], { title: '两地联合调研', kind: 'inspection' });
    expect([...joint.hostHomeIds].sort()).toEqual([a.id, b.id].sort());
    for (const s of [a.director, b.director, dongsheng, wushen]) {
      const res = await call(s, 'GET', `/activities/${joint.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().allowedActions).toContain('update');
    }
    // the office reads every home's activities but does not run district homes
    const fromOffice = await call(office, 'GET', `/activities/${joint.id}`);
    expect(fromOffice.json().allowedActions).toEqual([]);
    for (const [s, homeId] of [
      [a.director, a.id],
      [b.director, b.id],
    ] as const) {
      const list = await call(s, 'GET', `/activities?homeId=${homeId}`);
      expect(list.json().items.map((i: { id: string }) => i.id)).toContain(joint.id);
    }
    // a host may record for the joint activity but not drop the other host
    const drop = await call(a.director, 'PATCH', `/activities/${joint.id}`, { hostHomeIds: [a.id] });
    expect(drop.statusCode).toBe(403);
    const rename = await call(b.director, 'PATCH', `/activities/${joint.id}`, { title: '两地联合视察' });
    expect(rename.json().title).toBe('两地联合视察');
  });
});

describe('attendance by hand', () => {
  it('replaces the list, keeping check-ins that stay on it', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-20), endsAt: at(60) });
    const m1 = await memberAccount(home.id);
    const m2 = await memberAccount(home.id);
    const m3 = await memberAccount(home.id);
    expect((await call(m1.session, 'POST', `/checkin/${a.checkinCode}`)).statusCode).toBe(201);

    const first = await call(home.director, 'PATCH', `/activities/${a.id}`, {
      attendeeMemberIds: [m1.id, m2.id, m3.id, m2.id],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect([...first.json().attendeeMemberIds].sort()).toEqual([m1.id, m2.id, m3.id].sort());
    const sources = await t.db
      .selectFrom('attendance')
      .select(['memberId', 'source'])
      .where('activityId', '=', a.id)
      .execute();
    expect(Object.fromEntries(sources.map((r) => [r.memberId, r.source]))).toEqual({
      [m1.id]: 'checkin',
      [m2.id]: 'manual',
      [m3.id]: 'manual',
    });

    const second = await call(home.director, 'PATCH', `/activities/${a.id}`, { attendeeMemberIds: [m3.id] });
    expect(second.json().attendeeMemberIds).toEqual([m3.id]);
    const cleared = await call(home.director, 'PATCH', `/activities/${a.id}`, { attendeeMemberIds: [] });
    expect(cleared.json().attendeeMemberIds).toEqual([]);

    const unknown = await call(home.director, 'PATCH', `/activities/${a.id}`, {
      attendeeMemberIds: ['00000000-0000-0000-0000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).error.fields?.attendeeMemberIds).toBeDefined();
  });

  it('refuses attendance before the activity starts', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id]);
    const m = await makeMember(t.db);
    const res = await call(home.director, 'PATCH', `/activities/${a.id}`, { attendeeMemberIds: [m.id] });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields?.attendeeMemberIds).toMatch(/开始/);
  });
});

describe('check-in', () => {
  it('checks a member in within the window, once', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(30), endsAt: at(90) });
    const m = await memberAccount();
    const res = await call(m.session, 'POST', `/checkin/${a.checkinCode.toLowerCase()}`);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ activityId: a.id, memberId: m.id });
    expect(Date.parse(res.json().at)).toBeGreaterThan(Date.now() - 60_000);
    const twice = await call(m.session, 'POST', `/checkin/${a.checkinCode}`);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice).error.code).toBe('CONFLICT');
    const row = await t.db
      .selectFrom('attendance')
      .select('source')
      .where('activityId', '=', a.id)
      .where('memberId', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row.source).toBe('checkin');
  });

  it('refuses outside the window (an hour and a minute before, after the end) and when cancelled', async () => {
    const home = await addHome();
    const m = await memberAccount();
    const early = await newActivity(home.director, [home.id], { startsAt: at(61), endsAt: at(120) });
    const over = await newActivity(home.director, [home.id], { startsAt: at(-120), endsAt: at(-1) });
    const cancelled = await newActivity(home.director, [home.id], { startsAt: at(10), endsAt: at(60) });
    await call(home.director, 'PATCH', `/activities/${cancelled.id}`, { status: 'cancelled' });
    for (const a of [early, over, cancelled]) {
      const res = await call(m.session, 'POST', `/checkin/${a.checkinCode}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error).toMatchObject({ code: 'VALIDATION_FAILED', message: '签到未开放' });
    }
  });

  it('counts a check-in kept on a phone without a signal at the moment it was made, within a day', async () => {
    const home = await addHome();
    const m = await memberAccount();
    // pressed 20 minutes ago, during the activity, and sent now that the phone is back online
    const ongoing = await newActivity(home.director, [home.id], { startsAt: at(-60), endsAt: at(60) });
    const madeAt = at(-20);
    const late = await call(m.session, 'POST', `/checkin/${ongoing.checkinCode}`, { at: madeAt });
    expect(late.statusCode, late.body).toBe(201);
    expect(Date.parse(late.json().at)).toBe(Date.parse(madeAt));
    const row = await t.db
      .selectFrom('attendance')
      .select(['at', 'source'])
      .where('activityId', '=', ongoing.id)
      .where('memberId', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source: 'checkin' });
    expect(row.at.getTime()).toBe(Date.parse(madeAt));
    // sent again (the phone did not hear the answer): still one attendance
    expect(
      (await call(m.session, 'POST', `/checkin/${ongoing.checkinCode}`, { at: madeAt })).statusCode,
    ).toBe(409);

    // pressed during an activity that is over by now: counted, when it was pressed
    const over = await newActivity(home.director, [home.id], { startsAt: at(-180), endsAt: at(-60) });
    const duringIt = await call(m.session, 'POST', `/checkin/${over.checkinCode}`, { at: at(-90) });
    expect(duringIt.statusCode, duringIt.body).toBe(201);
  });

  it('refuses a kept check-in pressed outside the window, a day late, or ahead of the clock, changing nothing', async () => {
    const home = await addHome();
    const m = await memberAccount();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-30), endsAt: at(60) });
    const old = await newActivity(home.director, [home.id], { startsAt: at(-26 * 60), endsAt: at(-25 * 60) });
    const cases = [
      { code: a.checkinCode, body: { at: at(-120) }, field: 'code' }, // before check-in opened
      { code: old.checkinCode, body: { at: at(-25 * 60 - 10) }, field: 'at' }, // more than a day ago
      { code: a.checkinCode, body: { at: at(30) }, field: 'at' }, // the phone's clock half an hour ahead
      { code: a.checkinCode, body: { at: 'yesterday' }, field: 'at' },
      { code: a.checkinCode, body: { at: at(-5), extra: 1 }, field: 'extra' },
    ];
    for (const { code, body, field } of cases) {
      const res = await call(m.session, 'POST', `/checkin/${code}`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(res).error.fields?.[field], JSON.stringify(body)).toBeDefined();
    }
    const rows = await t.db
      .selectFrom('attendance')
      .select('activityId')
      .where('memberId', '=', m.id)
      .execute();
    expect(rows).toEqual([]);
    // a clock a minute ahead is the server's now
    const ahead = await call(m.session, 'POST', `/checkin/${a.checkinCode}`, { at: at(1) });
    expect(ahead.statusCode, ahead.body).toBe(201);
    expect(Date.parse(ahead.json().at)).toBeLessThanOrEqual(Date.now());
  });

  it('refuses an account without a member (403), an unknown code (404) and no session (401)', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-10), endsAt: at(60) });
    const staff = await call(dongsheng, 'POST', `/checkin/${a.checkinCode}`);
    expect(staff.statusCode).toBe(403);
    const m = await memberAccount();
    expect((await call(m.session, 'POST', '/checkin/ZZZZZZ')).statusCode).toBe(404);
    expect((await call(null, 'POST', `/checkin/${a.checkinCode}`)).statusCode).toBe(401);
  });

  it('shows the check-in page without signing in, and whether a signed-in member has checked in', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-10), endsAt: at(60) });
    const anonymous = await call(null, 'GET', `/checkin/${a.checkinCode}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({
      activityId: a.id,
      title: a.title,
      place: '二楼会议室',
      homeNames: [home.name],
      open: true,
      checkedIn: false,
    });
    const m = await memberAccount();
    expect((await call(m.session, 'GET', `/checkin/${a.checkinCode}`)).json().checkedIn).toBe(false);
    await call(m.session, 'POST', `/checkin/${a.checkinCode}`);
    expect((await call(m.session, 'GET', `/checkin/${a.checkinCode}`)).json().checkedIn).toBe(true);
    expect((await call(null, 'GET', `/checkin/${a.checkinCode}`)).json().checkedIn).toBe(false);
    expect((await call(null, 'GET', '/checkin/NOPE22')).statusCode).toBe(404);
    const later = await newActivity(home.director, [home.id], { startsAt: at(180), endsAt: at(240) });
    expect((await call(null, 'GET', `/checkin/${later.checkinCode}`)).json().open).toBe(false);
  });

  it('draws the QR code of the check-in page as SVG', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id]);
    const res = await call(home.director, 'GET', `/activities/${a.id}/qr.svg`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.body).toContain('<svg');
    expect((await call(wushen, 'GET', `/activities/${a.id}/qr.svg`)).statusCode).toBe(404);
  });
});

describe('photos', () => {
  const upload = (s: Session, id: string, buffer: Buffer, filename: string, type = 'image/png') => {
    return as(
      t.app,
      s,
    )({
      method: 'POST',
      url: `/api/v1/activities/${id}/photos`,
      ...multipartFile(filename, buffer, type),
    });
  };

  it('stores an image as a JPEG of at most 1600 px, served to whoever sees the activity', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-60), endsAt: at(-10) });
    const png = await sharp({
      create: { width: 3200, height: 2000, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    const res = await upload(home.director, a.id, png, 'huiyi.png');
    expect(res.statusCode, res.body).toBe(201);
    const photo = res.json();
    expect(photo).toMatchObject({ filename: 'huiyi.jpg', contentType: 'image/jpeg' });

    const list = await call(dongsheng, 'GET', `/activities/${a.id}/photos`);
    expect(list.json()).toEqual([photo]);

    const member = await memberAccount(home.id);
    const file = await call(member.session, 'GET', `/attachments/${photo.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(file.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 1600, height: 1000 });
    expect(file.rawPayload.length).toBe(photo.size);

    expect((await call(wushen, 'GET', `/attachments/${photo.id}`)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/activities/${a.id}/photos`)).statusCode).toBe(404);
    expect((await upload(member.session, a.id, png, 'x.png')).statusCode).toBe(403);
  });

  it('refuses a photo that claims 50,000 px a side before decoding it, and cleans the name', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id], { startsAt: at(-60), endsAt: at(-10) });
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(50_000, 0);
    ihdr.writeUInt32BE(50_000, 4);
    ihdr.set([8, 2, 0, 0, 0], 8);
    const chunk = (type: string, data: Buffer) => {
      const head = Buffer.alloc(4);
      head.writeUInt32BE(data.length);
      return Buffer.concat([head, Buffer.from(type, 'ascii'), data, Buffer.alloc(4)]);
    };
    const bomb = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', ihdr),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const res = await upload(home.director, a.id, bomb, 'bomb.png');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields?.file).toMatch(/50000×50000/);
    expect((await call(home.director, 'GET', `/activities/${a.id}/photos`)).json()).toEqual([]);

    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const named = await upload(home.director, a.id, png, '\u202egnp.exe\u202c会议.png');
    expect(named.statusCode, named.body).toBe(201);
    expect(named.json().filename).toBe('gnp.exe会议.jpg');
  });

  it('refuses a file that is not an image, whatever its name', async () => {
    const home = await addHome();
    const a = await newActivity(home.director, [home.id]);
    const res = await upload(home.director, a.id, Buffer.from('这不是图片\n'.repeat(20)), 'fake.png');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields?.file).toBeDefined();
    expect((await call(home.director, 'GET', `/activities/${a.id}/photos`)).json()).toEqual([]);
  });
});

describe('the public calendar of a home', () => {
  it('serves an operating home as text/calendar with UTC times and folded lines', async () => {
    const home = await addHome();
    const title = `“绿色发展”协商座谈会,第二场;${'长标题'.repeat(20)}`;
    const a = await newActivity(home.director, [home.id], {
      title,
      startsAt: '2030-05-01T09:00:00+08:00',
      endsAt: '2030-05-01T11:30:00+08:00',
    });
    const gone = await newActivity(home.director, [home.id], { title: '已取消的活动' });
    await call(home.director, 'PATCH', `/activities/${gone.id}`, { status: 'cancelled' });
    const old = await newActivity(home.director, [home.id], {
      title: '很久以前的活动',
      startsAt: at(-100 * 24 * 60),
      endsAt: at(-100 * 24 * 60 + 60),
    });
    expect(old.id).toBeDefined();

    const res = await t.app.inject({ method: 'GET', url: `/api/v1/homes/${home.id}/calendar.ics` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const body = res.body;
    for (const line of body.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = body.replace(/\r\n /g, '').split('\r\n');
    expect(lines).toContain(`UID:${a.id}@cppcc-homes`);
    expect(lines).toContain('DTSTART:20300501T010000Z');
    expect(lines).toContain('DTEND:20300501T033000Z');
    expect(lines).toContain(`SUMMARY:${title.replace(',', '\\,').replace(';', '\\;')}`);
    expect(lines).toContain('LOCATION:二楼会议室');
    expect(body).not.toContain('已取消的活动');
    expect(body).not.toContain('很久以前的活动');
  });

  it('is not found for a home that is not operating, or does not exist', async () => {
    const proposed = await addHome('district-150602', 'proposed');
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/homes/${proposed.id}/calendar.ics` })).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/homes/nope/calendar.ics' })).statusCode).toBe(
      404,
    );
  });
});

describe('the list', () => {
  it('filters by home, range, status, kind and text, newest first unless a range starts it', async () => {
    const home = await addHome();
    const times = [-300, 600, 120, 1200];
    const made = [];
    for (const [i, m] of times.entries()) {
      made.push(
        await newActivity(home.director, [home.id], {
          title: `列表活动${i}`,
          kind: i % 2 ? 'study' : 'outreach',
          startsAt: at(m),
          endsAt: at(m + 60),
        }),
      );
    }
    const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((i) => i.id);
    const all = await call(home.director, 'GET', `/activities?homeId=${home.id}`);
    expect(all.json().total).toBe(4);
    expect(ids(all)).toEqual([made[3].id, made[1].id, made[2].id, made[0].id]);
    const range = await call(
      home.director,
      'GET',
      `/activities?homeId=${home.id}&from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(900))}`,
    );
    expect(ids(range)).toEqual([made[2].id, made[1].id]);
    const study = await call(home.director, 'GET', `/activities?homeId=${home.id}&kind=study`);
    expect(ids(study)).toEqual([made[3].id, made[1].id]);
    const text = await call(
      home.director,
      'GET',
      `/activities?homeId=${home.id}&q=${encodeURIComponent('活动2')}`,
    );
    expect(ids(text)).toEqual([made[2].id]);
    const page = await call(home.director, 'GET', `/activities?homeId=${home.id}&pageSize=3&page=2`);
    expect(page.json()).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(ids(page)).toEqual([made[0].id]);
    const planned = await call(home.director, 'GET', `/activities?homeId=${home.id}&status=held`);
    expect(planned.json().total).toBe(0);
    const badRange = await call(home.director, 'GET', '/activities?from=yesterday');
    expect(badRange.statusCode).toBe(400);
  });

  it('loads a page of 3 or 25 activities with the same number of queries', async () => {
    class QueryCounter implements KyselyPlugin {
      count = 0;
      transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
        this.count++;
        return args.node;
      }
      async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
        return args.result;
      }
    }
    const home = await addHome();
    const member = await makeMember(t.db);
    const other = await addHome();
    const create = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const a = await newActivity(dongsheng, [home.id, other.id], {
          jointUnitIds: ['district-150602'],
          startsAt: at(-60 - i),
          endsAt: at(-30),
        });
        await call(dongsheng, 'PATCH', `/activities/${a.id}`, { attendeeMemberIds: [member.id] });
      }
    };
    const counter = new QueryCounter();
    const limit = { max: 10_000, windowMs: 60_000 };
    const app = await buildApp({
      db: t.db.withPlugin(counter),
      logLevel: 'silent',
      webDir: null,
      rateLimits: { signIn: limit, public: limit },
    });
    const session = await signIn(app, 'admin', ADMIN_PASSWORD);
    const count = async () => {
      counter.count = 0;
      const res = await as(
        app,
        session,
      )({ method: 'GET', url: `/api/v1/activities?homeId=${home.id}&pageSize=50` });
      expect(res.statusCode).toBe(200);
      return { queries: counter.count, items: res.json().items.length as number };
    };
    await create(3);
    const few = await count();
    await create(22);
    const many = await count();
    await app.close();
    expect([few.items, many.items]).toEqual([3, 25]);
    expect(many.queries).toBe(few.queries);
  });
});

describe('recording a past activity in one step (API.md)', () => {
  it('creates it as held, with attendance, citizens, departments, summary and outcomes', async () => {
    const home = await addHome();
    const member = await memberAccount(home.id);
    const created = await newActivity(dongsheng, [home.id], {
      startsAt: at(-30 * 24 * 60),
      endsAt: at(-30 * 24 * 60 + 120),
      status: 'held',
      attendeeMemberIds: [member.id, home.directorMemberId],
      citizenCount: 35,
      departments: ['区住建局'],
      summary: '听取群众对老旧小区改造的意见',
      outcomes: '形成意见 3 条',
    });
    expect(created).toMatchObject({
      status: 'held',
      citizenCount: 35,
      departments: ['区住建局'],
      summary: '听取群众对老旧小区改造的意见',
      outcomes: '形成意见 3 条',
    });
    expect([...created.attendeeMemberIds].sort()).toEqual([member.id, home.directorMemberId].sort());
  });

  it('refuses a held activity that has not started, and attendance before the start, writing nothing', async () => {
    const home = await addHome();
    const before = await t.db
      .selectFrom('activities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await call(dongsheng, 'POST', '/activities', {
      title: '未来的活动',
      kind: 'study',
      hostHomeIds: [home.id],
      startsAt: at(60),
      endsAt: at(120),
      status: 'held',
      attendeeMemberIds: [home.directorMemberId],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(Object.keys(errorOf(res).error.fields ?? {})).toEqual(
      expect.arrayContaining(['startsAt', 'attendeeMemberIds']),
    );
    const after = await t.db
      .selectFrom('activities')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('takes a blank optional text as null, on create and update', async () => {
    const home = await addHome();
    const created = await newActivity(home.director, [home.id], { place: '  ', summary: '' });
    expect(created).toMatchObject({ place: null, summary: null });
    const res = await call(home.director, 'PATCH', `/activities/${created.id}`, {
      place: '会议室',
      outcomes: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ place: '会议室', outcomes: null });
    const cleared = await call(home.director, 'PATCH', `/activities/${created.id}`, { place: '' });
    expect(cleared.json().place).toBeNull();
  });
});

describe('the list exported (API.md, Exports)', () => {
  const HEADINGS = [
    '活动名称',
    '时间',
    '活动类型',
    '主办委员之家',
    '地点',
    '状态',
    '所属功能',
    '联合举办单位',
    '出勤委员（人）',
    '参与群众人数',
    '参与部门',
  ];
  const exported = async (s: Session, query: string) =>
    sheetRows(await call(s, 'GET', `/activities/export.xlsx?${query}`));
  const listed = async (s: Session, query: string) => {
    const res = await call(s, 'GET', `/activities?pageSize=200&${query}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: Array<{ title: string }> };
  };

  it('writes every activity the list finds for the actor, in its order, with the list’s columns', async () => {
    const home = await addHome();
    const member = await memberAccount(home.id);
    // 09:30–11:00 in Beijing; the other spans midnight in Beijing, not in UTC
    await newActivity(home.director, [home.id], {
      title: '导出活动甲',
      kind: 'study',
      startsAt: '2026-03-01T01:30:00Z',
      endsAt: '2026-03-01T03:00:00Z',
      place: '二楼会议室',
      jointUnitIds: ['district-150602'],
      status: 'held',
      attendeeMemberIds: [member.id, home.directorMemberId],
      citizenCount: 35,
      departments: ['区住建局', '区民政局'],
    });
    await newActivity(home.director, [home.id], {
      title: '导出活动乙',
      startsAt: '2026-03-02T15:30:00Z',
      endsAt: '2026-03-02T17:00:00Z',
      place: null,
    });
    for (let i = 0; i < 23; i++) {
      await newActivity(home.director, [home.id], { title: `导出活动批${i}`, startsAt: at(-600 - i) });
    }
    const rows = await exported(home.director, `homeId=${home.id}`);
    expect(rows[0]).toEqual(HEADINGS);
    const list = await listed(home.director, `homeId=${home.id}`);
    expect(list.total).toBe(25);
    // more than a page of the list, every row, in the list's order
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((a) => a.title));
    const byTitle = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byTitle.get('导出活动甲')).toEqual([
      '导出活动甲',
      '2026-03-01 09:30–11:00',
      '学习研讨',
      home.name,
      '二楼会议室',
      '已举办',
      '学习之家',
      expect.stringContaining('东胜'),
      '2',
      '35',
      '区住建局、区民政局',
    ]);
    // an empty cell (no place) is a hole in the row read back
    const [, time, kind, hosts, place, status] = byTitle.get('导出活动乙')!;
    expect([time, kind, hosts, place ?? '', status]).toEqual([
      '2026-03-02 23:30 – 2026-03-03 01:00',
      '协商座谈',
      home.name,
      '',
      '计划中',
    ]);
    // the list's filters, the same rows
    const study = await exported(home.director, `homeId=${home.id}&kind=study`);
    expect(study.slice(1).map((r) => r[0])).toEqual(['导出活动甲']);
    const text = await exported(home.director, `homeId=${home.id}&q=${encodeURIComponent('活动乙')}`);
    expect(text.slice(1).map((r) => r[0])).toEqual(['导出活动乙']);
    const range = `from=${encodeURIComponent('2026-03-01T00:00:00+08:00')}&to=${encodeURIComponent('2026-03-02T00:00:00+08:00')}`;
    expect((await exported(home.director, `homeId=${home.id}&${range}`)).slice(1).map((r) => r[0])).toEqual([
      '导出活动甲',
    ]);
    // a member of the home reads what the list shows them
    const theirs = await exported(member.session, `homeId=${home.id}`);
    expect(theirs).toHaveLength((await listed(member.session, `homeId=${home.id}`)).total + 1);
  });

  it('gives another district’s staff and an outsider only theirs, never the first district’s', async () => {
    const home = await addHome();
    const far = await addHome('district-150626');
    await newActivity(home.director, [home.id], { title: '导出范围东胜' });
    await newActivity(far.director, [far.id], { title: '导出范围乌审' });
    const q = `q=${encodeURIComponent('导出范围')}`;
    const titles = async (s: Session) => (await exported(s, q)).slice(1).map((r) => r[0]);
    expect(await titles(dongsheng)).toEqual(['导出范围东胜']);
    expect(await titles(wushen)).toEqual(['导出范围乌审']);
    expect(await titles(far.director)).toEqual(['导出范围乌审']);
    expect(await titles((await memberAccount()).session)).toEqual([]);
    // the whole list of a district and its file agree
    expect(await exported(wushen, '')).toHaveLength((await listed(wushen, '')).total + 1);
  });

  it('refuses whoever may not read the list, and a bad filter, in API.md’s shape', async () => {
    expect((await call(auditor, 'GET', '/activities/export.xlsx')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/activities/export.xlsx')).statusCode).toBe(401);
    for (const bad of ['status=nope', 'kind=nope', 'from=yesterday']) {
      const res = await call(dongsheng, 'GET', `/activities/export.xlsx?${bad}`);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error.code).toBe('VALIDATION_FAILED');
    }
  });
});
