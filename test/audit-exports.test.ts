import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  makeHome,
  makeMember,
  type Session,
  sheetRows,
  signedInAs,
  startTestApp,
  type TestApp,
} from './helpers.js';

/**
 * An export that gives people's full phone numbers is audited (GB/T 22239-2019 §8.1.4.3, R31):
 * who took it, how many rows held a whole number, and with which filters. One where every number
 * is masked is not.
 */

let t: TestApp;
let office: Session;
let viceChair: Session;
beforeAll(async () => {
  t = await startTestApp();
  office = await signedInAs(t.app, t.db, [{ role: 'office_admin', scopeId: null }]);
  viceChair = await signedInAs(t.app, t.db, [{ role: 'vice_chair', scopeId: 'district-150602' }]);
});
afterAll(() => t.close());

const exportsAudited = (action: string, actorId: string) =>
  t.db
    .selectFrom('auditEvents')
    .select(['objectType', 'after'])
    .where('action', '=', action)
    .where('actorId', '=', actorId)
    .execute();

describe('exports of full phone numbers', () => {
  it('records the roster export that gives whole numbers, with their count and the filters', async () => {
    await makeMember(t.db, { level: 'municipal', name: '导出审计委员甲' });
    await makeMember(t.db, { level: 'municipal', name: '导出审计委员乙' });
    const res = await as(
      t.app,
      office,
    )({ method: 'GET', url: '/api/v1/members/export.xlsx?level=municipal' });
    expect(res.statusCode).toBe(200);
    const rows = await sheetRows(res);
    const phones = rows.slice(1).map((r) => String(r[11] ?? ''));
    expect(phones.filter((p) => /^1\d{10}$/.test(p)).length).toBeGreaterThanOrEqual(2);
    expect(await exportsAudited('member.export_full_phones', office.userId)).toEqual([
      {
        objectType: 'member',
        after: { rows: rows.length - 1, fullPhones: phones.length, filters: { level: 'municipal' } },
      },
    ]);
  });

  it('records nothing for a roster whose numbers are all masked', async () => {
    const res = await as(t.app, viceChair)({ method: 'GET', url: '/api/v1/members/export.xlsx' });
    expect(res.statusCode).toBe(200);
    const phones = (await sheetRows(res)).slice(1).map((r) => String(r[11] ?? ''));
    expect(phones.length).toBeGreaterThan(0);
    expect(phones.every((p) => p.includes('*'))).toBe(true);
    expect(await exportsAudited('member.export_full_phones', viceChair.userId)).toEqual([]);
  });

  it('records the 解难纾困 export that gives requesters’ whole numbers, and not a masked one', async () => {
    const home = await makeHome(t.db);
    const created = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: '/api/v1/problems',
      payload: {
        homeId: home.id,
        title: '导出审计的困难',
        description: '需要帮助办理手续',
        requesterName: '王大妈',
        requesterPhone: '13912345678',
        contactConsent: true,
      },
    });
    expect(created.statusCode, created.body).toBe(201);

    const full = await as(t.app, office)({ method: 'GET', url: '/api/v1/problems/export.xlsx?q=导出审计' });
    expect(full.statusCode).toBe(200);
    expect((await sheetRows(full)).flat()).toContain('13912345678');
    expect(await exportsAudited('problem.export_full_phones', office.userId)).toEqual([
      { objectType: 'citizen_problem', after: { fullPhones: 1, filters: { q: '导出审计' } } },
    ]);

    const masked = await as(t.app, viceChair)({ method: 'GET', url: '/api/v1/problems/export.xlsx' });
    expect(masked.statusCode).toBe(200);
    const cells = (await sheetRows(masked)).flat().map(String);
    expect(cells).not.toContain('13912345678');
    expect(cells.some((c) => /^139\*+5678$/.test(c))).toBe(true);
    expect(await exportsAudited('problem.export_full_phones', viceChair.userId)).toEqual([]);
  });
});
