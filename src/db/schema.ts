import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Kysely's view of the tables, in camelCase (CamelCasePlugin maps to snake_case). */
export interface Database {
  regions: RegionTable;
  orgUnits: OrgUnitTable;
  users: UserTable;
  userRoles: UserRoleTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  auditEvents: AuditEventTable;
  rateLimits: RateLimitTable;
  loginThrottle: LoginThrottleTable;
  settings: SettingTable;
  members: MemberTable;
  homes: HomeTable;
  homeMembers: HomeMemberTable;
  homeTransitions: HomeTransitionTable;
  attachments: AttachmentTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;

/** 行政区划 */
export interface RegionTable {
  code: string;
  name: string;
  nameMn: string | null;
  level: 'city' | 'district' | 'township' | 'village';
  parentCode: string | null;
  isDevZone: boolean;
}

/** 政协组织单元：市政协、办公室、专委会、界别活动组、旗区政协 */
export interface OrgUnitTable {
  id: string;
  kind: 'municipal' | 'office' | 'committee' | 'sector_group' | 'district';
  name: string;
  regionCode: string | null;
  parentId: string | null;
  isDemo: boolean;
  sort: number;
}

export interface UserTable {
  id: Generated<string>;
  username: string;
  displayName: string;
  passwordHash: string;
  memberId: string | null;
  disabled: Generated<boolean>;
  lastLoginAt: Date | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserRoleTable {
  userId: string;
  role: string;
  scopeId: string | null;
}

export interface SessionTable {
  /** sha-256 of the cookie value: a stolen table does not yield usable cookies */
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: CreatedAt;
  lastSeenAt: Instant;
  expiresAt: Instant;
  revokedAt: Date | null;
  ip: string | null;
  userAgent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: CreatedAt;
  expiresAt: Instant;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface AuditEventTable {
  id: Generated<string>;
  at: CreatedAt;
  actorId: string | null;
  actorName: string | null;
  roles: string[];
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  before: Json;
  after: Json;
}

export interface RateLimitTable {
  key: string;
  windowStart: Instant;
  hits: number;
}

/** Failed sign-ins per username (known or not, so the answer never tells which). */
export interface LoginThrottleTable {
  username: string;
  failures: number;
  lockedUntil: Date | null;
}

export interface SettingTable {
  key: string;
  value: Json;
}

export type UserRow = Selectable<UserTable>;
export type NewAuditEvent = Insertable<AuditEventTable>;

/** 政协委员 */
export interface MemberTable {
  id: Generated<string>;
  name: string;
  gender: 'male' | 'female';
  ethnicity: string | null;
  level: 'regional' | 'municipal' | 'district';
  orgUnitId: string;
  sectorGroupId: string | null;
  sector: string | null;
  employer: string | null;
  title: string | null;
  expertise: ColumnType<string[], string[] | undefined, string[]>;
  phone: string | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** 委员之家（委员工作室） */
export interface HomeTable {
  id: Generated<string>;
  name: string;
  nameMn: string | null;
  kind: 'sector_group' | 'member_studio' | 'township' | 'village' | 'industry';
  online: ColumnType<boolean, boolean | undefined, boolean>;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  regionCode: string | null;
  brand: string | null;
  specialty: string | null;
  address: string | null;
  venueType: 'agency' | 'enterprise' | 'community' | 'party_mass_center' | 'deputies_home' | 'other' | null;
  sharedWith: string | null;
  equipment: string | null;
  onlineUrl: string | null;
  status: ColumnType<string, string | undefined, string>;
  plaqueNo: string | null;
  plaqueAwardedOn: string | null;
  approvedOn: string | null;
  directorMemberId: string | null;
  deputyMemberId: string | null;
  proposedBy: string | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface HomeMemberTable {
  homeId: string;
  memberId: string;
}

export interface HomeTransitionTable {
  id: Generated<string>;
  homeId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorName: string | null;
  at: CreatedAt;
  comment: string | null;
  data: Json;
}

export interface AttachmentTable {
  id: Generated<string>;
  ownerType: string;
  ownerId: string;
  transitionId: string | null;
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  uploadedBy: string | null;
  createdAt: CreatedAt;
}
