/**
 * The 社情民意 pipeline (R18, §3.3) as data: a citizen's opinion is received, accepted by the home
 * and assigned to a member, drafted into a formal 社情民意信息, submitted to the office, decided,
 * answered and closed. The server refuses anything else; the UI shows only the allowed actions.
 */
export const OPINION_STATUSES = [
  'received',
  'accepted',
  'drafted',
  'submitted',
  'adopted',
  'forwarded',
  'instructed',
  'not_adopted',
  'replied',
  'closed',
] as const;
export type OpinionStatus = (typeof OPINION_STATUSES)[number];

export const OPINION_ACTIONS = [
  'accept',
  'reassign',
  'draft',
  'submit',
  'return',
  'adopt',
  'forward',
  'instruct',
  'decline',
  'reply',
  'dismiss',
  'close',
] as const;
export type OpinionAction = (typeof OPINION_ACTIONS)[number];

/**
 * In which capacity an actor takes part: `home` — the director of the home it was sent to (or,
 * for one sent to a region, that district CPPCC's staff); `assignee` — the member it is assigned
 * to; `office` — the municipal CPPCC office, which decides.
 */
export type OpinionActorKind = 'home' | 'assignee' | 'office';

export interface OpinionTransition {
  from: OpinionStatus[];
  to: OpinionStatus;
  by: OpinionActorKind[];
}

const DECIDED: OpinionStatus[] = ['adopted', 'forwarded', 'instructed', 'not_adopted'];

export const OPINION_WORKFLOW: Record<OpinionAction, OpinionTransition> = {
  accept: { from: ['received'], to: 'accepted', by: ['home', 'office'] },
  reassign: { from: ['accepted', 'drafted'], to: 'accepted', by: ['home', 'office'] },
  // saving the draft again keeps it drafted; a returned one comes back here
  draft: { from: ['accepted', 'drafted'], to: 'drafted', by: ['assignee'] },
  submit: { from: ['drafted'], to: 'submitted', by: ['assignee'] },
  return: { from: ['submitted'], to: 'drafted', by: ['office'] },
  adopt: { from: ['submitted'], to: 'adopted', by: ['office'] },
  forward: { from: ['submitted', 'adopted'], to: 'forwarded', by: ['office'] },
  instruct: { from: ['submitted', 'adopted', 'forwarded'], to: 'instructed', by: ['office'] },
  decline: { from: ['submitted'], to: 'not_adopted', by: ['office'] },
  // the reply can be corrected or published later, so replied → replied is allowed
  reply: { from: [...DECIDED, 'replied'], to: 'replied', by: ['home', 'office'] },
  // spam, abuse or nothing to act on: closed with a reason before any work is done
  dismiss: { from: ['received'], to: 'closed', by: ['home', 'office'] },
  close: { from: ['replied'], to: 'closed', by: ['home', 'office'] },
};

/** The actions that may follow a status, whoever takes them. */
export function opinionActionsFrom(status: OpinionStatus): OpinionAction[] {
  return OPINION_ACTIONS.filter((action) => OPINION_WORKFLOW[action].from.includes(status));
}

export function nextOpinionStatus(status: OpinionStatus, action: OpinionAction): OpinionStatus | null {
  const t = OPINION_WORKFLOW[action];
  return t.from.includes(status) ? t.to : null;
}

/** The office's decision on a submitted opinion; adopted and instructed ones credit the member. */
export const OPINION_DECISIONS: OpinionStatus[] = DECIDED;
export const CREDITED_DECISIONS: OpinionStatus[] = ['adopted', 'instructed'];

/** Not yet answered: the reply deadline counts for these. */
export const UNANSWERED_STATUSES: OpinionStatus[] = [
  'received',
  'accepted',
  'drafted',
  'submitted',
  'adopted',
  'forwarded',
  'instructed',
  'not_adopted',
];

export const ADOPTION_LEVELS = ['municipal', 'regional', 'national'] as const;
export type AdoptionLevel = (typeof ADOPTION_LEVELS)[number];
export const ADOPTION_LEVEL_LABELS: Record<AdoptionLevel, string> = {
  municipal: '市级',
  regional: '自治区级',
  national: '全国政协',
};

