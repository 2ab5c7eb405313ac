// Types of the server's JSON API (/api/v1), named for the UI. Every shape comes from the OpenAPI
// document the server serves (openapi.gen.ts, generated from the routes' zod schemas): nothing here
// is kept in step by hand, so a server change the UI does not follow fails `npm run typecheck`.

import { ROLES, type Role } from '../../domain/roles';
import type { components, paths } from './openapi.gen';

type S = components['schemas'];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;
type Success<R> = R extends { 200: infer A } ? A : R extends { 201: infer A } ? A : never;

/** The JSON answer of a path and method on success. */
export type Json<P extends keyof paths, M extends Method = 'get'> =
  Success<Operation<P, M> extends { responses: infer R } ? R : never> extends {
    content: { 'application/json': infer T };
  }
    ? T
    : never;

/** The JSON body a path and method take. */
export type Body<P extends keyof paths, M extends Method> =
  NonNullable<Operation<P, M> extends { requestBody?: infer B } ? B : never> extends {
    content: { 'application/json': infer T };
  }
    ? T
    : never;

/** The query parameters a path and method take. */
export type Query<P extends keyof paths, M extends Method = 'get'> = NonNullable<
  Operation<P, M> extends { parameters: { query?: infer Q } } ? Q : never
>;

export { ROLES, type Role };

export function isKnownRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

export type RoleAssignment = User['roles'][number];

export type User = S['User'];

export type Session = Json<'/auth/me'>;

