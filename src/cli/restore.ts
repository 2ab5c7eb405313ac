/**
 * Restores the embedded database and the uploaded files from a backup made by `npm run backup`:
 * `npm run restore -- <file>`. The server must be stopped.
 *
 * Nothing current is touched until the backup has been restored beside it and checked whole: the
 * archive's parts against its manifest, every table read row by row, every attachment's file
 * present at its size. Only then are the folders swapped, the current ones kept beside the new
 * (pgdata.before-restore-…, uploads.before-restore-…) until you delete them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { loadConfig } from '../config.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';
import { readBackup } from './backup-archive.js';
import { checkAttachmentFiles, checkTables } from './verify-data.js';

class RefusedBackupError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Moves `staging` into `live`'s place, keeping what was there as `kept`; undoes it if the move fails. */
function swapIn(staging: string, live: string, kept: string): string | null {
  const had = fs.existsSync(live);
  if (had) fs.renameSync(live, kept);
  try {
    fs.renameSync(staging, live);
  } catch (err) {
    if (had) fs.renameSync(kept, live);
    throw err;
  }
  return had ? kept : null;
}

async function main() {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log(
      '当前使用 PostgreSQL 服务器（DATABASE_URL）。请用 pg_restore 恢复数据库，再放回上传目录，例如：',
    );
    console.log('  pg_restore --clean --if-exists --dbname="$DATABASE_URL" cppcc-20260101.dump');
    console.log(`  tar -xzf cppcc-uploads-20260101.tar.gz -C ${config.dataDir}`);
    process.exit(2);
  }
  const file = process.argv[2];
  if (!file || !fs.existsSync(file)) {
    console.error('用法：npm run restore -- <备份文件.tar.gz>');
    process.exit(1);
  }
  const release = lockDataDir(config.dataDir);
  const pgdata = path.join(config.dataDir, 'pgdata');
  const uploads = config.uploadDir;
  const stagingDb = `${pgdata}.restoring`;
  const stagingUploads = `${uploads}.restoring`;
  const cleanUp = () => {
    fs.rmSync(stagingDb, { recursive: true, force: true });
    fs.rmSync(stagingUploads, { recursive: true, force: true });
  };
  try {
    cleanUp();
    const backup = await readBackup(file, stagingUploads);
    // Load into a separate folder first: a damaged file must not cost the current data.
    const pglite = await PGlite.create(stagingDb, {
      loadDataDir: new Blob([backup.database as Uint8Array<ArrayBuffer>]),
    });
    let tables: Awaited<ReturnType<typeof checkTables>>;
    let files: Awaited<ReturnType<typeof checkAttachmentFiles>>;
    try {
      tables = await checkTables(pglite);
      // a backup of the database alone is checked against the uploads it will be served with: the current ones
      files = await checkAttachmentFiles(pglite, backup.manifest ? stagingUploads : uploads);
    } finally {
      await pglite.close();
    }
    const problems = [...backup.problems, ...tables.problems, ...(backup.manifest ? files.problems : [])];
    if (tables.tables === 0) problems.push('备份中没有任何数据表');
    if (problems.length) throw new RefusedBackupError(problems);
    console.log(
      `校验通过：${tables.tables} 张表共 ${tables.rows} 行可完整读取，${files.files} 个附件文件齐全。`,
    );

    const when = Date.now();
    const keptDb = swapIn(stagingDb, pgdata, `${pgdata}.before-restore-${when}`);
    if (backup.manifest) {
      let keptUploads: string | null;
      try {
        keptUploads = swapIn(stagingUploads, uploads, `${uploads}.before-restore-${when}`);
      } catch (err) {
        // the database and its files go together: put the current database back
        fs.renameSync(pgdata, stagingDb);
        if (keptDb) fs.renameSync(keptDb, pgdata);
        throw err;
      }
      if (keptDb) console.log(`原数据库已保留在 ${keptDb}`);
      if (keptUploads) console.log(`原上传文件已保留在 ${keptUploads}`);
    } else {
      if (keptDb) console.log(`原数据库已保留在 ${keptDb}`);
      fs.rmSync(stagingUploads, { recursive: true, force: true });
      console.log('该备份只含数据库（旧版备份，不含上传文件）：上传目录保持不变。');
      if (files.problems.length)
        console.warn(
          `注意：当前上传目录缺少 ${files.problems.length} 个附件文件：\n  - ${files.problems.join('\n  - ')}`,
        );
    }
    console.log(`恢复完成：${path.resolve(file)} → ${config.dataDir}`);
  } catch (err) {
    cleanUp();
    throw err;
  } finally {
    release();
  }
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) console.error(`${err.message}\n恢复前请先停止服务。`);
  else if (err instanceof RefusedBackupError)
    console.error(`恢复失败，原数据库和上传文件未改动。备份未通过校验：\n  - ${err.problems.join('\n  - ')}`);
  else console.error(`恢复失败，原数据库和上传文件未改动：${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
