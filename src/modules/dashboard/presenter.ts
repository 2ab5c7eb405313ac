import type { AttentionKind } from '../../domain/attention.js';
import { beijingDateTime, type Quarter, quarterOf, quarterRange } from '../../domain/calendar.js';
import { formatFen } from '../../domain/money.js';
import { OPINION_DEADLINES } from '../../domain/opinion-workflow.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import type { DashboardScope } from './policy.js';
import type { FundSums, GradeRow, HeldRow, HomeUnitRow, OpinionCounts } from './repo.js';

export const DEFINITIONS: Record<string, string> = {
  homes: '范围内登记的委员之家（委员工作室），按建设状态和类型计数。',
  coverage:
    '界别活动组中已有运行中委员之家的个数；苏木乡镇（街道，不含开发区）中已有运行中乡镇或村级委员之家的个数。',
  compliance:
    '本季度：运行中（授牌不晚于季末）的委员之家中已开展活动、临近季末（21 天内）仍未开展、尚未开展的个数；上季度为已开展和未开展。',
  activities:
    '已举办的活动按月、按类型和四种功能计数，按承办委员之家所属单位统计，联合承办的活动在各单位各计一次。',
  opinions:
    '本年度收到的群众意见：被采用（含领导批示）、已答复、尚未答复；超期为当前仍未答复且收到已超过 30 天、90 天的意见。',
  funds: '本年度已生效的拨款和支出合计，以及待审批的支出，单位为元。',
  evaluation: '最近一次已公布的年度评价中，范围内委员之家的等次分布。',
};

/** What the figures of a director's dashboard count: their homes alone, counted live. */
const HOME_DEFINITIONS: Record<string, string> = {
  homes: '您负责的委员之家，按建设状态和类型计数。',
  compliance:
    '本季度：您负责的运行中委员之家中已开展活动、临近季末（21 天内）仍未开展、尚未开展的个数；上季度为已开展和未开展。',
  activities: '您负责的委员之家本年度已举办的活动，按月、按类型和四种功能计数，联合承办的活动计一次。',
  opinions:
    '本年度您负责的委员之家收到的群众意见：被采用（含领导批示）、已答复、尚未答复；超期为当前仍未答复且收到已超过 30 天、90 天的意见。',
  funds: '您负责的委员之家本年度已生效的拨款和支出合计，以及待审批的支出，单位为元。',
  evaluation: '最近一次已公布的年度评价中，您负责的委员之家的等次。',
};

const DAY = 86_400_000;

/** Counts of rows by status and by kind, each row weighing `weight`. */
function countBy<R extends { status: string; kind: string }, K extends 'status' | 'kind'>(
  rows: R[],
  key: K,
  weight: (r: R) => number,
) {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r[key], (m.get(r[key]) ?? 0) + weight(r));
  return [...m.entries()].map(([k, count]) => ({ [key]: k, count }) as { count: number } & Record<K, string>);
}

interface QuarterCounts {
  operatingNow: number;
  metNow: number;
  operatingPrev: number;
  metPrev: number;
}

/** A quarter's compliance, at risk once it ends within AT_RISK_DAYS, and the previous quarter's. */
function presentCompliance(year: number, quarter: Quarter, now: Date, q: QuarterCounts) {
  const prevYear = quarter === 1 ? year - 1 : year;
  const prevQuarter = quarter === 1 ? 4 : quarter - 1;
  const daysLeft = (quarterRange(year, quarter).end.getTime() - now.getTime()) / DAY;
  const notYet = q.operatingNow - q.metNow;
  return {
    quarter: `${year}-Q${quarter}`,
    operating: q.operatingNow,
    met: q.metNow,
    atRisk: daysLeft <= AT_RISK_DAYS ? notYet : 0,
    open: daysLeft <= AT_RISK_DAYS ? 0 : notYet,
    previousQuarter: {
      quarter: `${prevYear}-Q${prevQuarter}`,
      operating: q.operatingPrev,
      met: q.metPrev,
      missed: q.operatingPrev - q.metPrev,
    },
  };
}

/** Held activities of each month of the year, in all and by kind and by function. */
function heldByMonth(year: number, rows: { month: string; kind: string; function: string; held: number }[]) {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return months.map((month) => {
    const of = rows.filter((r) => r.month === month);
    const byKind: Record<string, number> = {};
    const byFunction: Record<string, number> = {};
    for (const r of of) {
      byKind[r.kind] = (byKind[r.kind] ?? 0) + r.held;
      byFunction[r.function] = (byFunction[r.function] ?? 0) + r.held;
    }
    return { month, held: of.reduce((sum, r) => sum + r.held, 0), byKind, byFunction };
  });
}

