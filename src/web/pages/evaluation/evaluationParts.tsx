import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GRADE_LABELS, type Grade, ROUND_STATUSES, type RoundStatus } from '../../../domain/evaluation';
import type { EvaluationRound, RubricItemRow } from '../../api/types';

export const roundPath = (id: string) => `/evaluation/${encodeURIComponent(id)}`;

const STATUS_COLORS: Record<RoundStatus, string> = {
  open: 'orange',
  reviewing: 'blue',
  confirmed: 'cyan',
  published: 'green',
};
const GRADE_COLORS: Record<Grade, string> = {
  five_star: 'red',
  four_star: 'volcano',
  three_star: 'gold',
  rectify: 'default',
};

const isStatus = (value: string): value is RoundStatus =>
  (ROUND_STATUSES as readonly string[]).includes(value);
const isGrade = (value: string): value is Grade => value in GRADE_LABELS;

/** 自评中 / 评审中 / 已确认 / 已公布, in the same colour on every page. */
export function RoundStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={isStatus(status) ? STATUS_COLORS[status] : undefined} style={{ marginInlineEnd: 0 }}>
      {isStatus(status) ? t(`roundStatuses.${status}`) : status}
    </Tag>
  );
}

export const gradeLabel = (t: TFunction, grade: string) => (isGrade(grade) ? t(`grades.${grade}`) : grade);

/** 五星 / 四星 / 三星 / 限期整改; "-" before the results are confirmed. */
export function GradeTag({ grade }: { grade: string | null }) {
  const { t } = useTranslation();
  if (!grade) return <>-</>;
  return (
    <Tag color={isGrade(grade) ? GRADE_COLORS[grade] : undefined} style={{ marginInlineEnd: 0 }}>
      {gradeLabel(t, grade)}
    </Tag>
  );
}

/** The reviewers score an item; the others are computed from the home's records. */
export const byReviewers = (item: RubricItemRow) => item.source.kind === 'reviewer';

/**
 * What a step would leave unsaid, counted, so the organiser confirms or publishes knowingly: homes
 * not scored by every reviewer (none at all, or some), and a commendation list with nobody on it.
 */
export function stepWarnings(round: EvaluationRound, action: string, t: TFunction): string[] {
  const warnings: string[] = [];
  const homes = round.homeEntries.length;
  if (action === 'confirm' && round.rubric.some(byReviewers)) {
    const reviewers = round.reviewers.length;
    const none = round.homeEntries.filter((h) => h.reviewersDone === 0).length;
    const partly = round.homeEntries.filter((h) => h.reviewersDone > 0 && h.reviewersDone < reviewers).length;
    if (reviewers === 0) warnings.push(t('evaluation.warnNoReviewers'));
    else if (none > 0) warnings.push(t('evaluation.warnUnscored', { n: none, homes }));
    if (reviewers > 0 && partly > 0) warnings.push(t('evaluation.warnPartly', { n: partly, reviewers }));
  }
  if (action === 'publish') {
    const members = round.memberCommendations.filter((m) => m.confirmed).length;
    const commendedHomes = round.homeEntries.filter((h) => h.commended).length;
    if (members === 0 && commendedHomes === 0) warnings.push(t('evaluation.warnNoCommendations'));
    else if (members === 0) warnings.push(t('evaluation.warnNoMembers', { homes: commendedHomes }));
  }
  return warnings;
}

/** What reviewers weigh, as the server names them in `facts`. */
export const FACT_KEYS = [
  'activitiesHeld',
  'opinionsReceived',
  'opinionsAdopted',
  'problemsResolved',
  'satisfaction',
  'citizensServed',
] as const;
