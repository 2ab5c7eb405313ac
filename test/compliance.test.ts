import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { zhCN } from '../src/web/i18n/zh-CN.js';
import { type HomeFixture, makeActivity, makeHome } from './fixtures/operations.js';
import {
  ADMIN_PASSWORD,
  as,
  errorOf,
  type Session,
  signedInAs,
  signIn,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';
import { printed } from './pdf.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let groupStaff: Session;
let auditor: Session;

/** Dongsheng: two operating township homes, a suspended village home, a proposed one; Wushen: one; municipal: one. */
let ds1: HomeFixture;
let ds2: HomeFixture;
let dsSuspended: HomeFixture;
let dsProposed: HomeFixture;
let ws: HomeFixture;
let group: HomeFixture;

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  groupStaff = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'sector-group-1' }]);
  ds1 = await makeHome(t.db, { name: '东胜一号之家', regionCode: '150602100' });
  ds2 = await makeHome(t.db, { name: '东胜二号之家', regionCode: '150602101' });
  dsSuspended = await makeHome(t.db, {
    name: '东胜暂停之家',
    kind: 'village',
    regionCode: '150602100201',
    status: 'suspended',
  });
  dsProposed = await makeHome(t.db, { name: '东胜申请中之家', status: 'proposed', plaqueAwardedOn: null });
  ws = await makeHome(t.db, { name: '乌审之家', ownerUnitId: 'district-150626', regionCode: '150626100' });
  group = await makeHome(t.db, {
    name: '经济界别委员之家',
    kind: 'sector_group',
    level: 'municipal',
    ownerUnitId: 'sector-group-1',
    regionCode: null,
    plaqueAwardedOn: '2025-05-01',
  });
  // a joint activity of ds1 and ws in Q1; ds1 alone in Q2 (twice); cancelled and planned ones count for nothing
  await makeActivity(t.db, [ds1.id, ws.id], '2025-03-31T23:30:00+08:00', 'held');
  await makeActivity(t.db, [ds1.id], '2025-04-02T10:00:00+08:00', 'held');
  await makeActivity(t.db, [ds1.id], '2025-06-02T10:00:00+08:00', 'held');
  await makeActivity(t.db, [ds2.id], '2025-07-02T10:00:00+08:00', 'cancelled');
  await makeActivity(t.db, [ds2.id], '2025-08-02T10:00:00+08:00', 'planned');
  await makeActivity(t.db, [group.id, ds2.id], '2025-10-02T10:00:00+08:00', 'held');
  await makeActivity(t.db, [ds1.id], '2024-10-02T10:00:00+08:00', 'held');
});
afterAll(() => t.close());

const get = (s: Session, url: string) => as(t.app, s)({ method: 'GET', url: `/api/v1${url}` });

interface Row {
  homeId: string;
  name: string;
  quarters: Array<{ quarter: number; activities: number; state: string }>;
}
const rowOf = (body: { rows: Row[] }, id: string) => body.rows.find((r) => r.homeId === id);

