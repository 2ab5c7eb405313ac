/** The roles of API.md. A role row may carry a scope: an org unit or a home. */
export const ROLES = [
  'system_admin',
  'office_admin',
  'committee_staff',
  'district_staff',
  'vice_chair',
  'home_director',
  'member',
  'auditor',
  'security_admin',
  'translator',
] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
  role: Role;
  scopeId: string | null;
}

type OrgUnitKind = 'municipal' | 'office' | 'committee' | 'sector_group' | 'district';

/** What a role's scope must be: none, an org unit of certain kinds, or a home. */
export const ROLE_SCOPE: Record<
  Role,
  { kind: 'none' } | { kind: 'org_unit'; of: OrgUnitKind[] } | { kind: 'home' }
> = {
  system_admin: { kind: 'none' },
  office_admin: { kind: 'none' },
  committee_staff: { kind: 'org_unit', of: ['committee', 'sector_group'] },
  district_staff: { kind: 'org_unit', of: ['district'] },
  vice_chair: { kind: 'org_unit', of: ['committee', 'sector_group', 'district'] },
  home_director: { kind: 'home' },
  member: { kind: 'none' },
  auditor: { kind: 'none' },
  security_admin: { kind: 'none' },
  translator: { kind: 'none' },
};

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: '系统管理员',
  office_admin: '市政协办公室',
  committee_staff: '专委会/活动组工作人员',
  district_staff: '旗区政协工作人员',
  vice_chair: '副主席',
  home_director: '委员之家负责人',
  member: '委员',
  auditor: '审计管理员',
  security_admin: '安全管理员',
  translator: '蒙古文翻译审校',
};

/**
 * 三权分立 (GB/T 22239-2019): the system, security and audit administrators are three different
 * people, so no account holds two of these roles.
 */
export const SEPARATED_ROLES = [
  'system_admin',
  'security_admin',
  'auditor',
] as const satisfies readonly Role[];

/** Accounts that must sign in with a second factor where the installation requires one. */
export const PRIVILEGED_ROLES = [
  'system_admin',
  'security_admin',
  'auditor',
  'office_admin',
] as const satisfies readonly Role[];
