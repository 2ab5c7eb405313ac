import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  isOpinionFlag,
  isOpinionStatus,
  isProblemStatus,
  OPINION_FLAG_COLORS,
  OPINION_STATUS_COLORS,
  opinionStatusLabel,
  PROBLEM_STATUS_COLORS,
  problemStatusLabel,
  SATISFACTION_COLORS,
  satisfactionLabel,
} from './opinionLabels';

/** The status of an opinion (已收到 … 已办结), in the same colour on every page. */
export function OpinionStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isOpinionStatus(status) ? OPINION_STATUS_COLORS[status] : undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {opinionStatusLabel(t, status)}
    </Tag>
  );
}

/** The deadline flags of an opinion (超期未受理, 超30天未答复, 超90天未答复); nothing when none. */
export function OpinionFlagTags({ flags }: { flags: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <>
      {flags.filter(isOpinionFlag).map((flag) => (
        <Tag key={flag} color={OPINION_FLAG_COLORS[flag]} style={{ marginInlineEnd: 0 }}>
          {t(`opinionFlags.${flag}`)}
        </Tag>
      ))}
    </>
  );
}

/** The status of a problem (待办理 / 办理中 / 已办结). */
export function ProblemStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isProblemStatus(status) ? PROBLEM_STATUS_COLORS[status] : undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {problemStatusLabel(t, status)}
    </Tag>
  );
}

/** The citizen's satisfaction (满意 / 基本满意 / 不满意), or "-" before they answered. */
export function SatisfactionTag({ value }: { value: number | null }) {
  const { t } = useTranslation();
  if (value === null) return <>-</>;
  return (
    <Tag color={SATISFACTION_COLORS[value]} style={{ marginInlineEnd: 0 }}>
      {satisfactionLabel(t, value)}
    </Tag>
  );
}
