/**
 * The annual evaluation of homes (R13, 六有 ⑥, R25): a rubric of items, some computed from the
 * scorecard and records, some scored by reviewers; a grade; a ranking; commendations.
 */

/** How an item is filled: from the home's 六有 scorecard and activities, or by the reviewers. */
export type RubricSource =
  | { kind: 'scorecard'; key: 'organization' | 'signage' | 'venue' | 'rules' }
  | { kind: 'quarters'; perQuarter: number }
  | { kind: 'plan' }
  | { kind: 'summary' }
  | { kind: 'activities'; atLeast: number }
  | { kind: 'reviewer' };

export interface RubricItem {
  key: string;
  label: string;
  max: number;
  /** the 六有 heading the item belongs to */
  group: string;
  source: RubricSource;
  /** a bonus item may take the total above 100 */
  bonus?: boolean;
}

/**
 * The default rubric, from the 六有: organisation 10, signage 10, venue 10, rules 10, operation 35
 * (5 for each quarter with a held activity, 5 for the plan, 5 for the summary, 5 for at least eight
 * activities in the year), effect 25 by the reviewers, and up to 10 bonus points.
 */
export const DEFAULT_RUBRIC: RubricItem[] = [
  {
    key: 'organization',
    label: '有组织机构',
    group: '有组织机构',
    max: 10,
    source: { kind: 'scorecard', key: 'organization' },
  },
  {
    key: 'signage',
    label: '有标牌标识',
    group: '有标牌标识',
    max: 10,
    source: { kind: 'scorecard', key: 'signage' },
  },
  {
    key: 'venue',
    label: '有工作场所',
    group: '有工作场所',
    max: 10,
    source: { kind: 'scorecard', key: 'venue' },
  },
  {
    key: 'rules',
    label: '有规章制度',
    group: '有规章制度',
    max: 10,
    source: { kind: 'scorecard', key: 'rules' },
  },
  {
    key: 'quarters',
    label: '每季度开展活动',
    group: '有操作模式',
    max: 20,
    source: { kind: 'quarters', perQuarter: 5 },
  },
  { key: 'plan', label: '年初有工作计划', group: '有操作模式', max: 5, source: { kind: 'plan' } },
  { key: 'summary', label: '年终有工作总结', group: '有操作模式', max: 5, source: { kind: 'summary' } },
  {
    key: 'activities',
    label: '全年活动不少于 8 次',
    group: '有操作模式',
    max: 5,
    source: { kind: 'activities', atLeast: 8 },
  },
  {
    key: 'effect',
    label: '履职成效（评审打分）',
    group: '有效果评价',
    max: 25,
    source: { kind: 'reviewer' },
  },
  { key: 'bonus', label: '特色创新加分', group: '加分', max: 10, source: { kind: 'reviewer' }, bonus: true },
];

export type Grade = 'five_star' | 'four_star' | 'three_star' | 'rectify';

export const GRADE_LABELS: Record<Grade, string> = {
  five_star: '五星',
  four_star: '四星',
  three_star: '三星',
  rectify: '限期整改',
};

/** ≥ 90 五星, 80–89 四星, 60–79 三星, below 60 to be rectified. */
export function gradeOf(total: number): Grade {
  if (total >= 90) return 'five_star';
  if (total >= 80) return 'four_star';
  if (total >= 60) return 'three_star';
  return 'rectify';
}

/** What a home's computed items are judged from. */
export interface HomeYearFacts {
  scorecard: Record<'organization' | 'signage' | 'venue' | 'rules', boolean>;
  quartersMet: number;
  hasPlan: boolean;
  hasSummary: boolean;
  activitiesHeld: number;
}

/** The points of the computed items; reviewer items are left out. */
export function computedScores(rubric: RubricItem[], facts: HomeYearFacts): Record<string, number> {
  const scores: Record<string, number> = {};
  for (const item of rubric) {
    const s = item.source;
    switch (s.kind) {
      case 'scorecard':
        scores[item.key] = facts.scorecard[s.key] ? item.max : 0;
        break;
      case 'quarters':
        scores[item.key] = Math.min(item.max, facts.quartersMet * s.perQuarter);
        break;
      case 'plan':
        scores[item.key] = facts.hasPlan ? item.max : 0;
        break;
      case 'summary':
        scores[item.key] = facts.hasSummary ? item.max : 0;
        break;
      case 'activities':
        scores[item.key] = facts.activitiesHeld >= s.atLeast ? item.max : 0;
        break;
      default:
        break;
    }
  }
  return scores;
}

/** A reviewer item's score: the mean of the reviewers who scored it, rounded half up; 0 if none did. */
export function reviewerScore(scores: number[]): number {
  if (scores.length === 0) return 0;
  return Math.round(scores.reduce((a, b) => a + b, 0) / scores.length);
}

export interface RankedHome {
  homeId: string;
  total: number;
  items: Record<string, number>;
  plaqueAwardedOn: string | null;
}

/**
 * The published ranking: by total, highest first. Ties are broken, in order, by the reviewers'
 * `effect` score, then by the `quarters` score (steady operation), then by the earlier plaque
 * (the longer-serving home), then by the home's id — so the order never depends on chance.
 */
export function compareRanked(a: RankedHome, b: RankedHome): number {
  return (
    b.total - a.total ||
    (b.items.effect ?? 0) - (a.items.effect ?? 0) ||
    (b.items.quarters ?? 0) - (a.items.quarters ?? 0) ||
    (a.plaqueAwardedOn ?? '9999-12-31').localeCompare(b.plaqueAwardedOn ?? '9999-12-31') ||
    a.homeId.localeCompare(b.homeId)
  );
}

/** Places 1, 2, 3…; homes with the same total and tie-breakers still get distinct places. */
export function rankHomes<T extends RankedHome>(homes: T[]): Array<T & { rank: number }> {
  return [...homes].sort(compareRanked).map((h, i) => ({ ...h, rank: i + 1 }));
}

export const ROUND_STATUSES = ['open', 'reviewing', 'confirmed', 'published'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];
export const ROUND_STATUS_LABELS: Record<RoundStatus, string> = {
  open: '自评中',
  reviewing: '评审中',
  confirmed: '已确认',
  published: '已公布',
};

/** The round's steps: who moves it on is decided by the service (the round's owner). */
export const ROUND_ACTIONS = {
  start_review: { from: ['open'], to: 'reviewing' },
  confirm: { from: ['reviewing'], to: 'confirmed' },
  reopen: { from: ['confirmed'], to: 'reviewing' },
  publish: { from: ['confirmed'], to: 'published' },
  revise: { from: ['published'], to: 'reviewing' },
} as const satisfies Record<string, { from: RoundStatus[]; to: RoundStatus }>;
export type RoundAction = keyof typeof ROUND_ACTIONS;
