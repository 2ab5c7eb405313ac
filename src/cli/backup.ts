/**
 * Backs up the embedded database and the uploaded files to one .tar.gz file:
 * `npm run backup -- [file]`. The server must be stopped (the data folder lock says so).
 * With DATABASE_URL, use pg_dump and copy the upload folder (README, "Back up and restore").
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';
import { writeBackup } from './backup-archive.js';
import { checkTables } from './verify-data.js';

function stamp(date = new Date()) {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

class DamagedDatabaseError extends Error {}

async function main() {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log(
      '当前使用 PostgreSQL 服务器（DATABASE_URL）。请用 PostgreSQL 自带工具备份数据库，并复制上传目录，例如：',
    );
    console.log('  pg_dump --format=custom --file=cppcc-$(date +%Y%m%d).dump "$DATABASE_URL"');
    console.log(`  tar -czf cppcc-uploads-$(date +%Y%m%d).tar.gz -C ${config.dataDir} uploads`);
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
    let dump: Blob;
    try {
      // a backup of a database that cannot be read whole would be found out only on restoring it
      const check = await checkTables(pglite);
      if (check.problems.length) throw new DamagedDatabaseError(check.problems.join('\n  - '));
      dump = await pglite.dumpDataDir('gzip');
    } finally {
      await pglite.close();
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const { files } = await writeBackup(target, Buffer.from(await dump.arrayBuffer()), config.uploadDir);
    const mb = (fs.statSync(target).size / 1024 / 1024).toFixed(1);
    console.log(`备份完成：${target}（${mb} MB，数据库和 ${files} 个上传文件）`);
  } finally {
    release();
  }
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) console.error(`${err.message}\n备份前请先停止服务。`);
  else if (err instanceof DamagedDatabaseError)
    console.error(`备份失败：当前数据库有无法读取的数据，未写入备份文件：\n  - ${err.message}`);
  else console.error(`备份失败：${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
