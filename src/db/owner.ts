import { sql } from 'kysely';
import { JOB_SCHEMA, JOBS, jobQueue, queueOptions } from '../server/jobs.js';
import { type DatabaseHandle, openServer } from './connection.js';
import { migrateToLatest } from './migrate.js';
import type { Db } from './schema.js';

/**
 * Two database roles on a server install (GB/T 22239-2019 §8.1.4.3; README, server install): the
 * owner (DATABASE_OWNER_URL) owns the tables, runs the migrations and installs the job queue; the
 * runtime role (DATABASE_URL) serves with only what serving needs. The audit trail and its seals
 * it may read and append to and nothing more, so it can neither rewrite nor empty them, nor set
 * their append-only triggers aside.
 */

/** The audit trail and its hash chain: SELECT and INSERT only. */
export const APPEND_ONLY_TABLES = ['audit_events', 'audit_seals'] as const;
/** The migrations' own bookkeeping: read (to see nothing is pending), never written. */
const READ_ONLY_TABLES = ['kysely_migration', 'kysely_migration_lock'];

interface RoleFacts {
  role: string;
  database: string;
  superuser: boolean;
}

async function roleOf(db: Db): Promise<RoleFacts> {
  const { rows } = await sql<RoleFacts>`
    select current_user as role, current_database() as database,
      (select rolsuper from pg_roles where rolname = current_user) as superuser
  `.execute(db);
  return rows[0]!;
}

/** The role that owns a table of the public schema, or null when there is no such table (yet). */
async function tableOwner(db: Db, table: string): Promise<string | null> {
  const { rows } = await sql<{ owner: string }>`
    select tableowner as owner from pg_tables where schemaname = 'public' and tablename = ${table}
  `.execute(db);
  return rows[0]?.owner ?? null;
}

/** Refuses a setup that would leave the audit trail no better protected than with one role. */
async function checkRoles(owner: Db, runtime: Db): Promise<{ owner: RoleFacts; runtime: RoleFacts }> {
  const [o, r] = [await roleOf(owner), await roleOf(runtime)];
  if (o.role === r.role)
    throw new Error(`DATABASE_OWNER_URL 与 DATABASE_URL 是同一个数据库角色（${r.role}）：运行角色应另建一个`);
  if (o.database !== r.database)
    throw new Error(
      `DATABASE_OWNER_URL 连接的数据库（${o.database}）与 DATABASE_URL 的（${r.database}）不是同一个`,
    );
  if (r.superuser)
    throw new Error(`DATABASE_URL 的角色 ${r.role} 是超级用户，可改写审计日志：请用普通角色运行`);
  const current = await tableOwner(owner, 'audit_events');
  if (current !== null && current !== o.role)
    throw new Error(
      `数据表属于角色 ${current}，不是 DATABASE_OWNER_URL 的角色 ${o.role}：` +
        `请先以超级用户执行 REASSIGN OWNED BY ${current} TO ${o.role}; 再启动`,
    );
  return { owner: o, runtime: r };
}

/** The job queue's schema and queues, made by the owner, so the runtime role only reads and writes rows there. */
async function installJobQueue(owner: Pick<DatabaseHandle, 'executeSql'>) {
  const boss = jobQueue(owner);
  await boss.start();
  try {
    for (const name of Object.keys(JOBS)) await boss.createQueue(name, queueOptions(name));
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/**
 * What the runtime role may do: read and write the business tables and the job queue, use the
 * sequences; read and append to the audit trail and its seals; read the migrations' bookkeeping.
 * Given afresh at every start (after the migrations, so new tables are included).
 */
export async function grantRuntimeRole(owner: Db, role: string): Promise<void> {
  const id = sql.id(role);
  const { rows } = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = 'public' and tableowner = current_user
    order by tablename
  `.execute(owner);
  await owner.transaction().execute(async (trx) => {
    await sql`grant usage on schema public to ${id}`.execute(trx);
    for (const { name } of rows) {
      const table = sql.id('public', name);
      const rights = (APPEND_ONLY_TABLES as readonly string[]).includes(name)
        ? sql`select, insert`
        : READ_ONLY_TABLES.includes(name)
          ? sql`select`
          : sql`select, insert, update, delete`;
      // TRUNCATE, REFERENCES and TRIGGER are never given; an earlier start's rights are replaced
      await sql`revoke all on ${table} from ${id}`.execute(trx);
      await sql`grant ${rights} on ${table} to ${id}`.execute(trx);
    }
    await sql`grant usage, select on all sequences in schema public to ${id}`.execute(trx);
    const jobs = sql.id(JOB_SCHEMA);
    await sql`grant usage on schema ${jobs} to ${id}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema ${jobs} to ${id}`.execute(trx);
    await sql`grant usage, select on all sequences in schema ${jobs} to ${id}`.execute(trx);
    await sql`grant execute on all functions in schema ${jobs} to ${id}`.execute(trx);
  });
}

/**
 * With DATABASE_OWNER_URL: connects as the owner, migrates, installs the job queue and grants the
 * runtime role (`runtime`'s) its rights, then disconnects. Returns the migrations it ran and the
 * two roles.
 */
export async function prepareAsOwner(ownerUrl: string, runtime: Db) {
  const owner = await openServer(ownerUrl, 2, 'DATABASE_OWNER_URL');
  try {
    const roles = await checkRoles(owner.db, runtime);
    const migrations = await migrateToLatest(owner.db as never);
    await installJobQueue(owner);
    await grantRuntimeRole(owner.db, roles.runtime.role);
    return { migrations, ownerRole: roles.owner.role, runtimeRole: roles.runtime.role };
  } finally {
    await owner.close();
  }
}
