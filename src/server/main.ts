import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { ConfigError, loadConfig } from '../config.js';
import { bootstrapDatabase } from '../db/bootstrap.js';
import { type DatabaseHandle, openEmbedded, openServer } from '../db/connection.js';
import { DataDirLockedError, lockDataDir } from '../db/data-dir-lock.js';
import { prepareAsOwner } from '../db/owner.js';
import { DEMO_HOME_USERS } from '../db/seed/demo-homes.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../db/seed/demo-users.js';
import { passwordProblem } from '../domain/password.js';
import {
  installPersonalDataKeys,
  KEY_FILE,
  PersonalDataKeyError,
  startupKeys,
} from '../lib/personal-data.js';
import { buildApp } from './app.js';
import { startJobs } from './jobs.js';
import { LocalFolderStorage } from './storage.js';

/** Whether the database already holds values sealed under some key (after migration 0017). */
async function holdsSealedData(handle: DatabaseHandle): Promise<boolean> {
  const { rows } = await sql<{ held: boolean }>`
    select exists (
      select 1 from information_schema.columns
      where table_schema = current_schema() and table_name = 'members' and column_name = 'phone_sealed'
    ) as held
  `.execute(handle.db);
  if (!rows[0]?.held) return false;
  const sealed = await sql<{ held: boolean }>`
    select exists (select 1 from members where phone_sealed is not null)
      or exists (select 1 from opinion_submissions where phone_sealed is not null)
      or exists (select 1 from citizen_problems where requester_phone_sealed is not null)
      or exists (select 1 from users where totp_secret is not null) as held
  `.execute(handle.db);
  return sealed.rows[0]?.held === true;
}

