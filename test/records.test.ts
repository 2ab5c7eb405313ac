import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULESET } from '../src/domain/duty-record.js';
import { refreshDutyRecords } from '../src/modules/records/compute.js';
import { makeActivity } from './fixtures/operations.js';
import { makeOpinion } from './fixtures/opinions.js';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
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
let home: HomeFixture;

const THIS_YEAR = new Date().getUTCFullYear();
const LAST_YEAR = THIS_YEAR - 1;
/** Noon on a day of a year, Beijing time. */
const on = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day, 4)).toISOString();

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  home = await makeHome(t.db, { name: '档案测试之家' });
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

interface Entry {
  key: string;
  item: string;
  sourceType: string;
  sourceId: string;
  points: number;
  rawPoints: number;
  occurredOn: string;
  adjustment: { reason: string } | null;
}
const recordOf = async (s: Session, memberId: string, year = THIS_YEAR) => {
  const res = await call(s, 'GET', `/members/${memberId}/duty-record?year=${year}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    total: number;
    entries: Entry[];
    categories: { category: string; points: number }[];
  };
};

/** A member of the test home, with an account. */
async function memberWithAccount(name: string) {
  const member = await makeMember(t.db, { name });
  await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: member.id }).execute();
  return { ...member, session: await signedInAs(t.app, t.db, [], member.id) };
}

describe('a member’s duty record builds itself from what happened', () => {
  it('credits attendance, a duty day, opinions, a proposal, a report and a problem, each traced to its source', async () => {
    const m = await memberWithAccount('履职委员甲');
    const attended = await makeActivity(t.db, [home.id], on(THIS_YEAR, 3, 10), 'held', {
      attendeeMemberIds: [m.id],
    });
    const dutyDay = await makeActivity(t.db, [home.id], on(THIS_YEAR, 4, 2), 'held', {
      attendeeMemberIds: [m.id],
    });
    await t.db
      .updateTable('activities')
      .set({ kind: 'duty_day', function: 'duty' })
      .where('id', '=', dutyDay)
      .execute();
    // not held, or last year: no credit this year
    await makeActivity(t.db, [home.id], on(THIS_YEAR, 5, 2), 'cancelled', { attendeeMemberIds: [m.id] });
    await makeActivity(t.db, [home.id], on(LAST_YEAR, 12, 30), 'held', { attendeeMemberIds: [m.id] });

    // an opinion the member drafted, submitted and the office adopted, through the API
    const opinion = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'drafted',
      assignedMemberId: m.id,
    });
    expect(
      (await call(m.session, 'POST', `/opinions/${opinion.id}/transitions`, { action: 'submit' })).statusCode,
    ).toBe(200);
    await call(office, 'POST', `/opinions/${opinion.id}/transitions`, {
      action: 'adopt',
      data: { level: 'municipal' },
    });

    const proposal = await call(dongsheng, 'POST', '/proposals', {
      title: '关于加快牧区道路建设的提案',
      submittedOn: `${THIS_YEAR}-01-15`,
      status: 'filed',
      decidedOn: `${THIS_YEAR}-02-01`,
      leadMemberId: m.id,
      homeId: home.id,
    });
    expect(proposal.statusCode).toBe(201);
    const report = await call(dongsheng, 'POST', '/research-reports', {
      title: '牧区养老服务调研报告',
      completedOn: `${THIS_YEAR}-06-30`,
      memberIds: [m.id],
      activityId: attended,
    });
    expect(report.statusCode).toBe(201);
    const problem = await call(dongsheng, 'POST', '/problems', {
      homeId: home.id,
      title: '取暖困难',
      description: '暖气不热',
      handlerMemberId: m.id,
    });
    await call(dongsheng, 'PATCH', `/problems/${problem.json().id}`, {
      result: '已修好',
      status: 'resolved',
    });

    const record = await recordOf(m.session, m.id);
    const got = record.entries.map((e) => `${e.item}:${e.sourceType}:${e.sourceId}:${e.points}`).sort();
    expect(got).toEqual(
      [
        `activity_attended:activity:${attended}:2`,
        `duty_shift_served:activity:${dutyDay}:2`,
        `opinion_submitted:opinion:${opinion.id}:5`,
        `opinion_adopted:opinion:${opinion.id}:5`,
        `proposal_submitted:proposal:${proposal.json().id}:10`,
        `proposal_filed:proposal:${proposal.json().id}:5`,
        `research_report:research_report:${report.json().id}:5`,
        `problem_resolved:problem:${problem.json().id}:3`,
      ].sort(),
    );
    expect(record.total).toBe(37);
    const byCategory = Object.fromEntries(record.categories.map((c) => [c.category, c.points]));
    expect(byCategory).toMatchObject({
      activity: 2,
      duty: 2,
      opinion: 10,
      proposal: 15,
      research: 5,
      service: 3,
    });
    // last year's activity is in last year's record
    expect((await recordOf(m.session, m.id, LAST_YEAR)).total).toBe(2);
  });

  it('counts entries in date order until a cap: per item, then per category', async () => {
    const m = await memberWithAccount('活跃委员乙');
    // 25 activities × 2 points, the category caps at 40: the last five count 0
    const activities: string[] = [];
    for (let i = 0; i < 25; i++) {
      activities.push(
        await makeActivity(t.db, [home.id], on(THIS_YEAR, 1 + Math.floor(i / 3), 1 + (i % 3) * 9), 'held', {
          attendeeMemberIds: [m.id],
        }),
      );
    }
    // six co-signed proposals × 3, the item caps at 15
    for (let i = 0; i < 6; i++) {
      const lead = await makeMember(t.db);
      const res = await call(dongsheng, 'POST', '/proposals', {
        title: `联名提案${i}`,
        submittedOn: `${THIS_YEAR}-03-${String(10 + i).padStart(2, '0')}`,
        leadMemberId: lead.id,
        cosignerMemberIds: [m.id],
      });
      expect(res.statusCode).toBe(201);
    }
    const record = await recordOf(office, m.id);
    const activity = record.entries.filter((e) => e.item === 'activity_attended');
    expect(activity).toHaveLength(25);
    expect(activity.reduce((s, e) => s + e.points, 0)).toBe(40);
    // the zeroes are the latest ones
    const sorted = [...activity].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
    expect(sorted.slice(-5).every((e) => e.points === 0 && e.rawPoints === 2)).toBe(true);
    const cosigned = record.entries.filter((e) => e.item === 'proposal_cosigned');
    expect(cosigned.map((e) => e.points)).toEqual([3, 3, 3, 3, 3, 0]);
    expect(record.total).toBe(55);
  });
});

describe('rules, years and corrections', () => {
  it('recomputes an open year when its rules change, and never a closed one', async () => {
    const m = await memberWithAccount('规则委员丙');
    await makeActivity(t.db, [home.id], on(LAST_YEAR, 6, 1), 'held', { attendeeMemberIds: [m.id] });
    await makeActivity(t.db, [home.id], on(THIS_YEAR, 6, 1), 'held', { attendeeMemberIds: [m.id] });
    const close = await call(office, 'POST', `/duty-years/${LAST_YEAR}/close`);
    expect(close.statusCode).toBe(200);
    expect(close.json()).toMatchObject({ year: LAST_YEAR, closed: true });
    // this year cannot be closed yet
    expect((await call(office, 'POST', `/duty-years/${THIS_YEAR}/close`)).statusCode).toBe(400);

    const richer = {
      note: '参加活动 3 分',
      categories: DEFAULT_RULESET.categories,
      rules: DEFAULT_RULESET.rules.map((r) => (r.item === 'activity_attended' ? { ...r, points: 3 } : r)),
    };
    const refused = await call(office, 'PUT', `/point-rules/${LAST_YEAR}`, richer);
    expect(refused.statusCode).toBe(409);
    const saved = await call(office, 'PUT', `/point-rules/${THIS_YEAR}`, richer);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().recomputedYears).toEqual([THIS_YEAR]);

    expect((await recordOf(office, m.id, THIS_YEAR)).total).toBe(3);
    expect((await recordOf(office, m.id, LAST_YEAR)).total).toBe(2);
    // the stored list of this year was rebuilt with the new rules too
    const list = (
      await call(office, 'GET', `/duty-records?year=${THIS_YEAR}&q=${encodeURIComponent('规则委员丙')}`)
    ).json();
    expect(list.items[0]).toMatchObject({ name: '规则委员丙', points: 3 });
    expect((await call(office, 'GET', `/point-rules?year=${THIS_YEAR}`)).json().validFromYear).toBe(
      THIS_YEAR,
    );
    expect((await call(office, 'GET', `/point-rules?year=${LAST_YEAR}`)).json().validFromYear).toBe(2021);
    // put this year's rules back for the other tests
    await call(office, 'PUT', `/point-rules/${THIS_YEAR}`, {
      categories: DEFAULT_RULESET.categories,
      rules: DEFAULT_RULESET.rules,
    });
  });

  it('refuses a ruleset that names a missing category, field by field', async () => {
    const res = await call(office, 'PUT', `/point-rules/${THIS_YEAR}`, {
      categories: [{ category: 'activity', label: '活动', cap: null }],
      rules: [
        { item: 'research_report', category: 'research', label: '调研', points: 5, unit: '篇', cap: null },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty(['rules.0.category']);
    expect(
      (await call(dongsheng, 'PUT', `/point-rules/${THIS_YEAR}`, { categories: [], rules: [] })).statusCode,
    ).toBe(403);
  });

  it('lets staff correct an entry with a reason, and undo it; the member flags what is missing', async () => {
    const m = await memberWithAccount('更正委员丁');
    const activity = await makeActivity(t.db, [home.id], on(THIS_YEAR, 2, 3), 'held', {
      attendeeMemberIds: [m.id],
    });
    const noReason = await call(dongsheng, 'POST', `/members/${m.id}/duty-record/adjustments`, {
      year: THIS_YEAR,
      item: 'activity_attended',
      sourceId: activity,
      points: 4,
    });
    expect(noReason.statusCode).toBe(400);
    expect(errorOf(noReason).error.fields).toHaveProperty('reason');

    const corrected = await call(dongsheng, 'POST', `/members/${m.id}/duty-record/adjustments`, {
      year: THIS_YEAR,
      item: 'activity_attended',
      sourceId: activity,
      points: 4,
      reason: '担任活动主持人',
    });
    expect(corrected.statusCode).toBe(200);
    const entry = corrected.json().entries.find((e: Entry) => e.sourceId === activity);
    expect(entry).toMatchObject({ points: 4, adjustment: { reason: '担任活动主持人' } });

    const added = await call(dongsheng, 'POST', `/members/${m.id}/duty-record/adjustments`, {
      year: THIS_YEAR,
      item: 'other',
      title: '参加自治区政协专题培训',
      occurredOn: `${THIS_YEAR}-05-20`,
      points: 3,
      reason: '线下培训未录入系统',
    });
    expect(added.json().total).toBe(7);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', '=', 'duty.adjust')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(2);

    const adjustmentId = entry.adjustment.id as string;
    const undone = await call(dongsheng, 'POST', `/duty-adjustments/${adjustmentId}/revoke`, {
      reason: '误录',
    });
    expect(undone.json().total).toBe(5);

    // the member cannot correct, but can flag a missing entry; staff answer it
    const self = await call(m.session, 'POST', `/members/${m.id}/duty-record/adjustments`, {
      year: THIS_YEAR,
      item: 'other',
      title: '自己加分',
      occurredOn: `${THIS_YEAR}-05-21`,
      points: 10,
      reason: '想加分',
    });
    expect(self.statusCode).toBe(403);
    // what each may do is in the record's allowedActions: the member flags, the staff adjust
    expect((await call(m.session, 'GET', `/members/${m.id}/duty-record`)).json().allowedActions).toEqual([
      'flag',
    ]);
    expect((await call(dongsheng, 'GET', `/members/${m.id}/duty-record`)).json().allowedActions).toEqual([
      'adjust',
    ]);
    const viceChair = await signedInAs(t.app, t.db, [{ role: 'vice_chair', scopeId: 'district-150602' }]);
    expect((await call(viceChair, 'GET', `/members/${m.id}/duty-record`)).json().allowedActions).toEqual([]);
    const flag = await call(m.session, 'POST', `/members/${m.id}/duty-record/flags`, {
      year: THIS_YEAR,
      description: '3 月参加的协商座谈会没有记录',
    });
    expect(flag.statusCode).toBe(201);
    expect(flag.json().allowedActions).toEqual([]);
    const open = (await call(dongsheng, 'GET', '/duty-flags?status=open')).json();
    expect(open.items.find((f: { id: string }) => f.id === flag.json().id).allowedActions).toEqual([
      'resolve',
    ]);
    // a vice chair reads the flags along, and answers none (the server would refuse)
    const seen = (await call(viceChair, 'GET', '/duty-flags?status=open')).json();
    expect(seen.items.find((f: { id: string }) => f.id === flag.json().id).allowedActions).toEqual([]);
    expect(
      (
        await call(viceChair, 'POST', `/duty-flags/${flag.json().id}/resolve`, {
          status: 'resolved',
          response: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const resolved = await call(dongsheng, 'POST', `/duty-flags/${flag.json().id}/resolve`, {
      status: 'resolved',
      response: '已补录',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', response: '已补录', allowedActions: [] });
    expect(
      (
        await call(dongsheng, 'POST', `/duty-flags/${flag.json().id}/resolve`, {
          status: 'rejected',
          response: 'x',
        })
      ).statusCode,
    ).toBe(409);
  });
});

describe('who sees which records', () => {
  it('shows a member their own record, staff the members in scope, and nobody else', async () => {
    const m = await memberWithAccount('范围委员戊');
    const other = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
    expect((await call(m.session, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(200);
    expect((await call(other, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(404);
    expect((await call(dongsheng, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(200);
    expect((await call(auditor, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(403);
    expect((await call(m.session, 'GET', '/duty-records')).statusCode).toBe(403);
    expect(
      (
        await call(other, 'POST', `/members/${m.id}/duty-record/flags`, {
          year: THIS_YEAR,
          description: '冒名',
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(wushen, 'POST', '/duty-records/recompute', { year: THIS_YEAR })).statusCode).toBe(403);
    expect((await call(null, 'GET', `/members/${m.id}/duty-record`)).statusCode).toBe(401);
    // wushen's list does not hold a dongsheng district member
    await call(office, 'POST', '/duty-records/recompute', { year: THIS_YEAR });
    const list = (
      await call(
        wushen,
        'GET',
        `/duty-records?year=${THIS_YEAR}&pageSize=200&q=${encodeURIComponent('范围委员戊')}`,
      )
    ).json();
    expect(list.total).toBe(0);
  });

  it('rebuilds the stored records in the hourly job, the same however often it runs', async () => {
    const m = await memberWithAccount('每小时委员己');
    await makeActivity(t.db, [home.id], on(THIS_YEAR, 7, 7), 'held', { attendeeMemberIds: [m.id] });
    const hour = new Date(Date.now() + 5 * 3600_000);
    const [a, b] = await Promise.all([refreshDutyRecords(t.db, hour), refreshDutyRecords(t.db, hour)]);
    expect(a.years).toContain(THIS_YEAR);
    expect(b.years).toEqual(a.years);
    const list = (
      await call(office, 'GET', `/duty-records?year=${THIS_YEAR}&q=${encodeURIComponent('每小时委员己')}`)
    ).json();
    expect(list.items[0].points).toBe(2);
  });

  it('ranks everyone by points and exports the same list to Excel', async () => {
    const recomputed = await call(office, 'POST', '/duty-records/recompute', { year: THIS_YEAR });
    expect(recomputed.json()).toMatchObject({ year: THIS_YEAR, members: expect.any(Number) });
    const list = (await call(dongsheng, 'GET', `/duty-records?year=${THIS_YEAR}&pageSize=200`)).json();
    const points = list.items.map((i: { points: number }) => i.points);
    expect(points).toEqual([...points].sort((a: number, b: number) => b - a));
    expect(list.items[0].rank).toBe(1);
    expect(list.computedAt).not.toBeNull();
    const res = await call(dongsheng, 'GET', `/duty-records/export.xlsx?year=${THIS_YEAR}`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const names: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(2).value) names.push(String(row.getCell(2).value));
    });
    expect(names.slice(0, list.items.length)).toEqual(list.items.map((i: { name: string }) => i.name));
  });
});

describe('proposals and research reports', () => {
  it('validates members and dates, and keeps them in scope', async () => {
    const m = await makeMember(t.db);
    const wushenMember = await makeMember(t.db, { orgUnitId: 'district-150626' });
    const bad = await call(dongsheng, 'POST', '/proposals', {
      title: '跨旗区的提案',
      submittedOn: `${THIS_YEAR}-03-01`,
      leadMemberId: wushenMember.id,
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.fields).toHaveProperty('leadMemberId');
    const early = await call(dongsheng, 'POST', '/proposals', {
      title: '立案早于提交',
      submittedOn: `${THIS_YEAR}-03-01`,
      status: 'filed',
      decidedOn: `${THIS_YEAR}-02-01`,
      leadMemberId: m.id,
    });
    expect(errorOf(early).error.fields).toHaveProperty('decidedOn');
    const ok = await call(dongsheng, 'POST', '/proposals', {
      title: '东胜区提案',
      submittedOn: `${THIS_YEAR}-03-01`,
      leadMemberId: m.id,
    });
    expect(ok.json()).toMatchObject({
      status: 'pending',
      lead: { id: m.id },
      year: THIS_YEAR,
      allowedActions: ['update'],
    });
    expect((await call(wushen, 'GET', `/proposals/${ok.json().id}`)).statusCode).toBe(404);
    expect((await call(wushen, 'PATCH', `/proposals/${ok.json().id}`, { status: 'filed' })).statusCode).toBe(
      404,
    );
    const member = await signedInAs(t.app, t.db, [], m.id);
    const own = await call(member, 'GET', `/proposals/${ok.json().id}`);
    expect(own.statusCode).toBe(200);
    expect(own.json().allowedActions).toEqual([]);
    // staff who may not name every member on it are not offered 'update' (saving would fail)
    const shared = await call(office, 'POST', '/proposals', {
      title: '跨旗区联名提案',
      submittedOn: `${THIS_YEAR}-03-02`,
      leadMemberId: m.id,
      cosignerMemberIds: [wushenMember.id],
    });
    expect(shared.json().allowedActions).toEqual(['update']);
    const seenByDongsheng = await call(dongsheng, 'GET', `/proposals/${shared.json().id}`);
    expect(seenByDongsheng.json().allowedActions).toEqual([]);
    expect(
      (await call(dongsheng, 'PATCH', `/proposals/${shared.json().id}`, { status: 'filed' })).statusCode,
    ).toBe(403);
    // a proposal another district's staff see through a municipal co-signer is not theirs to rewrite:
    // naming only members they may name does not take the 东胜区 members off it
    const municipal = await makeMember(t.db, { level: 'municipal' });
    const joint = await call(office, 'POST', '/proposals', {
      title: '东胜区与市级委员联名提案',
      submittedOn: `${THIS_YEAR}-03-03`,
      leadMemberId: m.id,
      cosignerMemberIds: [municipal.id],
    });
    expect((await call(wushen, 'GET', `/proposals/${joint.json().id}`)).json().allowedActions).toEqual([]);
    const rewrite = await call(wushen, 'PATCH', `/proposals/${joint.json().id}`, {
      leadMemberId: municipal.id,
      cosignerMemberIds: [wushenMember.id],
    });
    expect(rewrite.statusCode).toBe(403);
    const kept = (await call(office, 'GET', `/proposals/${joint.json().id}`)).json();
    expect([kept.lead.id, ...kept.cosigners.map((c: { id: string }) => c.id)]).toEqual([m.id, municipal.id]);
    const report = await call(dongsheng, 'POST', '/research-reports', {
      title: '东胜区调研报告',
      completedOn: `${THIS_YEAR}-04-01`,
      memberIds: [m.id],
    });
    expect(report.json().allowedActions).toEqual(['update']);
    expect(
      (await call(member, 'GET', `/research-reports/${report.json().id}`)).json().allowedActions,
    ).toEqual([]);
    expect(
      (
        await call(member, 'POST', '/proposals', {
          title: 'x',
          submittedOn: '2026-01-01',
          leadMemberId: m.id,
        })
      ).statusCode,
    ).toBe(403);
    expect((await call(auditor, 'GET', '/research-reports')).statusCode).toBe(403);
    const noMembers = await call(dongsheng, 'POST', '/research-reports', {
      title: '无人报告',
      completedOn: `${THIS_YEAR}-03-01`,
      memberIds: [],
    });
    expect(errorOf(noMembers).error.fields).toHaveProperty('memberIds');
  });
});

describe('proposals and research reports exported', () => {
  const query = `year=${THIS_YEAR}&q=${encodeURIComponent('导出测试')}`;
  /** The list's items of every page (at most 200 a page), for the same filters. */
  const listed = async (s: Session, path: string, filters: string) => {
    const res = await call(s, 'GET', `${path}?${filters}&pageSize=200`);
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: { title: string }[] };
  };
  const exported = (s: Session | null, path: string, filters = '') =>
    call(s, 'GET', `${path}/export.xlsx${filters ? `?${filters}` : ''}`);
  /** A row's cells under the headings, an empty cell as '' (the sheet leaves it out). */
  const cells = (rows: string[][], n: number) => Array.from(rows[0]!, (_, i) => rows[n]![i] ?? '');

  const propose = (s: Session, title: string, submittedOn: string, leadMemberId: string) =>
    call(s, 'POST', '/proposals', { title, submittedOn, leadMemberId });

  let mine: { id: string; name: string };
  let cosigner: { id: string; name: string };
  let theirs: { id: string; name: string };
  beforeAll(async () => {
    mine = await makeMember(t.db, { name: '导出领衔委员' });
    cosigner = await makeMember(t.db, { name: '导出联名委员' });
    theirs = await makeMember(t.db, { orgUnitId: 'district-150626', name: '乌审导出委员' });
    const made = [
      await call(dongsheng, 'POST', '/proposals', {
        title: '导出测试提案甲',
        number: 'T-001',
        submittedOn: `${THIS_YEAR}-03-05`,
        status: 'filed',
        decidedOn: `${THIS_YEAR}-03-20`,
        handlingResult: '已办结',
        leadMemberId: mine.id,
        cosignerMemberIds: [cosigner.id],
        homeId: home.id,
      }),
      await propose(dongsheng, '导出测试提案乙', `${THIS_YEAR}-04-01`, cosigner.id),
      await propose(wushen, '导出测试提案乌审', `${THIS_YEAR}-04-02`, theirs.id),
      // another year's proposal stays out of this year's file
      await propose(dongsheng, '导出测试提案去年', `${LAST_YEAR}-05-01`, mine.id),
      await call(dongsheng, 'POST', '/research-reports', {
        title: '导出测试调研报告甲',
        summary: '牧区饮水调研',
        completedOn: `${THIS_YEAR}-05-01`,
        memberIds: [mine.id, cosigner.id],
        homeId: home.id,
      }),
      // one the search does not find
      await call(dongsheng, 'POST', '/research-reports', {
        title: '另一份调研报告',
        completedOn: `${THIS_YEAR}-05-03`,
        memberIds: [mine.id],
      }),
      await call(wushen, 'POST', '/research-reports', {
        title: '导出测试调研报告乌审',
        completedOn: `${THIS_YEAR}-05-02`,
        memberIds: [theirs.id],
      }),
    ];
    expect(made.map((r) => r.statusCode)).toEqual(made.map(() => 201));
  });

  it('writes every proposal the list finds for the actor, with the list’s columns as the page shows them', async () => {
    const list = await listed(dongsheng, '/proposals', query);
    expect(list.items.map((p) => p.title)).toEqual(['导出测试提案乙', '导出测试提案甲']);
    const rows = await sheetRows(await exported(dongsheng, '/proposals', query));
    expect(rows[0]).toEqual([
      '提案号',
      '提案标题',
      '领衔委员',
      '联名委员',
      '状态',
      '提交日期',
      '立案审查日期',
      '办理结果',
      '委员之家',
      '相关活动',
    ]);
    expect(rows).toHaveLength(list.total + 1);
    expect(rows.slice(1).map((r) => r[1])).toEqual(list.items.map((p) => p.title));
    expect(cells(rows, 2)).toEqual([
      'T-001',
      '导出测试提案甲',
      mine.name,
      cosigner.name,
      '立案',
      `${THIS_YEAR}-03-05`,
      `${THIS_YEAR}-03-20`,
      '已办结',
      home.name,
      '',
    ]);
    expect(rows[1]![4]).toBe('待立案');
    // the list's status filter holds in the file too
    const filed = await sheetRows(await exported(dongsheng, '/proposals', `${query}&status=filed`));
    expect(filed.slice(1).map((r) => r[1])).toEqual(['导出测试提案甲']);
    // the whole register, not one page
    const all = await listed(dongsheng, '/proposals', `year=${THIS_YEAR}`);
    expect(await sheetRows(await exported(dongsheng, '/proposals', `year=${THIS_YEAR}`))).toHaveLength(
      all.total + 1,
    );
  });

  it('writes every research report the list finds for the actor, with its members and home', async () => {
    const list = (await listed(dongsheng, '/research-reports', query)) as {
      total: number;
      items: { title: string; members: { name: string }[] }[];
    };
    const rows = await sheetRows(await exported(dongsheng, '/research-reports', query));
    expect(rows[0]).toEqual(['报告标题', '参与委员', '委员之家', '完成日期', '相关活动', '内容摘要']);
    expect(rows).toHaveLength(list.total + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(list.items.map((r) => r.title));
    expect(list.items[0]!.members.map((m) => m.name).sort()).toEqual([mine.name, cosigner.name].sort());
    expect(cells(rows, 1)).toEqual([
      '导出测试调研报告甲',
      list.items[0]!.members.map((m) => m.name).join('、'),
      home.name,
      `${THIS_YEAR}-05-01`,
      '',
      '牧区饮水调研',
    ]);
  });

  it('gives another district’s staff only theirs, and refuses whoever may not read the list', async () => {
    for (const [path, title] of [
      ['/proposals', '导出测试提案乌审'],
      ['/research-reports', '导出测试调研报告乌审'],
    ] as const) {
      const rows = await sheetRows(await exported(wushen, path, query));
      expect(rows.slice(1).map((r) => r[path === '/proposals' ? 1 : 0])).toEqual([title]);
      expect(rows.flat().join()).not.toContain(mine.name);
      expect((await listed(wushen, path, query)).total).toBe(1);
      expect((await exported(auditor, path, query)).statusCode).toBe(403);
      expect((await exported(null, path, query)).statusCode).toBe(401);
      for (const bad of ['status=nope', 'year=abc']) {
        const res = await exported(dongsheng, path, bad);
        expect(res.statusCode).toBe(400);
        expect(errorOf(res).error.code).toBe('VALIDATION_FAILED');
      }
    }
  });
});
