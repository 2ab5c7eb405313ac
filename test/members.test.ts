import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPhone, phoneHashes } from '../src/lib/personal-data.js';
import { ROSTER_HEADERS } from '../src/modules/members/excel.js';
import {
  as,
  errorOf,
  makeMember,
  multipartFile,
  newPhone,
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
beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen } = await signInCast(t));
});
afterAll(() => t.close());

const newMember = (overrides: Record<string, unknown> = {}) => ({
  name: '张其其格',
  gender: 'female',
  ethnicity: '蒙古族',
  level: 'district',
  orgUnitId: 'district-150602',
  sector: '教育',
  employer: '东胜区第二中学',
  title: '校长',
  expertise: ['基础教育', '民族教育'],
  phone: newPhone(),
  ...overrides,
});

describe('registering members', () => {
  it('lets a district CPPCC register its own members, with full contact data', async () => {
    const body = newMember();
    const res = await as(t.app, dongsheng)({ method: 'POST', url: '/api/v1/members', payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ ...body, phoneMasked: false, homeIds: [], sectorGroupId: null });
  });

  it("refuses another district's members and municipal ones to district staff (403), writing nothing", async () => {
    const other = await as(
      t.app,
      dongsheng,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ orgUnitId: 'district-150626', name: '不应出现' }),
    });
    expect(other.statusCode).toBe(403);
    const municipal = await as(
      t.app,
      dongsheng,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ level: 'municipal', orgUnitId: 'municipal', name: '不应出现' }),
    });
    expect(municipal.statusCode).toBe(403);
    const list = await as(t.app, office)({ method: 'GET', url: '/api/v1/members?q=不应出现' });
    expect(list.json().total).toBe(0);
  });

  it('checks the unit against the level, the group and the phone format', async () => {
    const res = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({
        level: 'municipal',
        orgUnitId: 'district-150602',
        sectorGroupId: 'district-150603',
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorOf(res).error.fields!).sort()).toEqual(['orgUnitId', 'sectorGroupId']);
    const phone = await as(
      t.app,
      office,
    )({
      method: 'POST',
      url: '/api/v1/members',
      payload: newMember({ phone: '12345' }),
    });
    expect(errorOf(phone).error.fields?.phone).toMatch(/11 位/);
  });

  it('refuses a phone number registered to another member (409)', async () => {
    const body = newMember();
    await as(t.app, dongsheng)({ method: 'POST', url: '/api/v1/members', payload: body });
    const again = await as(
      t.app,
      dongsheng,
    )({ method: 'POST', url: '/api/v1/members', payload: { ...body, name: '另一人' } });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error.fields?.phone).toBeDefined();
  });
});

