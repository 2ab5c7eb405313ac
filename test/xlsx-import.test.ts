import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet, type SheetLimits } from '../src/lib/xlsx-read.js';
import { ROSTER_HEADERS } from '../src/modules/members/excel.js';
import { MAX_UPLOAD_BYTES } from '../src/server/upload.js';
import {
  as,
  errorOf,
  multipartFile,
  type Session,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let dongsheng: Session;
beforeAll(async () => {
  t = await startTestApp();
  ({ dongsheng } = await signInCast(t));
});
afterAll(() => t.close());

const HEADER = ROSTER_HEADERS;
const MB = 1024 * 1024;

function multipart(buffer: Buffer, filename = 'members.xlsx') {
  return {
    ...multipartFile(filename, buffer, 'application/octet-stream'),
  };
}

const upload = (buffer: Buffer, filename?: string) =>
  as(t.app, dongsheng)({ method: 'POST', url: '/api/v1/members/import', ...multipart(buffer, filename) });

const memberCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('members')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A roster of `rows` well-formed district members below the header. */
async function roster(rows: number) {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('委员名录');
  sheet.addRow(HEADER);
  for (let i = 0; i < rows; i++)
    sheet.addRow([
      `委员${i}`,
      '男',
      '汉族',
      '旗区政协委员',
      '东胜区政协',
      null,
      null,
      null,
      null,
      null,
      String(13_900_000_000 + i),
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let file20001: Promise<Buffer> | undefined;
/** One roster over the limit, made once for the tests that need it. */
const rosterOf20001 = () => {
  file20001 ??= roster(20_001);
  return file20001;
};

async function readAll(buffer: Buffer, limits: SheetLimits = { maxRows: 20_000 }) {
  const rows = [];
  for await (const row of readFirstSheet(buffer, limits)) rows.push(row);
  return rows;
}

/** The highest RSS of this process sampled while `work` runs, above the RSS before it. */
async function rssGrowthDuring<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 5);
  try {
    const result = await work();
    sample();
    return { result, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

interface ZipEntry {
  name: string;
  /** the bytes as stored: raw, or deflated when `inflatedSize` is given */
  data: Buffer;
  /** the inflated size the zip declares for a deflated entry */
  inflatedSize?: number;
}

/** A zip written by hand, so its directory can declare what a real writer would not. */
function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const method = entry.inflatedSize === undefined ? 0 : 8;
    const size = entry.inflatedSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * `head`, then `megabytes` MB of the byte `fill`, deflated: the deflate of one megabyte, flushed to
 * a byte boundary, repeated, so a bomb of hundreds of MB is made without ever holding them.
 */
function deflated(head: string, fill: number, megabytes: number): Buffer {
  const flushed = { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const block = zlib.deflateRawSync(Buffer.alloc(MB, fill), flushed);
  return Buffer.concat([
    zlib.deflateRawSync(Buffer.from(head), flushed),
    ...Array.from({ length: megabytes }, () => block),
    zlib.deflateRawSync(Buffer.alloc(0)),
  ]);
}

const RELS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** The parts around a worksheet that make a minimal workbook; `sheets: false` lists none. */
function workbookParts({ sheets = true } = {}): ZipEntry[] {
  const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>${s}`);
  return [
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_REL}"><sheets>${sheets ? '<sheet name="名录" sheetId="1" r:id="rId1"/>' : ''}</sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${RELS_NS}"><Relationship Id="rId1" Type="${DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
  ];
}

describe('reading a worksheet as a user sees it', () => {
  it('gives each cell as its text: dates, numbers, rich text, formulas; empty rows are skipped', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('a');
    sheet.addRow(['日期', '数', '富文本', '公式', '文字公式', '是否', '手机号']);
    sheet.addRow([
      new Date(Date.UTC(2024, 0, 15)),
      0.1 + 0.2,
      { richText: [{ text: '鄂尔多斯' }, { font: { bold: true }, text: '市政协' }] },
      { formula: '1+1', result: 2 },
      { formula: '"东胜"&"区"', result: '东胜区' },
      true,
      13_912_345_678,
    ]);
    sheet.addRow([]);
    sheet.getCell('A4').value = '   ';
    sheet.getCell('C5').value = '  留白  ';
    const rows = await readAll(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 1, cells: ['日期', '数', '富文本', '公式', '文字公式', '是否', '手机号'] },
      { row: 2, cells: ['2024-01-15', '0.3', '鄂尔多斯市政协', '2', '东胜区', 'TRUE', '13912345678'] },
      { row: 5, cells: ['', '', '留白'] },
    ]);
  });

  it('keeps Chinese text whole however the sheet is cut into chunks', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('a');
    const expected = [];
    for (let i = 0; i < 5000; i++) {
      const cells = [`张其其格${i}`, `东胜区第二中学校长${i}`, '鄂尔多斯市政协委员之家'];
      sheet.addRow(cells);
      expected.push({ row: i + 1, cells });
    }
    expect(await readAll(Buffer.from(await wb.xlsx.writeBuffer()))).toEqual(expected);
  });

  it('reads a minimal hand-made workbook (stored parts, no shared strings, no styles)', async () => {
    const sheet = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1"><v>42</v></c></row></sheetData></worksheet>`;
    const zip = zipOf([...workbookParts(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheet) }]);
    expect(await readAll(zip)).toEqual([{ row: 1, cells: ['姓名', '42'] }]);
  });

  it('accepts 20,000 data rows and refuses row 20,001 as soon as it is read', async () => {
    const rows = await readAll(await roster(20_000), { maxRows: 20_000 });
    expect(rows).toHaveLength(20_001);
    expect(rows.at(-1)).toMatchObject({ row: 20_001, cells: expect.arrayContaining(['委员19999']) });
    const file = await rosterOf20001();
    await expect(readAll(file, { maxRows: 20_000 })).rejects.toMatchObject({
      status: 400,
      message: '一次最多导入 20000 行，请拆分文件',
    });
    let read = 0;
    const counting = async () => {
      for await (const _ of readFirstSheet(file, { maxRows: 100 })) read++;
    };
    await expect(counting()).rejects.toMatchObject({
      status: 400,
      message: '一次最多导入 100 行，请拆分文件',
    });
    // the header and 100 data rows, then the refusal: not after reading the whole file
    expect(read).toBe(101);
  }, 120_000);

  it('refuses a value past the last column and a cell too long, naming the row', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('a');
    sheet.addRow(['姓名']);
    sheet.getCell(2, 201).value = '多余';
    const wide = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(readAll(wide)).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/第 2 行.*200 列/),
    });
    sheet.getCell(2, 201).value = null;
    sheet.getCell(3, 2).value = '长'.repeat(5000);
    expect(await readAll(Buffer.from(await wb.xlsx.writeBuffer()))).toHaveLength(2);
    sheet.getCell(3, 2).value = '长'.repeat(5001);
    await expect(readAll(Buffer.from(await wb.xlsx.writeBuffer()))).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/第 3 行 B 列.*5000 个字符/),
    });
  });
});

