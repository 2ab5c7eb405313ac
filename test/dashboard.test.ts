import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-users.js';
import {
  beijingDateTime,
  quarterOf,
  quarterRange,
  yearQuarterName,
  yearRange,
} from '../src/domain/calendar.js';
import { attentionOf } from '../src/modules/dashboard/attention.js';
import { refreshStats } from '../src/modules/dashboard/service.js';
import { buildApp } from '../src/server/app.js';
import type { Db } from '../src/server/types.js';
import { actorOf, makeActivity } from './fixtures/operations.js';
import { as, makeHome, openTestDb, type Session, signIn } from './helpers.js';

/** The dashboards against the demo data: each figure equals what the underlying list shows. */

let app: Awaited<ReturnType<typeof buildApp>>;
let db: Db;
let close: () => Promise<void>;
const users: Record<string, Session> = {};
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  const handle = await openTestDb();
  db = handle.db;
  await bootstrapDatabase(db, { adminPassword: 'admin-pass-1', seedDemo: true });
  app = await buildApp({ db, logLevel: 'silent', webDir: null });
  await app.ready();
  close = async () => {
    await app.close();
    await handle.close();
  };
  for (const name of ['office', 'dongsheng', 'vicechair', 'committee', 'director', 'member', 'auditor']) {
    users[name] = await signIn(app, name, DEMO_PASSWORD);
  }
  await refreshStats(db);
}, 120_000);
afterAll(() => close());

const get = async (who: string, url: string) => {
  const res = await as(app, users[who]!)({ method: 'GET', url: `/api/v1${url}` });
  return res;
};
const json = async (who: string, url: string) => (await get(who, url)).json();