describe('who sees which members, and their phone numbers', () => {
  it("keeps another district's members out of a district clerk's list and detail (404)", async () => {
    const theirs = await makeMember(t.db, { orgUnitId: 'district-150626', name: '乌审委员甲' });
    const list = await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members?q=乌审委员甲' });
    expect(list.json().total).toBe(0);
    expect(
      (await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/members/${theirs.id}` })).statusCode,
    ).toBe(404);
    const own = await as(t.app, wushen)({ method: 'GET', url: `/api/v1/members/${theirs.id}` });
    expect(own.json()).toMatchObject({ phone: theirs.phone, phoneMasked: false });
  });

  it('masks the phone for roles that do not manage the member; revealing it is audited', async () => {
    const municipal = await makeMember(t.db, { level: 'municipal', name: '市委员乙' });
    const shown = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/members/${municipal.id}` });
    expect(shown.json()).toMatchObject({
      phoneMasked: true,
      allowedActions: ['reveal_phone'],
    });
    expect(shown.json().phone).toBe(`${municipal.phone.slice(0, 3)}****${municipal.phone.slice(7)}`);
    const listed = await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members?q=市委员乙' });
    expect(listed.json().items[0].phone).not.toBe(municipal.phone);

    const revealed = await as(
      t.app,
      dongsheng,
    )({ method: 'POST', url: `/api/v1/members/${municipal.id}/reveal-phone` });
    expect(revealed.json()).toEqual({ phone: municipal.phone });
    const audit = await t.db
      .selectFrom('auditEvents')
      .select(['actorId', 'action'])
      .where('objectId', '=', municipal.id)
      .execute();
    expect(audit).toEqual([{ actorId: dongsheng.userId, action: 'member.reveal_phone' }]);
  });

  it('lets a member see and change only their own contact data', async () => {
    const me = await makeMember(t.db, { name: '本人丙' });
    const other = await makeMember(t.db, { name: '他人丁' });
    const session = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], me.id);
    const mine = await as(t.app, session)({ method: 'GET', url: `/api/v1/members/${me.id}` });
    expect(mine.json()).toMatchObject({
      phone: me.phone,
      allowedActions: ['update_contact'],
    });
    expect((await as(t.app, session)({ method: 'GET', url: `/api/v1/members/${other.id}` })).statusCode).toBe(
      404,
    );
    const list = await as(t.app, session)({ method: 'GET', url: '/api/v1/members' });
    expect(list.json().items.map((m: { id: string }) => m.id)).toEqual([me.id]);

    const phone = newPhone();
    const ok = await as(
      t.app,
      session,
    )({ method: 'PATCH', url: `/api/v1/members/${me.id}`, payload: { phone } });
    expect(ok.json().phone).toBe(phone);
    const name = await as(
      t.app,
      session,
    )({ method: 'PATCH', url: `/api/v1/members/${me.id}`, payload: { name: '改名' } });
    expect(name.statusCode).toBe(400);
    expect(errorOf(name).error.fields?.name).toBeDefined();
    const reveal = await as(
      t.app,
      session,
    )({ method: 'POST', url: `/api/v1/members/${other.id}/reveal-phone` });
    // a member never reveals phones: refused at the route, whoever the other member is
    expect(reveal.statusCode).toBe(403);
  });

  it('refuses the roster to roles without business data (403) and to anonymous callers (401)', async () => {
    const auditor = await signedInAs(t.app, t.db, [{ role: 'auditor', scopeId: null }]);
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(403);
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/members/export.xlsx' })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(401);
  });

  it('filters by level, unit and group, searches name, employer and expertise, and pages', async () => {
    for (let i = 0; i < 3; i++) {
      await makeMember(t.db, { level: 'municipal', sectorGroupId: 'sector-group-3', name: `分组委员${i}` });
    }
    const res = await as(
      t.app,
      office,
    )({
      method: 'GET',
      url: '/api/v1/members?sectorGroupId=sector-group-3&level=municipal&pageSize=2&page=2',
    });
    expect(res.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(res.json().items).toHaveLength(1);
    const byExpertise = await as(
      t.app,
      office,
    )({ method: 'GET', url: `/api/v1/members?q=${encodeURIComponent('民族教育')}` });
    expect(byExpertise.json().total).toBeGreaterThan(0);
  });
});

async function workbook(rows: Array<Array<string | number | null>>, headers?: string[]) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('委员名录');
  sheet.addRow(headers ?? ROSTER_HEADERS);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The answer of an import that found nothing to do; spread it and name what differs. */
const NOTHING = { created: 0, updated: 0, unchanged: 0, unchangedMasked: 0, warnings: [], errors: [] };

function upload(session: Session, buffer: Buffer, query = '', filename = 'members.xlsx') {
  return as(
    t.app,
    session,
  )({
    method: 'POST',
    url: `/api/v1/members/import${query}`,
    ...multipartFile(filename, buffer),
  });
}

