// Types of the server's JSON API (/api/v1). Keep in step with the server's contract.

import type { ActivityFunction, ActivityKind, ActivityStatus } from '../../domain/activities';
import type { DutyItem, ProposalStatus } from '../../domain/duty-record';
import type { RoundAction, RoundStatus } from '../../domain/evaluation';
import type { HomeAction, HomeKind, HomeStatus, VenueType } from '../../domain/home-workflow';
import type {
  OpinionAction,
  OpinionChannel,
  OpinionFlag,
  OpinionStatus,
  ProblemStatus,
} from '../../domain/opinion-workflow';
import { ROLES, type Role } from '../../domain/roles';
import type { QuarterState, ScorecardKey } from '../../domain/scorecard';

export { ROLES, type Role };

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
  memberRead: 'member.read',
  memberCreate: 'member.create',
  memberImport: 'member.import',
  homeRead: 'home.read',
  homeCreate: 'home.create',
  coverageRead: 'coverage.read',
  activityRead: 'activity.read',
  activityCreate: 'activity.create',
  complianceRead: 'compliance.read',
  rulesIssue: 'rules.issue',
  opinionRead: 'opinion.read',
  opinionCreate: 'opinion.create',
  problemRead: 'problem.read',
  problemCreate: 'problem.create',
  recordRead: 'record.read',
  recordList: 'record.list',
  recordAdmin: 'record.admin',
  outputRead: 'output.read',
  outputManage: 'output.manage',
  evaluationRead: 'evaluation.read',
  evaluationRun: 'evaluation.run',
  fundsRead: 'funds.read',
  fundsSettings: 'funds.settings',
  trainingRead: 'training.read',
  trainingManage: 'training.manage',
  dashboardRead: 'dashboard.read',
  dashboardAttention: 'dashboard.attention',
  dashboardRefresh: 'dashboard.refresh',
} as const;

// ---- 委员 (members) ----