describe('the dashboard equals the lists it summarises', () => {
  it.each(['office', 'dongsheng', 'vicechair', 'committee'])('homes by status, for %s', async (who) => {
    const d = await json(who, '/dashboard');
    expect(d.homes.total).toBe((await json(who, '/homes?pageSize=1')).total);
    for (const { status, count } of d.homes.byStatus) {
      expect(count).toBe((await json(who, `/homes?status=${status}&pageSize=1`)).total);
    }
    expect(d.homes.byKind.reduce((s: number, k: { count: number }) => s + k.count, 0)).toBe(d.homes.total);
  });

  it('counts the held activities of the year as the activity list does', async () => {
    const d = await json('office', `/dashboard?year=${YEAR}`);
    const { start, end } = yearRange(YEAR);
    const list = await json(
      'office',
      `/activities?status=held&from=${start.toISOString()}&to=${end.toISOString()}&pageSize=1`,
    );
    expect(d.activities.held).toBe(list.total);
    expect(d.activities.byMonth).toHaveLength(12);
    const byFunction = d.activities.byMonth.reduce(
      (s: number, m: { byFunction: Record<string, number> }) =>
        s + Object.values(m.byFunction).reduce((a, b) => a + b, 0),
      0,
    );
    expect(byFunction).toBe(d.activities.held);
  });

  it('counts opinions and their deadlines as the opinion queues do', async () => {
    const d = await json('office', `/dashboard?year=${YEAR}`);
    const all = (await json('office', '/opinions?pageSize=200')).items as Array<{
      receivedAt: string;
      flags: string[];
      status: string;
    }>;
    const { start, end } = yearRange(YEAR);
    const inYear = all.filter((o) => new Date(o.receivedAt) >= start && new Date(o.receivedAt) < end);
    expect(d.opinions.received).toBe(inYear.length);
    expect(d.opinions.open).toBe(inYear.filter((o) => !['replied', 'closed'].includes(o.status)).length);
    expect(d.opinions.overdue90).toBe(all.filter((o) => o.flags.includes('unanswered_90')).length);
    expect(d.opinions.overdue30).toBe(
      all.filter((o) => o.flags.includes('unanswered_30') || o.flags.includes('unanswered_90')).length,
    );
  });

  it('sums the funds as the funds report does', async () => {
    // the demo year has money of its own: count what this test adds on top of it
    await refreshStats(db);
    const before = (await json('dongsheng', `/dashboard?year=${YEAR}`)).funds;
    const cityBefore = (await json('office', `/dashboard?year=${YEAR}`)).funds;
    // two of the district's homes that have no money yet
    const funded = new Set(
      (await db.selectFrom('fundEntries').select('homeId').distinct().execute()).map((r) => r.homeId),
    );
    const homes = (
      (await json('dongsheng', '/homes?status=operating&pageSize=200')).items as Array<{ id: string }>
    )
      .filter((h) => !funded.has(h.id))
      .slice(0, 2);
    expect(homes).toHaveLength(2);
    for (const h of homes) {
      await as(
        app,
        users.dongsheng!,
      )({
        method: 'POST',
        url: `/api/v1/homes/${h.id}/funds/allocations`,
        payload: { amount: '1000.00', occurredOn: `${YEAR}-02-01`, description: '年度经费' },
      });
    }
    await as(
      app,
      users.dongsheng!,
    )({
      method: 'POST',
      url: `/api/v1/homes/${homes[0]!.id}/funds/expenditures`,
      payload: { amount: '950.00', occurredOn: `${YEAR}-03-01`, category: 'venue', description: '场地维护' },
    });
    // the summaries are minutes old at most; take them now
    await refreshStats(db);
    const d = await json('dongsheng', `/dashboard?year=${YEAR}`);
    const report = await json('dongsheng', `/funds/report?year=${YEAR}`);
    expect(d.funds).toEqual({
      allocatedFen: report.total.allocatedFen,
      spentFen: report.total.spentFen,
      pendingFen: report.total.pendingFen,
    });
    expect(d.funds.allocatedFen - before.allocatedFen).toBe(200000);
    // the office sees the same money in the whole city's figures
    expect((await json('office', `/dashboard?year=${YEAR}`)).funds.spentFen - cityBefore.spentFen).toBe(
      95000,
    );
    // a home that used 95 % of its money needs attention
    const attention = await json('dongsheng', '/dashboard/attention');
    expect(attention.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'funds_low', link: `/homes/${homes[0]!.id}?tab=funds` }),
      ]),
    );
  });

  it('splits this quarter’s operating homes into met, at risk and open as the compliance table does', async () => {
    // two more homes hold an activity this quarter, on top of those the demo has held
    const operating = (await json('office', '/homes?status=operating&pageSize=200')).items as Array<{
      id: string;
    }>;
    for (const h of operating.slice(0, 2)) await makeActivity(db, [h.id], new Date().toISOString(), 'held');
    await refreshStats(db);
    const c = (await json('office', '/dashboard')).compliance;
    expect(c.met + c.atRisk + c.open).toBe(c.operating);
    expect(c.met).toBeGreaterThanOrEqual(2);
    const table = await json('office', `/compliance?year=${YEAR}`);
    const q = Number(c.quarter.slice(-1));
    const ids = new Set(operating.map((h) => h.id));
    const rows = table.rows as Array<{ homeId: string; quarters: Array<{ quarter: number; state: string }> }>;
    const met = rows.filter(
      (r) => ids.has(r.homeId) && r.quarters.find((x) => x.quarter === q)?.state === 'met',
    );
    expect(c.met).toBe(met.length);
  });
});

describe('how fresh the figures are', () => {
  it('says when they were taken, and the first reader after five minutes has them refreshed', async () => {
    const stamp = () =>
      db
        .selectFrom('statsRefreshes')
        .select('refreshedAt')
        .where('name', '=', 'summaries')
        .executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 10 * 60_000);
    await db
      .updateTable('statsRefreshes')
      .set({ refreshedAt: old })
      .where('name', '=', 'summaries')
      .execute();
    const d = await json('office', '/dashboard');
    expect(new Date(d.statsRefreshedAt).getTime()).toBeLessThanOrEqual(old.getTime());
    for (let i = 0; i < 50 && (await stamp()).refreshedAt.getTime() === old.getTime(); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await stamp()).refreshedAt.getTime()).toBeGreaterThan(old.getTime());
  });
});

