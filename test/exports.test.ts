import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_PAGE, sendListWorkbook } from '../src/server/export.js';
import { as, makeHome, type Session, sheetRows, signInCast, startTestApp, type TestApp } from './helpers.js';

describe('a list streamed as a workbook', () => {
  const app = Fastify();
  const items = Array.from({ length: EXPORT_PAGE * 2 + 17 }, (_, i) => ({ n: i + 1, name: `第${i + 1}行` }));
  const asked: number[] = [];
  app.get('/list.xlsx', (_request, reply) =>
    sendListWorkbook<{ n: number; name: string }>(reply, {
      filename: '清单.xlsx',
      sheet: '清单',
      columns: [
        { header: '序号', value: (r) => r.n },
        { header: '名称', value: (r) => r.name },
      ],
      page: async (page, pageSize) => {
        asked.push(page);
        return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
      },
    }),
  );
  app.get('/refused.xlsx', (_request, reply) =>
    sendListWorkbook(reply, {
      filename: 'x.xlsx',
      sheet: 'x',
      columns: [],
      page: async () => {
        throw Object.assign(new Error('无权导出'), { statusCode: 403 });
      },
    }),
  );
  afterAll(() => app.close());

  it('holds every row, read a page at a time, under a Chinese file name', async () => {
    const res = await app.inject({ method: 'GET', url: '/list.xlsx' });
    const rows = await sheetRows(res);
    expect(rows[0]).toEqual(['序号', '名称']);
    expect(rows).toHaveLength(items.length + 1);
    expect(rows.at(-1)).toEqual([String(items.length), `第${items.length}行`]);
    expect(asked).toEqual([1, 2, 3]);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('清单.xlsx'));
  });

  it('answers a refusal before it sends anything', async () => {
    const res = await app.inject({ method: 'GET', url: '/refused.xlsx' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).not.toMatch(/spreadsheetml/);
  });
});

describe('the homes list exported', () => {
  let t: TestApp;
  let dongsheng: Session;
  let wushen: Session;
  let auditor: Session;
  beforeAll(async () => {
    t = await startTestApp();
    ({ dongsheng, wushen, auditor } = await signInCast(t));
  });
  afterAll(() => t.close());

  it('writes every home of the actor’s scope that the filters find, with the list’s columns', async () => {
    const mine = await makeHome(t.db, { name: '导出测试东胜之家' });
    const other = await makeHome(t.db, {
      name: '导出测试乌审之家',
      ownerUnitId: 'district-150626',
      regionCode: '150626100',
    });
    const rows = await sheetRows(
      await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/homes/export.xlsx?q=导出测试' }),
    );
    expect(rows[0]!.slice(0, 8)).toEqual([
      '名称',
      '类型',
      '层级',
      '所属单位',
      '所在地',
      '品牌特色',
      '负责人',
      '状态',
    ]);
    expect(rows.slice(1).map((r) => r[0])).toEqual([mine.name]);
    expect(rows[1]![3]).toContain('东胜');
    // the other district's staff see theirs, and the list and its file agree
    const theirs = await sheetRows(
      await as(t.app, wushen)({ method: 'GET', url: '/api/v1/homes/export.xlsx?q=导出测试' }),
    );
    expect(theirs.slice(1).map((r) => r[0])).toEqual([other.name]);
    const all = await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/homes?pageSize=200' });
    const file = await sheetRows(
      await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/homes/export.xlsx' }),
    );
    expect(file).toHaveLength(all.json().total + 1);
  });

  it('refuses whoever may not read the list, and a bad filter, in API.md’s shape', async () => {
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/homes/export.xlsx' })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/homes/export.xlsx' })).statusCode).toBe(401);
    const bad = await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/homes/export.xlsx?status=nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });
});
