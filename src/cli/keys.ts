/**
 * The keys phone numbers and TOTP secrets are sealed with (src/lib/personal-data.ts):
 *
 * - `npm run keys:new` prints a new key, for PERSONAL_DATA_KEYS;
 * - `npm run keys:rotate` re-seals every stored value under the current key. On the embedded
 *   database (server stopped) it makes the new key itself: it is added to DATA_DIR/personal-data.keys
 *   first, the rows are re-sealed, then the old keys leave the file. With DATABASE_URL, put the new
 *   key first in PERSONAL_DATA_KEYS on every instance, then run it; it names the keys no row needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../config.js';
import { type DatabaseHandle, openEmbedded, openServer } from '../db/connection.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';
import { keysInUse, resealUnderCurrentKey } from '../db/reseal.js';
import {
  formatKeyList,
  KEY_FILE,
  newKey,
  PersonalDataKeyError,
  PersonalDataKeys,
  readKeyFile,
  writeKeyFile,
} from '../lib/personal-data.js';

class UsageError extends Error {}

/** Whether the database has been upgraded to sealed personal data (a start of this version has run). */
async function sealedSchema(handle: DatabaseHandle): Promise<boolean> {
  const { rows } = await sql<{ done: boolean }>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = current_schema() and table_name = 'members' and column_name = 'phone_sealed'
    ) as done
  `.execute(handle.db);
  return rows[0]?.done === true;
}

async function reseal(handle: DatabaseHandle, ring: PersonalDataKeys) {
  if (!(await sealedSchema(handle)))
    throw new UsageError('数据库尚未升级到加密存储：请先用本版本启动一次服务');
  const counts = await resealUnderCurrentKey(handle.db, ring, (table, done) =>
    process.stdout.write(`\r  ${table}：已重新加密 ${done} 条`),
  );
  process.stdout.write('\n');
  for (const { table, rows } of counts) console.log(`  ${table}：${rows} 条改用密钥 ${ring.current.id}`);
  return keysInUse(handle.db);
}

async function rotateEmbedded(dataDir: string) {
  const file = path.join(dataDir, KEY_FILE);
  if (!fs.existsSync(file)) throw new UsageError(`数据目录中没有密钥文件 ${file}：服务至少要启动过一次`);
  const release = lockDataDir(dataDir);
  try {
    const old = readKeyFile(file);
    const fresh = newKey();
    // the new key joins the file before any row uses it: a stop part-way leaves every row readable
    writeKeyFile(file, [fresh, ...old]);
    const ring = new PersonalDataKeys([fresh, ...old]);
    const handle = await openEmbedded(dataDir);
    try {
      const used = await reseal(handle, ring);
      const stillUsed = old.filter((k) => used.has(k.id));
      writeKeyFile(file, [fresh, ...stillUsed]);
      console.log(
        stillUsed.length
          ? `密钥已轮换为 ${fresh.id}；仍有数据使用旧密钥 ${stillUsed.map((k) => k.id).join('、')}，已保留`
          : `密钥已轮换为 ${fresh.id}，旧密钥 ${old.map((k) => k.id).join('、')} 已从 ${file} 删除。请更新另行保管的密钥副本。`,
      );
    } finally {
      await handle.close();
    }
  } finally {
    release();
  }
}

async function rotateServer(url: string, keys: PersonalDataKeys | null) {
  if (!keys)
    throw new UsageError(
      '使用 DATABASE_URL 时，先用 npm run keys:new 生成新密钥，放在每个实例的 PERSONAL_DATA_KEYS 最前面并重启，再运行本命令',
    );
  const handle = await openServer(url, 2);
  try {
    const used = await reseal(handle, keys);
    const unused = keys.keys.slice(1).filter((k) => !used.has(k.id));
    const kept = keys.keys.filter((k) => k === keys.current || used.has(k.id));
    console.log(`全部数据已改用密钥 ${keys.current.id}。`);
    if (unused.length)
      console.log(
        `不再需要的旧密钥：${unused.map((k) => k.id).join('、')}。可把 PERSONAL_DATA_KEYS 改为：\n  ${formatKeyList(kept)}`,
      );
  } finally {
    await handle.close();
  }
}

async function main() {
  const command = process.argv[2];
  if (command === 'new') {
    console.log(formatKeyList([newKey()]));
    return;
  }
  if (command !== 'rotate') throw new UsageError('用法：npm run keys:new 或 npm run keys:rotate');
  const config = loadConfig();
  if (config.databaseUrl)
    await rotateServer(
      config.databaseUrl,
      config.personalDataKeys ? new PersonalDataKeys(config.personalDataKeys) : null,
    );
  else await rotateEmbedded(config.dataDir);
}

main().catch((err) => {
  if (err instanceof DataDirLockedError) console.error(`${err.message}\n轮换密钥前请先停止服务。`);
  else if (err instanceof UsageError || err instanceof ConfigError || err instanceof PersonalDataKeyError)
    console.error(err.message);
  else console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
