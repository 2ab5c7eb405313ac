import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cleanFilename,
  extensionOf,
  imageSize,
  imageSizeProblem,
  MAX_FILENAME_LENGTH,
} from '../src/lib/files.js';
import { LocalFolderStorage } from '../src/server/storage.js';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  multipartFile,
  type Session,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-uploads-hardening-'));
let t: TestApp;
let dongsheng: Session;
let wushen: Session;
let home: HomeFixture;
beforeAll(async () => {
  t = await startTestApp({ storage: new LocalFolderStorage(uploads) });
  ({ dongsheng, wushen } = await signInCast(t));
  home = await makeHome(t.db);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});

/** Every file the store holds, wherever it put it. */
const storedFiles = () =>
  fs.readdirSync(uploads, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());

function upload(s: Session, buffer: Buffer, filename: string, homeId = home.id) {
  return as(
    t.app,
    s,
  )({
    method: 'POST',
    url: `/api/v1/homes/${homeId}/attachments`,
    ...multipartFile(filename, buffer, 'application/octet-stream'),
  });
}

const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** An old-Office compound file (OLE2): its signature, then an empty sector map. */
const oleFile = () => {
  const b = Buffer.alloc(4096);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b);
  return b;
};

function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG that declares width × height but holds one small IDAT: a few hundred bytes. */
function declaredPng(width: number, height: number) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(1024))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A JPEG whose frame header (SOF0) declares width × height, after an APP0 segment. */
function declaredJpeg(width: number, height: number) {
  const app0 = Buffer.from('ffe000104a46494600010100000100010000', 'hex');
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    8,
    height >> 8,
    height & 0xff,
    width >> 8,
    width & 0xff,
    3,
  ]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.alloc(9), Buffer.from([0xff, 0xd9])]);
}

/** An extended WebP (VP8X) whose canvas is width × height. */
function declaredWebp(width: number, height: number) {
  const vp8x = Buffer.alloc(10);
  vp8x.writeUIntLE(width - 1, 4, 3);
  vp8x.writeUIntLE(height - 1, 7, 3);
  const chunk = Buffer.concat([Buffer.from('VP8X'), Buffer.from([10, 0, 0, 0]), vp8x]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(4 + chunk.length);
  return Buffer.concat([Buffer.from('RIFF'), size, Buffer.from('WEBP'), chunk]);
}

/** A GIF whose logical screen is width × height. */
function declaredGif(width: number, height: number) {
  const b = Buffer.alloc(32);
  b.write('GIF89a');
  b.writeUInt16LE(width, 6);
  b.writeUInt16LE(height, 8);
  b[31] = 0x3b;
  return b;
}

describe('what an attachment may be', () => {
  it('refuses an old-Office compound file, saying only the modern formats are accepted', async () => {
    for (const name of ['会议纪要.doc', '名单.xls', '安装补丁.exe']) {
      const res = await upload(dongsheng, oleFile(), name);
      expect(res.statusCode, name).toBe(400);
      expect(errorOf(res).error.message).toMatch(/不接受旧版 Office 文档.*\.docx\/\.xlsx\/\.pptx/);
    }
    expect(storedFiles()).toHaveLength(0);
  });

  it('refuses a file whose name does not end as its content is, and names both', async () => {
    const exe = await upload(dongsheng, pdf, '安装补丁.exe');
    expect(exe.statusCode).toBe(400);
    expect(errorOf(exe).error.message).toBe('文件名与内容不符：内容是 .pdf 文件，文件名却以 .exe 结尾');
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
      .png()
      .toBuffer();
    expect((await upload(dongsheng, png, '照片.jpg')).statusCode).toBe(400);
    expect(storedFiles()).toHaveLength(0);
  });

  it('accepts a modern Office workbook under its own name, and gives a nameless file its ending', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRow(['姓名']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(dongsheng, xlsx, '活动名单.XLSX');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      filename: '活动名单.XLSX',
      contentType: expect.stringMatching(/spreadsheetml/),
    });
    const bare = await upload(dongsheng, pdf, '调研报告');
    expect(bare.statusCode, bare.body).toBe(201);
    expect(bare.json().filename).toBe('调研报告.pdf');
    const dated = await upload(dongsheng, pdf, '纪要 2026.03.10');
    expect(dated.json().filename).toBe('纪要 2026.03.10.pdf');
  });
});