describe('the needs-attention list', () => {
  type Attention = Awaited<ReturnType<typeof attentionOf>>;
  const of = (list: Attention, kind: string) => list.items.filter((i) => i.kind === kind);

  it('counts each part as the lists it links to', async () => {
    const list = await json('office', '/dashboard/attention');
    const queues = await json('office', '/opinions/queues');
    expect(list.counts.opinion_overdue).toBe(queues.overdue);
    const waiting = of(list, 'opinion_waiting').map((i) => i.title);
    for (const [key, label] of [
      ['toAccept', '待受理'],
      ['toDecide', '待审定'],
      ['toReply', '待答复'],
    ] as const) {
      if (queues[key] > 0) expect(waiting).toContain(`${label} ${queues[key]} 件`);
    }
    // operating homes with no plan for the year, the anti-join the list's two counts replace
    const noPlan = await db
      .selectFrom('homes')
      .where('status', '=', 'operating')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('homePlans')
              .select('homePlans.homeId')
              .whereRef('homePlans.homeId', '=', 'homes.id')
              .where('homePlans.year', '=', YEAR),
          ),
        ),
      )
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(list.counts.no_plan).toBe(Number(noPlan.n));
    expect(of(list, 'no_plan')).toHaveLength(Math.min(8, list.counts.no_plan));
    // the funds part reads a summary: the list says when it was taken, as the dashboard does
    expect(list.statsRefreshedAt).toBe((await json('office', '/dashboard')).statsRefreshedAt);
  });

  it('lists the quarter at risk from the activity summary, as the dashboard counts it, and says as of when', async () => {
    const { year, quarter } = quarterOf(new Date());
    const { start, end } = quarterRange(year, quarter);
    // ten days before the quarter ends, when a quarter with no held activity is at risk
    const late = new Date(end.getTime() - 10 * 86_400_000);
    // a home of 东胜区 that has held nothing this quarter (its name sorts first, so it is shown)
    const home = await makeHome(db, { name: '0 季度风险测试之家' });
    await refreshStats(db);
    const office = await actorOf(db, users.office!.userId);
    const district = await actorOf(db, users.dongsheng!.userId);
    const before = await attentionOf(db, office, late);
    // the whole city from the per-unit summary, a district from its homes: each the dashboard's figure
    const city = (await json('office', '/dashboard')).compliance;
    expect(before.counts.quarter_at_risk).toBe(city.operating - city.met);
    const own = (await json('dongsheng', '/dashboard')).compliance;
    expect((await attentionOf(db, district, late)).counts.quarter_at_risk).toBe(own.operating - own.met);
    const first = of(before, 'quarter_at_risk')[0]!;
    expect(first).toMatchObject({ title: home.name, link: `/homes/${home.id}` });
    expect(before.statsRefreshedAt).not.toBeNull();
    expect(first.detail).toContain(`（统计于 ${beijingDateTime(before.statsRefreshedAt!)}）`);
    // it holds an activity: the list follows once the summary is refreshed (the per-minute job)
    await makeActivity(db, [home.id], new Date(start.getTime() + 3600_000).toISOString(), 'held');
    expect(of(await attentionOf(db, office, late), 'quarter_at_risk')[0]!.link).toBe(`/homes/${home.id}`);
    await refreshStats(db);
    const after = await attentionOf(db, office, late);
    expect(of(after, 'quarter_at_risk').map((i) => i.link)).not.toContain(`/homes/${home.id}`);
    expect(after.counts.quarter_at_risk).toBe(before.counts.quarter_at_risk - 1);
    expect(new Date(after.statsRefreshedAt!).getTime()).toBeGreaterThan(
      new Date(before.statsRefreshedAt!).getTime(),
    );
    // outside the last weeks of a quarter nothing is at risk yet
    expect((await attentionOf(db, office, start)).counts.quarter_at_risk).toBe(0);
  });
});