/**
 * Deadlines (days after receipt): accept within 7; a reply within 90 (the government-site rule);
 * past 30 days without a reply an opinion is flagged, past 90 it is an alarm.
 */
export const OPINION_DEADLINES = { acceptDays: 7, flagDays: 30, replyDays: 90 } as const;

export type OpinionFlag = 'accept_overdue' | 'unanswered_30' | 'unanswered_90';
/** The deadline flags in words (the list's tags and its export). */
export const OPINION_FLAG_LABELS: Record<OpinionFlag, string> = {
  accept_overdue: '超期未受理',
  unanswered_30: '超30天未答复',
  unanswered_90: '超90天未答复',
};

const DAY_MS = 86_400_000;

/** The deadline flags of one opinion at `now`. */
export function opinionFlags(opinion: { status: OpinionStatus; receivedAt: Date }, now: Date): OpinionFlag[] {
  const age = now.getTime() - opinion.receivedAt.getTime();
  const flags: OpinionFlag[] = [];
  if (opinion.status === 'received' && age > OPINION_DEADLINES.acceptDays * DAY_MS)
    flags.push('accept_overdue');
  if (UNANSWERED_STATUSES.includes(opinion.status)) {
    if (age > OPINION_DEADLINES.replyDays * DAY_MS) flags.push('unanswered_90');
    else if (age > OPINION_DEADLINES.flagDays * DAY_MS) flags.push('unanswered_30');
  }
  return flags;
}

export const OPINION_STATUS_LABELS: Record<OpinionStatus, string> = {
  received: '已收到',
  accepted: '已受理',
  drafted: '委员撰写中',
  submitted: '已报送政协',
  adopted: '已采用',
  forwarded: '已转交部门',
  instructed: '领导已批示',
  not_adopted: '未采用',
  replied: '已答复',
  closed: '已办结',
};

export const OPINION_ACTION_LABELS: Record<OpinionAction, string> = {
  accept: '受理并指派委员',
  reassign: '改派委员',
  draft: '撰写社情民意信息',
  submit: '报送政协办公室',
  return: '退回修改',
  adopt: '采用',
  forward: '转交部门',
  instruct: '记录领导批示',
  decline: '不予采用',
  reply: '答复群众',
  dismiss: '不予受理',
  close: '办结',
};

/** How an opinion reached us. */
export const OPINION_CHANNELS = ['online', 'paper', 'in_person', 'phone'] as const;
export type OpinionChannel = (typeof OPINION_CHANNELS)[number];
export const OPINION_CHANNEL_LABELS: Record<OpinionChannel, string> = {
  online: '网上提交',
  paper: '书面',
  in_person: '当面反映',
  phone: '电话',
};

/** 解难纾困: a citizen's problem and how it was handled (R20). */
export const PROBLEM_STATUSES = ['open', 'handling', 'resolved'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];
export const PROBLEM_STATUS_LABELS: Record<ProblemStatus, string> = {
  open: '待办理',
  handling: '办理中',
  resolved: '已办结',
};

/** The citizen's satisfaction with the result: 3 satisfied, 2 basically satisfied, 1 not satisfied. */
export const SATISFACTION_LABELS: Record<1 | 2 | 3, string> = {
  3: '满意',
  2: '基本满意',
  1: '不满意',
};

/**
 * Tracking codes: 12 digits in three groups (e.g. 4821-7730-5192) — easy to read aloud over a
 * phone and to type on any keypad; 10¹² possibilities against a rate-limited lookup.
 */
export const TRACKING_CODE_PATTERN = /^\d{4}-\d{4}-\d{4}$/;

/** Accepts what people type (spaces, no dashes, full-width digits) and gives the canonical form. */
export function normaliseTrackingCode(input: string): string | null {
  const digits = input
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－—]/g, '');
  if (!/^\d{12}$/.test(digits)) return null;
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}