describe('images that declare more pixels than anyone needs', () => {
  it('refuses a 50,000 × 50,000 PNG of a few hundred bytes, without decoding it', async () => {
    const bomb = declaredPng(50_000, 50_000);
    expect(bomb.length).toBeLessThan(1000);
    const res = await upload(dongsheng, bomb, '平面图.png');
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.message).toMatch(/图片尺寸过大（50000×50000 像素）/);
    expect(storedFiles().some((f) => f.name.endsWith('.png'))).toBe(false);
  });

  it('refuses JPEG, WebP and GIF headers past the caps, and keeps an ordinary photo', async () => {
    const refused = [
      [declaredJpeg(30_000, 20_000), '现场.jpg'],
      [declaredWebp(16_000, 1_000), '现场.webp'],
      [declaredGif(7_000, 7_000), '动图.gif'],
    ] as const;
    for (const [buffer, name] of refused) {
      const res = await upload(dongsheng, buffer, name);
      expect(res.statusCode, name).toBe(400);
      expect(errorOf(res).error.message, name).toMatch(/图片尺寸过大/);
    }
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#0a0' } })
      .jpeg()
      .toBuffer();
    const ok = await upload(dongsheng, photo, '活动现场.jpg');
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('reads the sizes the headers declare', async () => {
    const png = await sharp({ create: { width: 123, height: 45, channels: 4, background: '#fff' } })
      .png()
      .toBuffer();
    const webp = await sharp(png).webp().toBuffer();
    const lossless = await sharp(png).webp({ lossless: true }).toBuffer();
    const jpeg = await sharp(png).jpeg({ progressive: true }).toBuffer();
    const gif = await sharp(png).gif().toBuffer();
    for (const [buffer, mime] of [
      [png, 'image/png'],
      [webp, 'image/webp'],
      [lossless, 'image/webp'],
      [jpeg, 'image/jpeg'],
      [gif, 'image/gif'],
    ] as const) {
      expect(imageSize(buffer, mime), mime).toEqual({ width: 123, height: 45 });
    }
    expect(imageSizeProblem({ width: 6_000, height: 6_000 })).toBeNull();
    expect(imageSizeProblem({ width: 7_000, height: 7_000 })).toMatch(/总像素/);
    expect(imageSizeProblem({ width: 12_001, height: 10 })).toMatch(/边长/);
    expect(imageSizeProblem(imageSize(Buffer.from([0xff, 0xd8, 0xff]), 'image/jpeg'))).toBe(
      '图片已损坏或无法识别',
    );
  });
});

describe('file names', () => {
  it('drops bidi overrides and other invisible characters, so a name reads as it is', async () => {
    // "invoice‮gpj.exe" reads as "invoiceexe.jpg" on screen
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#00c' } })
      .png()
      .toBuffer();
    const spoof = await upload(dongsheng, png, 'invoice\u202egpj.exe');
    expect(spoof.statusCode).toBe(400);
    expect(errorOf(spoof).error.message).toMatch(/以 \.exe 结尾/);

    const res = await upload(dongsheng, pdf, '\u202b会议\u200f纪要\u2066（定稿）\u2069\u061c\u0007.pdf');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('会议纪要（定稿）.pdf');
  });

  it('keeps the last part of a path, a sane length, and a default for a name with nothing left', () => {
    expect(cleanFilename('C:\\Users\\王\\Desktop\\..\\报告.pdf', '附件.pdf')).toBe('报告.pdf');
    expect(cleanFilename('../../etc/passwd.pdf', '附件.pdf')).toBe('passwd.pdf');
    expect(cleanFilename('a<b>:c|d?.pdf', '附件.pdf')).toBe('a_b__c_d_.pdf');
    expect(cleanFilename('\u202e\u200e\u200f', '附件.pdf')).toBe('附件.pdf');
    expect(extensionOf('报告.PDF')).toBe('.pdf');
    expect(extensionOf('纪要 2026.03.10')).toBe('');
    expect(extensionOf('v1.2版说明')).toBe('');
    expect(extensionOf('.pdf')).toBe('');
    expect(cleanFilename(' .. ', '附件.pdf')).toBe('附件.pdf');
    const long = cleanFilename(`${'很长的名字'.repeat(60)}.docx`, '附件.docx');
    expect([...long]).toHaveLength(MAX_FILENAME_LENGTH);
    expect(long.endsWith('.docx')).toBe(true);
  });

  it('stores a name that becomes empty under the default', async () => {
    const res = await upload(dongsheng, pdf, '\u202e\u200f');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().filename).toBe('附件.pdf');
  });
});

describe('serving attachments', () => {
  it('shows images in the page, makes everything else a download, and never lets a browser sniff', async () => {
    const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    const image = (await upload(dongsheng, photo, '门牌.png')).json();
    const doc = (await upload(dongsheng, pdf, '制度.pdf')).json();

    const shown = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/attachments/${image.id}` });
    expect(shown.statusCode).toBe(200);
    expect(shown.headers['content-type']).toBe('image/png');
    expect(shown.headers['content-disposition']).toMatch(/^inline;/);
    expect(shown.headers['x-content-type-options']).toBe('nosniff');

    const downloaded = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/attachments/${doc.id}` });
    expect(downloaded.statusCode).toBe(200);
    expect(downloaded.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(downloaded.headers['x-content-type-options']).toBe('nosniff');
    expect(downloaded.rawPayload.equals(pdf)).toBe(true);
  });

  it('neither takes nor serves files for an actor outside the home', async () => {
    const mine = (await upload(dongsheng, pdf, '内部.pdf')).json();
    expect((await upload(wushen, pdf, '外人.pdf')).statusCode).toBe(404);
    expect(
      (await as(t.app, wushen)({ method: 'GET', url: `/api/v1/attachments/${mine.id}` })).statusCode,
    ).toBe(404);
  });
});
