// Types of the server's JSON API (/api/v1). Keep in step with the server's contract.

export const ROLES = [
  'system_admin',
  'office_admin',
  'committee_staff',
  'district_staff',
  'vice_chair',
  'home_director',
  'member',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isKnownRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

export interface RoleAssignment {
  role: string;
  scopeId: string | null;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  memberId: string | null;
  roles: RoleAssignment[];
}

export interface Session {
  user: User;
  csrfToken: string;
  abilities: string[];
}

export const ORG_UNIT_KINDS = ['municipal', 'office', 'committee', 'sector_group', 'district'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export interface OrgUnit {
  id: string;
  kind: OrgUnitKind;
  name: string;
  regionCode: string | null;
  parentId: string | null;
  isDemo: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface UserAdmin extends User {
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface RoleInput {
  role: string;
  scopeId?: string;
}

export interface CreateUserInput {
  username: string;
  password: string;
  displayName: string;
  memberId?: string;
  roles: RoleInput[];
}

export interface UpdateUserInput {
  displayName?: string;
  password?: string;
  roles?: RoleInput[];
  disabled?: boolean;
  memberId?: string | null;
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  roles: string[];
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Abilities the server grants (see `abilities` in /auth/me). */
export const ABILITIES = {
  userManage: 'user.manage',
  auditRead: 'audit.read',
} as const;
