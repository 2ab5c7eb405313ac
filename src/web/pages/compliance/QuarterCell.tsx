import { Flex, type GlobalToken, theme } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuarterState } from '../../../domain/scorecard';
import { isQuarterState, QUARTER_STATES, quarterStateLabel } from '../../components/activityLabels';

/** Background, border and text colours of a quarter state (the legend uses the same). */
export function quarterStateStyle(token: GlobalToken, state: string): CSSProperties {
  const palette: Record<QuarterState, [string, string, string]> = {
    met: [token.colorSuccessBg, token.colorSuccessBorder, token.colorSuccessText],
    at_risk: [token.colorWarningBg, token.colorWarningBorder, token.colorWarningText],
    missed: [token.colorErrorBg, token.colorErrorBorder, token.colorErrorText],
    open: [token.colorInfoBg, token.colorInfoBorder, token.colorInfoText],
    not_judged: [token.colorFillQuaternary, token.colorBorderSecondary, token.colorTextTertiary],
  };
  const [background, border, color] = isQuarterState(state) ? palette[state] : palette.not_judged;
  return { background, border: `1px solid ${border}`, color, borderRadius: token.borderRadiusSM };
}

/** One home × quarter: the state in words (always visible, not colour alone) and the count. */
export function QuarterCell({ state, activities }: { state: string; activities: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ ...quarterStateStyle(token, state), minWidth: 76, minHeight: 44, padding: '2px 6px' }}
      title={isQuarterState(state) ? t(`quarterStateHints.${state}`) : undefined}
    >
      <span style={{ fontWeight: 500 }}>{quarterStateLabel(t, state)}</span>
      <span style={{ fontSize: 12 }}>{t('compliance.count', { count: activities })}</span>
    </Flex>
  );
}

/** 图例: each state as a small swatch with its meaning. */
export function QuarterLegend() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Flex wrap gap={8} align="center">
      <span>{t('compliance.legend')}</span>
      {QUARTER_STATES.map((state) => (
        <span
          key={state}
          style={{ ...quarterStateStyle(token, state), padding: '0 8px', lineHeight: '24px', fontSize: 12 }}
        >
          {quarterStateLabel(t, state)}
          <span style={{ opacity: 0.8 }}> · {t(`quarterStateHints.${state}`)}</span>
        </span>
      ))}
    </Flex>
  );
}
