/** The kinds of activity of the policy (R14, §3) and the function each serves: 学习、履职、团结、民主之家. */
export const ACTIVITY_FUNCTIONS = ['study', 'duty', 'unity', 'democracy'] as const;
export type ActivityFunction = (typeof ACTIVITY_FUNCTIONS)[number];

export const ACTIVITY_KIND_FUNCTION = {
  outreach: 'duty',
  study: 'study',
  opinion_collection: 'duty',
  open_day: 'unity',
  duty_day: 'duty',
  activity_day: 'unity',
  consultation: 'democracy',
  grassroots_consultation: 'democracy',
  inspection: 'duty',
  policy_talk: 'study',
  fellowship: 'unity',
  problem_solving: 'duty',
  education: 'study',
} as const satisfies Record<string, ActivityFunction>;

export type ActivityKind = keyof typeof ACTIVITY_KIND_FUNCTION;
export const ACTIVITY_KINDS = Object.keys(ACTIVITY_KIND_FUNCTION) as ActivityKind[];

export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  outreach: '联系群众·宣传',
  study: '学习研讨',
  opinion_collection: '收集社情民意',
  open_day: '政协机关开放日',
  duty_day: '委员值班日',
  activity_day: '委员活动日',
  consultation: '协商座谈',
  grassroots_consultation: '基层协商议事',
  inspection: '调研视察',
  policy_talk: '政策宣讲',
  fellowship: '交流联谊',
  problem_solving: '解难纾困',
  education: '学习教育',
};

export const ACTIVITY_FUNCTION_LABELS: Record<ActivityFunction, string> = {
  study: '学习之家',
  duty: '履职之家',
  unity: '团结之家',
  democracy: '民主之家',
};

export const ACTIVITY_STATUSES = ['planned', 'held', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = {
  planned: '计划中',
  held: '已举办',
  cancelled: '已取消',
};

/** How a member's attendance was recorded: they scanned the code, the organiser ticked them, their duty shift. */
export const ATTENDANCE_SOURCES = ['checkin', 'manual', 'duty'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];
export const ATTENDANCE_SOURCE_LABELS: Record<AttendanceSource, string> = {
  checkin: '扫码签到',
  manual: '组织者登记',
  duty: '值班登记',
};

/** Check-in opens an hour before the start and closes at the end (R16). */
export const CHECKIN_OPENS_BEFORE_MS = 3600_000;

/**
 * A check-in made on a phone without a signal is sent when it is back online (R34): it counts at
 * the moment it was made, if it arrives within a day of it; a phone's clock may run a few minutes
 * ahead of the server's (a moment later than the server's now counts as now).
 */
export const QUEUED_CHECKIN_MAX_DELAY_MS = 24 * 3600_000;
export const PHONE_CLOCK_AHEAD_MS = 5 * 60_000;

export function checkinOpen(
  activity: { startsAt: Date; endsAt: Date; status: ActivityStatus },
  now: Date,
): boolean {
  return (
    activity.status !== 'cancelled' &&
    now.getTime() >= activity.startsAt.getTime() - CHECKIN_OPENS_BEFORE_MS &&
    now.getTime() <= activity.endsAt.getTime()
  );
}
