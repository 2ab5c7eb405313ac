import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
let director: Session;
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  home = await makeHome(t.db, { name: '经费测试之家' });
  director = await signedInAs(t.app, t.db, [], home.directorMemberId!);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const allocate = (s: Session, homeId: string, amount: string) =>
  call(s, 'POST', `/homes/${homeId}/funds/allocations`, {
    amount,
    occurredOn: `${YEAR}-01-10`,
    description: '年度履职经费',
  });
const spend = (s: Session, homeId: string, amount: string, category = 'activity') =>
  call(s, 'POST', `/homes/${homeId}/funds/expenditures`, {
    amount,
    occurredOn: `${YEAR}-03-01`,
    category,
    description: '协商座谈会茶歇',
  });
const ledger = async (s: Session, homeId: string) =>
  (await call(s, 'GET', `/homes/${homeId}/funds?year=${YEAR}`)).json();

describe('the duty funds ledger', () => {
  it('keeps every amount in integer fen: 0.10 + 0.20 is 0.30', async () => {
    const h = await makeHome(t.db);
    await allocate(dongsheng, h.id, '0.10');
    const res = await allocate(dongsheng, h.id, '0.20');
    expect(res.json()).toMatchObject({ allocatedFen: 30, balanceFen: 30 });
    const bad = await allocate(dongsheng, h.id, '1.005');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.fields).toHaveProperty('amount');
    const number = await call(dongsheng, 'POST', `/homes/${h.id}/funds/allocations`, {
      amount: 100.5,
      occurredOn: `${YEAR}-01-10`,
      description: '数字而非文本',
    });
    expect(number.statusCode).toBe(400);
    expect((await ledger(dongsheng, h.id)).entries).toHaveLength(2);
  });

  it('refuses spending beyond the balance until an extra allocation is recorded', async () => {
    expect((await allocate(dongsheng, home.id, '3000.00')).statusCode).toBe(200);
    expect((await spend(director, home.id, '1200.50')).json()).toMatchObject({
      spentFen: 120050,
      balanceFen: 179950,
    });
    const over = await spend(director, home.id, '2000.00');
    expect(over.statusCode).toBe(400);
    expect(errorOf(over).error.fields!.amount).toContain('1,799.50');
    expect((await ledger(director, home.id)).spentFen).toBe(120050);
    // the director may spend but not allocate
    expect((await allocate(director, home.id, '1000.00')).statusCode).toBe(403);
    await allocate(dongsheng, home.id, '1000.00');
    expect((await spend(director, home.id, '2000.00')).json()).toMatchObject({
      spentFen: 320050,
      availableFen: 79950,
    });
  });

  it('holds an expenditure above the threshold for the owning unit’s approval', async () => {
    const h = await makeHome(t.db);
    const hDirector = await signedInAs(t.app, t.db, [], h.directorMemberId!);
    await allocate(dongsheng, h.id, '20000.00');
    const big = (await spend(hDirector, h.id, '6000.00', 'equipment')).json();
    const entry = big.entries.find((e: { kind: string }) => e.kind === 'expenditure');
    expect(entry).toMatchObject({ status: 'pending', amountFen: 600000 });
    expect(big).toMatchObject({ spentFen: 0, pendingFen: 600000, availableFen: 1400000 });
    // the director spends but decides nothing; the district CPPCC is offered the decision
    expect(big.allowedActions).toEqual(['spend']);
    expect(entry.allowedActions).toEqual([]);
    const owned = await ledger(dongsheng, h.id);
    expect(owned.allowedActions).toEqual(['allocate', 'spend']);
    expect(owned.entries.find((e: { id: string }) => e.id === entry.id).allowedActions).toEqual([
      'approve',
      'reject',
    ]);
    // pending money is reserved: it cannot be spent twice
    expect((await spend(hDirector, h.id, '15000.00')).statusCode).toBe(400);
    const queue = (await call(dongsheng, 'GET', '/funds/pending')).json();
    expect(queue.items.map((e: { id: string }) => e.id)).toContain(entry.id);
    expect((await call(wushen, 'GET', '/funds/pending')).json().items).toHaveLength(0);
    expect((await call(hDirector, 'POST', `/fund-entries/${entry.id}/approve`, {})).statusCode).toBe(403);
    expect((await call(dongsheng, 'POST', `/fund-entries/${entry.id}/reject`, {})).statusCode).toBe(400);
    const approved = (
      await call(dongsheng, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' })
    ).json();
    expect(approved).toMatchObject({ spentFen: 600000, pendingFen: 0 });
    expect((await call(dongsheng, 'POST', `/fund-entries/${entry.id}/approve`, {})).statusCode).toBe(409);
    // the office may lower the threshold
    expect(
      (await call(dongsheng, 'PUT', '/funds/settings', { approvalThreshold: '100.00' })).statusCode,
    ).toBe(403);
    expect(
      (await call(office, 'PUT', '/funds/settings', { approvalThreshold: '100.00' })).json()
        .approvalThresholdFen,
    ).toBe(10000);
    const small = (await spend(hDirector, h.id, '150.00')).json();
    expect(small.pendingFen).toBe(15000);
    await call(office, 'PUT', '/funds/settings', { approvalThreshold: '5000.00' });
  });

  it('takes four eyes: whoever books an expenditure above the threshold does not approve it', async () => {
    const h = await makeHome(t.db);
    await allocate(dongsheng, h.id, '20000.00');
    const booked = (await spend(dongsheng, h.id, '6000.00', 'equipment')).json();
    const entry = booked.entries.find((e: { kind: string }) => e.kind === 'expenditure');
    expect(entry.status).toBe('pending');
    // the booker is offered nothing, finds it in no queue of theirs, and is refused
    expect(entry.allowedActions).toEqual([]);
    const mine = (await call(dongsheng, 'GET', '/funds/pending?pageSize=200')).json();
    expect(mine.items.map((e: { id: string }) => e.id)).not.toContain(entry.id);
    const self = await call(dongsheng, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' });
    expect(self.statusCode).toBe(403);
    expect(errorOf(self).error.message).toContain('其他工作人员');
    expect(
      (await call(dongsheng, 'POST', `/fund-entries/${entry.id}/reject`, { note: '不' })).statusCode,
    ).toBe(403);
    expect((await ledger(dongsheng, h.id)).pendingFen).toBe(600000);
    // a colleague of the same district CPPCC decides it
    const colleague = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const queue = (await call(colleague, 'GET', '/funds/pending?pageSize=200')).json();
    expect(queue.items.find((e: { id: string }) => e.id === entry.id).allowedActions).toEqual([
      'approve',
      'reject',
    ]);
    // an entry whose booking account is gone waits for every owner, the booker's old colleagues too
    await t.db.updateTable('fundEntries').set({ createdBy: null }).where('id', '=', entry.id).execute();
    const orphan = (await call(dongsheng, 'GET', '/funds/pending?pageSize=200')).json();
    expect(orphan.items.map((e: { id: string }) => e.id)).toContain(entry.id);
    await t.db
      .updateTable('fundEntries')
      .set({ createdBy: dongsheng.userId })
      .where('id', '=', entry.id)
      .execute();
    const approved = await call(colleague, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ spentFen: 600000, pendingFen: 0 });
  });

  it('sends up to the office what the only clerk of a district booked, and only that', async () => {
    const solo = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150625' }]);
    const h = await makeHome(t.db, { ownerUnitId: 'district-150625', regionCode: '150625100' });
    await allocate(solo, h.id, '20000.00');
    const booked = (await spend(solo, h.id, '6000.00', 'equipment')).json();
    const entry = booked.entries.find((e: { kind: string }) => e.kind === 'expenditure');
    expect(entry).toMatchObject({ status: 'pending', escalated: true, allowedActions: [] });
    // the office finds it in its queue and on its home page, and decides it
    const queue = (await call(office, 'GET', '/funds/pending?pageSize=200')).json();
    expect(queue.items.find((e: { id: string }) => e.id === entry.id)).toMatchObject({
      escalated: true,
      allowedActions: ['approve', 'reject'],
    });
    const attention = (await call(office, 'GET', '/dashboard/attention')).json();
    expect(attention.counts.approval_pending).toBe(queue.total);
    // another district sees nothing of it
    expect((await call(wushen, 'GET', '/funds/pending?pageSize=200')).json().items).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: entry.id })]),
    );
    expect(
      (await call(wushen, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' })).statusCode,
    ).toBe(404);
    const approved = await call(office, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ spentFen: 600000, pendingFen: 0 });

    // once the district has a second clerk, its entries stay with the district
    await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150625' }]);
    const next = (await spend(solo, h.id, '7000.00', 'equipment')).json();
    const second = next.entries.find((e: { status: string }) => e.status === 'pending');
    expect(second.escalated).toBe(false);
    const officeQueue = (await call(office, 'GET', '/funds/pending?pageSize=200')).json();
    expect(officeQueue.items.map((e: { id: string }) => e.id)).not.toContain(second.id);
    const refused = await call(office, 'POST', `/fund-entries/${second.id}/approve`, { note: '同意' });
    expect(refused.statusCode).toBe(403);
    expect((await ledger(solo, h.id)).pendingFen).toBe(700000);
  });

  it('moves a waiting expenditure with its home to the unit that owns it now', async () => {
    const clerk = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150627' }]);
    const colleague = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150627' }]);
    const h = await makeHome(t.db, { ownerUnitId: 'district-150627', regionCode: '150627100' });
    await allocate(clerk, h.id, '20000.00');
    const entry = (await spend(clerk, h.id, '6000.00', 'equipment'))
      .json()
      .entries.find((e: { status: string }) => e.status === 'pending');
    const waiting = async (s: Session) => {
      const queue = (await call(s, 'GET', '/funds/pending?pageSize=200')).json();
      expect((await call(s, 'GET', '/dashboard/attention')).json().counts.approval_pending).toBe(queue.total);
      return queue.items.map((e: { id: string }) => e.id);
    };
    const taker = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150624' }]);
    expect(await waiting(colleague)).toContain(entry.id);
    expect(await waiting(taker)).not.toContain(entry.id);

    // the home passes to 鄂托克旗's CPPCC: its waiting entry is that unit's to decide, no longer 伊旗's
    await t.db
      .updateTable('homes')
      .set({ ownerUnitId: 'district-150624', regionCode: '150624100' })
      .where('id', '=', h.id)
      .execute();
    expect(await waiting(taker)).toContain(entry.id);
    expect(await waiting(colleague)).not.toContain(entry.id);
    expect(
      (await call(taker, 'POST', `/fund-entries/${entry.id}/approve`, { note: '同意' })).statusCode,
    ).toBe(200);
  });

  it('reverses an entry once when two reversals arrive together', async () => {
    const h = await makeHome(t.db);
    await allocate(dongsheng, h.id, '1000.00');
    const spent = (await spend(dongsheng, h.id, '300.00')).json();
    const entry = spent.entries.find((e: { kind: string }) => e.kind === 'expenditure');
    const answers = await Promise.all(
      [1, 2].map(() => call(dongsheng, 'POST', `/fund-entries/${entry.id}/reverse`, { reason: '重复登记' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    const after = await ledger(dongsheng, h.id);
    expect(
      after.entries.filter((e: { reversesId: string | null }) => e.reversesId === entry.id),
    ).toHaveLength(1);
    expect(after.spentFen).toBe(0);
  });

  it('corrects by a reversing entry, never by editing, and refuses to reverse spent money', async () => {
    const h = await makeHome(t.db);
    await allocate(dongsheng, h.id, '1000.00');
    const spent = (await spend(dongsheng, h.id, '800.00')).json();
    const expenditure = spent.entries.find((e: { kind: string }) => e.kind === 'expenditure');
    const allocation = spent.entries.find((e: { kind: string }) => e.kind === 'allocation');
    // spent money is not offered for reversal, the expenditure is
    expect(allocation.allowedActions).toEqual([]);
    expect(expenditure.allowedActions).toEqual(['reverse']);
    const blocked = await call(dongsheng, 'POST', `/fund-entries/${allocation.id}/reverse`, {
      reason: '拨错了',
    });
    expect(blocked.statusCode).toBe(409);
    const reversed = (
      await call(dongsheng, 'POST', `/fund-entries/${expenditure.id}/reverse`, { reason: '票据有误' })
    ).json();
    expect(reversed).toMatchObject({ spentFen: 0, balanceFen: 100000 });
    const rows = reversed.entries.filter((e: { kind: string }) => e.kind === 'expenditure');
    expect(rows.map((e: { amountFen: number }) => e.amountFen).sort()).toEqual([-80000, 80000].sort());
    expect(rows.find((e: { amountFen: number }) => e.amountFen === 80000).reversedById).toBeTruthy();
    expect(
      (await call(dongsheng, 'POST', `/fund-entries/${expenditure.id}/reverse`, { reason: '再来' }))
        .statusCode,
    ).toBe(409);
    const reversal = rows.find((e: { amountFen: number }) => e.amountFen < 0);
    expect(
      (await call(dongsheng, 'POST', `/fund-entries/${reversal.id}/reverse`, { reason: '反冲' })).statusCode,
    ).toBe(409);
    const trail = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('action', 'like', 'funds.%')
      .execute();
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['funds.allocate', 'funds.spend', 'funds.reverse']),
    );
  });

  it('reports by home, district and category with totals equal to the ledgers, and exports them', async () => {
    const report = (await call(dongsheng, 'GET', `/funds/report?year=${YEAR}&groupBy=home`)).json();
    const mine = report.rows.find((r: { key: string }) => r.key === home.id);
    const book = await ledger(dongsheng, home.id);
    expect(mine).toMatchObject({
      allocatedFen: book.allocatedFen,
      spentFen: book.spentFen,
      balanceFen: book.balanceFen,
    });
    const byDistrict = (await call(dongsheng, 'GET', `/funds/report?year=${YEAR}&groupBy=district`)).json();
    expect(byDistrict.total).toEqual(report.total);
    expect(byDistrict.rows.find((r: { key: string }) => r.key === '150602').label).toBe('东胜区');
    const byCategory = (await call(dongsheng, 'GET', `/funds/report?year=${YEAR}&groupBy=category`)).json();
    expect(byCategory.total.spentFen).toBe(report.total.spentFen);
    // Wushen sees none of Dongsheng's money
    expect((await call(wushen, 'GET', `/funds/report?year=${YEAR}`)).json().total.allocatedFen).toBe(0);
    const file = await call(dongsheng, 'GET', `/funds/report.xlsx?year=${YEAR}&groupBy=home`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('合计');
    expect(String(last.getCell(2).value).replace(/,/g, '')).toBe(
      (report.total.allocatedFen / 100).toFixed(2),
    );
  });

  it('keeps each home’s money within scope', async () => {
    const plain = await makeMember(t.db);
    const member = await signedInAs(t.app, t.db, [], plain.id);
    expect((await call(wushen, 'GET', `/homes/${home.id}/funds`)).statusCode).toBe(404);
    expect((await allocate(wushen, home.id, '1.00')).statusCode).toBe(404);
    expect((await call(member, 'GET', `/homes/${home.id}/funds`)).statusCode).toBe(404);
    // a plain member of the home reads its details but no money, in the ledger or the report
    await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: plain.id }).execute();
    expect((await call(member, 'GET', `/homes/${home.id}`)).statusCode).toBe(200);
    expect((await call(member, 'GET', `/homes/${home.id}/funds`)).statusCode).toBe(403);
    expect((await call(member, 'GET', `/funds/report?year=${YEAR}`)).json().rows).toEqual([]);
    expect((await call(director, 'GET', `/funds/report?year=${YEAR}`)).json().rows).toHaveLength(1);
    expect((await call(auditor, 'GET', `/homes/${home.id}/funds`)).statusCode).toBe(403);
    // the office reads a district home's ledger but does not allocate to it
    expect((await call(office, 'GET', `/homes/${home.id}/funds`)).statusCode).toBe(200);
    expect((await allocate(office, home.id, '1.00')).statusCode).toBe(403);
    const entry = (await ledger(dongsheng, home.id)).entries[0];
    expect(
      (await call(wushen, 'POST', `/fund-entries/${entry.id}/reverse`, { reason: '越权' })).statusCode,
    ).toBe(404);
    // an entry of a home whose money the actor may not read answers as one that does not exist
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const action of ['approve', 'reject', 'reverse']) {
      for (const actor of [member, director]) {
        const body = { note: '越权', reason: '越权' };
        const real = await call(actor, 'POST', `/fund-entries/${entry.id}/${action}`, body);
        const none = await call(actor, 'POST', `/fund-entries/${missing}/${action}`, body);
        expect([real.statusCode, real.json()], action).toEqual([none.statusCode, none.json()]);
      }
    }
  });
});

