import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yearOf } from '../src/domain/calendar.js';
import { loadScorecard } from '../src/modules/operations/scorecard.js';
import { documentWindow, putSummary } from '../src/modules/operations/service.js';
import { actorOf, beijing, type HomeFixture, makeActivity, makeHome } from './fixtures/operations.js';
import {
  as,
  errorOf,
  makeMember,
  multipartFile,
  type Session,
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
beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
  as(
    t.app,
    s,
  )({ method, url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as object }) });

/** A home and its director, signed in with the home_director role. */
async function homeWithDirector(fields: Parameters<typeof makeHome>[1] = {}) {
  const home = await makeHome(t.db, fields);
  const director = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
  return { home, director };
}

const PLAN = {
  content: '围绕乡村振兴开展协商议事',
  items: [
    { title: '春季协商座谈', quarter: 1, kind: 'consultation' },
    { title: '政策宣讲进社区', quarter: 2, kind: 'policy_talk' },
    { title: '委员活动日', quarter: 3, kind: 'activity_day' },
  ],
};

describe('annual plans', () => {
  it('lets the director submit a plan with items; a past year is late, a future one is not', async () => {
    const { home, director } = await homeWithDirector();
    const res = await call(director, 'PUT', `/homes/${home.id}/plans/2020`, PLAN);
    expect(res.statusCode, res.body).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ homeId: home.id, year: 2020, content: PLAN.content, late: true });
    expect(
      plan.items.map((i: { title: string; quarter: number; kind: string }) => [i.title, i.quarter, i.kind]),
    ).toEqual(PLAN.items.map((i) => [i.title, i.quarter, i.kind]));
    expect(
      plan.items.every((i: { id: string; activityIds: string[] }) => i.id && i.activityIds.length === 0),
    ).toBe(true);
    expect(new Date(plan.submittedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const got = await call(director, 'GET', `/homes/${home.id}/plans/2020`);
    expect(got.json()).toEqual(plan);

    const future = await call(director, 'PUT', `/homes/${home.id}/plans/2099`, PLAN);
    expect(future.json().late).toBe(false);
    expect((await call(director, 'GET', `/homes/${home.id}/plans/2021`)).statusCode).toBe(404);

    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', home.id)
      .where('action', '=', 'plan.submit')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('replaces the items but keeps the id (and the linked activities) of an unchanged title and quarter', async () => {
    const { home, director } = await homeWithDirector();
    const first = (await call(director, 'PUT', `/homes/${home.id}/plans/2099`, PLAN)).json();
    const kept = first.items[0];
    const activityId = await makeActivity(t.db, [home.id], '2099-02-10T09:00:00+08:00', 'planned', {
      planItemId: kept.id,
    });
    const res = await call(director, 'PUT', `/homes/${home.id}/plans/2099`, {
      content: '修订后的计划',
      items: [
        { title: '新增：调研视察', quarter: 4, kind: 'inspection' },
        { title: '春季协商座谈', quarter: 1, kind: 'grassroots_consultation' },
        { title: '政策宣讲进社区', quarter: 3, kind: 'policy_talk' },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const second = res.json();
    expect(second.content).toBe('修订后的计划');
    expect(second.submittedAt).toBe(first.submittedAt);
    expect(second.items.map((i: { title: string }) => i.title)).toEqual([
      '新增：调研视察',
      '春季协商座谈',
      '政策宣讲进社区',
    ]);
    expect(second.items[1]).toMatchObject({
      id: kept.id,
      kind: 'grassroots_consultation',
      activityIds: [activityId],
    });
    // quarter changed: a new item; the old ones are gone
    const oldIds = first.items.map((i: { id: string }) => i.id);
    expect(oldIds).not.toContain(second.items[2].id);
    expect(oldIds).not.toContain(second.items[0].id);
    const left = await t.db.selectFrom('homePlanItems').select('id').where('homeId', '=', home.id).execute();
    expect(left).toHaveLength(3);
  });

  it('is for who runs the home: the owner district yes, another district 404, an auditor 403', async () => {
    const { home } = await homeWithDirector();
    expect((await call(dongsheng, 'PUT', `/homes/${home.id}/plans/2099`, PLAN)).statusCode).toBe(200);
    expect((await call(office, 'GET', `/homes/${home.id}/plans/2099`)).statusCode).toBe(200);
    expect((await call(wushen, 'PUT', `/homes/${home.id}/plans/2099`, PLAN)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/homes/${home.id}/plans/2099`)).statusCode).toBe(404);
    const denied = await call(auditor, 'PUT', `/homes/${home.id}/plans/2099`, PLAN);
    expect(denied.statusCode).toBe(403);
    expect(errorOf(denied).error.code).toBe('FORBIDDEN');
    // a member of the home sees the plan but does not run the home
    const member = await makeMember(t.db);
    await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: member.id }).execute();
    const asMember = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], member.id);
    expect((await call(asMember, 'GET', `/homes/${home.id}/plans/2099`)).statusCode).toBe(200);
    expect((await call(asMember, 'PUT', `/homes/${home.id}/plans/2099`, PLAN)).statusCode).toBe(403);
  });

  it('checks the input, with Chinese messages per field', async () => {
    const { home, director } = await homeWithDirector();
    const bad = await call(director, 'PUT', `/homes/${home.id}/plans/2099`, {
      content: '',
      items: [{ title: '活动', quarter: 5, kind: 'party' }],
    });
    expect(bad.statusCode).toBe(400);
    const fields = errorOf(bad).error.fields ?? {};
    expect(fields.content).toMatch(/不能为空/);
    expect(fields['items.0.quarter']).toMatch(/季度/);
    expect(fields['items.0.kind']).toMatch(/活动类型/);
    const extra = await call(director, 'PUT', `/homes/${home.id}/plans/2099`, { ...PLAN, year: 2099 });
    expect(errorOf(extra).error.fields?.year).toBeDefined();
    const year = await call(director, 'PUT', `/homes/${home.id}/plans/1999`, PLAN);
    expect(year.statusCode).toBe(400);
    expect(errorOf(year).error.fields?.year).toMatch(/2000/);
  });
});

describe('annual summaries', () => {
  it("accepts this year's summary (not late) and changes it; refuses a year long past (409)", async () => {
    const { home, director } = await homeWithDirector();
    const year = yearOf(new Date());
    const res = await call(director, 'PUT', `/homes/${home.id}/summaries/${year}`, {
      content: '全年开展活动 12 次',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ homeId: home.id, year, content: '全年开展活动 12 次', late: false });
    const again = await call(director, 'PUT', `/homes/${home.id}/summaries/${year}`, { content: '修订' });
    expect(again.json()).toMatchObject({ content: '修订', submittedAt: res.json().submittedAt });
    expect((await call(director, 'GET', `/homes/${home.id}/summaries/${year}`)).json().content).toBe('修订');
    const old = await call(director, 'PUT', `/homes/${home.id}/summaries/2020`, { content: '补交' });
    expect(old.statusCode).toBe(409);
    expect(errorOf(old).error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/^已过修改期限/),
    });
    expect((await call(director, 'GET', `/homes/${home.id}/summaries/2020`)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/homes/${home.id}/summaries/${year}`)).statusCode).toBe(404);
  });

  it('marks a summary first submitted in January late, and closes edits after 31 January (Beijing)', async () => {
    const { home, director } = await homeWithDirector();
    const who = { actor: await actorOf(t.db, director.userId), ip: null };
    const onTime = await putSummary(t.db, who, home.id, 2025, '按时', beijing('2025-12-31T23:59:00'));
    expect(onTime.late).toBe(false);
    const { home: other } = await homeWithDirector();
    const otherWho = { actor: await actorOf(t.db, dongsheng.userId), ip: null };
    const late = await putSummary(t.db, otherWho, other.id, 2025, '补交', beijing('2026-01-15T10:00:00'));
    expect(late.late).toBe(true);
    const lastDay = await putSummary(t.db, who, home.id, 2025, '最后修改', beijing('2026-01-31T23:59:00'));
    expect(lastDay).toMatchObject({ content: '最后修改', late: false });
    await expect(
      putSummary(t.db, who, home.id, 2025, '太晚', beijing('2026-02-01T00:00:00')),
    ).rejects.toMatchObject({
      status: 409,
      code: 'CONFLICT',
    });
  });

  it('says until when a year may be written, and offers submit only while the server takes it', async () => {
    const { home, director } = await homeWithDirector();
    const year = yearOf(new Date());
    const window = async (s: Session, y: number) => call(s, 'GET', `/homes/${home.id}/summaries/${y}/window`);
    const open = await window(director, year);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toEqual({
      homeId: home.id,
      year,
      open: true,
      editableUntil: `${year + 1}-01-31`,
      allowedActions: ['submit'],
    });
    const closed = (await window(director, 2020)).json();
    expect(closed).toMatchObject({ open: false, editableUntil: '2021-01-31', allowedActions: [] });
    // what the window says is what PUT does
    expect(
      (await call(director, 'PUT', `/homes/${home.id}/summaries/2020`, { content: '补交' })).statusCode,
    ).toBe(409);
    expect(
      (await call(director, 'PUT', `/homes/${home.id}/summaries/${year}`, { content: '总结' })).statusCode,
    ).toBe(200);
    // the owner district runs the home; the office reads it; another district does not know it
    expect((await window(dongsheng, year)).json().allowedActions).toEqual(['submit']);
    expect((await window(office, year)).json()).toMatchObject({ open: true, allowedActions: [] });
    expect((await window(wushen, year)).statusCode).toBe(404);
    expect((await window(auditor, year)).statusCode).toBe(403);
  });

  it('closes the window at the first instant of 1 February, Beijing time', async () => {
    const { home, director } = await homeWithDirector();
    const actor = await actorOf(t.db, director.userId);
    const before = await documentWindow(
      t.db,
      actor,
      'summary',
      home.id,
      2025,
      beijing('2026-01-31T23:59:59'),
    );
    expect(before).toMatchObject({ open: true, allowedActions: ['submit'] });
    const after = await documentWindow(t.db, actor, 'summary', home.id, 2025, beijing('2026-02-01T00:00:00'));
    expect(after).toMatchObject({ open: false, allowedActions: [] });
  });
});

describe('the 六有 scorecard', () => {
  let a: HomeFixture;
  let b: HomeFixture;
  beforeAll(async () => {
    a = await makeHome(t.db, { plaqueAwardedOn: '2024-06-01' });
    b = await makeHome(t.db, { plaqueAwardedOn: '2024-06-01', venue: false, director: false });
    // 23:30 on 31 March Beijing time is still Q1; 07:00 on 1 April Beijing (23:00 UTC, 31 March) is Q2
    await makeActivity(t.db, [a.id, b.id], '2025-03-31T23:30:00+08:00', 'held');
    await makeActivity(t.db, [a.id], '2025-04-01T07:00:00+08:00', 'held');
    await makeActivity(t.db, [a.id], '2025-05-10T09:00:00+08:00', 'cancelled');
    await makeActivity(t.db, [a.id, b.id], '2025-08-10T09:00:00+08:00', 'planned');
    await makeActivity(t.db, [a.id], '2025-11-10T09:00:00+08:00', 'held');
    await makeActivity(t.db, [a.id], '2025-12-31T23:59:00+08:00', 'held');
    await makeActivity(t.db, [a.id], '2026-01-01T00:00:00+08:00', 'held');
  });

  it('answers exactly the shape of API.md, counting joint activities for both hosts', async () => {
    const res = await call(dongsheng, 'GET', `/homes/${a.id}/scorecard?year=2025`);
    expect(res.statusCode, res.body).toBe(200);
    const card = res.json();
    expect(Object.keys(card)).toEqual(['homeId', 'year', 'items', 'quarters', 'score']);
    expect(card.homeId).toBe(a.id);
    expect(card.year).toBe(2025);
    expect(card.items.map((i: { key: string }) => i.key)).toEqual([
      'organization',
      'signage',
      'venue',
      'rules',
      'operation',
      'evaluation',
    ]);
    expect(card.items).toEqual([
      { key: 'organization', ok: true, issues: [] },
      {
        key: 'signage',
        ok: false,
        issues: ['SIGN_NOT_POSTED', 'MEMBER_BOARD_NOT_POSTED', 'RULES_BOARD_NOT_POSTED'],
      },
      { key: 'venue', ok: true, issues: [] },
      { key: 'rules', ok: false, issues: ['RULES_NOT_POSTED'] },
      { key: 'operation', ok: false, issues: ['NO_PLAN', 'QUARTER_WITHOUT_ACTIVITY', 'NO_SUMMARY'] },
      { key: 'evaluation', ok: false, issues: ['NOT_EVALUATED'] },
    ]);
    expect(card.quarters).toEqual([
      { quarter: 1, activities: 1, ok: true, dueOn: '2025-03-31', state: 'met' },
      { quarter: 2, activities: 1, ok: true, dueOn: '2025-06-30', state: 'met' },
      { quarter: 3, activities: 0, ok: false, dueOn: '2025-09-30', state: 'missed' },
      { quarter: 4, activities: 2, ok: true, dueOn: '2025-12-31', state: 'met' },
    ]);
    expect(card.score).toBe(33);

    const joint = (await call(dongsheng, 'GET', `/homes/${b.id}/scorecard?year=2025`)).json();
    expect(joint.quarters.map((q: { activities: number }) => q.activities)).toEqual([1, 0, 0, 0]);
    expect(joint.items[0]).toEqual({ key: 'organization', ok: false, issues: ['NO_DIRECTOR'] });
    expect(joint.items[2]).toEqual({ key: 'venue', ok: false, issues: ['NO_VENUE'] });
    expect(joint.score).toBe(0);
  });

  it('does not judge the quarters before the plaque, and is for those who see the home', async () => {
    const young = await makeHome(t.db, { plaqueAwardedOn: '2025-05-20' });
    const card = (await call(office, 'GET', `/homes/${young.id}/scorecard?year=2025`)).json();
    expect(card.quarters.map((q: { state: string }) => q.state)).toEqual([
      'not_judged',
      'missed',
      'missed',
      'missed',
    ]);
    expect((await call(wushen, 'GET', `/homes/${a.id}/scorecard?year=2025`)).statusCode).toBe(404);
    expect((await call(auditor, 'GET', `/homes/${a.id}/scorecard?year=2025`)).statusCode).toBe(403);
    expect((await call(office, 'GET', `/homes/${a.id}/scorecard?year=20x5`)).statusCode).toBe(400);
  });

  it('judges the running year by the injected clock: a quarter is open, then at risk, then missed', async () => {
    const actor = await actorOf(t.db, dongsheng.userId);
    const c = await makeHome(t.db, { plaqueAwardedOn: '2024-06-01' });
    const early = await loadScorecard(t.db, actor, c.id, 2025, beijing('2025-02-01T12:00:00'));
    expect(early.quarters.map((q) => q.state)).toEqual(['open', 'open', 'open', 'open']);
    const late = await loadScorecard(t.db, actor, c.id, 2025, beijing('2025-03-20T12:00:00'));
    expect(late.quarters[0]).toMatchObject({ state: 'at_risk', activities: 0, ok: false });
    expect(late.items.find((i) => i.key === 'operation')?.issues).toEqual(['NO_PLAN']);
    const after = await loadScorecard(t.db, actor, c.id, 2025, beijing('2025-04-01T00:00:00'));
    expect(after.quarters[0]).toMatchObject({ state: 'missed' });
    expect(after.items.find((i) => i.key === 'operation')?.issues).toEqual([
      'NO_PLAN',
      'QUARTER_WITHOUT_ACTIVITY',
    ]);
    const nextYear = await loadScorecard(t.db, actor, c.id, 2025, beijing('2026-01-01T00:00:00'));
    expect(nextYear.items.find((i) => i.key === 'operation')?.issues).toEqual([
      'NO_PLAN',
      'QUARTER_WITHOUT_ACTIVITY',
      'NO_SUMMARY',
    ]);
  });

  it('counts the plan and summary of that year', async () => {
    const home = await makeHome(t.db, { plaqueAwardedOn: '2024-01-01' });
    for (const q of [2, 5, 8, 11])
      await makeActivity(t.db, [home.id], `2025-${String(q).padStart(2, '0')}-15T10:00:00+08:00`);
    await call(dongsheng, 'PUT', `/homes/${home.id}/plans/2025`, PLAN);
    const who = { actor: await actorOf(t.db, dongsheng.userId), ip: null };
    await putSummary(t.db, who, home.id, 2025, '总结', beijing('2025-12-20T10:00:00'));
    const card = (await call(dongsheng, 'GET', `/homes/${home.id}/scorecard?year=2025`)).json();
    expect(card.items.find((i: { key: string }) => i.key === 'operation')).toEqual({
      key: 'operation',
      ok: true,
      issues: [],
    });
  });
});

describe('rules', () => {
  const rule = (title: string, extra: object = {}) => ({
    title,
    body: `${title}的内容`,
    version: '2025版',
    effectiveOn: '2025-01-01',
    ...extra,
  });

  it('are issued by the office only; a district clerk or a director may not issue unified rules', async () => {
    const res = await call(office, 'POST', '/rules', rule('委员之家工作制度'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      homeId: null,
      title: '委员之家工作制度',
      version: '2025版',
      current: true,
    });
    const clerk = await call(dongsheng, 'POST', '/rules', rule('旗区自定制度'));
    expect(clerk.statusCode).toBe(403);
    const { director } = await homeWithDirector();
    expect((await call(director, 'POST', '/rules', rule('负责人自定制度'))).statusCode).toBe(403);
    expect((await call(auditor, 'POST', '/rules', rule('审计制度'))).statusCode).toBe(403);
    const duplicate = await call(office, 'POST', '/rules', rule('委员之家工作制度'));
    expect(duplicate.statusCode).toBe(409);
    const bad = await call(office, 'POST', '/rules', { ...rule('x'), effectiveOn: '2025-13-01', extra: 1 });
    expect(Object.keys(errorOf(bad).error.fields ?? {}).sort()).toEqual(['effectiveOn', 'extra']);
  });

  it('has a current version per title: the latest already in effect', async () => {
    await call(
      office,
      'POST',
      '/rules',
      rule('委员值班制度', { version: '2024版', effectiveOn: '2024-01-01' }),
    );
    await call(
      office,
      'POST',
      '/rules',
      rule('委员值班制度', { version: '2025版', effectiveOn: '2025-03-01' }),
    );
    await call(
      office,
      'POST',
      '/rules',
      rule('委员值班制度', { version: '2099版', effectiveOn: '2099-01-01' }),
    );
    const list = (await call(dongsheng, 'GET', '/rules')).json();
    const duty = list.filter((r: { title: string }) => r.title === '委员值班制度');
    expect(duty.map((r: { version: string; current: boolean }) => [r.version, r.current])).toEqual([
      ['2099版', false],
      ['2025版', true],
      ['2024版', false],
    ]);
    expect(list.every((r: { homeId: string | null }) => r.homeId === null)).toBe(true);
  });

  it("lets who runs a home add supplementary rules, listed with the home's", async () => {
    const { home, director } = await homeWithDirector();
    const res = await call(director, 'POST', '/rules', rule('议事规则', { homeId: home.id }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ homeId: home.id, current: true });
    expect((await call(wushen, 'POST', '/rules', rule('越界', { homeId: home.id }))).statusCode).toBe(404);
    const withHome = (await call(director, 'GET', `/rules?homeId=${home.id}`)).json();
    expect(withHome.some((r: { id: string }) => r.id === res.json().id)).toBe(true);
    expect(
      (await call(office, 'GET', '/rules')).json().some((r: { id: string }) => r.id === res.json().id),
    ).toBe(false);
    expect((await call(wushen, 'GET', `/rules?homeId=${home.id}`)).statusCode).toBe(404);
    const view = (await call(director, 'GET', `/homes/${home.id}/rules`)).json();
    expect(view.supplementary.map((r: { title: string }) => r.title)).toEqual(['议事规则']);
  });

  it('are posted at a home; once every unified rule in force is posted the scorecard is satisfied', async () => {
    await call(office, 'POST', '/rules', rule('委员联系群众制度'));
    const { home, director } = await homeWithDirector();
    const before = (await call(director, 'GET', `/homes/${home.id}/rules`)).json();
    expect(Object.keys(before)).toEqual(['unified', 'supplementary', 'allCurrentPosted']);
    expect(before.allCurrentPosted).toBe(false);
    expect(
      before.unified.every((r: { posted: boolean; postedOn: null }) => !r.posted && r.postedOn === null),
    ).toBe(true);
    const year = yearOf(new Date());
    const cardBefore = (await call(director, 'GET', `/homes/${home.id}/scorecard?year=${year}`)).json();
    expect(cardBefore.items[3]).toEqual({ key: 'rules', ok: false, issues: ['RULES_NOT_POSTED'] });

    const current = before.unified
      .filter((r: { current: boolean }) => r.current)
      .map((r: { id: string }) => r.id);
    const partly = await call(director, 'PUT', `/homes/${home.id}/rule-postings`, {
      ruleIds: current.slice(1),
      postedOn: '2025-06-01',
    });
    expect(partly.statusCode, partly.body).toBe(200);
    expect(partly.json().allCurrentPosted).toBe(false);
    const all = await call(director, 'PUT', `/homes/${home.id}/rule-postings`, {
      ruleIds: current,
      postedOn: '2025-06-02',
    });
    expect(all.json().allCurrentPosted).toBe(true);
    const posted = all.json().unified.find((r: { id: string }) => r.id === current[0]);
    expect(posted).toMatchObject({ posted: true, postedOn: '2025-06-02' });
    const card = (await call(director, 'GET', `/homes/${home.id}/scorecard?year=${year}`)).json();
    expect(card.items[3]).toEqual({ key: 'rules', ok: true, issues: [] });

    const unknown = await call(director, 'PUT', `/homes/${home.id}/rule-postings`, {
      ruleIds: ['00000000-0000-0000-0000-000000000000'],
      postedOn: '2025-06-02',
    });
    expect(errorOf(unknown).error.fields?.ruleIds).toBeDefined();
    const future = await call(director, 'PUT', `/homes/${home.id}/rule-postings`, {
      ruleIds: current,
      postedOn: '2099-01-01',
    });
    expect(errorOf(future).error.fields?.postedOn).toBeDefined();
    expect(
      (
        await call(auditor, 'PUT', `/homes/${home.id}/rule-postings`, {
          ruleIds: current,
          postedOn: '2025-06-02',
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('signage', () => {
  const upload = (s: Session, homeId: string, buffer: Buffer, filename: string, type: string) =>
    as(
      t.app,
      s,
    )({
      method: 'POST',
      url: `/api/v1/homes/${homeId}/attachments`,
      ...multipartFile(filename, buffer, type),
    });

  it('lists the three signs, records them with a photo of the home, and satisfies 六有 ②', async () => {
    const { home, director } = await homeWithDirector();
    const empty = await call(director, 'GET', `/homes/${home.id}/signage`);
    expect(empty.json()).toEqual([
      { item: 'outdoor_sign', postedOn: null, photoId: null },
      { item: 'member_board', postedOn: null, photoId: null },
      { item: 'rules_board', postedOn: null, photoId: null },
    ]);
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    const photo = await upload(director, home.id, png, '户外标牌.png', 'image/png');
    expect(photo.statusCode, photo.body).toBe(201);
    const res = await call(director, 'PUT', `/homes/${home.id}/signage/outdoor_sign`, {
      postedOn: '2025-05-01',
      photoId: photo.json().id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ item: 'outdoor_sign', postedOn: '2025-05-01', photoId: photo.json().id });

    const pdf = await upload(director, home.id, Buffer.from('%PDF-1.4\n%%EOF\n'), 'a.pdf', 'application/pdf');
    const notImage = await call(director, 'PUT', `/homes/${home.id}/signage/member_board`, {
      postedOn: '2025-05-01',
      photoId: pdf.json().id,
    });
    expect(notImage.statusCode).toBe(400);
    expect(errorOf(notImage).error.fields?.photoId).toBeDefined();
    const { home: other, director: otherDirector } = await homeWithDirector();
    const foreign = await upload(otherDirector, other.id, png, 'x.png', 'image/png');
    const notOurs = await call(director, 'PUT', `/homes/${home.id}/signage/member_board`, {
      postedOn: '2025-05-01',
      photoId: foreign.json().id,
    });
    expect(notOurs.statusCode).toBe(400);
    const unknownItem = await call(director, 'PUT', `/homes/${home.id}/signage/flag`, {
      postedOn: '2025-05-01',
    });
    expect(unknownItem.statusCode).toBe(400);
    expect((await call(wushen, 'GET', `/homes/${home.id}/signage`)).statusCode).toBe(404);
    expect(
      (await call(auditor, 'PUT', `/homes/${home.id}/signage/member_board`, { postedOn: '2025-05-01' }))
        .statusCode,
    ).toBe(403);

    await call(director, 'PUT', `/homes/${home.id}/signage/member_board`, { postedOn: '2025-05-02' });
    await call(dongsheng, 'PUT', `/homes/${home.id}/signage/rules_board`, { postedOn: '2025-05-03' });
    const all = (await call(director, 'GET', `/homes/${home.id}/signage`)).json();
    expect(all.map((s: { postedOn: string }) => s.postedOn)).toEqual([
      '2025-05-01',
      '2025-05-02',
      '2025-05-03',
    ]);
    const card = (await call(director, 'GET', `/homes/${home.id}/scorecard?year=2025`)).json();
    expect(card.items[1]).toEqual({ key: 'signage', ok: true, issues: [] });
  });
});
