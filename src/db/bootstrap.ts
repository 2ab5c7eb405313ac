import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { recordAudit } from '../modules/audit/service.js';
import { hashPassword } from '../modules/auth/passwords.js';
import { ensureDefaultRuleset } from '../modules/records/compute.js';
import { replaceRoles } from '../modules/users/repo.js';
import type { FileStorage } from '../server/storage.js';
import type { Db } from '../server/types.js';
import { migrateToLatest } from './migrate.js';
import { loadReferenceData } from './reference/load.js';
import { seedDemoMembersAndHomes } from './seed/demo-homes.js';
import { seedDemoOpinions } from './seed/demo-opinions.js';
import { seedDemoRecords } from './seed/demo-records.js';
import { seedDemoUsers } from './seed/demo-users.js';
import { seedDemoYear } from './seed/demo-year.js';

export interface BootstrapResult {
  migrations: string[];
  /** set when this start created the `admin` user; `generated` when nobody chose the password */
  admin: { password: string; generated: boolean } | null;
  demoSeeded: boolean;
}

// No 0/O, 1/l/I: a password printed once on a console gets typed by hand.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function randomPassword(length = 14): string {
  for (;;) {
    const candidate = Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (/\d/.test(candidate) && /[A-Za-z]/.test(candidate)) return candidate;
  }
}

/** Creates `admin` (system_admin + office_admin) when the database has no user at all. */
async function ensureFirstAdmin(db: Db, password: string | null): Promise<BootstrapResult['admin']> {
  const { n } = await db
    .selectFrom('users')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  if (n > 0) return null;
  const chosen = password ?? randomPassword();
  const passwordHash = await hashPassword(chosen);
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('users')
      .values({ username: 'admin', displayName: '系统管理员', passwordHash, memberId: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roles = [
      { role: 'system_admin' as const, scopeId: null },
      { role: 'office_admin' as const, scopeId: null },
    ];
    await replaceRoles(trx, id, roles);
    await recordAudit(
      trx,
      { actor: null, ip: null },
      {
        action: 'user.create',
        objectType: 'user',
        objectId: id,
        after: { username: 'admin', roles },
      },
    );
  });
  return { password: chosen, generated: password === null };
}

/**
 * Everything a start needs before serving: schema, reference data, first admin, demo data. The
 * demo's sign photos go to `storage` (the server's file store); without one the signs have none.
 */
export async function bootstrapDatabase(
  db: Db,
  options: { adminPassword: string | null; seedDemo: boolean; storage?: FileStorage },
): Promise<BootstrapResult> {
  const migrations = await migrateToLatest(db as never);
  await loadReferenceData(db);
  await ensureDefaultRuleset(db);
  const admin = await ensureFirstAdmin(db, options.adminPassword);
  if (options.seedDemo) {
    await seedDemoUsers(db);
    await seedDemoMembersAndHomes(db);
    await seedDemoYear(db, options.storage ?? null);
    await seedDemoOpinions(db);
    await seedDemoRecords(db);
  }
  return { migrations, admin, demoSeeded: options.seedDemo };
}