function fail(message: string): never {
  console.error(`\n启动失败：${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  for (const [env, value] of [
    ['ADMIN_PASSWORD', config.adminPassword],
    ['SECURITY_ADMIN_PASSWORD', config.securityAdminPassword],
    ['AUDIT_ADMIN_PASSWORD', config.auditAdminPassword],
  ] as const) {
    const problem = value ? passwordProblem(value) : null;
    if (problem) fail(`${env} 不符合密码规则：${problem}`);
  }

  // the keys phone numbers and TOTP secrets are sealed with: before the database is opened or migrated
  let keys: ReturnType<typeof startupKeys>;
  try {
    keys = startupKeys(config);
  } catch (err) {
    if (err instanceof PersonalDataKeyError) fail(err.message);
    throw err;
  }
  installPersonalDataKeys(keys.keys);

  let releaseLock = () => {};
  let handle: DatabaseHandle;
  try {
    if (config.databaseUrl) {
      handle = await openServer(config.databaseUrl);
      // two roles: the owner migrates and grants; this process serves as the runtime role
      if (config.databaseOwnerUrl) await prepareAsOwner(config.databaseOwnerUrl, handle.db);
    } else {
      releaseLock = lockDataDir(config.dataDir);
      handle = await openEmbedded(config.dataDir);
    }
  } catch (err) {
    releaseLock();
    if (err instanceof DataDirLockedError) fail(err.message);
    fail(err instanceof Error ? err.message : String(err));
  }

  if (keys.source === 'new-file' && !handle.created && (await holdsSealedData(handle))) {
    await handle.close();
    releaseLock();
    // the key just made opens nothing: gone, so the next start asks for the right one again
    fs.rmSync(path.join(config.dataDir, KEY_FILE), { force: true });
    fail(
      `数据目录中的密钥文件 ${KEY_FILE} 不见了，而数据库里已有用它加密的手机号和动态验证码密钥。` +
        '请把原来的密钥文件放回数据目录后再启动（密钥文件不在备份里，应另行保管）。',
    );
  }
  const seedDemo = config.seedDemo ?? (handle.engine === 'pglite' && handle.created);
  const storage = new LocalFolderStorage(config.uploadDir);
  const boot = await bootstrapDatabase(handle.db, {
    adminPassword: config.adminPassword,
    securityAdminPassword: config.securityAdminPassword,
    auditAdminPassword: config.auditAdminPassword,
    seedDemo,
    storage,
  });
  const app = await buildApp({
    db: handle.db,
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    storage,
    disk: {
      directories: { data: config.dataDir, uploads: config.uploadDir },
      minFreeMb: config.minFreeDiskMb,
    },
    auth: { requireSecondFactor: config.requireSecondFactor, passwordMaxAgeDays: config.passwordMaxAgeDays },
    serverTiming: config.serverTiming,
  });

  let jobs: Awaited<ReturnType<typeof startJobs>> | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      console.error('再次收到信号，立即退出。');
      process.exit(1);
    }
    closing = true;
    app.log.info({ signal }, '正在停止：不再接受新请求，等待进行中的请求完成');
    try {
      await jobs?.stop();
      await app.close();
      await handle.close();
    } finally {
      releaseLock();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  // the hourly jobs (reminders, duty records, dashboard summaries) on the queue in the database
  try {
    jobs = await startJobs(handle, app.log);
  } catch (err) {
    app.log.error({ err }, '后台任务队列未能启动：提醒和统计不会按时运行，请检查数据库');
  }
  printBanner(config, handle, boot, seedDemo, keys.source);
}

function printBanner(
  config: ReturnType<typeof loadConfig>,
  handle: DatabaseHandle,
  boot: Awaited<ReturnType<typeof bootstrapDatabase>>,
  seedDemo: boolean,
  keySource: ReturnType<typeof startupKeys>['source'],
): void {
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const lines = [
    '',
    '鄂尔多斯市政协委员之家工作平台已启动',
    `  地址：http://${host}:${config.port}/   接口文档：http://${host}:${config.port}/api/docs`,
    `  公众服务（查找委员之家、反映意见、查询进度，无需登录）：http://${host}:${config.port}/portal/`,
    handle.engine === 'pglite'
      ? `  数据库：嵌入式 PostgreSQL（PGlite），数据目录 ${config.dataDir}\n` +
        '          注意：嵌入式数据库不在每次提交时 fsync，断电可能丢失最近的写入；正式使用请设置 DATABASE_URL 连接 PostgreSQL 服务器。'
      : '  数据库：PostgreSQL 服务器（DATABASE_URL）',
  ];
  lines.push(
    keySource === 'env'
      ? '  个人信息加密：手机号和动态验证码密钥以 PERSONAL_DATA_KEYS 的密钥加密存储'
      : `  个人信息加密：密钥文件 ${path.join(config.dataDir, KEY_FILE)}${keySource === 'new-file' ? '（首次启动已生成）' : ''}；` +
          '它不在备份里，请另行妥善保管，丢失后已存的手机号无法读出',
  );
  if (handle.engine === 'postgres') {
    lines.push(
      config.databaseOwnerUrl
        ? '  审计日志：表由 DATABASE_OWNER_URL 的角色所有，运行角色只能查询和追加审计记录'
        : '  注意：未设置 DATABASE_OWNER_URL，运行角色拥有审计日志表，能清空或改写审计记录；正式使用请按 README“服务器安装”配置两个数据库角色。',
    );
  }
  for (const account of boot.created) {
    lines.push(
      account.generated
        ? `  首次启动已创建${account.label}：用户名 ${account.username}，密码 ${account.password}（只显示这一次，请登录后立即修改）`
        : `  首次启动已创建${account.label}：用户名 ${account.username}，密码为 ${account.env} 的值`,
    );
  }
  if (boot.created.length === 0) {
    lines.push('  登录：使用已有账号（系统管理员 admin、安全管理员 secadmin、审计管理员 auditadmin）');
  }
  if (seedDemo) {
    lines.push(
      `  示例账号（密码均为 ${DEMO_PASSWORD}）：${[...DEMO_USERS, ...DEMO_HOME_USERS].map((u) => `${u.username}（${u.displayName.replace('示例·', '')}）`).join('、')}`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
