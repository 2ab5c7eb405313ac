import type { RoleGrant } from '../../domain/roles.js';
import { hashPassword } from '../../modules/auth/passwords.js';
import { findUserByUsername } from '../../modules/auth/repo.js';
import { replaceRoles } from '../../modules/users/repo.js';
import type { Db } from '../../server/types.js';
import { orgUnitId } from '../reference/org-units.js';

/** Every demo account shares this password; the start-up banner prints it. */
export const DEMO_PASSWORD = 'demo2026';

/** One account per staff role, with invented names (示例). */
export const DEMO_USERS: Array<{ username: string; displayName: string; roles: RoleGrant[] }> = [
  { username: 'office', displayName: '示例·市政协办公室', roles: [{ role: 'office_admin', scopeId: null }] },
  {
    username: 'dongsheng',
    displayName: '示例·东胜区政协',
    roles: [{ role: 'district_staff', scopeId: orgUnitId.district('150602') }],
  },
  {
    username: 'wushen',
    displayName: '示例·乌审旗政协',
    roles: [{ role: 'district_staff', scopeId: orgUnitId.district('150626') }],
  },
  {
    username: 'committee',
    displayName: '示例·经济委员会',
    roles: [{ role: 'committee_staff', scopeId: orgUnitId.committee(2) }],
  },
  {
    username: 'vicechair',
    displayName: '示例·副主席',
    roles: [
      { role: 'vice_chair', scopeId: orgUnitId.committee(2) },
      { role: 'vice_chair', scopeId: orgUnitId.district('150602') },
    ],
  },
  { username: 'auditor', displayName: '示例·审计管理员', roles: [{ role: 'auditor', scopeId: null }] },
  {
    username: 'security',
    displayName: '示例·安全管理员',
    roles: [{ role: 'security_admin', scopeId: null }],
  },
  { username: 'translator', displayName: '示例·蒙古文翻译', roles: [{ role: 'translator', scopeId: null }] },
];

export async function seedDemoUsers(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    for (const demo of DEMO_USERS) {
      if (await findUserByUsername(trx, demo.username)) continue;
      const row = await trx
        .insertInto('users')
        .values({ username: demo.username, displayName: demo.displayName, passwordHash, memberId: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replaceRoles(trx, row.id, demo.roles);
    }
  });
}