function presentActivities(year: number, rows: HeldRow[]) {
  const byMonth = heldByMonth(year, rows);
  return {
    held: byMonth.reduce((s, m) => s + m.held, 0),
    citizens: rows.reduce((s, r) => s + Number(r.citizens), 0),
    byMonth,
  };
}

const presentFunds = (r: FundSums) => ({
  allocatedFen: Number(r.allocated),
  spentFen: Number(r.spent),
  pendingFen: Number(r.pending),
});

function presentEvaluation(rows: GradeRow[]) {
  const grades = { five_star: 0, four_star: 0, three_star: 0, rectify: 0 };
  for (const r of rows) grades[r.grade as keyof typeof grades] = r.count;
  return { year: rows[0]?.year ?? null, grades };
}

/** When the summaries' figures were taken: as old as the older of the two refreshes (null before both ran). */
function takenAt(refreshedAt: { dashboard: Date | null; summaries: Date | null }): Date | null {
  const stamps = [refreshedAt.dashboard, refreshedAt.summaries];
  return stamps.every((s) => s) ? new Date(Math.min(...stamps.map((s) => s!.getTime()))) : null;
}

/** The dashboard of units, from their summaries. */
export function presentDashboard(d: {
  year: number;
  scope: DashboardScope;
  units: Array<{ id: string; name: string; kind: string }>;
  refreshedAt: { dashboard: Date | null; summaries: Date | null };
  homes: HomeUnitRow[];
  coverage: {
    sectorGroups: { total: number; covered: number };
    townships: { total: number; covered: number };
  };
  activities: HeldRow[];
  opinions: OpinionCounts;
  funds: FundSums;
  evaluation: GradeRow[];
  now: Date;
}) {
  const rows = d.homes;
  const total = (k: keyof QuarterCounts) => rows.reduce((s, r) => s + r[k], 0);
  // the quarter the summary was taken in (the current one, unless a new quarter began since)
  const { year, quarter } = quarterOf(
    rows[0]?.quarter ? new Date(`${rows[0].quarter}T12:00:00+08:00`) : d.now,
  );
  const oldest = takenAt(d.refreshedAt);
  return {
    year: d.year,
    scope: { all: d.scope.all, units: d.units, homes: [] },
    statsRefreshedAt: oldest ? oldest.toISOString() : null,
    homes: {
      total: rows.reduce((s, r) => s + r.homes, 0),
      byStatus: countBy(rows, 'status', (r) => r.homes),
      byKind: countBy(rows, 'kind', (r) => r.homes),
    },
    coverage: d.coverage,
    compliance: presentCompliance(year, quarter, d.now, {
      operatingNow: total('operatingNow'),
      metNow: total('metNow'),
      operatingPrev: total('operatingPrev'),
      metPrev: total('metPrev'),
    }),
    activities: presentActivities(d.year, d.activities),
    opinions: d.opinions,
    funds: presentFunds(d.funds),
    evaluation: presentEvaluation(d.evaluation),
    definitions: DEFINITIONS,
  };
}

/** The dashboard of a director's homes, counted live. Coverage is the business of units and stays empty. */
export function presentHomeDashboard(d: {
  year: number;
  homes: Array<{ id: string; name: string; status: string; kind: string }>;
  quarters: QuarterCounts;
  activities: HeldRow[];
  opinions: OpinionCounts;
  funds: FundSums;
  evaluation: GradeRow[];
  now: Date;
}) {
  const { year: cy, quarter: cq } = quarterOf(d.now);
  return {
    year: d.year,
    scope: { all: false, units: [], homes: d.homes.map((h) => ({ id: h.id, name: h.name })) },
    // counted as asked: nothing here waits for a refresh
    statsRefreshedAt: d.now.toISOString(),
    homes: {
      total: d.homes.length,
      byStatus: countBy(d.homes, 'status', () => 1),
      byKind: countBy(d.homes, 'kind', () => 1),
    },
    coverage: { sectorGroups: { covered: 0, total: 0 }, townships: { covered: 0, total: 0 } },
    compliance: presentCompliance(cy, cq, d.now, d.quarters),
    activities: presentActivities(d.year, d.activities),
    opinions: d.opinions,
    funds: presentFunds(d.funds),
    evaluation: presentEvaluation(d.evaluation),
    definitions: HOME_DEFINITIONS,
  };
}

// ---- the needs-attention list ----

interface Item {
  kind: AttentionKind;
  severity: 'alarm' | 'warning';
  title: string;
  detail: string;
  link: string;
}

/** A part of the list: its first rows, and how many there are in all. */
interface Part<T> {
  items: T[];
  total: number;
}