describe('importing the roster from Excel', () => {
  const phones = [newPhone(), newPhone(), newPhone()];
  const goodRows = [
    [
      '巴特尔',
      '男',
      '蒙古族',
      '旗区政协委员',
      '东胜区政协',
      null,
      '农牧业',
      '东胜区农牧局',
      '干部',
      '草原保护、畜牧',
      phones[0]!,
    ],
    [
      '李红',
      '女',
      '汉族',
      '旗区政协委员',
      '东胜区',
      null,
      '医药卫生',
      '东胜区人民医院',
      '医生',
      '儿科',
      phones[1]!,
    ],
    ['王强', '男', '汉族', '旗区', '东胜区政协', null, '工商联', '某某公司', '经理', null, phones[2]!],
  ];

  it('imports good rows, and a second import of the same file updates instead of duplicating', async () => {
    const file = await workbook(goodRows);
    const first = await upload(dongsheng, file);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ ...NOTHING, created: 3 });
    const again = await upload(dongsheng, file);
    expect(again.json()).toEqual({ ...NOTHING, unchanged: 3 });
    // a row typed by hand (no 编号) matches on the phone: one changed cell updates that member only
    const edited = goodRows.map((r) => [...r]);
    edited[2]![8] = '总经理';
    expect((await upload(dongsheng, await workbook(edited))).json()).toEqual({
      ...NOTHING,
      updated: 1,
      unchanged: 2,
    });
    const found = await as(
      t.app,
      dongsheng,
    )({ method: 'GET', url: `/api/v1/members?q=${encodeURIComponent('巴特尔')}` });
    expect(found.json().total).toBe(1);
    expect(found.json().items[0]).toMatchObject({ expertise: ['草原保护', '畜牧'], level: 'district' });
  });

  it('reports every bad row with its column and writes nothing', async () => {
    const shared = newPhone();
    const rows = [
      ['好人甲', '男', '汉族', '旗区政协委员', '东胜区政协', null, null, null, null, null, shared],
      [null, '未知', '汉族', '旗区政协委员', '东胜区政协', null, null, null, null, null, newPhone()],
      ['乙', '女', '汉族', '县政协委员', '东胜区政协', null, null, null, null, null, '123'],
      ['丙', '女', '汉族', '旗区政协委员', '乌审旗政协', null, null, null, null, null, newPhone()],
      [
        '丁',
        '女',
        '汉族',
        '旗区政协委员',
        '东胜区政协',
        '不存在的活动组',
        null,
        null,
        null,
        null,
        phones[0]!,
      ],
      ['戊', '女', '汉族', '旗区政协委员', '东胜区政协', null, null, null, null, null, shared],
    ];
    const res = await upload(dongsheng, await workbook(rows));
    const { created, updated, errors } = res.json();
    expect({ created, updated }).toEqual({ created: 0, updated: 0 });
    const byRow = (row: number) =>
      errors.filter((e: { row: number }) => e.row === row).map((e: { field: string }) => e.field);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3).sort()).toEqual(['姓名', '性别'].sort());
    expect(byRow(4)).toEqual(expect.arrayContaining(['层级']));
    expect(byRow(5)).toEqual(['所属政协']);
    expect(byRow(6)).toEqual(['界别活动组']);
    expect(byRow(7)).toEqual(['手机号']);
    const list = await as(
      t.app,
      office,
    )({ method: 'GET', url: `/api/v1/members?q=${encodeURIComponent('好人甲')}` });
    expect(list.json().total).toBe(0);

    const partial = await upload(dongsheng, await workbook(rows), '?partial=true');
    expect(partial.json()).toMatchObject({ created: 1, updated: 0 });
    expect(partial.json().errors.length).toBe(errors.length);
  });

  it('refuses a file that is not xlsx, an empty file, and a sheet without data rows (400)', async () => {
    const notXlsx = await upload(dongsheng, Buffer.from('姓名,性别\n张三,男\n'), '', 'members.csv');
    expect(notXlsx.statusCode).toBe(400);
    expect(errorOf(notXlsx).error.message).toMatch(/xlsx/);
    const empty = await upload(dongsheng, Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
    const headerOnly = await upload(dongsheng, await workbook([]));
    expect(headerOnly.statusCode).toBe(400);
    expect(errorOf(headerOnly).error.message).toMatch(/没有数据行/);
    const wrongColumns = await upload(dongsheng, await workbook([['x']], ['名字']));
    expect(errorOf(wrongColumns).error.message).toMatch(/缺少必需的列/);
  });

  it('is closed to roles that cannot register members (403)', async () => {
    const vice = await signedInAs(t.app, t.db, [{ role: 'vice_chair', scopeId: 'district-150602' }]);
    expect((await upload(vice, await workbook(goodRows))).statusCode).toBe(403);
    expect(
      (await as(t.app, vice)({ method: 'GET', url: '/api/v1/members/import-template.xlsx' })).statusCode,
    ).toBe(403);
  });

  it('exports the filtered list in the import layout, so an export imports back as updates', async () => {
    const res = await as(
      t.app,
      dongsheng,
    )({ method: 'GET', url: '/api/v1/members/export.xlsx?orgUnitId=district-150602' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const total = (
      await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members?orgUnitId=district-150602' })
    ).json().total;
    expect(sheet.actualRowCount - 1).toBe(total);
    expect(sheet.getRow(1).getCell(1).text).toBe('编号');
    expect(sheet.getRow(1).getCell(2).text).toBe('姓名');
    const back = await upload(dongsheng, res.rawPayload);
    expect(back.json()).toEqual({ ...NOTHING, unchanged: total });
  });

  it('gives a template with the Chinese headers', async () => {
    const res = await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members/import-template.xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = (wb.worksheets[0]!.getRow(1).values as string[]).filter(Boolean);
    expect(headers).toEqual([
      '编号',
      '姓名',
      '性别',
      '民族',
      '层级',
      '所属政协',
      '界别活动组',
      '界别',
      '工作单位',
      '职务',
      '专长',
      '手机号',
    ]);
  });
});

/** The roster as this actor exports it (every member they see), as a workbook to edit. */
async function exported(session: Session) {
  const res = await as(t.app, session)({ method: 'GET', url: '/api/v1/members/export.xlsx' });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const headers = (sheet.getRow(1).values as string[]).map((h) => (typeof h === 'string' ? h : ''));
  const column = (header: string) => headers.indexOf(header);
  const rowOf = (id: string) => {
    for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).text === id) return r;
    throw new Error(`no row for ${id}`);
  };
  return {
    rows: sheet.actualRowCount - 1,
    cell: (id: string, header: string) => sheet.getRow(rowOf(id)).getCell(column(header)),
    rowOf,
    addRow: (values: Record<string, string>) => sheet.addRow(headers.map((h) => values[h] ?? null)).number,
    buffer: async () => Buffer.from(await wb.xlsx.writeBuffer()),
  };
}