describe('the ledger and the approvals queue exported', () => {
  /** A row's cells under the headings, an empty cell as '' (the sheet leaves it out). */
  const cells = (rows: string[][], n: number) => Array.from(rows[0]!, (_, i) => rows[n]![i] ?? '');
  type Entry = {
    id: string;
    homeName: string;
    occurredOn: string;
    description: string;
    amount: string;
    status: string;
    createdByName: string | null;
  };

  it('writes every entry of the home’s year as the ledger shows it, with who booked it and the decision', async () => {
    const h = await makeHome(t.db, { name: '经费导出之家' });
    const hDirector = await signedInAs(t.app, t.db, [], h.directorMemberId!);
    await allocate(dongsheng, h.id, '20000.00');
    const small = (await spend(hDirector, h.id, '300.00')).json();
    const smallId = small.entries.find((e: { kind: string }) => e.kind === 'expenditure').id;
    const big = (await spend(hDirector, h.id, '6000.00', 'equipment')).json();
    const bigId = big.entries.find((e: { status: string }) => e.status === 'pending').id;
    await call(dongsheng, 'POST', `/fund-entries/${bigId}/approve`, { note: '同意购置' });
    await spend(hDirector, h.id, '5500.00', 'venue');
    await call(dongsheng, 'POST', `/fund-entries/${smallId}/reverse`, { reason: '重复登记' });
    const book = (await call(hDirector, 'GET', `/homes/${h.id}/funds?year=${YEAR}`)).json() as {
      entries: Entry[];
    };
    expect(book.entries).toHaveLength(5);

    const res = await call(hDirector, 'GET', `/homes/${h.id}/funds/export.xlsx?year=${YEAR}`);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent(`（${YEAR}年）`));
    const rows = await sheetRows(res);
    expect(rows[0]).toEqual([
      '日期',
      '类型',
      '支出类别',
      '说明',
      '金额（元）',
      '状态',
      '凭据',
      '冲正',
      '登记人',
      '登记时间',
      '审批时间',
      '审批意见',
    ]);
    expect(rows).toHaveLength(book.entries.length + 1);
    // the ledger's order, its amounts in yuan as the page shows them
    expect(rows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual(
      book.entries.map((e) => [e.occurredOn, e.description, e.amount]),
    );
    const row = (id: string) => cells(rows, book.entries.findIndex((e) => e.id === id) + 1);
    const allocation = book.entries[0]!;
    expect(row(allocation.id).slice(0, 9)).toEqual([
      `${YEAR}-01-10`,
      '拨款',
      '',
      '年度履职经费',
      '20,000.00',
      '已生效',
      '',
      '',
      allocation.createdByName,
    ]);
    expect(row(allocation.id)[9]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const approved = row(bigId);
    expect(approved.slice(1, 6)).toEqual(['支出', '设备', '协商座谈会茶歇', '6,000.00', '已生效']);
    expect(approved[10]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(approved[11]).toBe('同意购置');
    const waiting = cells(rows, book.entries.findIndex((e) => e.status === 'pending') + 1);
    expect(waiting.slice(4, 6)).toEqual(['5,500.00', '待审批']);
    expect(waiting.slice(10)).toEqual(['', '']);
    // a reversal and the entry it reverses point at each other, as the page links them
    const reversal = book.entries.find((e) => e.description === '冲正：重复登记')!;
    expect(row(reversal.id).slice(1, 8)).toEqual([
      '冲正',
      '活动',
      '冲正：重复登记',
      '-300.00',
      '已生效',
      '',
      `冲正 ${YEAR}-03-01 的记录`,
    ]);
    expect(row(smallId)[7]).toBe(`冲正于 ${reversal.occurredOn}`);
    // the owning unit gets the same file; another year holds nothing of this one
    expect(
      await sheetRows(await call(dongsheng, 'GET', `/homes/${h.id}/funds/export.xlsx?year=${YEAR}`)),
    ).toEqual(rows);
    const before = await sheetRows(
      await call(dongsheng, 'GET', `/homes/${h.id}/funds/export.xlsx?year=${YEAR - 1}`),
    );
    expect(before).toEqual([rows[0]]);
  });

  it('refuses the ledger’s file to whoever may not read the ledger, and a bad year', async () => {
    const h = await makeHome(t.db);
    await allocate(dongsheng, h.id, '100.00');
    const file = (s: Session | null, q = `year=${YEAR}`) =>
      call(s, 'GET', `/homes/${h.id}/funds/export.xlsx?${q}`);
    // a plain member of the home reads the home, but no money: 403 as the ledger itself answers
    const plain = await makeMember(t.db);
    const member = await signedInAs(t.app, t.db, [], plain.id);
    await t.db.insertInto('homeMembers').values({ homeId: h.id, memberId: plain.id }).execute();
    expect((await call(member, 'GET', `/homes/${h.id}/funds`)).statusCode).toBe(403);
    const refused = await file(member);
    expect(refused.statusCode).toBe(403);
    expect(errorOf(refused).error.code).toBe('FORBIDDEN');
    // another district's staff do not know the home; the auditor reads no funds
    expect((await file(wushen)).statusCode).toBe(404);
    expect((await file(auditor)).statusCode).toBe(403);
    expect((await file(null)).statusCode).toBe(401);
    const bad = await file(dongsheng, 'year=abc');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.code).toBe('VALIDATION_FAILED');
    expect((await call(dongsheng, 'GET', `/homes/nope/funds/export.xlsx`)).statusCode).toBe(404);
  });

  it('writes the whole approvals queue of the actor, and none of another district’s', async () => {
    const theirs = await makeHome(t.db, {
      name: '乌审经费导出之家',
      ownerUnitId: 'district-150626',
      regionCode: '150626100',
    });
    const theirDirector = await signedInAs(t.app, t.db, [], theirs.directorMemberId!);
    await allocate(wushen, theirs.id, '20000.00');
    await spend(theirDirector, theirs.id, '7000.00', 'equipment');
    const mine = await makeHome(t.db, { name: '东胜经费导出之家' });
    const myDirector = await signedInAs(t.app, t.db, [], mine.directorMemberId!);
    await allocate(dongsheng, mine.id, '20000.00');
    await spend(myDirector, mine.id, '8000.00', 'printing');

    const list = (await call(dongsheng, 'GET', '/funds/pending?pageSize=200')).json() as {
      total: number;
      items: Entry[];
    };
    expect(list.items.map((e) => e.homeName)).toContain(mine.name);
    const rows = await sheetRows(await call(dongsheng, 'GET', '/funds/pending/export.xlsx'));
    expect(rows[0]).toEqual([
      '委员之家',
      '日期',
      '支出类别',
      '说明',
      '金额（元）',
      '登记人',
      '登记时间',
      '凭据',
    ]);
    expect(rows).toHaveLength(list.total + 1);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[3], r[4], r[5]])).toEqual(
      list.items.map((e) => [e.homeName, e.occurredOn, e.description, e.amount, e.createdByName]),
    );
    const row = cells(rows, list.items.findIndex((e) => e.homeName === mine.name) + 1);
    expect(row.slice(2, 5)).toEqual(['印刷', '协商座谈会茶歇', '8,000.00']);
    expect(rows.map((r) => r[0])).not.toContain(theirs.name);
    // wushen's staff get theirs only
    const wushenRows = await sheetRows(await call(wushen, 'GET', '/funds/pending/export.xlsx'));
    expect(wushenRows.slice(1).map((r) => r[0])).toEqual([theirs.name]);
    // a director books, and decides nothing: the queue is empty; the auditor may not read it
    expect(await sheetRows(await call(myDirector, 'GET', '/funds/pending/export.xlsx'))).toEqual([rows[0]]);
    expect((await call(auditor, 'GET', '/funds/pending/export.xlsx')).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/funds/pending')).statusCode).toBe(403);
  });
});
