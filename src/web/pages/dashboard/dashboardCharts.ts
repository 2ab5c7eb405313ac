import type { BarSeriesOption } from 'echarts/charts';
import type { TFunction } from 'i18next';
import { ACTIVITY_FUNCTIONS, ACTIVITY_KINDS } from '../../../domain/activities';
import { quarterKeyName } from '../../../domain/calendar';
import { formatFen } from '../../../domain/money';
import type { Dashboard } from '../../api/types';
import { activityFunctionLabel, activityKindLabel } from '../../components/activityLabels';
import { homeKindLabel, homeStatusLabel } from '../../components/homeLabels';
import { gradeLabel } from '../evaluation/evaluationParts';
import type { ChartOption } from './EChart';

// The options of the dashboard's charts: pure functions of the figures (labels through i18n).

const GREEN = '#52c41a';
const ORANGE = '#fa8c16';
const RED = '#cf1322';
const GREY = '#bfbfbf';
const BLUE = '#1677ff';

const tooltip = { trigger: 'axis', axisPointer: { type: 'shadow' } } as const;
/**
 * One line at the foot of the chart, paged with arrows when it is wider than the chart: a legend
 * that wrapped on a phone would cover the bars and the axis labels.
 */
const legend = { type: 'scroll', bottom: 0, itemWidth: 14, itemHeight: 10, itemGap: 8 } as const;
const grid = { left: 8, right: 16, top: 16, bottom: 40, containLabel: true } as const;
/** Axis labels that would touch their neighbours are left out rather than drawn over each other. */
const axisLabel = { hideOverlap: true } as const;

/** A ring of shares; the legend (which wraps) names them, the tooltip gives the counts. */
function pie(data: { name: string; value: number }[]): ChartOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend,
    series: [
      {
        type: 'pie',
        radius: ['38%', '62%'],
        center: ['50%', '42%'],
        stillShowZeroSum: false,
        label: { show: false },
        data: data.filter((slice) => slice.value > 0),
      },
    ],
  };
}

export const homesByStatus = (t: TFunction, homes: Dashboard['homes']): ChartOption =>
  pie(homes.byStatus.map((row) => ({ name: homeStatusLabel(t, row.status), value: row.count })));

export function homesByKind(t: TFunction, homes: Dashboard['homes']): ChartOption {
  return {
    tooltip,
    grid,
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel },
    yAxis: { type: 'category', data: homes.byKind.map((row) => homeKindLabel(t, row.kind)) },
    series: [
      {
        type: 'bar',
        data: homes.byKind.map((row) => row.count),
        itemStyle: { color: BLUE },
        barMaxWidth: 28,
      },
    ],
  };
}

/** This quarter's met / at risk / not yet, and last quarter's met / missed, as stacked bars. */
export function compliance(t: TFunction, figures: Dashboard['compliance']): ChartOption {
  const previous = figures.previousQuarter;
  const stack = (name: string, color: string, values: [number, number]): BarSeriesOption => ({
    type: 'bar',
    name,
    stack: 'homes',
    itemStyle: { color },
    barMaxWidth: 36,
    label: { show: true, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
    data: values,
  });
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel },
    yAxis: {
      type: 'category',
      inverse: true,
      // the quarter under its name, so the labels stay narrow on a phone; lines apart
      axisLabel: { lineHeight: 18 },
      data: [
        t('dashboard.compliance.current', { quarter: quarterKeyName(figures.quarter) }),
        t('dashboard.compliance.previous', { quarter: quarterKeyName(previous.quarter) }),
      ],
    },
    series: [
      stack(t('dashboard.compliance.met'), GREEN, [figures.met, previous.met]),
      stack(t('dashboard.compliance.atRisk'), ORANGE, [figures.atRisk, 0]),
      stack(t('dashboard.compliance.open'), GREY, [figures.open, 0]),
      stack(t('dashboard.compliance.missed'), RED, [0, previous.missed]),
    ],
  };
}

export type ActivityBreakdown = 'kind' | 'function';

