import type { TFunction } from 'i18next';
import {
  ACTIVITY_FUNCTIONS,
  ACTIVITY_KIND_FUNCTION,
  ACTIVITY_KINDS,
  ACTIVITY_STATUSES,
  type ActivityFunction,
  type ActivityKind,
  type ActivityStatus,
} from '../../domain/activities';
import { ISSUE_LABELS, type QuarterState, SCORECARD_KEYS, type ScorecardKey } from '../../domain/scorecard';
import { DUTY_STATUSES, type DutyStatus, SIGNAGE_ITEMS, type SignageItem } from '../api/types';

// Label lookups for the codes of running a home (labels from src/domain via the i18n resource);
// an unknown code is shown as sent.

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export const QUARTER_STATES = ['met', 'at_risk', 'missed', 'open', 'not_judged'] as const;

export const isActivityKind = (value: string): value is ActivityKind => includes(ACTIVITY_KINDS, value);
export const isActivityStatus = (value: string): value is ActivityStatus =>
  includes(ACTIVITY_STATUSES, value);
export const isQuarterState = (value: string): value is QuarterState => includes(QUARTER_STATES, value);

export const activityKindLabel = (t: TFunction, value: string) =>
  isActivityKind(value) ? t(`activityKinds.${value}`) : value;
export const activityFunctionLabel = (t: TFunction, value: string) =>
  includes<ActivityFunction>(ACTIVITY_FUNCTIONS, value) ? t(`activityFunctions.${value}`) : value;
/** The function (学习/履职/团结/民主之家) a kind of activity serves. */
export const kindFunctionLabel = (t: TFunction, kind: string) =>
  isActivityKind(kind) ? activityFunctionLabel(t, ACTIVITY_KIND_FUNCTION[kind]) : '';
export const activityStatusLabel = (t: TFunction, value: string) =>
  isActivityStatus(value) ? t(`activityStatuses.${value}`) : value;
const QUARTER_KEYS = ['q1', 'q2', 'q3', 'q4'] as const;
/** 第一季度 … 第四季度 (a quarter outside 1–4 as its number). */
export const quarterLabel = (t: TFunction, quarter: number) => {
  const key = `q${quarter}`;
  return includes(QUARTER_KEYS, key) ? t(`quarterNames.${key}`) : String(quarter);
};
export const quarterStateLabel = (t: TFunction, value: string) =>
  isQuarterState(value) ? t(`quarterStates.${value}`) : value;
export const dutyStatusLabel = (t: TFunction, value: string) =>
  includes<DutyStatus>(DUTY_STATUSES, value) ? t(`dutyStatuses.${value}`) : value;
export const signageItemLabel = (t: TFunction, value: string) =>
  includes<SignageItem>(SIGNAGE_ITEMS, value) ? t(`signageItems.${value}`) : value;
export const scorecardItemLabel = (t: TFunction, value: string) =>
  includes<ScorecardKey>(SCORECARD_KEYS, value) ? t(`scorecardItems.${value}`) : value;
export const scorecardIssueLabel = (t: TFunction, code: string) =>
  code in ISSUE_LABELS ? t(`scorecardIssues.${code}`) : code;

/** antd Tag colours of the activity statuses. */
export const ACTIVITY_STATUS_COLORS: Record<ActivityStatus, string> = {
  planned: 'blue',
  held: 'green',
  cancelled: 'default',
};

/** antd Tag colours of the quarter states: met green, at risk orange, missed red, open blue, grey. */
export const QUARTER_STATE_COLORS: Record<QuarterState, string> = {
  met: 'green',
  at_risk: 'orange',
  missed: 'red',
  open: 'blue',
  not_judged: 'default',
};

export const DUTY_STATUS_COLORS: Record<DutyStatus, string> = {
  scheduled: 'blue',
  served: 'green',
  missed: 'red',
  cancelled: 'default',
};
