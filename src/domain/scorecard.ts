import {
  daysUntil,
  QUARTERS,
  type Quarter,
  quarterDueOn,
  quarterOf,
  quarterRange,
  yearRange,
} from './calendar.js';

/** The six points of 六有 (§4.2), in the order API.md gives them. */
export const SCORECARD_KEYS = [
  'organization',
  'signage',
  'venue',
  'rules',
  'operation',
  'evaluation',
] as const;
export type ScorecardKey = (typeof SCORECARD_KEYS)[number];

export const SCORECARD_LABELS: Record<ScorecardKey, string> = {
  organization: '有组织机构',
  signage: '有标牌标识',
  venue: '有工作场所',
  rules: '有规章制度',
  operation: '有操作模式',
  evaluation: '有效果评价',
};

export const ISSUE_LABELS: Record<string, string> = {
  NO_DIRECTOR: '未确定负责人',
  SIGN_NOT_POSTED: '户外标牌未悬挂',
  MEMBER_BOARD_NOT_POSTED: '委员信息公示牌未上墙',
  RULES_BOARD_NOT_POSTED: '制度牌未上墙',
  NO_VENUE: '无固定工作场所',
  NO_ONLINE_PLATFORM: '线上工作室未填写网上平台',
  RULES_NOT_POSTED: '现行统一制度未上墙',
  NO_PLAN: '无年度工作计划',
  QUARTER_WITHOUT_ACTIVITY: '有季度未开展活动',
  NO_SUMMARY: '无年度工作总结',
  NOT_EVALUATED: '尚未参加年度评价',
};

/** Everything the scorecard needs, loaded by the caller: the function itself does no I/O. */
export interface ScorecardInput {
  year: number;
  now: Date;
  home: {
    directorMemberId: string | null;
    online: boolean;
    onlineUrl: string | null;
    venueType: string | null;
    address: string | null;
    /** the plaque date: quarters of that year before it are not judged */
    plaqueAwardedOn: string | null;
  };
  signage: { outdoorSign: boolean; memberBoard: boolean; rulesBoard: boolean };
  /** the unified rules in force are marked as posted at the home */
  rulesPosted: boolean;
  hasPlan: boolean;
  hasSummary: boolean;
  evaluated: boolean;
  /** activities the home hosted, alone or jointly */
  activities: Array<{ startsAt: Date; status: 'planned' | 'held' | 'cancelled' }>;
}

export type QuarterState = 'met' | 'at_risk' | 'missed' | 'open' | 'not_judged';

/** How a quarter stands, in the words of the pages, the Excel exports and the prints alike. */
export const QUARTER_STATE_LABELS: Record<QuarterState, string> = {
  met: '已开展',
  at_risk: '有风险',
  missed: '未开展',
  open: '进行中',
  not_judged: '不考核',
};

/** What each state means (the pages' hints, the prints' legends). */
export const QUARTER_STATE_HINTS: Record<QuarterState, string> = {
  met: '本季度已举办活动',
  at_risk: '距季度末不足 21 天，尚未举办活动',
  missed: '季度已结束，未举办活动',
  open: '季度进行中，尚未举办活动',
  not_judged: '授牌前的季度不考核',
};

/**
 * The compliance table (合规情况: homes × the four quarters of a year) in one set of words, for
 * its page, its print and its Excel alike: the title, the columns before the quarters in their
 * order, the quarters' headings (QUARTER_NAMES) and what a cell says.
 */
export const complianceTitle = (year: number) => `${year}年度委员之家活动开展情况`;

export const COMPLIANCE_COLUMNS = ['name', 'ownerUnit', 'place', 'kind'] as const;
export type ComplianceColumn = (typeof COMPLIANCE_COLUMNS)[number];
export const COMPLIANCE_COLUMN_TITLES: Record<ComplianceColumn, string> = {
  name: '委员之家',
  ownerUnit: '所属单位',
  place: '所在地',
  kind: '类型',
};

/** A home × quarter cell: the state in words, then the activities held in the quarter (已开展 3 次). */
export const complianceCell = (q: { state: QuarterState; activities: number }) => ({
  state: QUARTER_STATE_LABELS[q.state],
  count: `${q.activities} 次`,
});

export interface QuarterResult {
  quarter: Quarter;
  /** held activities starting in the quarter (Beijing time) */
  activities: number;
  ok: boolean;
  dueOn: string;
  state: QuarterState;
}

