import { recordAudit } from '../modules/audit/service.js';
import { hashPassword, randomPassword } from '../modules/auth/passwords.js';
import { ensureDefaultRuleset } from '../modules/records/compute.js';
import { replaceRoles, userWithUsername } from '../modules/users/repo.js';
import type { FileStorage } from '../server/storage.js';
import type { Db } from '../server/types.js';
import { migrateToLatest } from './migrate.js';
import { loadReferenceData } from './reference/load.js';
import { seedDemoEvaluation } from './seed/demo-evaluation.js';
import { seedDemoMembersAndHomes } from './seed/demo-homes.js';
import { seedDemoOpinions } from './seed/demo-opinions.js';
import { seedDemoRecords } from './seed/demo-records.js';
import { seedDemoSupport } from './seed/demo-support.js';
import { seedDemoUsers } from './seed/demo-users.js';
import { seedDemoYear } from './seed/demo-year.js';

export interface BootstrapResult {
  migrations: string[];
  /** the administrators this start created; `generated` when nobody chose the password */
  created: Array<{ username: string; label: string; env: string; password: string; generated: boolean }>;
  demoSeeded: boolean;
}

/** Passwords chosen for the first administrators (null: generate one and print it once). */
export interface FirstPasswords {
  adminPassword: string | null;
  securityAdminPassword?: string | null;
  auditAdminPassword?: string | null;
}

/**
 * 三权分立: the system, security and audit administrators, three different people. Each is
 * created when nobody enabled holds its role — on the first start all three, and on an older
 * installation the two it lacks.
 */
const FIRST_ACCOUNTS = [
  {
    username: 'admin',
    label: '系统管理员',
    env: 'ADMIN_PASSWORD',
    password: (p: FirstPasswords) => p.adminPassword,
    roles: ['system_admin', 'office_admin'] as const,
  },
  {
    username: 'secadmin',
    label: '安全管理员',
    env: 'SECURITY_ADMIN_PASSWORD',
    password: (p: FirstPasswords) => p.securityAdminPassword ?? null,
    roles: ['security_admin'] as const,
  },
  {
    username: 'auditadmin',
    label: '审计管理员',
    env: 'AUDIT_ADMIN_PASSWORD',
    password: (p: FirstPasswords) => p.auditAdminPassword ?? null,
    roles: ['auditor'] as const,
  },
];

async function ensureFirstAdmins(db: Db, passwords: FirstPasswords): Promise<BootstrapResult['created']> {
  const created: BootstrapResult['created'] = [];
  for (const account of FIRST_ACCOUNTS) {
    const [role] = account.roles;
    const holder = await db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select('users.id')
      .where('userRoles.role', '=', role)
      .where('users.disabled', '=', false)
      .executeTakeFirst();
    if (holder || (await userWithUsername(db, account.username))) continue;
    const given = account.password(passwords);
    const chosen = given ?? randomPassword();
    const passwordHash = await hashPassword(chosen);
    await db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto('users')
        .values({
          username: account.username,
          displayName: account.label,
          passwordHash,
          memberId: null,
          // a password printed on a console is changed at the first sign-in
          mustChangePassword: given === null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const roles = account.roles.map((r) => ({ role: r, scopeId: null }));
      await replaceRoles(trx, id, roles);
      await recordAudit(
        trx,
        { actor: null, ip: null },
        {
          action: 'user.create',
          objectType: 'user',
          objectId: id,
          after: { username: account.username, roles },
        },
      );
    });
    created.push({
      username: account.username,
      label: account.label,
      env: account.env,
      password: chosen,
      generated: given === null,
    });
  }
  return created;
}

/**
 * Everything a start needs before serving: schema, reference data, first admin, demo data. The
 * demo's sign photos go to `storage` (the server's file store); without one the signs have none.
 */
export async function bootstrapDatabase(
  db: Db,
  options: FirstPasswords & { seedDemo: boolean; storage?: FileStorage },
): Promise<BootstrapResult> {
  const migrations = await migrateToLatest(db as never);
  await loadReferenceData(db);
  await ensureDefaultRuleset(db);
  const created = await ensureFirstAdmins(db, options);
  if (options.seedDemo) {
    await seedDemoUsers(db);
    await seedDemoMembersAndHomes(db);
    await seedDemoYear(db, options.storage ?? null);
    await seedDemoOpinions(db);
    await seedDemoRecords(db);
    await seedDemoSupport(db);
    await seedDemoEvaluation(db);
  }
  return { migrations, created, demoSeeded: options.seedDemo };
}
