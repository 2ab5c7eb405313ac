import type { TFunction } from 'i18next';
import {
  ADOPTION_LEVELS,
  type AdoptionLevel,
  OPINION_ACTIONS,
  OPINION_CHANNELS,
  OPINION_STATUSES,
  type OpinionAction,
  type OpinionChannel,
  type OpinionFlag,
  type OpinionStatus,
  PROBLEM_STATUSES,
  type ProblemStatus,
} from '../../domain/opinion-workflow';

// Label lookups for the codes of 社情民意 and 解难纾困 (labels from src/domain via the i18n
// resource); an unknown code is shown as sent.

const includes = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export const OPINION_FLAGS = ['accept_overdue', 'unanswered_30', 'unanswered_90'] as const;
export const SATISFACTIONS = [3, 2, 1] as const;

export const isOpinionStatus = (value: string): value is OpinionStatus => includes(OPINION_STATUSES, value);
export const isOpinionAction = (value: string): value is OpinionAction => includes(OPINION_ACTIONS, value);
export const isOpinionFlag = (value: string): value is OpinionFlag => includes(OPINION_FLAGS, value);
export const isProblemStatus = (value: string): value is ProblemStatus => includes(PROBLEM_STATUSES, value);

export const opinionStatusLabel = (t: TFunction, value: string) =>
  isOpinionStatus(value) ? t(`opinionStatuses.${value}`) : value;
export const opinionActionLabel = (t: TFunction, value: string) =>
  isOpinionAction(value) ? t(`opinionActions.${value}`) : value;
export const opinionChannelLabel = (t: TFunction, value: string) =>
  includes<OpinionChannel>(OPINION_CHANNELS, value) ? t(`opinionChannels.${value}`) : value;
export const adoptionLevelLabel = (t: TFunction, value: string) =>
  includes<AdoptionLevel>(ADOPTION_LEVELS, value) ? t(`adoptionLevels.${value}`) : value;
export const problemStatusLabel = (t: TFunction, value: string) =>
  isProblemStatus(value) ? t(`problemStatuses.${value}`) : value;
/** The i18n keys of the satisfaction the server sends as 1, 2, 3. */
const SATISFACTION_KEYS = { 1: 'unsatisfied', 2: 'basic', 3: 'satisfied' } as const;
export const satisfactionLabel = (t: TFunction, value: number | null) =>
  value === 1 || value === 2 || value === 3 ? t(`satisfactions.${SATISFACTION_KEYS[value]}`) : '-';

/** antd Tag colours of the opinion statuses: waiting warm, in work blue, decided green, finished grey. */
export const OPINION_STATUS_COLORS: Record<OpinionStatus, string> = {
  received: 'orange',
  accepted: 'blue',
  drafted: 'cyan',
  submitted: 'geekblue',
  adopted: 'lime',
  forwarded: 'purple',
  instructed: 'magenta',
  not_adopted: 'volcano',
  replied: 'green',
  closed: 'default',
};

export const PROBLEM_STATUS_COLORS: Record<ProblemStatus, string> = {
  open: 'orange',
  handling: 'blue',
  resolved: 'green',
};

/** Past a deadline: orange; unanswered past 90 days is an alarm, red. */
export const OPINION_FLAG_COLORS: Record<OpinionFlag, string> = {
  accept_overdue: 'orange',
  unanswered_30: 'orange',
  unanswered_90: 'red',
};

export const SATISFACTION_COLORS: Record<number, string> = { 1: 'red', 2: 'gold', 3: 'green' };
