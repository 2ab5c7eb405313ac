import { formatFen } from '../../domain/money.js';
import { entryActions, type FundLedgerAction, type FundViewer } from './policy.js';
import type { EntryRow } from './repo.js';
import type { ReportQuery } from './schema.js';

export const presentSettings = (fen: number) => ({
  approvalThresholdFen: fen,
  approvalThreshold: formatFen(fen),
});

/**
 * An entry as answered, with what the viewer may do to it (`owner`: they own the home's funds);
 * who booked it is said by name, the account stays inside.
 */
export const presentEntry = (e: EntryRow, viewer: FundViewer, availableFen: number) => {
  const amountFen = Number(e.amountFen);
  const escalated = Boolean(e.escalated);
  const { createdBy: _createdBy, ...entry } = e;
  return {
    ...entry,
    kind: e.kind,
    amountFen,
    amount: formatFen(e.amountFen),
    status: e.status as 'pending' | 'approved' | 'rejected',
    createdAt: e.createdAt.toISOString(),
    decidedAt: e.decidedAt ? e.decidedAt.toISOString() : null,
    escalated,
    allowedActions: entryActions(viewer, { ...e, amountFen, escalated }, availableFen),
  };
};

type Sums = { allocated: string; spent: string; pending: string };

/** allocated, spent, pending and balance in fen, from the sums SQL made. */
export function presentSums(row: Sums) {
  const allocatedFen = Number(row.allocated);
  const spentFen = Number(row.spent);
  return { allocatedFen, spentFen, pendingFen: Number(row.pending), balanceFen: allocatedFen - spentFen };
}

/** A ledger's sums with what is still available (the balance less what waits for approval). */
export function presentTotals(row: Sums) {
  const sums = presentSums(row);
  return { ...sums, availableFen: sums.balanceFen - sums.pendingFen };
}

export function presentLedger(
  home: { id: string; name: string },
  year: number,
  totals: ReturnType<typeof presentTotals>,
  thresholdFen: number,
  rows: EntryRow[],
  viewer: FundViewer,
  allowedActions: FundLedgerAction[],
) {
  return {
    homeId: home.id,
    homeName: home.name,
    year,
    ...totals,
    thresholdFen,
    entries: rows.map((row) => presentEntry(row, viewer, totals.availableFen)),
    allowedActions,
  };
}

/** The report's rows by label (as Chinese sorts them), and their total. */
export function presentReport(
  year: number,
  groupBy: ReportQuery['groupBy'],
  rows: Array<Sums & { key: string }>,
  labels: Map<string, string>,
) {
  const out = rows
    .map((r) => ({ key: r.key, label: labels.get(r.key) ?? r.key, ...presentSums(r) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  const sum = (k: 'allocatedFen' | 'spentFen' | 'pendingFen' | 'balanceFen') =>
    out.reduce((s, r) => s + r[k], 0);
  return {
    year,
    groupBy,
    rows: out,
    total: {
      allocatedFen: sum('allocatedFen'),
      spentFen: sum('spentFen'),
      pendingFen: sum('pendingFen'),
      balanceFen: sum('balanceFen'),
    },
  };
}