export const MEMBER_LEVELS = ['regional', 'municipal', 'district'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export interface Member {
  id: string;
  name: string;
  gender: Gender;
  ethnicity: string | null;
  level: MemberLevel;
  orgUnitId: string;
  sectorGroupId: string | null;
  sector: string | null;
  employer: string | null;
  title: string | null;
  expertise: string[];
  /** Masked (e.g. 138****1234) when `phoneMasked`. */
  phone: string | null;
  phoneMasked: boolean;
  homeIds: string[];
  abilities: {
    update: boolean;
    /** The member themselves: only the phone may be changed. */
    updateContactOnly: boolean;
    revealPhone: boolean;
  };
}

export interface MemberInput {
  name: string;
  gender: Gender;
  ethnicity?: string | null;
  level: MemberLevel;
  orgUnitId: string;
  sectorGroupId?: string | null;
  sector?: string | null;
  employer?: string | null;
  title?: string | null;
  expertise?: string[];
  phone?: string | null;
}

export interface ImportError {
  /** Row number in the spreadsheet (as Excel shows it). */
  row: number;
  /** Column / field name, as the server names it. */
  field: string;
  message: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: ImportError[];
}

// ---- 委员之家 (homes) ----

export const HOME_LEVELS = ['municipal', 'district'] as const;
export type HomeLevel = (typeof HOME_LEVELS)[number];

export interface Home {
  id: string;
  name: string;
  nameMn: string | null;
  kind: HomeKind;
  online: boolean;
  level: HomeLevel;
  ownerUnitId: string;
  regionCode: string | null;
  regionName: string | null;
  brand: string | null;
  specialty: string | null;
  address: string | null;
  venueType: VenueType | null;
  sharedWith: string | null;
  equipment: string | null;
  onlineUrl: string | null;
  /** 开放时间 */
  openingHours: string | null;
  status: HomeStatus;
  plaqueNo: string | null;
  plaqueAwardedOn: string | null;
  directorMemberId: string | null;
  deputyMemberId: string | null;
  directorName: string | null;
  memberIds: string[];
}

export type HomeMemberRole = 'director' | 'deputy' | 'member';

export interface HomeMember {
  id: string;
  name: string;
  sector: string | null;
  role: HomeMemberRole;
}

export interface ServerWarning {
  code: string;
  message: string;
}

/** GET /homes/:id (and the answer to create / update). */
export interface HomeDetail extends Home {
  members: HomeMember[];
  allowedActions: string[];
  abilities: { update: boolean };
  warnings: ServerWarning[];
}

export interface HomeInput {
  name: string;
  nameMn?: string | null;
  kind: HomeKind;
  online: boolean;
  level?: HomeLevel;
  ownerUnitId?: string;
  regionCode?: string | null;
  brand?: string | null;
  specialty?: string | null;
  address?: string | null;
  venueType?: VenueType | null;
  sharedWith?: string | null;
  equipment?: string | null;
  onlineUrl?: string | null;
  openingHours?: string | null;
  directorMemberId?: string | null;
  deputyMemberId?: string | null;
  memberIds?: string[];
}

export interface Attachment {
  id: string;
  filename: string;
  contentType?: string;
  size: number;
  createdAt?: string;
}

export interface HomeTransition {
  id: string | number;
  action: string;
  fromStatus: HomeStatus | null;
  toStatus: HomeStatus;
  actorName: string | null;
  at: string;
  comment: string | null;
  data: Record<string, unknown> | null;
  attachments: Attachment[];
}

export interface TransitionInput {
  action: HomeAction;
  comment?: string;
  data: Record<string, unknown>;
  attachmentIds?: string[];
}

// ---- 行政区划 and 覆盖情况 ----

export type RegionLevel = 'city' | 'district' | 'township' | 'village';

export interface Region {
  code: string;
  name: string;
  nameMn: string | null;
  level: RegionLevel;
  parentCode: string | null;
  isDevZone: boolean;
}

export interface Coverage {
  sectorGroups: { orgUnitId: string; name: string; operating: number; inProgress: number }[];
  townships: { code: string; name: string; districtCode: string; operating: number; inProgress: number }[];
  districts: { code: string; name: string }[];
  gaps: { sectorGroups: string[]; townships: string[] };
}

// ---- 活动 (activities), check-in and the duty rota ----

export interface Activity {
  id: string;
  title: string;
  kind: ActivityKind;
  function: ActivityFunction;
  hostHomeIds: string[];
  hostHomes: { id: string; name: string }[];
  jointUnitIds: string[];
  startsAt: string;
  endsAt: string;
  place: string | null;
  status: ActivityStatus;
  attendeeMemberIds: string[];
  citizenCount: number;
  departments: string[];
  summary: string | null;
  outcomes: string | null;
  planItemId: string | null;
  checkinCode: string;
  abilities: { update: boolean };
}

export interface ActivityInput {
  title: string;
  kind: ActivityKind;
  hostHomeIds: string[];
  jointUnitIds?: string[];
  startsAt: string;
  endsAt: string;
  place?: string | null;
  planItemId?: string | null;
  summary?: string | null;
}

export interface ActivityUpdate extends Partial<ActivityInput> {
  status?: ActivityStatus;
  attendeeMemberIds?: string[];
  citizenCount?: number;
  departments?: string[];
  outcomes?: string | null;
}

/** GET /checkin/:code (public). `checkedIn` only for a signed-in member. */
export interface CheckinInfo {
  activityId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  homeNames: string[];
  open: boolean;
  checkedIn: boolean;
}

export interface CheckinResult {
  activityId: string;
  memberId: string;
  at: string;
}

export const DUTY_STATUSES = ['scheduled', 'served', 'missed', 'cancelled'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export interface DutyShift {
  id: string;
  homeId: string;
  homeName: string;
  memberId: string;
  memberName: string;
  startsAt: string;
  endsAt: string;
  status: DutyStatus;
  activityId: string | null;
  note: string | null;
}

export interface DutyShiftInput {
  memberId: string;
  startsAt: string;
  endsAt: string;
  note?: string | null;
}

// ---- 年度计划、总结、制度、标牌、六有、合规 (operations) ----

export interface PlanItem {
  id: string;
  title: string;
  quarter: number;
  kind: ActivityKind;
  activityIds: string[];
}

export interface Plan {
  homeId: string;
  year: number;
  content: string;
  items: PlanItem[];
  submittedAt: string;
  updatedAt: string;
  /** First submitted after 31 January of the year. */
  late: boolean;
}

export interface PlanInput {
  content: string;
  items: { title: string; quarter: number; kind: ActivityKind }[];
}

export interface Summary {
  homeId: string;
  year: number;
  content: string;
  submittedAt: string;
  updatedAt: string;
  /** First submitted after 31 December of the year. */
  late: boolean;
}

export interface Rule {
  id: string;
  /** null: a unified rule every home inherits; else the home's supplementary rule. */
  homeId: string | null;
  title: string;
  body: string;
  version: string;
  effectiveOn: string;
  createdAt: string;
  /** The version in force (latest of its title with effectiveOn ≤ today). */
  current: boolean;
}

export interface RuleInput {
  title: string;
  body: string;
  version: string;
  effectiveOn: string;
  homeId?: string;
}

export interface PostedRule extends Rule {
  posted: boolean;
  postedOn: string | null;
}

/** GET /homes/:id/rules (and the answer of PUT /homes/:id/rule-postings). */
export interface HomeRules {
  unified: PostedRule[];
  supplementary: Rule[];
  allCurrentPosted: boolean;
}

export const SIGNAGE_ITEMS = ['outdoor_sign', 'member_board', 'rules_board'] as const;
export type SignageItem = (typeof SIGNAGE_ITEMS)[number];

export interface Signage {
  item: SignageItem;
  postedOn: string | null;
  photoId: string | null;
}

export interface ScorecardQuarter {
  quarter: number;
  activities: number;
  ok: boolean;
  dueOn: string;
  state: QuarterState;
}

export interface HomeScorecard {
  homeId: string;
  year: number;
  items: { key: ScorecardKey; ok: boolean; issues: string[] }[];
  quarters: ScorecardQuarter[];
  score: number;
}

export interface ComplianceRow {
  homeId: string;
  name: string;
  kind: HomeKind;
  level: HomeLevel;
  ownerUnitId: string;
  regionCode: string | null;
  regionName: string | null;
  quarters: { quarter: number; activities: number; state: QuarterState }[];
}

export interface Compliance {
  year: number;
  quarters: { quarter: number; dueOn: string }[];
  rows: ComplianceRow[];
}

export type MissingDocument = 'plan' | 'summary';
export type ReminderKind = MissingDocument | 'quarter';

export interface MissingHome {
  homeId: string;
  name: string;
  ownerUnitId: string;
  regionName: string | null;
  directorName: string | null;
}

// ---- 通知 (notifications) ----

export interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  homeId: string | null;
  createdAt: string;
  readAt: string | null;
}

/** GET /notifications: a page of the caller's own notifications and how many are unread. */
export interface NotificationPage extends Page<Notification> {
  unread: number;
}

// ---- 社情民意 (citizens' opinions) and 解难纾困 (citizens' problems) ----

export const OPINION_QUEUES = ['mine', 'to_accept', 'to_decide', 'to_reply', 'overdue', 'all'] as const;
/** A list of opinions by what is waiting for the caller (GET /opinions?queue=). */
export type OpinionQueue = (typeof OPINION_QUEUES)[number];

/** GET /opinions/queues: how many opinions wait in each queue for the caller. */
export interface OpinionQueueCounts {
  mine: number;
  toAccept: number;
  toDecide: number;
  toReply: number;
  overdue: number;
}

export interface OpinionListItem {
  id: string;
  trackingCode: string;
  title: string;
  homeId: string | null;
  homeName: string | null;
  regionCode: string | null;
  regionName: string | null;
  status: OpinionStatus;
  channel: OpinionChannel;
  receivedAt: string;
  assignedMemberId: string | null;
  assignedMemberName: string | null;
  submissionCount: number;
  flags: OpinionFlag[];
}

/** The formal 社情民意信息 the assigned member writes. */
export interface OpinionDraft {
  /** 反映人及单位 */
  reporter: string;
  /** 情况问题 */
  situation: string;
  /** 原因分析 */
  analysis: string;
  /** 意见建议 */
  suggestion: string;
}

export interface OpinionSubmission {
  trackingCode: string;
  name: string | null;
  /** Only with consent; masked for readers. */
  phone: string | null;
  contactConsent: boolean;
  channel: OpinionChannel;
  enteredByName: string | null;
  at: string;
}

export interface OpinionStep {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string | null;
  at: string;
  comment: string | null;
  data: unknown;
}

export interface ProblemSummary {
  id: string;
  trackingCode: string;
  title: string;
  status: ProblemStatus;
  satisfaction: number | null;
}

/** GET /opinions/:id (and the answer of a transition). */
export interface OpinionDetail extends OpinionListItem {
  content: string;
  ownerUnitId: string;
  draft: OpinionDraft | null;
  /** The office's decision: { kind, level?, department?, forwardedOn?, leader?, instructedOn?, instruction?, reason? }. */
  decision: Record<string, unknown> | null;
  reply: string | null;
  replyPublic: boolean;
  acceptedAt: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  repliedAt: string | null;
  closedAt: string | null;
  submissions: OpinionSubmission[];
  steps: OpinionStep[];
  allowedActions: OpinionAction[];
  /** The home's members; empty for one sent to a region (then any member may be picked). */
  assignableMembers: { id: string; name: string; sector: string | null }[];
  problems: ProblemSummary[];
}

/** POST /opinions: an opinion received on paper, by phone or in person, entered by staff (代录). */
export interface OpinionInput {
  homeId?: string | null;
  regionCode?: string | null;
  title: string;
  content: string;
  name?: string | null;
  phone?: string | null;
  contactConsent?: boolean;
  channel: OpinionChannel;
}

export interface CreatedOpinion {
  id: string;
  trackingCode: string;
  /** It joined an identical opinion received within a day. */
  merged: boolean;
}

export interface OpinionTransitionInput {
  action: OpinionAction;
  comment?: string;
  data?: Record<string, unknown>;
}

/** 1 不满意, 2 基本满意, 3 满意. */
export type Satisfaction = 1 | 2 | 3;

/** 解难纾困: a citizen's problem and how it is handled. */
export interface Problem {
  id: string;
  trackingCode: string;
  opinionId: string | null;
  opinionTitle: string | null;
  homeId: string | null;
  homeName: string | null;
  regionCode: string | null;
  regionName: string | null;
  title: string;
  description: string;
  requesterName: string | null;
  requesterPhone: string | null;
  contactConsent: boolean;
  handlerMemberId: string | null;
  handlerMemberName: string | null;
  handlerDepartment: string | null;
  actions: string | null;
  result: string | null;
  resultPublic: boolean;
  status: ProblemStatus;
  satisfaction: number | null;
  satisfactionComment: string | null;
  ratedAt: string | null;
  createdAt: string;
  resolvedAt: string | null;
  mayUpdate: boolean;
}

export interface ProblemInput {
  opinionId?: string | null;
  homeId?: string | null;
  regionCode?: string | null;
  title: string;
  description: string;
  requesterName?: string | null;
  requesterPhone?: string | null;
  contactConsent?: boolean;
  handlerMemberId?: string | null;
  handlerDepartment?: string | null;
}

export interface ProblemUpdate {
  handlerMemberId?: string | null;
  handlerDepartment?: string | null;
  actions?: string | null;
  result?: string | null;
  resultPublic?: boolean;
  status?: ProblemStatus;
  satisfaction?: Satisfaction | null;
  satisfactionComment?: string | null;
}

// ---- 履职档案 (duty records), 积分规则, 提案 and 调研报告 ----

/** One thing a member did, worth points (GET /members/:id/duty-record). */
export interface DutyEntry {
  /** `item:sourceId`, what a correction names */
  key: string;
  item: string;
  itemLabel: string;
  category: string;
  sourceType: string;
  sourceId: string;
  occurredOn: string;
  title: string;
  /** before the caps */
  rawPoints: number;
  points: number;
  /** the staff's correction (or the entry they added), with its reason */
  adjustment: { id: string; reason: string; byName: string | null; at: string } | null;
}

export const DUTY_FLAG_STATUSES = ['open', 'resolved', 'rejected'] as const;
export type DutyFlagStatus = (typeof DUTY_FLAG_STATUSES)[number];

/** A member's note that something is missing from their record. */
export interface DutyFlag {
  id: string;
  memberId: string;
  memberName: string;
  year: number;
  description: string;
  status: DutyFlagStatus;
  response: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

export interface DutyCategoryTotal {
  category: string;
  label: string;
  cap: number | null;
  rawPoints: number;
  points: number;
  entries: number;
}

export interface DutyRecord {
  memberId: string;
  memberName: string;
  sector: string | null;
  year: number;
  /** the year is archived: nothing changes any more */
  closed: boolean;
  /** the first year of the ruleset in force */
  rulesFrom: number | null;
  total: number;
  categories: DutyCategoryTotal[];
  entries: DutyEntry[];
  flags: DutyFlag[];
  mayAdjust: boolean;
}

export interface DutyRecordRow {
  memberId: string;
  name: string;
  level: string;
  orgUnitId: string;
  orgUnitName: string;
  sector: string | null;
  points: number;
  entries: number;
  /** place among all members of the year (equal points share a place) */
  rank: number;
}

export interface DutyRecordList extends Page<DutyRecordRow> {
  year: number;
  closed: boolean;
  computedAt: string | null;
}

export interface RecomputeResult {
  year: number;
  members: number;
  entries: number;
  ms: number;
}

export interface DutyYear {
  year: number;
  closed: boolean;
  closedAt: string | null;
  computedAt: string | null;
}

/** POST /members/:id/duty-record/adjustments: with `sourceId` a correction, without one a new entry. */
export interface AdjustmentInput {
  year: number;
  item: DutyItem;
  sourceId?: string | null;
  title?: string | null;
  occurredOn?: string | null;
  points: number;
  reason: string;
}

export interface PointCategoryRow {
  category: string;
  label: string;
  cap: number | null;
}

export interface PointRuleRow {
  item: string;
  category: string;
  label: string;
  points: number;
  unit: string;
  cap: number | null;
}

/** The points rules in force from `validFromYear` until the next version. */
export interface PointRuleset {
  validFromYear: number;
  note: string | null;
  savedAt: string;
  categories: PointCategoryRow[];
  rules: PointRuleRow[];
}

export interface RulesetInput {
  note?: string | null;
  categories: PointCategoryRow[];
  rules: (Omit<PointRuleRow, 'item'> & { item: DutyItem })[];
}

export interface SavedRuleset extends PointRuleset {
  /** the open years counted again under the new rules */
  recomputedYears: number[];
}

export interface RulesetVersion {
  validFromYear: number;
  note: string | null;
  savedAt: string;
}

export interface NamedRef {
  id: string;
  name: string;
}

/** 提案 */
export interface Proposal {
  id: string;
  year: number;
  number: string | null;
  title: string;
  status: ProposalStatus;
  submittedOn: string;
  decidedOn: string | null;
  handlingResult: string | null;
  lead: NamedRef;
  cosigners: NamedRef[];
  homeId: string | null;
  homeName: string | null;
  activityId: string | null;
  activityTitle: string | null;
  mayUpdate: boolean;
}

export interface ProposalInput {
  title: string;
  number?: string | null;
  submittedOn: string;
  status?: ProposalStatus;
  decidedOn?: string | null;
  handlingResult?: string | null;
  leadMemberId: string;
  cosignerMemberIds?: string[];
  homeId?: string | null;
  activityId?: string | null;
}

/** 调研报告 */
export interface ResearchReport {
  id: string;
  year: number;
  title: string;
  summary: string | null;
  completedOn: string;
  members: NamedRef[];
  homeId: string | null;
  homeName: string | null;
  activityId: string | null;
  activityTitle: string | null;
  mayUpdate: boolean;
}

export interface ReportInput {
  title: string;
  summary?: string | null;
  completedOn: string;
  memberIds: string[];
  homeId?: string | null;
  activityId?: string | null;
}

// ---- 年度评价 (the annual evaluation of homes) ----

export interface RubricItemRow {
  key: string;
  label: string;
  group: string;
  max: number;
  source: { kind: string };
  bonus?: boolean;
}

export interface EvaluationRoundSummary {
  id: string;
  year: number;
  level: HomeLevel;
  ownerUnitId: string;
  ownerUnitName: string;
  title: string;
  status: RoundStatus;
  revision: number;
  homes: number;
  selfSummaries: number;
}

export interface RoundHome {
  homeId: string;
  name: string;
  kind: string;
  selfSummary: string | null;
  submittedAt: string | null;
  /** every item's points so far: computed ones, and the mean of the reviewers' scores */
  items: Record<string, number>;
  /** how many reviewers have scored every reviewer item of this home */
  reviewersDone: number;
  facts: Record<string, number | null> | null;
  total: number | null;
  grade: string | null;
  rank: number | null;
  commended: boolean;
  mayWriteSummary: boolean;
}

export interface MemberCommendation {
  memberId: string;
  name: string;
  orgUnitName: string;
  points: number;
  rank: number;
  confirmed: boolean;
}

export interface EvaluationRound extends EvaluationRoundSummary {
  rubric: RubricItemRow[];
  memberQuota: number;
  reviewers: { userId: string; displayName: string }[];
  homeEntries: RoundHome[];
  memberCommendations: MemberCommendation[];
  publications: { revision: number; publishedAt: string; reason: string | null }[];
  allowedActions: RoundAction[];
  mayRun: boolean;
  mayScore: boolean;
}

export interface ReviewerScore {
  reviewerId: string;
  reviewerName: string;
  item: string;
  score: number;
  comment: string | null;
}

export interface RoundHomeDetail extends RoundHome {
  /** the home's 年度工作总结, to start the self-summary from */
  yearSummary: string | null;
  scores: ReviewerScore[];
}

export interface CreateRoundInput {
  year: number;
  level: HomeLevel;
  ownerUnitId?: string;
  title?: string;
  memberQuota?: number;
}

export interface ScoresInput {
  items: { item: string; score: number; comment?: string | null }[];
}

/** The published results of one revision (they never change afterwards). */
export interface Publication {
  roundId: string;
  revision: number;
  publishedAt: string;
  reason: string | null;
  homes: {
    homeId: string;
    name: string;
    total: number;
    grade: string;
    rank: number;
    items: Record<string, number>;
    commended: boolean;
  }[];
  members: { memberId: string; name: string; points: number; rank: number }[];
}

/** GET /evaluation-rounds/:id/reviewer-candidates: who the round's owner may choose as reviewers. */
export interface ReviewerCandidate {
  userId: string;
  displayName: string;
  roles: string[];
}

// ---- 经费 (a home's duty funds; amounts in integer fen, typed in as yuan strings) ----

export type FundEntryKind = 'allocation' | 'expenditure';
export const FUND_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type FundEntryStatus = (typeof FUND_ENTRY_STATUSES)[number];

export interface FundEntry {
  id: string;
  homeId: string;
  homeName: string;
  year: number;
  kind: FundEntryKind;
  /** negative for a reversing entry */
  amountFen: number;
  amount: string;
  category: string | null;
  occurredOn: string;
  description: string;
  activityId: string | null;
  receiptAttachmentId: string | null;
  status: FundEntryStatus;
  /** set on a reversing entry: the entry it reverses */
  reversesId: string | null;
  /** set on a reversed entry: the entry that reverses it */
  reversedById: string | null;
  createdByName: string | null;
  createdAt: string;
  decidedAt: string | null;
  decisionNote: string | null;
}

export interface FundTotals {
  allocatedFen: number;
  spentFen: number;
  pendingFen: number;
  balanceFen: number;
}

/** GET /homes/:id/funds?year= (and the answer of every change to it). */
export interface FundLedger extends FundTotals {
  homeId: string;
  homeName: string;
  year: number;
  /** balance less pending expenditures: what a new expenditure may use */
  availableFen: number;
  thresholdFen: number;
  entries: FundEntry[];
  mayAllocate: boolean;
  maySpend: boolean;
  mayDecide: boolean;
}

export interface AllocationInput {
  /** yuan, e.g. "1234.56" */
  amount: string;
  occurredOn: string;
  description: string;
}

export interface ExpenditureInput extends AllocationInput {
  category: string;
  activityId?: string | null;
  receiptAttachmentId?: string | null;
}

export const FUND_GROUPS = ['home', 'district', 'category'] as const;
export type FundGroup = (typeof FUND_GROUPS)[number];

export interface FundReport {
  year: number;
  groupBy: FundGroup;
  rows: (FundTotals & { key: string; label: string })[];
  total: FundTotals;
}

export interface FundSettings {
  approvalThresholdFen: number;
  approvalThreshold: string;
}

// ---- 培训 (training sessions for home staff and directors) ----

export const TRAINING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export interface TrainingSummary {
  id: string;
  title: string;
  organiserUnitId: string;
  organiserUnitName: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  status: TrainingStatus;
  enrolled: number;
  attended: number;
  /** the signed-in user's own enrolment */
  mine: { attendedAt: string | null } | null;
}

export interface TrainingEnrolment {
  userId: string;
  displayName: string;
  memberId: string | null;
  memberName: string | null;
  attendedAt: string | null;
  source: 'checkin' | 'manual' | null;
}

export interface Training extends TrainingSummary {
  description: string | null;
  /** for the organisers: the code trainees type or scan to check in */
  checkinCode: string | null;
  enrolments: TrainingEnrolment[];
  materials: Attachment[];
  mayManage: boolean;
}

export interface TrainingInput {
  title: string;
  startsAt: string;
  endsAt: string;
  place?: string | null;
  description?: string | null;
  organiserUnitId?: string;
}

export interface TrainingCertificate {
  trainingId: string;
  title: string;
  organiserUnitName: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  name: string;
  attendedAt: string;
  /** stable for the pair of training and trainee */
  number: string;
}

// ---- 工作看板 (dashboards) ----

export interface CoveredCount {
  covered: number;
  total: number;
}

/** GET /dashboard?year=: figures over the units the caller's role covers (never chosen by the user). */
export interface Dashboard {
  year: number;
  scope: { all: boolean; units: { id: string; name: string; kind: string }[] };
  /** when the activity summaries were last refreshed */
  statsRefreshedAt: string | null;
  homes: {
    total: number;
    byStatus: { status: string; count: number }[];
    byKind: { kind: string; count: number }[];
  };
  coverage: { sectorGroups: CoveredCount; townships: CoveredCount };
  compliance: {
    /** the current quarter, e.g. 2026-Q4 */
    quarter: string;
    operating: number;
    met: number;
    atRisk: number;
    open: number;
    previousQuarter: { quarter: string; operating: number; met: number; missed: number };
  };
  activities: {
    held: number;
    citizens: number;
    byMonth: {
      month: string;
      held: number;
      byKind: Record<string, number>;
      byFunction: Record<string, number>;
    }[];
  };
  opinions: {
    received: number;
    adopted: number;
    replied: number;
    open: number;
    overdue30: number;
    overdue90: number;
  };
  funds: { allocatedFen: number; spentFen: number; pendingFen: number };
  evaluation: {
    year: number | null;
    grades: { five_star: number; four_star: number; three_star: number; rectify: number };
  };
  /** one line per figure: what it counts */
  definitions: Record<string, string>;
}

export const ATTENTION_KINDS = [
  'no_plan',
  'quarter_at_risk',
  'opinion_overdue',
  'approval_pending',
  'funds_low',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionItem {
  kind: AttentionKind;
  severity: 'alarm' | 'warning';
  title: string;
  detail: string;
  link: string;
}

/** GET /dashboard/attention: what needs the caller's attention, scoped by the server. */
export interface Attention {
  items: AttentionItem[];
  /** how many of each kind there are (the list shows the first few of each) */
  counts: Record<string, number>;
}
