/**
 * The duty record 履职档案 (R21, §5): what a member did in a year, each entry worth points by a
 * set of rules the office edits. The record assembles itself from the sources below; staff may
 * correct an entry (with a reason) and members may flag a missing one.
 */

/** Where entries come from, and the rule item each source gives. */
export const DUTY_ITEMS = [
  'activity_attended',
  'duty_shift_served',
  'opinion_submitted',
  'opinion_adopted',
  'opinion_instructed',
  'proposal_submitted',
  'proposal_cosigned',
  'proposal_filed',
  'research_report',
  'problem_resolved',
  'training_attended',
  'other',
] as const;
export type DutyItem = (typeof DUTY_ITEMS)[number];

export const DUTY_SOURCE_TYPES = [
  'activity',
  'opinion',
  'proposal',
  'research_report',
  'problem',
  'training',
  'adjustment',
] as const;
export type DutySourceType = (typeof DUTY_SOURCE_TYPES)[number];

export interface PointCategory {
  category: string;
  label: string;
  /** most points a member gets from this category in a year; null: no limit */
  cap: number | null;
}

export interface PointRule {
  item: DutyItem;
  category: string;
  label: string;
  points: number;
  unit: string;
  /** most points from this item in a year; null: no limit */
  cap: number | null;
}

export interface PointRuleset {
  validFromYear: number;
  categories: PointCategory[];
  rules: PointRule[];
}

/**
 * The rules shipped with the platform, from the policy's first year. Within a year, entries count
 * in date order until a cap is reached; later ones stay on the record with 0 points.
 */
export const DEFAULT_RULESET: PointRuleset = {
  validFromYear: 2021,
  categories: [
    { category: 'activity', label: '参加委员之家活动', cap: 40 },
    { category: 'duty', label: '委员值班', cap: 24 },
    { category: 'opinion', label: '社情民意信息', cap: 60 },
    { category: 'proposal', label: '提案', cap: 50 },
    { category: 'research', label: '调研报告', cap: 30 },
    { category: 'service', label: '解难纾困', cap: 20 },
    { category: 'training', label: '参加培训', cap: 10 },
    { category: 'other', label: '其他履职', cap: 20 },
  ],
  rules: [
    { item: 'activity_attended', category: 'activity', label: '参加活动', points: 2, unit: '次', cap: null },
    { item: 'duty_shift_served', category: 'duty', label: '值班接待', points: 2, unit: '次', cap: null },
    {
      item: 'opinion_submitted',
      category: 'opinion',
      label: '报送社情民意信息',
      points: 5,
      unit: '篇',
      cap: null,
    },
    {
      item: 'opinion_adopted',
      category: 'opinion',
      label: '社情民意信息被采用',
      points: 5,
      unit: '篇',
      cap: null,
    },
    {
      item: 'opinion_instructed',
      category: 'opinion',
      label: '社情民意信息获领导批示',
      points: 5,
      unit: '篇',
      cap: null,
    },
    {
      item: 'proposal_submitted',
      category: 'proposal',
      label: '领衔提出提案',
      points: 10,
      unit: '件',
      cap: null,
    },
    {
      item: 'proposal_cosigned',
      category: 'proposal',
      label: '联名提出提案',
      points: 3,
      unit: '件',
      cap: 15,
    },
    { item: 'proposal_filed', category: 'proposal', label: '领衔提案立案', points: 5, unit: '件', cap: null },
    {
      item: 'research_report',
      category: 'research',
      label: '参与调研报告',
      points: 5,
      unit: '篇',
      cap: null,
    },
    {
      item: 'problem_resolved',
      category: 'service',
      label: '办结解难纾困事项',
      points: 3,
      unit: '件',
      cap: null,
    },
    { item: 'training_attended', category: 'training', label: '参加培训', points: 2, unit: '次', cap: null },
    { item: 'other', category: 'other', label: '其他履职（工作人员补录）', points: 0, unit: '项', cap: null },
  ],
};

export const DUTY_SOURCE_LABELS: Record<DutySourceType, string> = {
  activity: '活动',
  opinion: '社情民意',
  proposal: '提案',
  research_report: '调研报告',
  problem: '解难纾困',
  training: '培训',
  adjustment: '工作人员补录',
};

export const PROPOSAL_STATUSES = ['pending', 'filed', 'not_filed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  pending: '待立案',
  filed: '立案',
  not_filed: '不立案',
};

/** Checks a ruleset an office user submits: every category used exists, items appear once. */
export function rulesetProblems(ruleset: Omit<PointRuleset, 'validFromYear'>): Record<string, string> {
  const problems: Record<string, string> = {};
  const categories = new Set<string>();
  ruleset.categories.forEach((c, i) => {
    if (categories.has(c.category)) problems[`categories.${i}.category`] = `类别“${c.category}”重复`;
    categories.add(c.category);
  });
  const items = new Set<string>();
  ruleset.rules.forEach((r, i) => {
    if (items.has(r.item)) problems[`rules.${i}.item`] = `项目“${r.label}”重复`;
    items.add(r.item);
    if (!categories.has(r.category)) problems[`rules.${i}.category`] = `类别“${r.category}”不存在`;
  });
  return problems;
}
