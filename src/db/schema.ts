import type { ColumnType, Generated, Insertable, Kysely, Selectable } from 'kysely';

/** The database as queries see it: the Kysely instance, or a transaction of it. */
export type Db = Kysely<Database>;

/** Kysely's view of the tables, in camelCase (CamelCasePlugin maps to snake_case). */
export interface Database {
  regions: RegionTable;
  orgUnits: OrgUnitTable;
  users: UserTable;
  userRoles: UserRoleTable;
  sessions: SessionTable;
  apiTokens: ApiTokenTable;
  auditEvents: AuditEventTable;
  auditSeals: AuditSealTable;
  rateLimits: RateLimitTable;
  loginFailures: LoginFailureTable;
  passwordHistory: PasswordHistoryTable;
  settings: SettingTable;
  translations: TranslationTable;
  members: MemberTable;
  homes: HomeTable;
  homeMembers: HomeMemberTable;
  homeTransitions: HomeTransitionTable;
  attachments: AttachmentTable;
  homePlans: HomePlanTable;
  homePlanItems: HomePlanItemTable;
  homeSummaries: HomeSummaryTable;
  activities: ActivityTable;
  activityHosts: ActivityHostTable;
  activityJointUnits: ActivityJointUnitTable;
  attendance: AttendanceTable;
  dutyShifts: DutyShiftTable;
  rules: RuleTable;
  rulePostings: RulePostingTable;
  homeSignage: HomeSignageTable;
  notifications: NotificationTable;
  trackingCodes: TrackingCodeTable;
  opinions: OpinionTable;
  opinionSubmissions: OpinionSubmissionTable;
  opinionSteps: OpinionStepTable;
  citizenProblems: CitizenProblemTable;
  proposals: ProposalTable;
  proposalMembers: ProposalMemberTable;
  researchReports: ResearchReportTable;
  researchReportMembers: ResearchReportMemberTable;
  pointRulesets: PointRulesetTable;
  pointCategories: PointCategoryTable;
  pointRules: PointRuleTable;
  dutyYears: DutyYearTable;
  dutyEntries: DutyEntryTable;
  dutyTotals: DutyTotalTable;
  dutyAdjustments: DutyAdjustmentTable;
  dutyFlags: DutyFlagTable;
  evaluationRounds: EvaluationRoundTable;
  evaluationReviewers: EvaluationReviewerTable;
  evaluationHomes: EvaluationHomeTable;
  evaluationScores: EvaluationScoreTable;
  evaluationMemberCommendations: EvaluationMemberCommendationTable;
  evaluationPublications: EvaluationPublicationTable;
  fundEntries: FundEntryTable;
  trainings: TrainingTable;
  trainingEnrolments: TrainingEnrolmentTable;
  activityMonthStats: ActivityMonthStatsView;
  homeQuarterStats: HomeQuarterStatsView;
  homeUnitStats: HomeUnitStatsView;
  opinionUnitStats: OpinionUnitStatsView;
  fundUnitStats: FundUnitStatsView;
  fundHomeStats: FundHomeStatsView;
  townshipCoverage: TownshipCoverageView;
  statsRefreshes: StatsRefreshTable;
  figureChanges: FigureChangeTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Instant = ColumnType<Date, Date | string, Date | string>;
type Json = ColumnType<unknown, string | null, string | null>;
/** A JSON column that is never null: an insert must give it. */
type RequiredJson = ColumnType<unknown, string, string>;

/** 行政区划 */
export interface RegionTable {
  code: string;
  name: string;
  nameMn: string | null;
  /** the Mongolian name checked by a translator; false: a draft */
  nameMnReviewed: ColumnType<boolean, boolean | undefined, boolean>;
  level: 'city' | 'district' | 'township' | 'village';
  parentCode: string | null;
  isDevZone: boolean;
}

/** 政协组织单元：市政协、办公室、专委会、界别活动组、旗区政协 */
export interface OrgUnitTable {
  id: string;
  kind: 'municipal' | 'office' | 'committee' | 'sector_group' | 'district';
  name: string;
  nameMn: ColumnType<string | null, string | null | undefined, string | null>;
  nameMnReviewed: ColumnType<boolean, boolean | undefined, boolean>;
  regionCode: string | null;
  parentId: string | null;
  isDemo: boolean;
  sort: number;
}

/** The languages a user's own pages speak (src/domain/mongolian.ts USER_LANGUAGES). */
export type UserLanguage = 'zh' | 'mn';

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
  /** roles a system administrator asked for, waiting for a security administrator (三权分立) */
  pendingRoles: Json;
  pendingRolesBy: string | null;
  pendingRolesAt: Date | null;
  /** the language of the user's own pages: zh, or mn (the members' phone pages in Mongolian) */
  language: ColumnType<UserLanguage, UserLanguage | undefined, UserLanguage>;
  /**
   * the TOTP secret, sealed (src/lib/personal-data.ts): pending until totpEnabledAt is set, then
   * the active one; never shown again
   */
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  /** the last TOTP time step a code was accepted at: a code works once */
  totpLastStep: number | null;
  /** set by an administrator's reset or an expired password: the user must choose a new one */
  mustChangePassword: Generated<boolean>;
  passwordChangedAt: Generated<Date>;
}