const stored = async (id: string) => {
  const { phoneSealed, ...row } = await t.db
    .selectFrom('members')
    .select(['name', 'employer', 'title', 'expertise', 'phoneSealed', 'updatedAt'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return { ...row, phone: openPhone(phoneSealed) };
};

const importAudits = () =>
  t.db
    .selectFrom('auditEvents')
    .select('after')
    .where('action', '=', 'member.import')
    .orderBy('id')
    .execute();

describe('importing an exported roster back (编号 as the key)', () => {
  it('imports an untouched export as unchanged, writing nothing: no UPDATE, no audit row', async () => {
    const own = await makeMember(t.db, { name: '原样甲' });
    await makeMember(t.db, { level: 'municipal', name: '原样市委员' });
    const file = await exported(dongsheng);
    const before = await stored(own.id);
    const audits = (await importAudits()).length;
    const res = await upload(dongsheng, await file.buffer());
    expect(res.json()).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: file.rows,
      warnings: [],
      errors: [],
    });
    expect((await stored(own.id)).updatedAt).toEqual(before.updatedAt);
    expect((await importAudits()).length).toBe(audits);
  });

  it('updates the one row whose cell was edited, and audits the import', async () => {
    const own = await makeMember(t.db, { name: '改职务乙' });
    const other = await makeMember(t.db, { name: '不改丙' });
    const file = await exported(dongsheng);
    file.cell(own.id, '职务').value = '副校长';
    const untouched = await stored(other.id);
    const res = await upload(dongsheng, await file.buffer());
    expect(res.json()).toMatchObject({ created: 0, updated: 1, unchanged: file.rows - 1, errors: [] });
    expect(await stored(own.id)).toMatchObject({ title: '副校长', phone: own.phone, expertise: ['教育'] });
    expect((await stored(other.id)).updatedAt).toEqual(untouched.updatedAt);
    expect((await importAudits()).at(-1)?.after).toMatchObject({ updated: 1, created: 0, skipped: 0 });
  });

  it('imports an export with masked phones back with nothing failed, the stored numbers kept', async () => {
    // dongsheng sees municipal members with masked numbers and does not manage them: read only
    const municipal = await makeMember(t.db, { level: 'municipal', name: '打码市委员' });
    const file = await exported(dongsheng);
    const masked = file.cell(municipal.id, '手机号').text;
    expect(masked).toBe(`${municipal.phone.slice(0, 3)}****${municipal.phone.slice(7)}`);
    const seenMasked = (
      await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members?level=municipal&pageSize=1' })
    ).json().total;
    const regional = (
      await as(t.app, dongsheng)({ method: 'GET', url: '/api/v1/members?level=regional&pageSize=1' })
    ).json().total;
    const back = await upload(dongsheng, await file.buffer());
    expect(back.json()).toEqual({ ...NOTHING, unchanged: file.rows, unchangedMasked: seenMasked + regional });
    expect((await stored(municipal.id)).phone).toBe(municipal.phone);

    // the office manages municipal members: from the same file, with one cell edited, it updates
    // that member and keeps the number the file shows masked
    file.cell(municipal.id, '工作单位').value = '市政协机关';
    const byOffice = await upload(office, await file.buffer());
    expect(byOffice.json()).toEqual({
      ...NOTHING,
      updated: 1,
      unchanged: file.rows - 1,
      unchangedMasked: seenMasked + regional,
    });
    expect(await stored(municipal.id)).toMatchObject({ employer: '市政协机关', phone: municipal.phone });

    // the district clerk's edit of a member they only see is not taken, and does not stop the file
    const own = await makeMember(t.db, { name: '本区丁' });
    const withOwn = await exported(dongsheng);
    withOwn.cell(municipal.id, '工作单位').value = '改不了';
    withOwn.cell(own.id, '职务').value = '主任';
    const clerk = await upload(dongsheng, await withOwn.buffer());
    expect(clerk.json()).toMatchObject({ updated: 1, unchanged: withOwn.rows - 2, errors: [] });
    expect(clerk.json().warnings).toEqual([
      {
        row: withOwn.rowOf(municipal.id),
        field: '工作单位',
        message: expect.stringMatching(/非本级管理|不由本级/),
      },
    ]);
    expect(await stored(municipal.id)).toMatchObject({ employer: '市政协机关', phone: municipal.phone });
    expect((await stored(own.id)).title).toBe('主任');
  });

  it('refuses a masked phone it cannot place: without 编号, or not the member’s own number', async () => {
    const own = await makeMember(t.db, { name: '打码戊' });
    const file = await exported(dongsheng);
    file.cell(own.id, '手机号').value = '139****0000';
    const row = file.addRow({
      姓名: '新人己',
      性别: '女',
      层级: '旗区政协委员',
      所属政协: '东胜区政协',
      手机号: '139****1111',
    });
    const res = await upload(dongsheng, await file.buffer());
    expect(res.json()).toMatchObject({ created: 0, updated: 0 });
    expect(res.json().errors).toEqual([
      { row: file.rowOf(own.id), field: '手机号', message: expect.stringMatching(/不符/) },
      { row, field: '手机号', message: expect.stringMatching(/编号/) },
    ]);
    expect((await stored(own.id)).phone).toBe(own.phone);
  });

  it("makes an id outside the actor's scope a row error and changes nothing of that member", async () => {
    const theirs = await makeMember(t.db, { orgUnitId: 'district-150626', name: '乌审庚' });
    const own = await makeMember(t.db, { name: '本区辛' });
    const before = await stored(theirs.id);
    const file = await exported(dongsheng);
    // the wushen member's id put on the clerk's own row, as if edited in by hand
    const row = file.rowOf(own.id);
    file.cell(own.id, '编号').value = theirs.id;
    file.cell(theirs.id, '工作单位').value = '被改的单位';
    const res = await upload(dongsheng, await file.buffer());
    expect(res.json()).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
    expect(res.json().errors).toEqual([{ row, field: '编号', message: `找不到编号为“${theirs.id}”的委员` }]);
    const partial = await upload(dongsheng, await file.buffer(), '?partial=true');
    expect(partial.json()).toMatchObject({ created: 0, updated: 0, unchanged: file.rows - 1 });
    expect(partial.json().errors).toHaveLength(1);
    expect(await stored(theirs.id)).toEqual(before);
  });

  it('creates a new row without 编号 once; the same file again creates nothing twice', async () => {
    const file = await exported(dongsheng);
    const phone = newPhone();
    file.addRow({
      姓名: '新委员壬',
      性别: '男',
      民族: '汉族',
      层级: '旗区政协委员',
      所属政协: '东胜区政协',
      专长: '法律',
      手机号: phone,
    });
    const buffer = await file.buffer();
    // the export carries the masked municipal members too: read only, unchanged
    const first = (await upload(dongsheng, buffer)).json();
    expect(first).toMatchObject({ created: 1, updated: 0, unchanged: file.rows, warnings: [], errors: [] });
    expect((await upload(dongsheng, buffer)).json()).toEqual({
      ...first,
      created: 0,
      unchanged: file.rows + 1,
    });
    const found = await t.db
      .selectFrom('members')
      .select('name')
      .where('phoneHash', 'in', phoneHashes(phone))
      .execute();
    expect(found).toEqual([{ name: '新委员壬' }]);
  });

  it("changes a member's phone through the 编号 row; another member's number is refused", async () => {
    const own = await makeMember(t.db, { name: '换号子' });
    const neighbour = await makeMember(t.db, { name: '邻居丑' });
    const file = await exported(dongsheng);
    const phone = newPhone();
    file.cell(own.id, '手机号').value = phone;
    file.cell(own.id, '专长').value = '教育、心理健康';
    expect((await upload(dongsheng, await file.buffer())).json()).toMatchObject({ updated: 1, errors: [] });
    expect(await stored(own.id)).toMatchObject({ phone, expertise: ['教育', '心理健康'] });

    file.cell(own.id, '手机号').value = neighbour.phone;
    file.cell(neighbour.id, '手机号').value = newPhone();
    const taken = await upload(dongsheng, await file.buffer());
    expect(taken.json().errors).toEqual([
      { row: file.rowOf(own.id), field: '手机号', message: '该手机号已登记给另一位委员' },
    ]);
    expect((await stored(own.id)).phone).toBe(phone);
  });

  it('refuses the same member twice in one file', async () => {
    const own = await makeMember(t.db, { name: '重复癸' });
    const file = await exported(dongsheng);
    const first = file.rowOf(own.id);
    const again = file.addRow({
      编号: own.id,
      姓名: '重复癸',
      性别: '女',
      层级: '旗区政协委员',
      所属政协: '东胜区政协',
      手机号: own.phone,
    });
    const res = await upload(dongsheng, await file.buffer());
    expect(res.json().errors).toEqual([{ row: again, field: '编号', message: `与第 ${first} 行的编号重复` }]);
  });
});
