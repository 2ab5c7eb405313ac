/**
 * Restores the embedded database from a backup made by `npm run backup`:
 * `npm run restore -- <file>`. The server must be stopped. The current database is kept
 * beside it (pgdata.before-restore-…) until you delete it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';

async function main() {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log('当前使用 PostgreSQL 服务器（DATABASE_URL）。请用 pg_restore 恢复，例如：');
    console.log('  pg_restore --clean --if-exists --dbname="$DATABASE_URL" cppcc-20260101.dump');
    process.exit(2);
  }
  const file = process.argv[2];
  if (!file || !fs.existsSync(file)) {
    console.error('用法：npm run restore -- <备份文件.tar.gz>');
    process.exit(1);
  }
  const release = lockDataDir(config.dataDir);
  const pgdata = path.join(config.dataDir, 'pgdata');
  const staging = `${pgdata}.restoring`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    const blob = new Blob([fs.readFileSync(file)]);
    // Load into a separate folder first: a damaged file must not cost the current database.
    const pglite = await PGlite.create(staging, { loadDataDir: blob });
    await pglite.query('select 1 from users limit 1');
    await pglite.close();
    if (fs.existsSync(pgdata)) {
      const kept = `${pgdata}.before-restore-${Date.now()}`;
      fs.renameSync(pgdata, kept);
      console.log(`原数据库已保留在 ${kept}`);
    }
    fs.renameSync(staging, pgdata);
    console.log(`恢复完成：${path.resolve(file)} → ${pgdata}`);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    release();
  }
}

main().catch((err) => {
  console.error(
    err instanceof DataDirLockedError
      ? `${err.message}\n恢复前请先停止服务。`
      : `恢复失败，原数据库未改动：${err}`,
  );
  process.exit(1);
});