/** The user's earlier password hashes, newest first: a new password may not repeat one. */
export interface PasswordHistoryTable {
  /** bigint identity, in the order the passwords were replaced */
  id: Generated<string>;
  userId: string;
  passwordHash: string;
  createdAt: CreatedAt;
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

/** The audit trail's hash chain: one seal per audit row, in the order they were sealed (0015). */
export interface AuditSealTable {
  seq: string;
  auditId: string;
  /** sha256 (hex) over the previous seal's hash, this seq and the audit row's fields */
  hash: string;
  sealedAt: CreatedAt;
}

export interface RateLimitTable {
  key: string;
  windowStart: Instant;
  hits: number;
}

/**
 * Failed sign-ins per account name as typed (known or not, so the answer never tells which) and
 * client address; address '' counts every address together.
 */
export interface LoginFailureTable {
  account: string;
  address: string;
  failures: number;
  windowEnds: Date;
}

export interface SettingTable {
  key: string;
  value: Json;
}

/** The Mongolian of one of the product's own strings (src/domain/ui-strings.ts), made from `source`. */
export interface TranslationTable {
  key: string;
  source: string;
  text: string;
  /** mongolianKey(text): what a search compares */
  textKey: string;
  reviewed: ColumnType<boolean, boolean | undefined, boolean>;
  updatedBy: string | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
  reviewedBy: string | null;
  reviewedAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
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
  /** the mobile number sealed (src/lib/personal-data.ts); never stored readable */
  phoneSealed: string | null;
  /** the keyed hash of the number: look-ups and uniqueness (exact match only) */
  phoneHash: string | null;
  createdAt: CreatedAt;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** 委员之家（委员工作室） */
export interface HomeTable {
  id: Generated<string>;
  name: string;
  nameMn: string | null;
  nameMnReviewed: ColumnType<boolean, boolean | undefined, boolean>;
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
  openingHours: ColumnType<string | null, string | null | undefined, string | null>;
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

type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

/** 年度工作计划 */
export interface HomePlanTable {
  homeId: string;
  year: number;
  content: string;
  submittedAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface HomePlanItemTable {
  id: Generated<string>;
  homeId: string;
  year: number;
  title: string;
  quarter: number;
  kind: string;
  sort: ColumnType<number, number | undefined, number>;
}

/** 年度工作总结 */
export interface HomeSummaryTable {
  homeId: string;
  year: number;
  content: string;
  submittedAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** 活动 */
export interface ActivityTable {
  id: Generated<string>;
  title: string;
  kind: string;
  function: string;
  startsAt: Instant;
  endsAt: Instant;
  place: string | null;
  status: ColumnType<
    'planned' | 'held' | 'cancelled',
    'planned' | 'held' | 'cancelled' | undefined,
    'planned' | 'held' | 'cancelled'
  >;
  citizenCount: ColumnType<number, number | undefined, number>;
  departments: ColumnType<string[], string[] | undefined, string[]>;
  summary: string | null;
  outcomes: string | null;
  planItemId: string | null;
  checkinCode: string;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ActivityHostTable {
  activityId: string;
  homeId: string;
}

export interface ActivityJointUnitTable {
  activityId: string;
  orgUnitId: string;
}

/** 出勤：后续履职档案的唯一来源 */
export interface AttendanceTable {
  activityId: string;
  memberId: string;
  source: 'checkin' | 'manual' | 'duty';
  at: CreatedAt;
  recordedBy: string | null;
}

/** 委员值班 */
export interface DutyShiftTable {
  id: Generated<string>;
  homeId: string;
  memberId: string;
  startsAt: Instant;
  endsAt: Instant;
  status: ColumnType<
    'scheduled' | 'served' | 'missed' | 'cancelled',
    'scheduled' | 'served' | 'missed' | 'cancelled' | undefined,
    'scheduled' | 'served' | 'missed' | 'cancelled'
  >;
  activityId: string | null;
  note: string | null;
  createdAt: CreatedAt;
}

/** 规章制度：homeId 为空是市政协统一制度，否则是该家的补充制度 */
export interface RuleTable {
  id: Generated<string>;
  homeId: string | null;
  title: string;
  body: string;
  version: string;
  effectiveOn: string;
  createdBy: string | null;
  createdAt: CreatedAt;
}

export interface RulePostingTable {
  homeId: string;
  ruleId: string;
  postedOn: string;
  recordedBy: string | null;
}

/** 标牌标识 */
export interface HomeSignageTable {
  homeId: string;
  item: 'outdoor_sign' | 'member_board' | 'rules_board';
  postedOn: string;
  photoId: string | null;
  recordedBy: string | null;
}

export interface NotificationTable {
  id: Generated<string>;
  userId: string;
  kind: string;
  homeId: string | null;
  title: string;
  body: string | null;
  link: string | null;
  dedupeKey: string;
  createdAt: CreatedAt;
  readAt: Date | null;
}

export interface TrackingCodeTable {
  code: string;
  kind: 'opinion' | 'problem';
  createdAt: CreatedAt;
}

/** 社情民意: a citizen's opinion and its way through the pipeline (src/domain/opinion-workflow.ts). */
export interface OpinionTable {
  id: Generated<string>;
  title: string;
  content: string;
  /** the normalised text, to merge the same opinion sent twice within a day */
  contentKey: string;
  homeId: string | null;
  regionCode: string | null;
  ownerUnitId: string;
  status: ColumnType<string, string | undefined, string>;
  assignedMemberId: string | null;
  draft: Json;
  decision: Json;
  reply: string | null;
  replyPublic: ColumnType<boolean, boolean | undefined, boolean>;
  submissionCount: ColumnType<number, number | undefined, number>;
  receivedAt: CreatedAt;
  acceptedAt: Instant | null;
  submittedAt: Instant | null;
  decidedAt: Instant | null;
  repliedAt: Instant | null;
  closedAt: Instant | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One citizen's sending of an opinion; the same text within a day joins the first opinion. */
export interface OpinionSubmissionTable {
  id: Generated<string>;
  opinionId: string;
  trackingCode: string;
  name: string | null;
  /** sealed (src/lib/personal-data.ts) */
  phoneSealed: string | null;
  contactConsent: boolean;
  channel: 'online' | 'paper' | 'in_person' | 'phone';
  enteredBy: string | null;
  enteredByName: string | null;
  /** the key the citizen's phone sent it with (Idempotency-Key): the same key gets the same code */
  submissionKey: Generated<string | null>;
  createdAt: CreatedAt;
}

export interface OpinionStepTable {
  id: Generated<string>;
  opinionId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorName: string | null;
  at: CreatedAt;
  comment: string | null;
  data: Json;
}

/** 解难纾困 */
export interface CitizenProblemTable {
  id: Generated<string>;
  trackingCode: string;
  opinionId: string | null;
  homeId: string | null;
  regionCode: string | null;
  ownerUnitId: string;
  title: string;
  description: string;
  requesterName: string | null;
  /** sealed (src/lib/personal-data.ts) */
  requesterPhoneSealed: string | null;
  contactConsent: boolean;
  handlerMemberId: string | null;
  handlerDepartment: string | null;
  actions: string | null;
  result: string | null;
  resultPublic: ColumnType<boolean, boolean | undefined, boolean>;
  status: ColumnType<string, string | undefined, string>;
  satisfaction: number | null;
  satisfactionComment: string | null;
  ratedAt: Instant | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  resolvedAt: Instant | null;
  updatedAt: ColumnType<Date, Date | string | undefined, Date | string>;
}

type Updated = ColumnType<Date, Date | string | undefined, Date | string>;

/** 提案 */
export interface ProposalTable {
  id: Generated<string>;
  year: number;
  number: string | null;
  title: string;
  status: ColumnType<string, string | undefined, string>;
  submittedOn: string;
  decidedOn: string | null;
  handlingResult: string | null;
  homeId: string | null;
  activityId: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Updated;
}

export interface ProposalMemberTable {
  proposalId: string;
  memberId: string;
  role: 'lead' | 'cosigner';
}

/** 调研报告 */
export interface ResearchReportTable {
  id: Generated<string>;
  year: number;
  title: string;
  summary: string | null;
  completedOn: string;
  homeId: string | null;
  activityId: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Updated;
}

export interface ResearchReportMemberTable {
  reportId: string;
  memberId: string;
}

export interface PointRulesetTable {
  validFromYear: number;
  note: string | null;
  savedBy: string | null;
  savedAt: CreatedAt;
}

export interface PointCategoryTable {
  validFromYear: number;
  category: string;
  label: string;
  cap: number | null;
  sort: number;
}

export interface PointRuleTable {
  validFromYear: number;
  item: string;
  category: string;
  label: string;
  points: number;
  unit: string;
  cap: number | null;
  sort: number;
}

export interface DutyYearTable {
  year: number;
  closedAt: Date | null;
  closedBy: string | null;
  computedAt: Date | null;
}

export interface DutyEntryTable {
  year: number;
  memberId: string;
  item: string;
  category: string;
  sourceType: string;
  sourceId: string;
  occurredOn: string;
  title: string;
  rawPoints: number;
  points: number;
  adjustmentId: string | null;
}

export interface DutyTotalTable {
  year: number;
  memberId: string;
  points: number;
  entries: number;
}

export interface DutyAdjustmentTable {
  id: Generated<string>;
  memberId: string;
  year: number;
  item: string;
  sourceId: string | null;
  title: string | null;
  occurredOn: string | null;
  points: number;
  reason: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: CreatedAt;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokeReason: string | null;
}

export interface DutyFlagTable {
  id: Generated<string>;
  memberId: string;
  year: number;
  description: string;
  status: ColumnType<string, string | undefined, string>;
  response: string | null;
  createdAt: CreatedAt;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export interface EvaluationRoundTable {
  id: Generated<string>;
  year: number;
  level: 'municipal' | 'district';
  ownerUnitId: string;
  title: string;
  status: ColumnType<string, string | undefined, string>;
  rubric: RequiredJson;
  revision: ColumnType<number, number | undefined, number>;
  revisionReason: string | null;
  memberQuota: ColumnType<number, number | undefined, number>;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Updated;
}

export interface EvaluationReviewerTable {
  roundId: string;
  userId: string;
}

export interface EvaluationHomeTable {
  roundId: string;
  homeId: string;
  selfSummary: string | null;
  submittedAt: Date | null;
  computed: Json;
  facts: Json;
  total: number | null;
  grade: string | null;
  rank: number | null;
  commended: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EvaluationScoreTable {
  roundId: string;
  homeId: string;
  reviewerId: string;
  item: string;
  score: number;
  comment: string | null;
  updatedAt: Updated;
}

export interface EvaluationMemberCommendationTable {
  roundId: string;
  memberId: string;
  points: number;
  rank: number;
  confirmed: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface EvaluationPublicationTable {
  roundId: string;
  revision: number;
  reason: string | null;
  /** 文号, e.g. 鄂政协办发〔2026〕12号 */
  documentNumber: ColumnType<string | null, string | null | undefined, string | null>;
  publishedBy: string | null;
  publishedAt: CreatedAt;
  results: RequiredJson;
}

/** 履职经费: bigint fen come back as strings, like every int8 here */
export interface FundEntryTable {
  id: Generated<string>;
  homeId: string;
  year: number;
  kind: 'allocation' | 'expenditure';
  amountFen: ColumnType<string, string | number | bigint, never>;
  category: ColumnType<string | null, string | null | undefined, string | null>;
  occurredOn: string;
  description: string;
  activityId: ColumnType<string | null, string | null | undefined, string | null>;
  receiptAttachmentId: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<string, string | undefined, string>;
  reversesId: ColumnType<string | null, string | null | undefined, string | null>;
  reversedById: ColumnType<string | null, string | null | undefined, string | null>;
  createdBy: ColumnType<string | null, string | null | undefined, string | null>;
  createdByName: ColumnType<string | null, string | null | undefined, string | null>;
  createdAt: CreatedAt;
  decidedBy: ColumnType<string | null, string | null | undefined, string | null>;
  decidedAt: ColumnType<Date | null, Date | null | undefined, Date | string | null>;
  decisionNote: ColumnType<string | null, string | null | undefined, string | null>;
  /** the home's level and owning unit, kept by the database from the home (migration 0020) */
  homeLevel: ColumnType<'municipal' | 'district', never, never>;
  ownerUnitId: ColumnType<string, never, never>;
}

export interface TrainingTable {
  id: Generated<string>;
  title: string;
  organiserUnitId: string;
  startsAt: Instant;
  endsAt: Instant;
  place: string | null;
  description: string | null;
  status: ColumnType<string, string | undefined, string>;
  checkinCode: string;
  /** whom it is open to for self-enrolment: 'invited' (only those its organisers enrol), 'members', 'all' */
  audience: ColumnType<string, string | undefined, string>;
  /** 名额: places for self-enrolment, or null for no limit */
  capacity: number | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  updatedAt: Updated;
}

export interface TrainingEnrolmentTable {
  trainingId: string;
  userId: string;
  attendedAt: Date | null;
  source: 'checkin' | 'manual' | null;
  /** the trainee enrolled themselves (and may withdraw before the start) */
  selfEnrolled: ColumnType<boolean, boolean | undefined, boolean>;
  enrolledAt: CreatedAt;
}

export interface ActivityMonthStatsView {
  ownerUnitId: string;
  level: string;
  month: string;
  kind: string;
  function: string;
  held: number;
  citizens: string;
}

export interface HomeQuarterStatsView {
  homeId: string;
  quarter: string;
  held: number;
}

export interface StatsRefreshTable {
  name: string;
  refreshedAt: Date;
}

/** A statement changed a source of a stored figure (appended by triggers; taken by the jobs). */
export interface FigureChangeTable {
  id: Generated<string>;
  figure: string;
  at: CreatedAt;
}

export interface HomeUnitStatsView {
  ownerUnitId: string;
  status: string;
  kind: string;
  homes: number;
  operatingNow: number;
  metNow: number;
  operatingPrev: number;
  metPrev: number;
  quarter: string;
}

export interface OpinionUnitStatsView {
  ownerUnitId: string;
  year: number;
  received: number;
  adopted: number;
  replied: number;
  open: number;
  overdue30: number;
  overdue90: number;
}

export interface FundUnitStatsView {
  ownerUnitId: string;
  year: number;
  allocated: string;
  spent: string;
  pending: string;
}

export interface TownshipCoverageView {
  code: string;
  parentCode: string;
  covered: boolean;
}

export interface FundHomeStatsView {
  homeId: string;
  year: number;
  allocated: string;
  used: string;
}
