/**
 * The establishment procedure of a home (R6, §4.3) as data: states, actions, and who may take
 * each action. The server refuses anything else; the UI shows only the allowed next actions.
 */
export const HOME_STATUSES = [
  'proposed',
  'surveyed',
  'planned',
  'reviewed',
  'approved',
  'rejected',
  'operating',
  'suspended',
  'closed',
] as const;
export type HomeStatus = (typeof HOME_STATUSES)[number];

/** Between the proposal and the chairman's approval: counted as "in progress" for coverage. */
export const IN_PROGRESS_STATUSES: HomeStatus[] = ['proposed', 'surveyed', 'planned', 'reviewed', 'approved'];

export const HOME_ACTIONS = [
  'survey',
  'plan',
  'review',
  'return',
  'approve',
  'reject',
  'award_plaque',
  'suspend',
  'resume',
  'close',
] as const;
export type HomeAction = (typeof HOME_ACTIONS)[number];

/**
 * Who may take an action: on a municipal home the office, or the owning unit's staff up to
 * `review`; on a district home that district CPPCC's staff.
 */
export type HomeActorKind = 'office' | 'owner_committee' | 'owner_district';

export interface Transition {
  from: HomeStatus[];
  to: HomeStatus;
  by: HomeActorKind[];
}

const MUNICIPAL_EARLY: HomeActorKind[] = ['office', 'owner_committee', 'owner_district'];
const DECIDERS: HomeActorKind[] = ['office', 'owner_district'];

export const HOME_WORKFLOW: Record<HomeAction, Transition> = {
  survey: { from: ['proposed'], to: 'surveyed', by: MUNICIPAL_EARLY },
  plan: { from: ['surveyed'], to: 'planned', by: MUNICIPAL_EARLY },
  review: { from: ['planned'], to: 'reviewed', by: MUNICIPAL_EARLY },
  return: { from: ['reviewed'], to: 'planned', by: DECIDERS },
  approve: { from: ['reviewed'], to: 'approved', by: DECIDERS },
  reject: { from: ['reviewed'], to: 'rejected', by: DECIDERS },
  award_plaque: { from: ['approved'], to: 'operating', by: DECIDERS },
  suspend: { from: ['operating'], to: 'suspended', by: DECIDERS },
  resume: { from: ['suspended'], to: 'operating', by: DECIDERS },
  close: { from: ['operating', 'suspended'], to: 'closed', by: DECIDERS },
};

/** The actions that may follow a status, whoever takes them. */
export function actionsFrom(status: HomeStatus): HomeAction[] {
  return HOME_ACTIONS.filter((action) => HOME_WORKFLOW[action].from.includes(status));
}

/** The status an action leads to, or null when the action is not allowed from this status. */
export function nextStatus(status: HomeStatus, action: HomeAction): HomeStatus | null {
  const t = HOME_WORKFLOW[action];
  return t.from.includes(status) ? t.to : null;
}

export const HOME_STATUS_LABELS: Record<HomeStatus, string> = {
  proposed: '已申请',
  surveyed: '已调研',
  planned: '已制定方案',
  reviewed: '已审核',
  approved: '已批准',
  rejected: '未通过',
  operating: '运行中',
  suspended: '已暂停',
  closed: '已撤销',
};

/** One colour per state, the same on every page (antd tag colours). */
export const HOME_STATUS_COLORS: Record<HomeStatus, string> = {
  proposed: 'default',
  surveyed: 'cyan',
  planned: 'blue',
  reviewed: 'geekblue',
  approved: 'purple',
  rejected: 'red',
  operating: 'green',
  suspended: 'orange',
  closed: 'volcano',
};

export const HOME_ACTION_LABELS: Record<HomeAction, string> = {
  survey: '完成调研',
  plan: '提交建设方案',
  review: '审核通过',
  return: '退回修改',
  approve: '主席会议批准',
  reject: '主席会议不予批准',
  award_plaque: '授牌',
  suspend: '暂停',
  resume: '恢复运行',
  close: '撤销',
};

export const HOME_KINDS = ['sector_group', 'member_studio', 'township', 'village', 'industry'] as const;
export type HomeKind = (typeof HOME_KINDS)[number];
export const HOME_KIND_LABELS: Record<HomeKind, string> = {
  sector_group: '界别活动组委员之家',
  member_studio: '委员工作室',
  township: '苏木乡镇（街道）委员之家',
  village: '嘎查村（社区）委员之家',
  industry: '行业委员之家',
};

export const HOME_LEVELS = ['municipal', 'district'] as const;
export type HomeLevel = (typeof HOME_LEVELS)[number];
export const HOME_LEVEL_LABELS: Record<HomeLevel, string> = { municipal: '市级', district: '旗区级' };

export const VENUE_TYPES = [
  'agency',
  'enterprise',
  'community',
  'party_mass_center',
  'deputies_home',
  'other',
] as const;
export type VenueType = (typeof VENUE_TYPES)[number];
export const VENUE_TYPE_LABELS: Record<VenueType, string> = {
  agency: '委员所在机关单位',
  enterprise: '企业',
  community: '社区',
  party_mass_center: '党群服务中心',
  deputies_home: '人大代表之家',
  other: '其他',
};