describe('the compliance table', () => {
  it('has a row per operating or suspended home in scope, with held activities per quarter', async () => {
    const res = await get(office, '/compliance?year=2025');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['year', 'quarters', 'rows']);
    expect(body.year).toBe(2025);
    expect(body.quarters).toEqual([
      { quarter: 1, dueOn: '2025-03-31' },
      { quarter: 2, dueOn: '2025-06-30' },
      { quarter: 3, dueOn: '2025-09-30' },
      { quarter: 4, dueOn: '2025-12-31' },
    ]);
    const ids = body.rows.map((r: Row) => r.homeId);
    expect(ids).toEqual(expect.arrayContaining([ds1.id, ds2.id, dsSuspended.id, ws.id, group.id]));
    expect(ids).not.toContain(dsProposed.id);
    expect(rowOf(body, ds1.id)).toEqual({
      homeId: ds1.id,
      name: '东胜一号之家',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150602100',
      regionName: '泊尔江海子镇',
      // a township is named after its district, as the page, the print and the Excel write it
      place: '东胜区泊尔江海子镇',
      quarters: [
        { quarter: 1, activities: 1, state: 'met' },
        { quarter: 2, activities: 2, state: 'met' },
        { quarter: 3, activities: 0, state: 'missed' },
        { quarter: 4, activities: 0, state: 'missed' },
      ],
    });
    // the joint activity counts for both hosts
    expect(rowOf(body, ws.id)?.quarters[0]).toEqual({ quarter: 1, activities: 1, state: 'met' });
    expect(rowOf(body, ds2.id)?.quarters.map((q) => q.activities)).toEqual([0, 0, 0, 1]);
    // quarters before the plaque are not judged
    expect(rowOf(body, group.id)?.quarters.map((q) => q.state)).toEqual([
      'not_judged',
      'missed',
      'missed',
      'met',
    ]);
    expect(rowOf(body, group.id)).toMatchObject({
      level: 'municipal',
      regionCode: null,
      regionName: null,
      place: '—',
    });
  });

  it("shows a district clerk only that district's homes, and committee staff only their unit's", async () => {
    const ds = (await get(dongsheng, '/compliance?year=2025')).json();
    expect(ds.rows.map((r: Row) => r.homeId).sort()).toEqual([ds1.id, ds2.id, dsSuspended.id].sort());
    const w = (await get(wushen, '/compliance?year=2025')).json();
    expect(w.rows.map((r: Row) => r.homeId)).toEqual([ws.id]);
    const g = (await get(groupStaff, '/compliance?year=2025')).json();
    expect(g.rows.map((r: Row) => r.homeId)).toEqual([group.id]);
    expect((await get(auditor, '/compliance?year=2025')).statusCode).toBe(403);
    // a home director follows the homes they direct, and no other
    const elsewhere = await makeHome(t.db, { ownerUnitId: 'district-150621', regionCode: null });
    const director = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: elsewhere.id }]);
    const own = (await get(director, '/compliance?year=2025')).json();
    expect(own.rows.map((r: Row) => r.homeId)).toEqual([elsewhere.id]);
    expect((await get(director, '/operations/missing?year=2025&what=plan')).json()).toEqual([
      expect.objectContaining({ homeId: elsewhere.id }),
    ]);
  });

  it('filters by region (and everything below it), kind and owner unit', async () => {
    const byTownship = (await get(office, '/compliance?year=2025&regionCode=150602100')).json();
    expect(byTownship.rows.map((r: Row) => r.homeId).sort()).toEqual([ds1.id, dsSuspended.id].sort());
    const byDistrict = (await get(office, '/compliance?year=2025&regionCode=150626')).json();
    expect(byDistrict.rows.map((r: Row) => r.homeId)).toEqual([ws.id]);
    const byKind = (await get(office, '/compliance?year=2025&kind=village')).json();
    expect(byKind.rows.map((r: Row) => r.homeId)).toEqual([dsSuspended.id]);
    const byOwner = (await get(office, '/compliance?year=2025&ownerUnitId=sector-group-1')).json();
    expect(byOwner.rows.map((r: Row) => r.homeId)).toEqual([group.id]);
    const wrong = await get(office, '/compliance?year=2025&regionCode=15&kind=castle');
    expect(wrong.statusCode).toBe(400);
    expect(Object.keys(errorOf(wrong).error.fields ?? {}).sort()).toEqual(['kind', 'regionCode']);
    const noYear = (await get(office, '/compliance')).json();
    expect(noYear.year).toBe(new Date(Date.now() + 8 * 3600_000).getUTCFullYear());
  });

  it('exports the same table as an Excel file with the states in Chinese', async () => {
    const res = await get(dongsheng, '/compliance/export.xlsx?year=2025');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      '委员之家',
      '类型',
      '层级',
      '所属单位',
      '所在地',
      '第一季度活动数',
      '第一季度情况',
      '第二季度活动数',
      '第二季度情况',
      '第三季度活动数',
      '第三季度情况',
      '第四季度活动数',
      '第四季度情况',
    ]);
    const rows = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    expect([...rows.keys()].sort()).toEqual(['东胜一号之家', '东胜二号之家', '东胜暂停之家'].sort());
    expect(rows.get('东胜一号之家')).toEqual([
      '东胜一号之家',
      '苏木乡镇（街道）委员之家',
      '旗区级',
      '东胜区政协',
      '东胜区泊尔江海子镇',
      1,
      '已开展',
      2,
      '已开展',
      0,
      '未开展',
      0,
      '未开展',
    ]);
    const future = await get(office, '/compliance/export.xlsx?year=2099');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(future.rawPayload as unknown as ArrayBuffer);
    const states = new Set<string>();
    book.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) states.add(String(row.getCell(7).value));
    });
    expect([...states]).toEqual(['进行中']);
    expect((await get(auditor, '/compliance/export.xlsx?year=2025')).statusCode).toBe(403);
  });

  it('prints each home’s quarters in the words the page shows them, the state then the count', async () => {
    const table = (await get(dongsheng, '/compliance?year=2025')).json() as { rows: Row[] };
    const text = printed(await get(dongsheng, '/compliance.pdf?year=2025')).text.replace(/\s+/g, '');
    const page = zhCN.quarterStates as Record<string, string>;
    for (const row of table.rows) {
      // the page's cell: the state over "N 次" (compliance.count)
      const cells = row.quarters.map((q) => `${page[q.state]}${q.activities}次`);
      expect(text, row.name).toContain(`${row.name}东胜区政协`);
      expect(text, row.name).toContain(cells.join(''));
    }
    expect(new Set(table.rows.flatMap((r) => r.quarters.map((q) => q.state)))).toEqual(
      new Set(['met', 'missed']),
    );
    // the legend explains the page's words, not 达标 / 未达标
    for (const state of ['已开展', '有风险', '进行中', '未开展', '不考核'])
      expect(text).toContain(`${state}——`);
    expect(text).not.toContain('达标');
  });

  it('uses the same number of queries for 6 homes or 26 (one aggregate, no query per home)', async () => {
    class Counter implements KyselyPlugin {
      count = 0;
      transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
        this.count++;
        return args.node;
      }
      async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
        return args.result;
      }
    }
    const counted = async () => {
      const counter = new Counter();
      const app = await buildApp({ db: t.db.withPlugin(counter), logLevel: 'silent', webDir: null });
      const session = await signIn(app, 'admin', ADMIN_PASSWORD);
      counter.count = 0;
      const res = await as(app, session)({ method: 'GET', url: '/api/v1/compliance?year=2025' });
      await app.close();
      return { queries: counter.count, rows: res.json().rows.length as number };
    };
    const before = await counted();
    for (let i = 0; i < 20; i++) {
      const home = await makeHome(t.db, { ownerUnitId: 'district-150626', regionCode: '150626100' });
      await makeActivity(t.db, [home.id], `2025-0${1 + (i % 9)}-10T10:00:00+08:00`);
    }
    const after = await counted();
    expect(after.rows).toBe(before.rows + 20);
    expect(after.queries).toBe(before.queries);
  });
});

