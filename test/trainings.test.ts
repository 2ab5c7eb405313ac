import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../src/domain/calendar.js';
import {
  as,
  errorOf,
  makeMember,
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
    expect((await call(trainee, 'GET', `/trainings/${s.id}/certificate/${trainee.userId}`)).statusCode).toBe(
      409,
    );

    const done = await call(trainee, 'POST', `/training-checkin/${s.checkinCode.toLowerCase()}`);
    expect(done.statusCode).toBe(200);
    expect(done.json().mine.attendedAt).toBeTruthy();
    // the trainee does not see the organisers' view
    expect(done.json()).toMatchObject({ checkinCode: null, enrolments: [], allowedActions: [] });

    const cert = await call(trainee, 'GET', `/trainings/${s.id}/certificate/${trainee.userId}`);
    expect(cert.json()).toMatchObject({ name: '学员委员', title: '委员之家工作人员培训' });
    expect(
      (await call(bystander, 'GET', `/trainings/${s.id}/certificate/${trainee.userId}`)).statusCode,
    ).toBe(404);
    expect(
      (await call(office, 'GET', `/trainings/${s.id}/certificate/${trainee.userId}`)).json().number,
    ).toBe(cert.json().number);

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
    const boundary = '----cmh';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="讲义.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: `/api/v1/trainings/${s.id}/materials`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
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
