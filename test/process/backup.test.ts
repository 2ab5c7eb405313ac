import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBackup } from '../../src/cli/backup-archive.js';
import { readTar, TarWriter } from '../../src/cli/tar.js';
import { bootstrapDatabase } from '../../src/db/bootstrap.js';
import { openEmbedded } from '../../src/db/connection.js';
import { installPersonalDataKeys, loadOrCreateKeyFile } from '../../src/lib/personal-data.js';
import { LocalFolderStorage } from '../../src/server/storage.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-backup-'));
const uploadDir = path.join(dataDir, 'uploads');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-backup-files-'));
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
});

const cli = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });

async function inDb<T>(fn: (db: Awaited<ReturnType<typeof openEmbedded>>['db']) => Promise<T>): Promise<T> {
  const handle = await openEmbedded(dataDir);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const userCount = () =>
  inDb(async (db) => {
    const { n } = await db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    return n;
  });

const renamedUsers = () =>
  inDb(async (db) => {
    const { n } = await db
      .selectFrom('users')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('displayName', '=', '改坏的名字')
      .executeTakeFirstOrThrow();
    return n;
  });

const attachmentRows = () =>
  inDb((db) =>
    db.selectFrom('attachments').select(['storageKey', 'size']).where('storageKey', '<>', '').execute(),
  );

/** The folders beside the data: what a refused restore must leave as it was. */
const dataFolders = () => fs.readdirSync(dataDir).sort();

/** A tar's entries by name, read with the backup's own reader. */
async function entriesOf(tar: Buffer): Promise<Map<string, Buffer>> {
  const entries = new Map<string, Buffer>();
  await readTar(Readable.from([tar]), ({ name }) => {
    const chunks: Buffer[] = [];
    return {
      write: (chunk) => chunks.push(Buffer.from(chunk)),
      end: () => entries.set(name, Buffer.concat(chunks)),
    };
  });
  return entries;
}

/** Overwrites bytes of the data of the tar entry whose name ends with `suffix`, in place. */
function damage(tar: Buffer, suffix: string, at: number, bytes: number) {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const name = tar
      .subarray(offset, offset + 100)
      .toString('utf8')
      .replace(/\0.*$/s, '');
    const size = Number.parseInt(
      tar
        .subarray(offset + 124, offset + 136)
        .toString('ascii')
        .trim() || '0',
      8,
    );
    if (!name) break;
    if (name.endsWith(suffix)) {
      tar.fill(0xff, offset + 512 + at, offset + 512 + at + bytes);
      return;
    }
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ending with ${suffix}`);
}

let backupFile: string;
let before: number;
beforeAll(async () => {
  // the demo's phone numbers sealed under the data folder's key file, as a first start makes it
  installPersonalDataKeys(loadOrCreateKeyFile(dataDir).keys);
  const handle = await openEmbedded(dataDir);
  await bootstrapDatabase(handle.db, {
    adminPassword: 'abcd1234',
    seedDemo: true,
    storage: new LocalFolderStorage(uploadDir),
  });
  await handle.close();
  before = await userCount();
  backupFile = path.join(scratch, 'backup.tar.gz');
  const backup = cli('backup', backupFile);
  expect(backup.status, backup.stderr).toBe(0);
  expect(backup.stdout).toMatch(/备份完成：.*数据库和 \d+ 个上传文件/);
}, 240_000); // the demo year with its sign photos, then a backup of it

describe('backup and restore of the embedded database', () => {
  it('backs up the uploaded files with the database, and restores both', async () => {
    const attachments = await attachmentRows();
    expect(attachments.length).toBeGreaterThan(5);

    // after the backup: every name overwritten and the upload folder lost
    await inDb((db) => db.updateTable('users').set({ displayName: '改坏的名字' }).execute());
    fs.rmSync(uploadDir, { recursive: true, force: true });
    expect(await renamedUsers()).toBe(before);

    const restore = cli('restore', backupFile);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/校验通过：\d+ 张表共 \d+ 行可完整读取，\d+ 个附件文件齐全/);
    expect(restore.stdout).toMatch(/恢复完成/);
    expect(await userCount()).toBe(before);
    expect(await renamedUsers()).toBe(0);
    // every attachment is served again: its file back where the store reads it, whole
    const storage = new LocalFolderStorage(uploadDir);
    for (const row of await attachmentRows()) {
      expect((await storage.get(row.storageKey)).length).toBe(row.size);
    }
    const names = dataFolders();
    expect(names.some((name) => name.startsWith('pgdata.before-restore-'))).toBe(true);
    expect(names.some((name) => name.includes('.restoring'))).toBe(false);
  });

  it('refuses a backup with a damaged table page and leaves the current data untouched', async () => {
    const filepath = await inDb(async (db) => {
      const { rows } = await sql<{ p: string }>`select pg_relation_filepath('members') as p`.execute(db);
      return rows[0]!.p;
    });
    const outer = await entriesOf(zlib.gunzipSync(fs.readFileSync(backupFile)));
    const inner = zlib.gunzipSync(outer.get('database.tar.gz')!);
    damage(inner, `/${filepath}`, 0, 24); // the first page's header
    // written as a backup is: the manifest agrees with the damaged database, only reading it tells
    const damaged = path.join(scratch, 'damaged-page.tar.gz');
    await writeBackup(damaged, zlib.gzipSync(inner), uploadDir);

    const folders = dataFolders();
    const users = await userCount();
    await inDb((db) =>
      db.updateTable('users').set({ displayName: '恢复前的名字' }).where('username', '=', 'admin').execute(),
    );
    const restore = cli('restore', damaged);
    expect(restore.status).toBe(1);
    expect(restore.stdout).not.toMatch(/恢复完成/);
    expect(restore.stderr).toMatch(/恢复失败，原数据库和上传文件未改动/);
    expect(restore.stderr).toMatch(/表 public\.members 无法完整读取：invalid page in block 0/);
    expect(dataFolders()).toEqual(folders);
    expect(await userCount()).toBe(users);
    const admin = await inDb((db) =>
      db.selectFrom('users').select('displayName').where('username', '=', 'admin').executeTakeFirstOrThrow(),
    );
    expect(admin.displayName).toBe('恢复前的名字');
  });

  it('refuses a backup whose uploaded file was damaged, naming it', async () => {
    const tar = zlib.gunzipSync(fs.readFileSync(backupFile));
    const [key] = (await attachmentRows()).map((row) => row.storageKey);
    damage(tar, key!, 100, 8);
    const damaged = path.join(scratch, 'damaged-upload.tar.gz');
    fs.writeFileSync(damaged, zlib.gzipSync(tar));
    const folders = dataFolders();
    const restore = cli('restore', damaged);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toContain(`uploads/${key} 已损坏（大小或校验和与备份清单不符）`);
    expect(dataFolders()).toEqual(folders);
  });

  it('refuses a backup that names an attachment whose file it lacks', async () => {
    const dump = (await entriesOf(zlib.gunzipSync(fs.readFileSync(backupFile)))).get('database.tar.gz')!;
    const empty = path.join(scratch, 'no-uploads');
    fs.mkdirSync(empty, { recursive: true });
    const partial = path.join(scratch, 'without-files.tar.gz');
    await writeBackup(partial, dump, empty);
    const restore = cli('restore', partial);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/附件「.+」的文件缺失/);
  });

  it('still restores a backup of the database alone, as made before uploads were included', async () => {
    const pglite = await PGlite.create(path.join(dataDir, 'pgdata'));
    const dump = Buffer.from(await (await pglite.dumpDataDir('gzip')).arrayBuffer());
    await pglite.close();
    const old = path.join(scratch, 'old-format.tar.gz');
    fs.writeFileSync(old, dump);
    const restore = cli('restore', old);
    expect(restore.status, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/旧版备份，不含上传文件/);
    expect(restore.stdout).toMatch(/恢复完成/);
  });

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const users = await userCount();
    const folders = dataFolders();
    const junk = path.join(scratch, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a backup');
    const restore = cli('restore', junk);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/恢复失败，原数据库和上传文件未改动/);
    expect(await userCount()).toBe(users);
    expect(dataFolders()).toEqual(folders);
  });
});

describe('backing up a damaged database', () => {
  it('refuses, names the table and writes no backup file', async () => {
    const filepath = await inDb(async (db) => {
      const { rows } = await sql<{ p: string }>`select pg_relation_filepath('homes') as p`.execute(db);
      return rows[0]!.p;
    });
    const file = path.join(dataDir, 'pgdata', filepath);
    const pages = fs.readFileSync(file);
    pages.fill(0xff, 0, 24);
    fs.writeFileSync(file, pages);
    const target = path.join(scratch, 'of-damaged.tar.gz');
    const backup = cli('backup', target);
    expect(backup.status).toBe(1);
    expect(backup.stderr).toMatch(/备份失败：当前数据库有无法读取的数据.*\n.*表 public\.homes 无法完整读取/);
    expect(fs.readdirSync(scratch).filter((name) => name.startsWith('of-damaged'))).toEqual([]);
  });
});

describe('the backup archive', () => {
  it('writes tar entries that read back whole, long names included', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk) => chunks.push(chunk));
    const tar = new TarWriter(out);
    const long = `uploads/${'子目录'.repeat(15)}/${'很长的文件名'.repeat(5)}.pdf`;
    await tar.add('a.txt', Buffer.from('一'));
    await tar.add(long, Buffer.alloc(1500, 7));
    await tar.add('empty', Buffer.alloc(0));
    await tar.end();
    const entries = await entriesOf(Buffer.concat(chunks));
    expect([...entries.keys()]).toEqual(['a.txt', long, 'empty']);
    expect(entries.get('a.txt')!.toString()).toBe('一');
    expect(entries.get(long)!.equals(Buffer.alloc(1500, 7))).toBe(true);
    expect(entries.get('empty')!.length).toBe(0);
    await expect(entriesOf(Buffer.concat(chunks).subarray(0, 1024))).rejects.toThrow(/不完整/);
  });
});