describe('refusing a workbook early (400, nothing written)', () => {
  it('refuses 20,001 data rows with the row message and writes nothing', async () => {
    const before = await memberCount();
    const res = await upload(await rosterOf20001());
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '一次最多导入 20000 行，请拆分文件',
    });
    expect(await memberCount()).toBe(before);
  }, 120_000);

  it('refuses a sheet far over the size cap before parsing it, without memory ballooning', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-xlsx-')), 'big.xlsx');
    try {
      const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
      const sheet = writer.addWorksheet('委员名录');
      sheet.addRow(HEADER).commit();
      for (let i = 0; i < 300_000; i++)
        sheet.addRow([`委员${i}`, '男', '旗区政协委员', '东胜区政协', 13_900_000_000 + i]).commit();
      sheet.commit();
      await writer.commit();
      const body = multipart(fs.readFileSync(file));
      expect(body.payload.length).toBeLessThan(MAX_UPLOAD_BYTES);
      const before = await memberCount();
      const { result: res, growth } = await rssGrowthDuring(() =>
        as(t.app, dongsheng)({ method: 'POST', url: '/api/v1/members/import', ...body }),
      );
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error.message).toMatch(/工作表过大.*一次最多导入 20000 行/);
      expect(growth).toBeLessThan(400 * MB);
      expect(await memberCount()).toBe(before);
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a zip bomb from its directory, without inflating it', async () => {
    const zeros = deflated('', 0, 400);
    const bomb = zipOf([
      ...workbookParts(),
      { name: 'xl/worksheets/sheet1.xml', data: zeros, inflatedSize: 400 * MB },
    ]);
    const { result: res, growth } = await rssGrowthDuring(() => upload(bomb));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.message).toMatch(/压缩比异常/);
    expect(growth).toBeLessThan(400 * MB);
  }, 120_000);

  it('stops inflating a part at the size its directory declares', async () => {
    const head = `<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`;
    const lying = zipOf([
      ...workbookParts(),
      { name: 'xl/worksheets/sheet1.xml', data: deflated(head, 0x61, 300), inflatedSize: 2000 },
    ]);
    const { result: res, growth } = await rssGrowthDuring(() => upload(lying));
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.message).toMatch(/无法读取该 Excel 文件/);
    expect(growth).toBeLessThan(400 * MB);
  }, 120_000);

  it('refuses a workbook whose parts inflate past the total cap, or that has too many parts', async () => {
    // parts of 1 MB each compress as well as they like: only their sum is over the cap
    const megabyte = deflated('', 0, 1);
    const big = zipOf([
      ...workbookParts(),
      {
        name: 'xl/worksheets/sheet1.xml',
        data: Buffer.from(`<worksheet xmlns="${MAIN_NS}"><sheetData/></worksheet>`),
      },
      ...Array.from({ length: 70 }, (_, i) => ({
        name: `xl/media/image${i}.png`,
        data: megabyte,
        inflatedSize: MB,
      })),
    ]);
    const bigRes = await upload(big);
    expect(bigRes.statusCode).toBe(400);
    expect(errorOf(bigRes).error.message).toMatch(/解压后超过 60 MB/);

    const many = zipOf([
      ...workbookParts(),
      ...Array.from({ length: 1001 }, (_, i) => ({ name: `xl/media/p${i}.txt`, data: Buffer.from('x') })),
    ]);
    const manyRes = await upload(many);
    expect(manyRes.statusCode).toBe(400);
    expect(errorOf(manyRes).error.message).toMatch(/部件过多/);
  }, 60_000);

  it('refuses a file that is not a zip, an empty one, an old or locked one, and a zip without a sheet', async () => {
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.from('姓名,性别\n张三,男\n'), /不是 Excel（\.xlsx）格式/],
      [Buffer.alloc(0), /文件是空的/],
      [
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
        /\.xls.*密码/,
      ],
      [Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /无法读取该 Excel 文件/],
      [zipOf([{ name: 'readme.txt', data: Buffer.from('不是工作簿') }]), /不是 Excel（\.xlsx）格式/],
      [zipOf(workbookParts({ sheets: false })), /没有工作表/],
      [zipOf(workbookParts()), /没有工作表/],
    ];
    const before = await memberCount();
    for (const [file, message] of cases) {
      const res = await upload(file);
      expect(res.statusCode).toBe(400);
      expect(errorOf(res).error.message).toMatch(message);
    }
    expect(await memberCount()).toBe(before);
  });
});

