import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../src/domain/calendar.js';
import {
  as,
  errorOf,
  makeMember,
  multipartFile,
  type Session,
  sheetRows,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;
let trainee: Session;
let traineeMember: { id: string; name: string };
let bystander: Session;

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  traineeMember = await makeMember(t.db, { name: '学员委员' });
  trainee = await signedInAs(t.app, t.db, [], traineeMember.id);
  bystander = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

async function session(s: Session, startsIn: number, title = '委员之家工作人员培训') {
  const res = await call(s, 'POST', '/trainings', {
    title,
    startsAt: at(startsIn),
    endsAt: at(startsIn + 180),
    place: '市政协会议室',
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; checkinCode: string; organiserUnitId: string };
}

describe('training sessions', () => {
  it('are organised by the office or a district CPPCC, each seeing its own', async () => {
    const mine = await session(dongsheng, 60, '东胜区负责人培训');
    expect(mine.organiserUnitId).toBe('district-150602');
    expect((await call(wushen, 'GET', `/trainings/${mine.id}`)).statusCode).toBe(404);
    expect((await call(wushen, 'PATCH', `/trainings/${mine.id}`, { status: 'held' })).statusCode).toBe(404);
    expect(
      (
        await call(dongsheng, 'POST', '/trainings', {
          title: 'x',
          startsAt: at(10),
          endsAt: at(20),
          organiserUnitId: 'office',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await call(trainee, 'POST', '/trainings', { title: 'x', startsAt: at(10), endsAt: at(20) }))
        .statusCode,
    ).toBe(403);
    expect((await call(auditor, 'GET', '/trainings')).statusCode).toBe(403);
    const backwards = await call(office, 'POST', '/trainings', {
      title: '倒序',
      startsAt: at(20),
      endsAt: at(10),
    });
    expect(errorOf(backwards).error.fields).toHaveProperty('endsAt');
    // the office's sessions are visible to district staff
    const office1 = await session(office, 60, '全市培训');
    expect((await call(dongsheng, 'GET', `/trainings/${office1.id}`)).statusCode).toBe(200);
  });

  it('checks in enrolled trainees by code within the window, counts it in a member’s record, and certifies it', async () => {
    const s = await session(office, 30);
    const early = await session(office, 24 * 60, '明天的培训');
    const enrol = await call(office, 'PUT', `/trainings/${s.id}/enrolments`, { userIds: [trainee.userId] });
    expect(enrol.json().enrolments).toHaveLength(1);
    await call(office, 'PUT', `/trainings/${early.id}/enrolments`, { userIds: [trainee.userId] });
    // not enrolled, too early, unknown code
    expect((await call(bystander, 'POST', `/training-checkin/${s.checkinCode}`)).statusCode).toBe(403);
    expect((await call(trainee, 'POST', `/training-checkin/${early.checkinCode}`)).statusCode).toBe(409);
    expect((await call(trainee, 'POST', '/training-checkin/TNOPE00')).statusCode).toBe(404);
    expect((await call(trainee, 'GET', `/trainings/${s.id}`)).json().allowedActions).toEqual(['check_in']);
    // no certificate before attending
    expect(
      (await call(trainee, 'GET', `/trainings/${s.id}/certificates/${trainee.userId}.pdf`)).statusCode,
    ).toBe(409);

    const done = await call(trainee, 'POST', `/training-checkin/${s.checkinCode.toLowerCase()}`);
    expect(done.statusCode).toBe(200);
    expect(done.json().mine.attendedAt).toBeTruthy();
    // the trainee does not see the organisers' view
    expect(done.json()).toMatchObject({ checkinCode: null, enrolments: [], allowedActions: [] });

    // attended, but the session has not ended: no certificate yet, for the trainee or the office
    for (const s2 of [trainee, office]) {
      const early = await call(s2, 'GET', `/trainings/${s.id}/certificates/${trainee.userId}.pdf`);
      expect(early.statusCode).toBe(409);
      expect(errorOf(early).error.message).toBe('培训尚未结束，结束并登记出勤后才能打印证明');
    }
    expect(done.json().allowedActions).not.toContain('print_certificate');
    expect(
      (await call(bystander, 'GET', `/trainings/${s.id}/certificates/${trainee.userId}.pdf`)).statusCode,
    ).toBe(404);

    const record = (await call(trainee, 'GET', `/members/${traineeMember.id}/duty-record`)).json();
    expect(record.entries).toEqual([
      expect.objectContaining({
        item: 'training_attended',
        sourceType: 'training',
        sourceId: s.id,
        points: 2,
      }),
    ]);
  });

  it('offers organisers the accounts they may enrol: the office all, a district its own', async () => {
    const names = async (s: Session, q: string) =>
      (
        (await call(s, 'GET', `/trainings/candidates?q=${encodeURIComponent(q)}`)).json() as Array<{
          memberName: string | null;
        }>
      ).map((c) => c.memberName);
    expect(await names(office, '学员委员')).toContain('学员委员');
    expect(await names(dongsheng, '学员委员')).toContain('学员委员');
    expect(await names(wushen, '学员委员')).not.toContain('学员委员');
    expect((await call(trainee, 'GET', '/trainings/candidates')).statusCode).toBe(403);
  });

  it('lets organisers mark attendance by hand and keeps it when the enrolment list changes', async () => {
    const s = await session(dongsheng, -120);
    const other = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    await call(dongsheng, 'PUT', `/trainings/${s.id}/enrolments`, {
      userIds: [trainee.userId, other.userId],
    });
    const marked = await call(dongsheng, 'POST', `/trainings/${s.id}/attendance`, {
      userId: trainee.userId,
      attended: true,
    });
    expect(marked.json().enrolments.find((e: { userId: string }) => e.userId === trainee.userId).source).toBe(
      'manual',
    );
    const notEnrolled = await call(dongsheng, 'POST', `/trainings/${s.id}/attendance`, {
      userId: bystander.userId,
      attended: true,
    });
    expect(errorOf(notEnrolled).error.fields).toHaveProperty('userId');
    const kept = await call(dongsheng, 'PUT', `/trainings/${s.id}/enrolments`, { userIds: [trainee.userId] });
    expect(kept.json()).toMatchObject({ enrolled: 1, attended: 1 });
    expect((await call(trainee, 'PATCH', `/trainings/${s.id}`, { status: 'held' })).statusCode).toBe(403);
    // what each may do: the organiser every step of a planned session, the trainee nothing once attended
    expect(kept.json().allowedActions).toEqual([
      'hold',
      'cancel',
      'enrol',
      'mark_attendance',
      'add_material',
    ]);
    expect((await call(trainee, 'GET', `/trainings/${s.id}`)).json().allowedActions).toEqual([]);
    const held = await call(dongsheng, 'PATCH', `/trainings/${s.id}`, { status: 'held' });
    expect(held.json().allowedActions).toEqual(['enrol', 'mark_attendance', 'add_material']);
    // held is final
    expect((await call(dongsheng, 'PATCH', `/trainings/${s.id}`, { status: 'cancelled' })).statusCode).toBe(
      409,
    );
  });

  it('keeps materials for the organisers and trainees only', async () => {
    const s = await session(office, 60, '材料测试');
    await call(office, 'PUT', `/trainings/${s.id}/enrolments`, { userIds: [trainee.userId] });
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const upload = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: `/api/v1/trainings/${s.id}/materials`,
      ...multipartFile('讲义.png', png, 'image/png'),
    });
    expect(upload.statusCode).toBe(201);
    const id = upload.json().id as string;
    expect((await call(trainee, 'GET', `/trainings/${s.id}`)).json().materials).toHaveLength(1);
    expect((await call(trainee, 'GET', `/attachments/${id}`)).statusCode).toBe(200);
    expect((await call(bystander, 'GET', `/attachments/${id}`)).statusCode).toBe(404);
  });
});

describe('the list exported (API.md, Exports)', () => {
  const exported = async (s: Session, query = '') =>
    sheetRows(await call(s, 'GET', `/trainings/export.xlsx${query}`));
  const listed = async (s: Session, query = '') => {
    const res = await call(s, 'GET', `/trainings?pageSize=200${query ? `&${query.slice(1)}` : ''}`);
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: Array<{ title: string }> };
  };
  const titles = (rows: string[][]) => rows.slice(1).map((r) => r[0]);

  it('writes every session the list shows the actor, in its order, with the list’s columns', async () => {
    const year = `?year=${yearOf(new Date(at(60)))}`;
    const own = await session(dongsheng, 60, '导出培训东胜');
    await call(dongsheng, 'PUT', `/trainings/${own.id}/enrolments`, { userIds: [trainee.userId] });
    await session(office, 90, '导出培训全市');
    await session(wushen, 60, '导出培训乌审');
    const res = await call(dongsheng, 'GET', `/trainings/export.xlsx${year}`);
    expect(String(res.headers['content-disposition'])).toContain(
      encodeURIComponent(`${year.slice(6)}年度培训.xlsx`),
    );
    const rows = await sheetRows(res);
    expect(rows[0]).toEqual(['培训名称', '组织单位', '时间', '地点', '状态', '出席 / 报名', '我的']);
    const list = await listed(dongsheng, year);
    expect(titles(rows)).toEqual(list.items.map((i) => i.title));
    expect(titles(rows)).toEqual(expect.arrayContaining(['导出培训东胜', '导出培训全市']));
    const row = rows.find((r) => r[0] === '导出培训东胜')!;
    expect(row.slice(0, 6)).toEqual([
      '导出培训东胜',
      expect.stringContaining('东胜'),
      expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d(–| – \d{4}-\d\d-\d\d )\d\d:\d\d$/),
      '市政协会议室',
      '计划中',
      '0 / 1',
    ]);
    // the trainee sees the sessions they are enrolled in, as theirs
    const enrolled = await exported(trainee, year);
    expect(enrolled.find((r) => r[0] === '导出培训东胜')?.[6]).toBe('已报名');
    expect(enrolled).toHaveLength((await listed(trainee, year)).total + 1);
    // no year: every session of the actor's, not one page
    expect(await exported(office)).toHaveLength((await listed(office)).total + 1);
    expect(titles(await exported(office, '?year=2001'))).toEqual([]);
  });

  it('gives another district and a bystander only theirs, never the first district’s sessions', async () => {
    await session(dongsheng, 60, '导出范围东胜培训');
    const theirs = titles(await exported(wushen));
    expect(theirs).toContain('导出培训乌审');
    expect(theirs).not.toContain('导出范围东胜培训');
    expect(theirs).toHaveLength((await listed(wushen)).total);
    expect(titles(await exported(bystander))).toEqual([]);
  });

  it('refuses whoever may not read the list, and a bad filter, in API.md’s shape', async () => {
    expect((await call(auditor, 'GET', '/trainings/export.xlsx')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/trainings/export.xlsx')).statusCode).toBe(401);
    const bad = await call(office, 'GET', '/trainings/export.xlsx?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('enrolling oneself (报名) in a session open to one', () => {
  const open = async (
    s: Session,
    fields: { audience?: string; capacity?: number | null; startsIn?: number; title?: string } = {},
  ) => {
    const startsIn = fields.startsIn ?? 24 * 60;
    const res = await call(s, 'POST', '/trainings', {
      title: fields.title ?? '开放报名培训',
      startsAt: at(startsIn),
      endsAt: at(startsIn + 120),
      audience: fields.audience ?? 'all',
      capacity: fields.capacity ?? null,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; audience: string; capacity: number | null; allowedActions: string[] };
  };
  const member = async (orgUnitId = 'district-150602', name?: string) => {
    const m = await makeMember(t.db, {
      orgUnitId,
      ...(orgUnitId === 'municipal' ? { level: 'municipal' } : {}),
      name,
    });
    return signedInAs(t.app, t.db, [], m.id);
  };
  const enrol = (s: Session, id: string) => call(s, 'POST', `/trainings/${id}/enrolments/me`);
  const withdraw = (s: Session, id: string) =>
    as(t.app, s)({ method: 'DELETE', url: `/api/v1/trainings/${id}/enrolments/me` });
  const enrolled = async (id: string) =>
    (await call(office, 'GET', `/trainings/${id}`)).json().enrolments as Array<{
      userId: string;
      selfEnrolled: boolean;
    }>;

  it('lets a member of the area enrol and withdraw before the start, shown to the organiser and audited', async () => {
    const s = await open(dongsheng, { title: '东胜区开放报名培训', capacity: 5 });
    expect(s).toMatchObject({ audience: 'all', capacity: 5 });
    // the member sees it open to them, on the list and on its page
    const listed = (await call(trainee, 'GET', '/trainings?enrolment=open&pageSize=200')).json();
    const item = listed.items.find((i: { id: string }) => i.id === s.id);
    expect(item).toMatchObject({ mine: null, enrolled: 0, capacity: 5 });
    expect(item.allowedActions).toContain('enrol_self');

    const res = await enrol(trainee, s.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enrolled: 1, mine: { attendedAt: null, selfEnrolled: true } });
    expect(res.json().allowedActions).toEqual(['withdraw', 'check_in']);
    // the organiser sees who enrolled themselves
    const roll = (await call(dongsheng, 'GET', `/trainings/${s.id}`)).json();
    expect(roll.enrolments).toEqual([
      expect.objectContaining({ userId: trainee.userId, selfEnrolled: true }),
    ]);
    expect((await call(trainee, 'GET', '/trainings?enrolment=mine&pageSize=200')).json().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: s.id })]),
    );
    // twice is refused
    const again = await enrol(trainee, s.id);
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error.message).toBe('您已报名该培训');

    const gone = await withdraw(trainee, s.id);
    expect(gone.statusCode).toBe(204);
    expect(await enrolled(s.id)).toEqual([]);
    expect((await withdraw(trainee, s.id)).statusCode).toBe(409);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select(['action', 'actorId'])
      .where('objectId', '=', s.id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'training.create',
      'training.enrol_self',
      'training.withdraw',
    ]);
    expect(audit[1]!.actorId).toBe(trainee.userId);
  });

  it('refuses a full session, one that has started, and one its organisers enrol', async () => {
    const small = await open(office, { title: '名额两人', capacity: 2 });
    const [a, b, c] = [await member(), await member('municipal'), await member()];
    expect((await enrol(a, small.id)).statusCode).toBe(200);
    expect((await enrol(b, small.id)).statusCode).toBe(200);
    const full = await enrol(c, small.id);
    expect(full.statusCode).toBe(409);
    expect(errorOf(full).error.message).toContain('名额已满');
    expect((await call(c, 'GET', `/trainings/${small.id}`)).json().allowedActions).not.toContain(
      'enrol_self',
    );
    // a place freed is taken again
    expect((await withdraw(a, small.id)).statusCode).toBe(204);
    expect((await enrol(c, small.id)).statusCode).toBe(200);

    // two trainees at once for the last place: one gets it
    const last = await open(office, { title: '最后一个名额', capacity: 1 });
    const [first, second] = [await member(), await member()];
    const raced = await Promise.all([enrol(first, last.id), enrol(second, last.id)]);
    expect(raced.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await enrolled(last.id)).toHaveLength(1);

    const started = await open(office, { title: '已开始', startsIn: -10 });
    const late = await enrol(a, started.id);
    expect(late.statusCode).toBe(409);
    expect(errorOf(late).error.message).toBe('培训已开始，报名已截止');
    expect((await call(a, 'GET', '/trainings?enrolment=open&pageSize=200')).json().items).not.toEqual(
      expect.arrayContaining([expect.objectContaining({ id: started.id })]),
    );

    // invited: only the organisers enrol; what they enrolled is not withdrawn by the trainee
    const invited = await session(office, 24 * 60, '指定学员培训');
    const staff = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const refused = await enrol(staff, invited.id);
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused).error.message).toContain('不接受自行报名');
    await call(office, 'PUT', `/trainings/${invited.id}/enrolments`, { userIds: [staff.userId] });
    const kept = await withdraw(staff, invited.id);
    expect(kept.statusCode).toBe(409);
    expect(errorOf(kept).error.message).toContain('联系组织单位');
    expect(await enrolled(invited.id)).toHaveLength(1);

    // a session cancelled before it starts takes no more
    const cancelled = await open(office, { title: '取消的培训' });
    await call(office, 'PATCH', `/trainings/${cancelled.id}`, { status: 'cancelled' });
    expect((await enrol(a, cancelled.id)).statusCode).toBe(409);
  });

  it('keeps a session to its audience: another district’s members are told it does not exist', async () => {
    const own = await open(dongsheng, { title: '东胜区委员培训', audience: 'members' });
    const outsider = await member('district-150626');
    const municipal = await member('municipal');
    for (const s of [outsider, municipal]) {
      const res = await enrol(s, own.id);
      expect(res.statusCode).toBe(404);
      expect((await call(s, 'GET', `/trainings/${own.id}`)).statusCode).toBe(404);
      expect((await withdraw(s, own.id)).statusCode).toBe(404);
    }
    expect(await enrolled(own.id)).toEqual([]);
    // staff without a member record see the office's sessions, but one for members is not open to them
    const forMembers = await open(office, { title: '全市委员培训', audience: 'members' });
    const staff = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150626' }]);
    const notMember = await enrol(staff, forMembers.id);
    expect(notMember.statusCode).toBe(409);
    expect(errorOf(notMember).error.message).toContain('不在报名范围内');
    // every member of the city may enrol in it
    expect((await enrol(outsider, forMembers.id)).statusCode).toBe(200);
    // the home director of a district home enrols in that district's session for everyone
    const everyone = await open(wushen, { title: '乌审旗全员培训' });
    expect((await enrol(staff, everyone.id)).statusCode).toBe(200);
    expect((await enrol(trainee, everyone.id)).statusCode).toBe(404);
  });

  it('refuses whoever may not train (403) and bad input (400), changing nothing', async () => {
    const s = await open(office, { title: '校验' });
    expect((await enrol(auditor, s.id)).statusCode).toBe(403);
    expect((await withdraw(auditor, s.id)).statusCode).toBe(403);
    expect((await call(null, 'POST', `/trainings/${s.id}/enrolments/me`)).statusCode).toBe(401);
    // the enrolment is one's own: a body naming anyone is refused
    const named = await call(trainee, 'POST', `/trainings/${s.id}/enrolments/me`, {
      userId: bystander.userId,
    });
    expect(named.statusCode).toBe(400);
    expect(errorOf(named).error.code).toBe('VALIDATION_FAILED');
    expect((await enrol(trainee, 'not-a-training')).statusCode).toBe(404);
    for (const [body, field] of [
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: 1.5 }, 'capacity'],
      [{ capacity: '10' }, 'capacity'],
      [{ audience: 'everyone' }, 'audience'],
    ] as const) {
      const res = await call(office, 'POST', '/trainings', {
        title: '坏的',
        startsAt: at(60),
        endsAt: at(90),
        ...body,
      });
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error.fields).toHaveProperty(field);
      const bad = await call(office, 'PATCH', `/trainings/${s.id}`, body);
      expect(bad.statusCode).toBe(400);
    }
    expect((await call(office, 'GET', `/trainings/${s.id}`)).json()).toMatchObject({
      audience: 'all',
      capacity: null,
      enrolled: 0,
    });
    const list = await call(trainee, 'GET', '/trainings?enrolment=nope');
    expect(list.statusCode).toBe(400);
  });
});
