import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { freeMegabytes, fromFullDisk, isDiskFull, STORAGE_FULL_MESSAGE } from '../src/server/disk.js';
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

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-disk-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/**
 * The store on a disk that is full: its writes go to /dev/full, which the kernel answers with
 * ENOSPC, the very error a full file system gives.
 */
const fullDisk = new LocalFolderStorage(path.join(root, 'uploads'), {
  mkdir: (dir, options) => fsp.mkdir(dir, options),
  writeFile: (_file, data) => fsp.writeFile('/dev/full', data),
  readFile: (file) => fsp.readFile(file),
  rm: (file, options) => fsp.rm(file, options),
});

describe('the health check', () => {
  it('reports the free space of the data and upload folders and answers 200 above the minimum', async () => {
    const t = await startTestApp({
      disk: { directories: { data: root, uploads: path.join(root, 'uploads', 'not-yet') }, minFreeMb: 1 },
    });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ status: 'ok', database: 'ok', minFreeMb: 1 });
      expect(body.disk.data.freeMb).toBe(await freeMegabytes(root));
      expect(body.disk.uploads).toMatchObject({ ok: true, freeMb: expect.any(Number) });
    } finally {
      await t.close();
    }
  });

  it('answers 503 degraded when a folder has less room than the minimum', async () => {
    const free = await freeMegabytes(root);
    const t = await startTestApp({
      disk: { directories: { data: root, uploads: root }, minFreeMb: free + 10_000 },
    });
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({
        status: 'degraded',
        database: 'ok',
        disk: { data: { ok: false }, uploads: { ok: false } },
      });
    } finally {
      await t.close();
    }
  });

  it('takes its minimum from MIN_FREE_DISK_MB, 200 by default', () => {
    expect(loadConfig({}).minFreeDiskMb).toBe(200);
    expect(loadConfig({ MIN_FREE_DISK_MB: '1024' }).minFreeDiskMb).toBe(1024);
    expect(() => loadConfig({ MIN_FREE_DISK_MB: '-1' })).toThrow(/MIN_FREE_DISK_MB/);
  });
});

describe('a write that finds the disk full', () => {
  let t: TestApp;
  let dongsheng: Session;
  let wushen: Session;
  let home: HomeFixture;
  beforeAll(async () => {
    t = await startTestApp({ storage: fullDisk });
    ({ dongsheng, wushen } = await signInCast(t));
    home = await makeHome(t.db);
  });
  afterAll(() => t.close());

  const upload = (s: Session) => {
    return as(
      t.app,
      s,
    )({
      method: 'POST',
      url: `/api/v1/homes/${home.id}/attachments`,
      ...multipartFile(
        '报告.pdf',
        Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        'application/pdf',
      ),
    });
  };

  it('answers 507 in the error shape, in words the user can act on, and keeps no part of the file', async () => {
    const res = await upload(dongsheng);
    expect(res.statusCode, res.body).toBe(507);
    expect(errorOf(res).error).toEqual({ code: 'STORAGE_FULL', message: STORAGE_FULL_MESSAGE });
    const left = fs.existsSync(path.join(root, 'uploads'))
      ? fs
          .readdirSync(path.join(root, 'uploads'), { recursive: true, withFileTypes: true })
          .filter((e) => e.isFile())
      : [];
    expect(left).toHaveLength(0);
    const rows = await t.db.selectFrom('attachments').select('id').where('ownerId', '=', home.id).execute();
    expect(rows).toHaveLength(0);
  });

  it('still answers 404 to an actor outside the home before writing anything', async () => {
    expect((await upload(wushen)).statusCode).toBe(404);
  });
});

describe('recognising a full disk', () => {
  it("knows the file system's and PostgreSQL's words for it, and nothing else", () => {
    expect(isDiskFull(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('disk full'), { code: '53100' }))).toBe(true);
    expect(isDiskFull(new Error('could not extend file "base/16384/16385": No space left on device'))).toBe(
      true,
    );
    expect(isDiskFull(Object.assign(new Error('dup'), { code: '23505' }))).toBe(false);
    expect(isDiskFull(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe(false);
    expect(isDiskFull(null)).toBe(false);
  });

  it('logs the first refusal and not every one after it', () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    const start = Date.now() + 3_600_000; // clear of any earlier refusal in this process
    for (let i = 0; i < 5; i++) expect(fromFullDisk(full, log, start + i * 1000)?.status).toBe(507);
    expect(lines).toHaveLength(1);
    fromFullDisk(full, log, start + 11 * 60_000);
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[1]!)).toMatchObject({ sinceLastLogged: 4 });
  });
});