describe('missing plans and summaries', () => {
  it('lists operating homes in scope without the document, with their director', async () => {
    const res = await get(dongsheng, '/operations/missing?year=2025&what=plan');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().map((m: { homeId: string }) => m.homeId);
    expect(ids.sort()).toEqual([ds1.id, ds2.id].sort());
    const director = await t.db
      .selectFrom('members')
      .select('name')
      .where('id', '=', ds1.directorMemberId!)
      .executeTakeFirstOrThrow();
    expect(res.json().find((m: { homeId: string }) => m.homeId === ds1.id)).toEqual({
      homeId: ds1.id,
      name: '东胜一号之家',
      ownerUnitId: 'district-150602',
      regionName: '泊尔江海子镇',
      directorName: director.name,
    });
    const put = await as(
      t.app,
      dongsheng,
    )({
      method: 'PUT',
      url: `/api/v1/homes/${ds1.id}/plans/2025`,
      payload: { content: '计划', items: [] },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = (await get(dongsheng, '/operations/missing?year=2025&what=plan')).json();
    expect(after.map((m: { homeId: string }) => m.homeId)).toEqual([ds2.id]);
    const summaries = (await get(dongsheng, '/operations/missing?year=2025&what=summary')).json();
    expect(summaries.map((m: { homeId: string }) => m.homeId).sort()).toEqual([ds1.id, ds2.id].sort());
    expect((await get(dongsheng, '/operations/missing?year=2025&what=budget')).statusCode).toBe(400);
    expect((await get(auditor, '/operations/missing?year=2025&what=plan')).statusCode).toBe(403);
  });

  it('sends a reminder to the accounts that direct the home, and to no one else', async () => {
    const home = await makeHome(t.db);
    const byRole = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
    const byMember = await signedInAs(
      t.app,
      t.db,
      [{ role: 'member', scopeId: null }],
      home.directorMemberId!,
    );
    const res = await as(
      t.app,
      dongsheng,
    )({ method: 'POST', url: `/api/v1/homes/${home.id}/reminders`, payload: { kind: 'plan' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ notified: 2 });
    for (const s of [byRole, byMember]) {
      const mine = (await get(s, '/notifications')).json();
      expect(mine.items).toEqual([
        expect.objectContaining({
          kind: 'plan_due',
          homeId: home.id,
          title: expect.stringMatching(/年度工作计划/),
        }),
      ]);
    }
    expect((await get(dongsheng, '/notifications')).json().total).toBe(0);
    // sent by hand, it arrives each time it is sent
    const again = await as(
      t.app,
      dongsheng,
    )({ method: 'POST', url: `/api/v1/homes/${home.id}/reminders`, payload: { kind: 'quarter' } });
    expect(again.json()).toEqual({ notified: 2 });
    expect((await get(byRole, '/notifications')).json().items[0].kind).toBe('quarter_at_risk');

    const outside = await as(
      t.app,
      wushen,
    )({ method: 'POST', url: `/api/v1/homes/${home.id}/reminders`, payload: { kind: 'plan' } });
    expect(outside.statusCode).toBe(404);
    const director = await as(
      t.app,
      byRole,
    )({ method: 'POST', url: `/api/v1/homes/${home.id}/reminders`, payload: { kind: 'plan' } });
    expect(director.statusCode).toBe(403);
    const bad = await as(
      t.app,
      dongsheng,
    )({ method: 'POST', url: `/api/v1/homes/${home.id}/reminders`, payload: { kind: 'party' } });
    expect(errorOf(bad).error.fields?.kind).toMatch(/提醒类型/);
    const audit = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', home.id)
      .where('action', '=', 'home.remind')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
