/**
 * Backs up the embedded database to one .tar.gz file: `npm run backup -- [file]`.
 * The server must be stopped (the data folder lock says so). With DATABASE_URL, use pg_dump.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';

function stamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

async function main() {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log('当前使用 PostgreSQL 服务器（DATABASE_URL）。请用 PostgreSQL 自带工具备份，例如：');
    console.log('  pg_dump --format=custom --file=cppcc-$(date +%Y%m%d).dump "$DATABASE_URL"');
    process.exit(2);
  }
  const pgdata = path.join(config.dataDir, 'pgdata');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    console.error(`数据目录 ${config.dataDir} 中没有数据库，无需备份。`);
    process.exit(1);
  }
  const target = path.resolve(
    process.argv[2] ?? path.join(config.dataDir, 'backups', `cppcc-${stamp()}.tar.gz`),
  );
  const release = lockDataDir(config.dataDir);
  try {
    const pglite = await PGlite.create(pgdata);
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
    console.log(`备份完成：${target}（${(fs.statSync(target).size / 1024 / 1024).toFixed(1)} MB）`);
  } finally {
    release();
  }
}

main().catch((err) => {
  console.error(err instanceof DataDirLockedError ? `${err.message}\n备份前请先停止服务。` : err);
  process.exit(1);
});
