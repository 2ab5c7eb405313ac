import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ACTIVITY_STATUS_COLORS,
  activityStatusLabel,
  DUTY_STATUS_COLORS,
  dutyStatusLabel,
  isActivityStatus,
  isQuarterState,
  QUARTER_STATE_COLORS,
  quarterStateLabel,
} from './activityLabels';

/** The status of an activity (计划中 / 已举办 / 已取消), in the same colour on every page. */
export function ActivityStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={isActivityStatus(status) ? ACTIVITY_STATUS_COLORS[status] : undefined}
      style={{ marginInlineEnd: 0 }}
    >
      {activityStatusLabel(t, status)}
    </Tag>
  );
}

/** How a quarter stands (已开展 / 有风险 / 未开展 / 进行中 / 不考核), with its meaning on hover. */
export function QuarterStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  if (!isQuarterState(state)) return <Tag>{state}</Tag>;
  return (
    <Tooltip title={t(`quarterStateHints.${state}`)}>
      <Tag color={QUARTER_STATE_COLORS[state]} style={{ marginInlineEnd: 0 }}>
        {quarterStateLabel(t, state)}
      </Tag>
    </Tooltip>
  );
}

/** The state of a duty shift (待值班 / 已值班 / 未值班 / 已取消). */
export function DutyStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  const color =
    status in DUTY_STATUS_COLORS ? DUTY_STATUS_COLORS[status as keyof typeof DUTY_STATUS_COLORS] : undefined;
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {dutyStatusLabel(t, status)}
    </Tag>
  );
}
