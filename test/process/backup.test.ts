import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../../src/db/bootstrap.js';
import { openEmbedded } from '../../src/db/connection.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-backup-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const cli = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });

const userCount = async () => {
  const handle = await openEmbedded(dataDir);
  const { n } = await handle.db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  await handle.close();
  return n;
};

describe('backup and restore of the embedded database', () => {
  it('restores exactly what the backup held and keeps the replaced database aside', async () => {
    const handle = await openEmbedded(dataDir);
    await bootstrapDatabase(handle.db, { adminPassword: 'abcd1234', seedDemo: true });
    await handle.close();
    const before = await userCount();

    const file = path.join(dataDir, 'backup.tar.gz');
    const backup = cli('backup', file);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/备份完成/);

    const later = await openEmbedded(dataDir);
    await later.db.deleteFrom('userRoles').execute();
    await later.db.deleteFrom('sessions').execute();
    await later.db.deleteFrom('users').execute();
    await later.close();
    expect(await userCount()).toBe(0);

    const restore = cli('restore', file);
    expect(restore.status, restore.stderr).toBe(0);
    expect(await userCount()).toBe(before);
    expect(fs.readdirSync(dataDir).some((name) => name.startsWith('pgdata.before-restore-'))).toBe(true);
  });

  it('refuses a file that is not a backup and leaves the database as it was', async () => {
    const before = await userCount();
    const junk = path.join(dataDir, 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a backup');
    const restore = cli('restore', junk);
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/恢复失败，原数据库未改动/);
    expect(await userCount()).toBe(before);
  });
});
