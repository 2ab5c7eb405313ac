import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readTar } from '../../src/cli/tar.js';
import { openEmbedded } from '../../src/db/connection.js';
import {
  installPersonalDataKeys,
  KEY_FILE,
  openPhone,
  phoneHash,
  readKeyFile,
  sealPhone,
} from '../../src/lib/personal-data.js';
import { freePort, type Running, startServer, waitUntilUp } from './server.js';

/**
 * The embedded database's key file (个人信息保密性): made on the first start beside the database,
 * never in a backup, rotated by `npm run keys:rotate`, and asked for when it goes missing.
 */

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-keys-'));
const keyFile = path.join(dataDir, KEY_FILE);
const started: Running[] = [];
afterAll(() => {
  for (const r of started) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});
const env = { DATA_DIR: dataDir, ADMIN_PASSWORD: 'keys-admin-1', SEED_DEMO: 'false' };
const start = () => {
  const port = freePort();
  const running = startServer({ ...env, PORT: String(port) });
  started.push(running);
  return { running, port };
};
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });

const PHONE = '13987654321';
const NAME = '密钥测试委员';

/** Runs `fn` on the stopped server's database, with the key file's keys. */
async function inDb<T>(fn: (db: Awaited<ReturnType<typeof openEmbedded>>['db']) => Promise<T>): Promise<T> {
  installPersonalDataKeys(readKeyFile(keyFile));
  const handle = await openEmbedded(dataDir);
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

const storedPhone = () =>
  inDb(async (db) => {
    const row = await db
      .selectFrom('members')
      .select('phoneSealed')
      .where('name', '=', NAME)
      .executeTakeFirstOrThrow();
    return openPhone(row.phoneSealed);
  });

describe('the key file of the embedded database', () => {
  it('is written on the first start, readable by its owner only, and named in the banner', async () => {
    const { running, port } = start();
    await waitUntilUp(running, port);
    expect(running.output()).toContain(keyFile);
    expect(running.output()).toMatch(/首次启动已生成/);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('is not in a backup, and neither is a readable number', async () => {
    await inDb((db) =>
      db
        .insertInto('members')
        .values({
          name: NAME,
          gender: 'male',
          level: 'municipal',
          orgUnitId: 'municipal',
          phoneSealed: sealPhone(PHONE),
          phoneHash: phoneHash(PHONE),
        })
        .execute(),
    );
    const file = path.join(dataDir, 'backup.tar.gz');
    const backup = cli('src/cli/backup.ts', file);
    expect(backup.status, backup.stderr).toBe(0);
    const entries = new Map<string, Buffer>();
    await readTar(Readable.from([zlib.gunzipSync(fs.readFileSync(file))]), ({ name }) => {
      const chunks: Buffer[] = [];
      return {
        write: (c) => chunks.push(Buffer.from(c)),
        end: () => entries.set(name, Buffer.concat(chunks)),
      };
    });
    expect([...entries.keys()].some((n) => n.includes(KEY_FILE))).toBe(false);
    const database = zlib.gunzipSync(entries.get('database.tar.gz')!);
    // the member's name is there as written: the number would be found the same way
    expect(database.includes(Buffer.from(NAME))).toBe(true);
    expect(database.includes(Buffer.from(PHONE))).toBe(false);
    fs.rmSync(file);
  });

  it('is rotated by keys:rotate: a new key, the old one gone, every number still read', async () => {
    const [before] = readKeyFile(keyFile);
    const rotate = cli('src/cli/keys.ts', 'rotate');
    expect(rotate.status, rotate.stderr).toBe(0);
    expect(rotate.stdout).toMatch(/密钥已轮换为 k\d{8}-[0-9a-f]{6}，旧密钥 .* 已从 .* 删除/);
    const after = readKeyFile(keyFile);
    expect(after).toHaveLength(1);
    expect(after[0]!.id).not.toBe(before!.id);
    expect(await storedPhone()).toBe(PHONE);
  });

  it('when lost, stops the start and asks for it back rather than making a new one', async () => {
    const saved = fs.readFileSync(keyFile);
    fs.rmSync(keyFile);
    const { running } = start();
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/密钥文件 personal-data\.keys 不见了/);
    expect(fs.existsSync(keyFile)).toBe(false);
    fs.writeFileSync(keyFile, saved, { mode: 0o600 });
    expect(await storedPhone()).toBe(PHONE);
  });
});