export const ORG_UNIT_KINDS = ['municipal', 'office', 'committee', 'sector_group', 'district'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

export type OrgUnit = S['OrgUnit'];

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export type UserAdmin = S['AdminUser'];

/** A UI string and its Mongolian (GET /translations). */
export type Translation = S['Translation'];
/** A region's, unit's or home's name and its Mongolian (GET /translations/names). */
export type MongolianNameRow = S['MongolianName'];
/** A home or a member an account can be tied to, by name (GET /users/choices). */
export type UserChoice = S['UserChoice'];

export type RoleInput = NonNullable<CreateUserInput['roles']>[number];

export type CreateUserInput = Body<'/users', 'post'>;

export type UpdateUserInput = Body<'/users/{id}', 'patch'>;

export type AuditEntry = S['AuditEvent'];
/** One field an audit entry recorded, in words, with its value before and after. */
export type AuditChange = AuditEntry['changes'][number];
/** What a check of the audit trail's hash chain found. */
export type AuditVerification = S['AuditVerification'];

/** An ability the server may grant (the names `abilities` in /auth/me lists). */
export type Ability = Session['abilities'][number];

/** The abilities the UI asks about, by name; a name the server does not have is a type error. */
export const ABILITIES = {
  userRead: 'user.read',
  homeSigns: 'home.signs',
  translationRead: 'translation.read',
  translationEdit: 'translation.edit',
  userCreate: 'user.create',
  userManage: 'user.manage',
  userGrantRoles: 'user.grant_roles',
  userUnlock: 'user.unlock',
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
  complianceRemind: 'compliance.remind',
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
  fundsApprove: 'funds.approve',
  fundsSettings: 'funds.settings',
  trainingRead: 'training.read',
  trainingManage: 'training.manage',
  dashboardRead: 'dashboard.read',
  dashboardAttention: 'dashboard.attention',
  dashboardRefresh: 'dashboard.refresh',
} as const satisfies Record<string, Ability>;

// ---- 委员 (members) ----

export const MEMBER_LEVELS = ['regional', 'municipal', 'district'] as const;
export type MemberLevel = (typeof MEMBER_LEVELS)[number];

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export type Member = S['Member'];

export type MemberInput = Body<'/members', 'post'>;

export type ImportError = ImportResult['errors'][number];

export type ImportResult = Json<'/members/import', 'post'>;

// ---- 委员之家 (homes) ----

export const HOME_LEVELS = ['municipal', 'district'] as const;
export type HomeLevel = (typeof HOME_LEVELS)[number];

export type Home = S['Home'];

export type HomeMemberRole = 'director' | 'deputy' | 'member';

export type HomeMember = HomeDetail['members'][number];

export type ServerWarning = HomeDetail['warnings'][number];

/** GET /homes/:id (and the answer to create / update). */
export type HomeDetail = S['HomeDetail'];
/** A unit a new home may be registered under, and what its homes may be (GET /homes/owner-units). */
export type HomeOwnerUnit = S['HomeOwnerUnit'];

export type HomeInput = Body<'/homes', 'post'>;

/** What an edit of a home may send: kind, level and owning unit are fixed at registration. */
export type HomePatch = Body<'/homes/{id}', 'patch'>;

export type Attachment = S['Attachment'];

export type HomeTransition = Json<'/homes/{id}/history'>[number];

export type TransitionInput = Body<'/homes/{id}/transitions', 'post'>;

// ---- 行政区划 and 覆盖情况 ----

export type RegionLevel = 'city' | 'district' | 'township' | 'village';

export type Region = S['Region'];

export type Coverage = Json<'/coverage'>;

// ---- 活动 (activities), check-in and the duty rota ----

export type Activity = S['Activity'];

export type ActivityInput = Body<'/activities', 'post'>;

export type ActivityUpdate = Body<'/activities/{id}', 'patch'>;

/** GET /checkin/:code (public). `checkedIn` only for a signed-in member. */
export type CheckinInfo = S['CheckinInfo'];

export type CheckinResult = Json<'/checkin/{code}', 'post'>;

export const DUTY_STATUSES = ['scheduled', 'served', 'missed', 'cancelled'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export type DutyShift = S['DutyShift'];

export type DutyShiftInput = Body<'/homes/{id}/duty-shifts', 'post'>;

// ---- 年度计划、总结、制度、标牌、六有、合规 (operations) ----

export type PlanItem = Plan['items'][number];

export type Plan = S['Plan'];

export type PlanInput = Body<'/homes/{id}/plans/{year}', 'put'>;

export type Summary = S['Summary'];

/** Until when a year's summary may be written, and whether the caller may write it now. */
export type DocumentWindow = S['DocumentWindow'];

export type Rule = S['Rule'];

export type RuleInput = Body<'/rules', 'post'>;

export type PostedRule = HomeRules['unified'][number];

/** GET /homes/:id/rules (and the answer of PUT /homes/:id/rule-postings). */
export type HomeRules = S['HomeRules'];

export const SIGNAGE_ITEMS = ['outdoor_sign', 'member_board', 'rules_board'] as const;
export type SignageItem = (typeof SIGNAGE_ITEMS)[number];

export type Signage = Json<'/homes/{id}/signage'>[number];

export type ScorecardQuarter = HomeScorecard['quarters'][number];

export type HomeScorecard = S['Scorecard'];

export type ComplianceRow = Compliance['rows'][number];

export type Compliance = S['Compliance'];

export type MissingDocument = 'plan' | 'summary';
export type ReminderKind = MissingDocument | 'quarter';

export type MissingHome = Json<'/operations/missing'>[number];

// ---- 通知 (notifications) ----

export type Notification = S['Notification'];

/** GET /notifications: a page of the caller's own notifications and how many are unread. */
export type NotificationPage = Json<'/notifications'>;

// ---- 社情民意 (citizens' opinions) and 解难纾困 (citizens' problems) ----

/** The tabs of 社情民意 in their order: 全部 first, so that a phone shows it and 待我处理 beside it. */
export const OPINION_QUEUES = [
  'all',
  'waiting',
  'mine',
  'to_accept',
  'to_decide',
  'to_reply',
  'overdue',
] as const;
/** A list of opinions by what is waiting for the caller (GET /opinions?queue=). */
export type OpinionQueue = (typeof OPINION_QUEUES)[number];

/** GET /opinions/queues: how many opinions wait in each queue for the caller. */
export type OpinionQueueCounts = Json<'/opinions/queues'>;

export type OpinionListItem = S['OpinionListItem'];

/** The formal 社情民意信息 the assigned member writes. */
export type OpinionDraft = NonNullable<OpinionDetail['draft']>;

export type OpinionSubmission = OpinionDetail['submissions'][number];

export type OpinionStep = OpinionDetail['steps'][number];

export type ProblemSummary = OpinionDetail['problems'][number];

/** GET /opinions/:id (and the answer of a transition). */
export type OpinionDetail = S['OpinionDetail'];

/** POST /opinions: an opinion received on paper, by phone or in person, entered by staff (代录). */
export type OpinionInput = Body<'/opinions', 'post'>;

export type CreatedOpinion = Json<'/opinions', 'post'>;

export type OpinionTransitionInput = Body<'/opinions/{id}/transitions', 'post'>;

/** 1 不满意, 2 基本满意, 3 满意. */
export type Satisfaction = 1 | 2 | 3;

/** 解难纾困: a citizen's problem and how it is handled. */
export type Problem = S['CitizenProblem'];

export type ProblemInput = Body<'/problems', 'post'>;

export type ProblemUpdate = Body<'/problems/{id}', 'patch'>;

// ---- 履职档案 (duty records), 积分规则, 提案 and 调研报告 ----

/** One thing a member did, worth points (GET /members/:id/duty-record). */
export type DutyEntry = DutyRecord['entries'][number];

export const DUTY_FLAG_STATUSES = ['open', 'resolved', 'rejected'] as const;
export type DutyFlagStatus = (typeof DUTY_FLAG_STATUSES)[number];

/** A member's note that something is missing from their record. */
export type DutyFlag = S['DutyFlag'];

export type DutyCategoryTotal = DutyRecord['categories'][number];

export type DutyRecord = S['DutyRecord'];

export type DutyRecordRow = S['DutyRecordRow'];

export type DutyRecordList = Json<'/duty-records'>;

export type RecomputeResult = Json<'/duty-records/recompute', 'post'>;

export type DutyYear = Json<'/duty-years'>[number];

/** POST /members/:id/duty-record/adjustments: with `sourceId` a correction, without one a new entry. */
export type AdjustmentInput = Body<'/members/{id}/duty-record/adjustments', 'post'>;

export type PointCategoryRow = PointRuleset['categories'][number];

export type PointRuleRow = PointRuleset['rules'][number];

/** The points rules in force from `validFromYear` until the next version. */
export type PointRuleset = S['PointRuleset'];

export type RulesetInput = Body<'/point-rules/{year}', 'put'>;

export type SavedRuleset = Json<'/point-rules/{year}', 'put'>;

export type RulesetVersion = Json<'/point-rulesets'>[number];

export type NamedRef = Proposal['cosigners'][number];

/** 提案 */
export type Proposal = S['Proposal'];

export type ProposalInput = Body<'/proposals', 'post'>;

/** 调研报告 */
export type ResearchReport = S['ResearchReport'];

export type ReportInput = Body<'/research-reports', 'post'>;

// ---- 年度评价 (the annual evaluation of homes) ----

export type RubricItemRow = EvaluationRound['rubric'][number];

export type EvaluationRoundSummary = S['EvaluationRoundSummary'];

export type RoundHome = EvaluationRound['homeEntries'][number];

export type MemberCommendation = EvaluationRound['memberCommendations'][number];

export type EvaluationRound = S['EvaluationRound'];

export type ReviewerScore = RoundHomeDetail['scores'][number];

export type RoundHomeDetail = Json<'/evaluation-rounds/{id}/homes/{homeId}'>;

export type CreateRoundInput = Body<'/evaluation-rounds', 'post'>;

export type ScoresInput = Body<'/evaluation-rounds/{id}/homes/{homeId}/scores', 'put'>;

/** The published results of one revision (they never change afterwards). */
export type Publication = S['EvaluationPublication'];

/** GET /evaluation-rounds/:id/reviewer-candidates: who the round's owner may choose as reviewers. */
export type ReviewerCandidate = Json<'/evaluation-rounds/{id}/reviewer-candidates'>[number];

// ---- 经费 (a home's duty funds; amounts in integer fen, typed in as yuan strings) ----

export type FundEntryKind = 'allocation' | 'expenditure';
export const FUND_ENTRY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type FundEntryStatus = (typeof FUND_ENTRY_STATUSES)[number];

export type FundEntry = S['FundEntry'];

export type FundTotals = FundReport['total'];

/** GET /homes/:id/funds?year= (and the answer of every change to it). */
export type FundLedger = S['FundLedger'];

export type AllocationInput = Body<'/homes/{id}/funds/allocations', 'post'>;

export type ExpenditureInput = Body<'/homes/{id}/funds/expenditures', 'post'>;

export const FUND_GROUPS = ['home', 'district', 'category'] as const;
export type FundGroup = (typeof FUND_GROUPS)[number];

export type FundReport = S['FundReport'];

export type FundSettings = Json<'/funds/settings'>;

// ---- 培训 (training sessions for home staff and directors) ----

export const TRAINING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

export type TrainingSummary = S['TrainingSummary'];

export type TrainingEnrolment = Training['enrolments'][number];

export type Training = S['Training'];

export type TrainingInput = Body<'/trainings', 'post'>;

// ---- 工作看板 (dashboards) ----

export type CoveredCount = Dashboard['coverage']['sectorGroups'];

/** GET /dashboard?year=: figures over the units the caller's role covers (never chosen by the user). */
export type Dashboard = S['Dashboard'];

export { ATTENTION_KINDS, type AttentionKind } from '../../domain/attention';

export type AttentionItem = Attention['items'][number];

/** GET /dashboard/attention: what needs the caller's attention, scoped by the server. */
export type Attention = S['Attention'];
