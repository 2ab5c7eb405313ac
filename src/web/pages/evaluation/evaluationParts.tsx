import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { GRADE_LABELS, type Grade, ROUND_STATUSES, type RoundStatus } from '../../../domain/evaluation';
import type { RubricItemRow } from '../../api/types';

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

/** What reviewers weigh, as the server names them in `facts`. */
export const FACT_KEYS = [
  'activitiesHeld',
  'opinionsReceived',
  'opinionsAdopted',
  'problemsResolved',
  'satisfaction',
  'citizensServed',
] as const;