export interface Scorecard {
  year: number;
  items: Array<{ key: ScorecardKey; ok: boolean; issues: string[] }>;
  quarters: QuarterResult[];
  score: number;
}

/** Days before a quarter's end when a quarter with no held activity is "at risk". */
export const AT_RISK_DAYS = 21;

/** Held activities per quarter of `year` (Beijing time), from a list of activities. */
export function heldPerQuarter(
  year: number,
  activities: ScorecardInput['activities'],
): Record<Quarter, number> {
  const counts: Record<Quarter, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  for (const a of activities) {
    if (a.status !== 'held') continue;
    const q = quarterOf(a.startsAt);
    if (q.year === year) counts[q.quarter] += 1;
  }
  return counts;
}

/**
 * A quarter is met with at least one held activity starting in it; before its end it is open
 * (at risk within 21 days of the end); after, missed. Quarters of the plaque year before the
 * plaque's quarter are not judged, nor is any quarter of a year before the plaque (R12).
 * Takes counts, so a report that counts in SQL judges by the same rule.
 */
export function judgeQuarters(
  year: number,
  now: Date,
  plaqueAwardedOn: string | null,
  held: Record<Quarter, number>,
): QuarterResult[] {
  const plaqueYear = plaqueAwardedOn ? Number(plaqueAwardedOn.slice(0, 4)) : null;
  const firstJudged =
    plaqueYear === year ? Math.floor((Number(plaqueAwardedOn!.slice(5, 7)) - 1) / 3) + 1 : 1;
  const notYetOpen = plaqueYear !== null && plaqueYear > year;
  return QUARTERS.map((quarter) => {
    const activities = held[quarter];
    const dueOn = quarterDueOn(year, quarter);
    const { end } = quarterRange(year, quarter);
    let state: QuarterState;
    if (notYetOpen || quarter < firstJudged) state = 'not_judged';
    else if (activities > 0) state = 'met';
    else if (now.getTime() >= end.getTime()) state = 'missed';
    else if (daysUntil(now, dueOn) < AT_RISK_DAYS) state = 'at_risk';
    else state = 'open';
    // API.md: a quarter is ok when a held activity starts in it; `state` says how to judge it
    return { quarter, activities, ok: activities > 0, dueOn, state };
  });
}

export function quarterResults(
  input: Pick<ScorecardInput, 'year' | 'now' | 'home' | 'activities'>,
): QuarterResult[] {
  return judgeQuarters(
    input.year,
    input.now,
    input.home.plaqueAwardedOn,
    heldPerQuarter(input.year, input.activities),
  );
}

/** The 六有 scorecard of one home for one year (R8–R13). */
export function homeScorecard(input: ScorecardInput): Scorecard {
  const quarters = quarterResults(input);
  const yearEnded = input.now.getTime() >= yearRange(input.year).end.getTime();
  const elapsedMissing = quarters.some((q) => q.state === 'missed');

  const issues: Record<ScorecardKey, string[]> = {
    organization: input.home.directorMemberId ? [] : ['NO_DIRECTOR'],
    signage: [
      ...(input.signage.outdoorSign ? [] : ['SIGN_NOT_POSTED']),
      ...(input.signage.memberBoard ? [] : ['MEMBER_BOARD_NOT_POSTED']),
      ...(input.signage.rulesBoard ? [] : ['RULES_BOARD_NOT_POSTED']),
    ],
    venue: input.home.online
      ? input.home.onlineUrl
        ? []
        : ['NO_ONLINE_PLATFORM']
      : input.home.venueType && input.home.address
        ? []
        : ['NO_VENUE'],
    rules: input.rulesPosted ? [] : ['RULES_NOT_POSTED'],
    operation: [
      ...(input.hasPlan ? [] : ['NO_PLAN']),
      ...(elapsedMissing ? ['QUARTER_WITHOUT_ACTIVITY'] : []),
      ...(yearEnded && !input.hasSummary ? ['NO_SUMMARY'] : []),
    ],
    evaluation: input.evaluated ? [] : ['NOT_EVALUATED'],
  };
  const items = SCORECARD_KEYS.map((key) => ({ key, ok: issues[key].length === 0, issues: issues[key] }));
  const score = Math.round((items.filter((i) => i.ok).length / items.length) * 100);
  return { year: input.year, items, quarters, score };
}