describe('whose dashboard', () => {
  it('lists on a staff home page what waits for them: opinions at their step, members’ flags to answer', async () => {
    // the director's opinion queues, each a line that opens that queue with its count
    const queues = await json('director', '/opinions/queues');
    const attention = await json('director', '/dashboard/attention');
    const waiting = attention.items.filter((i: { kind: string }) => i.kind === 'opinion_waiting');
    const expected = [
      ['toAccept', 'to_accept', '待受理'],
      ['toDecide', 'to_decide', '待审定'],
      ['toReply', 'to_reply', '待答复'],
      ['mine', 'mine', '我的待撰写'],
    ].filter(([key]) => queues[key!] > 0);
    expect(expected.length).toBeGreaterThan(0);
    expect(waiting.map((i: { link: string; title: string }) => [i.link, i.title])).toEqual(
      expected.map(([key, queue, label]) => [`/opinions?queue=${queue}`, `${label} ${queues[key!]} 件`]),
    );
    // a member flags a missing entry: the district clerk who manages them is asked, the office is not
    const me = await json('member', '/auth/me');
    const flagged = await as(
      app,
      users.member!,
    )({
      method: 'POST',
      url: `/api/v1/members/${me.user.memberId}/duty-record/flags`,
      payload: { year: YEAR, description: '端到端：三月的协商座谈会没有记入' },
    });
    expect(flagged.statusCode).toBe(201);
    const manager = (await json('member', `/members/${me.user.memberId}`)).orgUnitId as string;
    const clerk = manager === 'district-150602' ? 'dongsheng' : 'office';
    const flags = (await json(clerk, '/dashboard/attention')).items.filter(
      (i: { kind: string }) => i.kind === 'flag_open',
    );
    expect(flags.map((f: { detail: string }) => f.detail)).toContain(
      '反映履职档案遗漏：端到端：三月的协商座谈会没有记入',
    );
    expect(
      (await json('vicechair', '/dashboard/attention')).items.filter(
        (i: { kind: string }) => i.kind === 'flag_open',
      ),
    ).toEqual([]);
  });

  it('comes from the role: the city for the office, the units for the others, nothing for the rest', async () => {
    expect((await json('office', '/dashboard')).scope).toEqual({ all: true, units: [], homes: [] });
    const vice = (await json('vicechair', '/dashboard')).scope;
    expect(vice.units.map((u: { id: string }) => u.id).sort()).toEqual(['committee-2', 'district-150602']);
    const district = await json('dongsheng', '/dashboard');
    expect(district.scope.units.map((u: { id: string }) => u.id)).toEqual(['district-150602']);
    // a district covers its own townships only; the sector groups are not its business
    expect(district.coverage.sectorGroups.total).toBe(0);
    expect(district.coverage.townships.total).toBeLessThan(
      (await json('office', '/dashboard')).coverage.townships.total,
    );
    // there is nothing to widen: unknown parameters are not a scope
    expect((await get('dongsheng', '/dashboard?scope=all')).statusCode).toBe(200);
    for (const who of ['member', 'auditor']) {
      expect((await get(who, '/dashboard')).statusCode).toBe(403);
    }
    expect((await get('auditor', '/dashboard/attention')).statusCode).toBe(403);
    expect((await get('member', '/dashboard/attention')).statusCode).toBe(403);
    expect((await get('director', '/dashboard/attention')).statusCode).toBe(200);
    expect(
      (await as(app, users.dongsheng!)({ method: 'POST', url: '/api/v1/dashboard/refresh' })).statusCode,
    ).toBe(403);
  });

  it('shows a home director the homes they direct, counted live, without coverage', async () => {
    const me = await json('director', '/auth/me');
    const homeId = me.user.roles.find((r: { role: string }) => r.role === 'home_director').scopeId as string;
    const home = await json('office', `/homes/${homeId}`);
    const d = await json('director', `/dashboard?year=${YEAR}`);
    expect(d.scope).toEqual({ all: false, units: [], homes: [{ id: homeId, name: home.name }] });
    expect(d.homes).toEqual({
      total: 1,
      byStatus: [{ status: home.status, count: 1 }],
      byKind: [{ kind: home.kind, count: 1 }],
    });
    expect(d.coverage).toEqual({
      sectorGroups: { covered: 0, total: 0 },
      townships: { covered: 0, total: 0 },
    });
    // the same activities as the home's own list of the year
    const { start, end } = yearRange(YEAR);
    const list = await json(
      'office',
      `/activities?homeId=${homeId}&status=held&from=${start.toISOString()}&to=${end.toISOString()}&pageSize=1`,
    );
    expect(d.activities.held).toBe(list.total);
    expect(d.activities.held).toBeLessThan(
      (await json('dongsheng', `/dashboard?year=${YEAR}`)).activities.held,
    );
    const opinions = await json('office', `/opinions?homeId=${homeId}&pageSize=1`);
    expect(d.opinions.received).toBeLessThanOrEqual(opinions.total);
    expect(d.compliance.operating).toBe(home.status === 'operating' ? 1 : 0);
    expect((await get('director', '/dashboard/export.xlsx')).statusCode).toBe(200);
  });

  it('exports every chart’s numbers to Excel', async () => {
    const res = await get('office', `/dashboard/export.xlsx?year=${YEAR}`);
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '委员之家',
      '覆盖',
      '季度开展',
      '活动',
      '社情民意',
      '经费',
      '年度评价',
    ]);
    const d = await json('office', `/dashboard?year=${YEAR}`);
    const opinions = workbook.getWorksheet('社情民意')!.getRow(4);
    expect(opinions.getCell(1).value).toBe(d.opinions.received);
  });

  it('writes the sheets in Chinese: topics, quarters in words, amounts in 元 and counts as numbers', async () => {
    const res = await get('office', `/dashboard/export.xlsx?year=${YEAR}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const d = await json('office', `/dashboard?year=${YEAR}`);
    const topics = workbook
      .getWorksheet('说明')!
      .getColumn(1)
      .values.slice(4)
      .map((value) => String(value));
    // each topic names its sheet
    expect(topics).toEqual(workbook.worksheets.slice(1).map((sheet) => sheet.name));
    const quarters = workbook.getWorksheet('季度开展')!;
    const [year, quarter] = String(d.compliance.quarter).split('-Q').map(Number);
    expect(quarters.getCell('A4').value).toBe(yearQuarterName(year!, quarter!));
    expect(quarters.getCell('A5').value).toMatch(/^\d{4}年第[一二三四]季度$/);
    for (const address of ['B4', 'C4', 'D4', 'E4', 'B5', 'C5', 'F5']) {
      expect(quarters.getCell(address).type, address).toBe(ExcelJS.ValueType.Number);
    }
    expect(quarters.getCell('F4').type).toBe(ExcelJS.ValueType.Null);
    const funds = workbook.getWorksheet('经费')!;
    expect(String(funds.getCell('A1').value)).toContain('单位为元');
    const fen = [d.funds.allocatedFen, d.funds.spentFen, d.funds.pendingFen];
    fen.forEach((amount: number, index: number) => {
      const cell = funds.getRow(4).getCell(index + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.Number);
      expect(cell.value).toBe(amount / 100);
      expect(cell.numFmt).toBe('#,##0.00');
    });
    expect(workbook.getWorksheet('活动')!.getCell('A4').value).toBe(`${YEAR}年1月`);
  });
});