describe('serving others while an import is read', () => {
  it('answers /api/health before a large import is done with', async () => {
    const file = await rosterOf20001();
    const done: string[] = [];
    const importing = upload(file).then((res) => {
      done.push('import');
      return res;
    });
    const health = t.app.inject({ method: 'GET', url: '/api/health' }).then((res) => {
      done.push('health');
      return res;
    });
    const [imported, healthy] = await Promise.all([importing, health]);
    expect(healthy.statusCode).toBe(200);
    expect(imported.statusCode).toBe(400);
    expect(done).toEqual(['health', 'import']);
  }, 120_000);
});

describe('uploads over the limit', () => {
  it('answers 413 every time, never keeping the file cut at the limit', async () => {
    const before = await memberCount();
    const { headers, payload } = multipart(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x50));
    // the whole body at once, and in two pieces with the limit exactly between them: there the
    // file stream ends after its last chunk was read, before the cut could be noticed
    const cut = payload.indexOf(Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x50)) + MAX_UPLOAD_BYTES;
    const bodies = [() => payload, () => Readable.from([payload.subarray(0, cut), payload.subarray(cut)])];
    for (const body of bodies)
      for (let i = 0; i < 5; i++) {
        const res = await as(
          t.app,
          dongsheng,
        )({
          method: 'POST',
          url: '/api/v1/members/import',
          headers,
          payload: body(),
        });
        expect(res.statusCode).toBe(413);
        expect(errorOf(res).error).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          message: '文件不能超过 20 MB',
        });
      }
    expect(await memberCount()).toBe(before);
  }, 60_000);
});