/** The needs-attention list: its items, how many of each kind there are, and when the summaries it reads were taken. */
export function presentAttention(a: {
  year: number;
  quarter: number;
  daysLeft: number;
  planLate: boolean;
  now: Date;
  /** the refreshes of the summaries the quarter-at-risk and funds parts read */
  refreshedAt: { dashboard: Date | null; summaries: Date | null };
  noPlan: Part<{ id: string; name: string }>;
  atRisk: Part<{ id: string; name: string }>;
  opinions: Part<{ id: string; title: string; status: string; receivedAt: Date }>;
  approvals: Part<{ homeId: string; homeName: string; amount: string; description: string }>;
  fundsLow: Part<{ id: string; name: string; allocated: string; used: string }>;
  reviews: Array<{ id: string; title: string; left: number }>;
  queues: { mine: number; toAccept: number; toDecide: number; toReply: number };
  flags: Part<{ id: string; memberName: string; year: number; description: string }>;
}) {
  const { year, quarter, daysLeft, planLate, now } = a;
  const taken = takenAt(a.refreshedAt);
  const heldAsOf = taken ? `（统计于 ${beijingDateTime(taken)}）` : '';
  const queueItems = (
    [
      ['toAccept', 'to_accept', '待受理', '请尽快受理并指派委员'],
      ['toDecide', 'to_decide', '待审定', '请审定是否报送'],
      ['toReply', 'to_reply', '待答复', '请答复反映意见的群众'],
      ['mine', 'mine', '我的待撰写', '请撰写社情民意信息'],
    ] as const
  )
    .filter(([key]) => a.queues[key] > 0)
    .map(([key, queue, label, detail]) => ({
      kind: 'opinion_waiting' as const,
      severity: 'warning' as const,
      title: `${label} ${a.queues[key]} 件`,
      detail,
      link: `/opinions?queue=${queue}`,
    }));
  const items: Item[] = [
    ...a.reviews.map((r) => ({
      kind: 'review_pending' as const,
      severity: 'warning' as const,
      title: r.title,
      detail: `还有 ${r.left} 个委员之家待您打分`,
      link: `/evaluation/${r.id}`,
    })),
    ...queueItems,
    ...a.flags.items.map((f) => ({
      kind: 'flag_open' as const,
      severity: 'warning' as const,
      title: `${f.memberName}（${f.year} 年度）`,
      detail: `反映履职档案遗漏：${f.description}`,
      link: `/duty-flags`,
    })),
    ...a.noPlan.items.map((h) => ({
      kind: 'no_plan' as const,
      severity: planLate ? ('alarm' as const) : ('warning' as const),
      title: h.name,
      detail: planLate ? `${year} 年度工作计划已逾期（1 月 31 日前提交）` : `尚未提交 ${year} 年度工作计划`,
      link: `/homes/${h.id}`,
    })),
    ...a.atRisk.items.map((h) => ({
      kind: 'quarter_at_risk' as const,
      severity: 'warning' as const,
      title: h.name,
      // read from the activity summary: the line says as of when, as the dashboard does
      detail: `第${quarter}季度尚未开展活动，距季末不足 ${Math.ceil(daysLeft)} 天${heldAsOf}`,
      link: `/homes/${h.id}`,
    })),
    ...a.opinions.items.map((o) => {
      const days = Math.floor((now.getTime() - o.receivedAt.getTime()) / DAY);
      return {
        kind: 'opinion_overdue' as const,
        severity: days > OPINION_DEADLINES.replyDays ? ('alarm' as const) : ('warning' as const),
        title: o.title,
        detail: o.status === 'received' ? `收到 ${days} 天仍未受理` : `收到 ${days} 天仍未答复`,
        link: `/opinions/${o.id}`,
      };
    }),
    ...a.approvals.items.map((e) => ({
      kind: 'approval_pending' as const,
      severity: 'warning' as const,
      title: e.homeName,
      detail: `支出 ${e.amount} 元待审批：${e.description}`,
      link: `/homes/${e.homeId}?tab=funds`,
    })),
    ...a.fundsLow.items.map((h) => ({
      kind: 'funds_low' as const,
      severity: Number(h.used) >= Number(h.allocated) ? ('alarm' as const) : ('warning' as const),
      title: h.name,
      detail: `本年度经费已用 ${formatFen(h.used)} 元，拨款 ${formatFen(h.allocated)} 元`,
      link: `/homes/${h.id}?tab=funds`,
    })),
  ];
  return {
    items,
    counts: {
      no_plan: a.noPlan.total,
      quarter_at_risk: a.atRisk.total,
      opinion_overdue: a.opinions.total,
      approval_pending: a.approvals.total,
      funds_low: a.fundsLow.total,
      review_pending: a.reviews.length,
      opinion_waiting: queueItems.length,
      flag_open: a.flags.total,
    },
    statsRefreshedAt: taken ? taken.toISOString() : null,
  };
}