/** Activities held per month, stacked by kind or by the four functions. */
export function activitiesByMonth(
  t: TFunction,
  activities: Dashboard['activities'],
  breakdown: ActivityBreakdown,
): ChartOption {
  const keys: readonly string[] = breakdown === 'kind' ? ACTIVITY_KINDS : ACTIVITY_FUNCTIONS;
  const label = breakdown === 'kind' ? activityKindLabel : activityFunctionLabel;
  const counts = (month: Dashboard['activities']['byMonth'][number]) =>
    breakdown === 'kind' ? month.byKind : month.byFunction;
  const used = keys.filter((key) => activities.byMonth.some((month) => (counts(month)[key] ?? 0) > 0));
  return {
    tooltip,
    legend,
    grid,
    xAxis: { type: 'category', data: activities.byMonth.map((month) => month.month.slice(5)), axisLabel },
    yAxis: { type: 'value', minInterval: 1 },
    series: used.map((key) => ({
      type: 'bar',
      name: label(t, key),
      stack: 'held',
      barMaxWidth: 28,
      data: activities.byMonth.map((month) => counts(month)[key] ?? 0),
    })),
  };
}

/**
 * Received → adopted → replied → open → overdue 30 / 90 days (the last in red), top to bottom: the
 * steps' names read across, so none is left out on a phone.
 */
export function opinionPipeline(t: TFunction, opinions: Dashboard['opinions']): ChartOption {
  const steps = [
    { key: 'received', color: BLUE },
    { key: 'adopted', color: GREEN },
    { key: 'replied', color: '#13c2c2' },
    { key: 'open', color: GREY },
    { key: 'overdue30', color: ORANGE },
    { key: 'overdue90', color: RED },
  ] as const;
  return {
    tooltip,
    grid: { ...grid, right: 40, bottom: 8 },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel },
    yAxis: {
      type: 'category',
      inverse: true,
      data: steps.map((step) => t(`dashboard.opinions.${step.key}`)),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'right' },
        data: steps.map((step) => ({ value: opinions[step.key], itemStyle: { color: step.color } })),
      },
    ],
  };
}

/**
 * Allocated, spent and pending: the API's fen on the axis, shown as yuan (no floating point) — to
 * the fen at the bars, in whole yuan or 万元 on the axis so its labels stay apart on a phone.
 */
export function fundsUsed(t: TFunction, funds: Dashboard['funds']): ChartOption {
  const figures = [
    { key: 'allocated', fen: funds.allocatedFen, color: BLUE },
    { key: 'spent', fen: funds.spentFen, color: GREEN },
    { key: 'pending', fen: funds.pendingFen, color: ORANGE },
  ] as const;
  const yuan = (value: unknown) => formatFen(Math.round(Number(value)));
  return {
    tooltip: { ...tooltip, valueFormatter: (value) => t('funds.yuan', { amount: yuan(value) }) },
    // room on the right for the largest amount's label
    grid: { ...grid, right: 88 },
    xAxis: {
      type: 'value',
      minInterval: 100,
      splitNumber: 3,
      axisLabel: { ...axisLabel, formatter: (value: number) => axisYuan(t, value) },
    },
    yAxis: {
      type: 'category',
      data: figures.map((figure) => t(`funds.figures.${figure.key}`)),
      inverse: true,
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        label: { show: true, position: 'right', formatter: (p: { value: unknown }) => yuan(p.value) },
        data: figures.map((figure) => ({ value: figure.fen, itemStyle: { color: figure.color } })),
      },
    ],
  };
}

/** An axis tick in fen as a short amount of yuan: 0, 5,000, 5万, 12.5万. */
function axisYuan(t: TFunction, fen: number): string {
  const yuan = Math.round(fen / 100);
  if (Math.abs(yuan) < 10_000) return yuan.toLocaleString('zh-CN');
  return t('funds.tenThousandYuan', {
    amount: (yuan / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 1 }),
  });
}

export const GRADES = ['five_star', 'four_star', 'three_star', 'rectify'] as const;

export const evaluationGrades = (t: TFunction, evaluation: Dashboard['evaluation']): ChartOption =>
  pie(GRADES.map((grade) => ({ name: gradeLabel(t, grade), value: evaluation.grades[grade] })));
