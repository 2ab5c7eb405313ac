import type { Actor } from '../../domain/actor.js';
import type { ProposalStatus } from '../../domain/duty-record.js';
import { dutyFlagActions, dutyRecordActions, outputActions } from './policy.js';
import type { AdjustmentNoteRow } from './repo/adjustments.js';
import type { EntryRow } from './repo/compute.js';
import type { FlagRow } from './repo/flags.js';
import type { MemberRow } from './repo/members.js';
import type { OutputMemberRow, OutputRow } from './repo/outputs.js';
import type { RulesetRows } from './repo/rules.js';
import type { YearRow } from './repo/years.js';

/** The duty records, their rules, flags and outputs as the API shows them. */

export const presentFlag = (actor: Actor, { memberLevel, memberOrgUnitId, ...f }: FlagRow) => ({
  ...f,
  status: f.status as 'open' | 'resolved' | 'rejected',
  createdAt: f.createdAt.toISOString(),
  resolvedAt: f.resolvedAt ? f.resolvedAt.toISOString() : null,
  allowedActions: dutyFlagActions(actor, f, {
    id: f.memberId,
    level: memberLevel,
    orgUnitId: memberOrgUnitId,
  }),
});

/** The ruleset of a year, or null when no set is valid yet. */
export function presentRuleset({ set, categories, rules }: RulesetRows) {
  if (!set) return null;
  return {
    validFromYear: set.validFromYear,
    note: set.note,
    savedAt: set.savedAt.toISOString(),
    categories,
    rules,
  };
}

export type Ruleset = NonNullable<ReturnType<typeof presentRuleset>>;

export const presentRulesetVersion = (r: { validFromYear: number; note: string | null; savedAt: Date }) => ({
  validFromYear: r.validFromYear,
  note: r.note,
  savedAt: r.savedAt.toISOString(),
});

export const presentYear = (r: YearRow) => ({
  year: r.year,
  closed: Boolean(r.closedAt),
  closedAt: r.closedAt ? r.closedAt.toISOString() : null,
  computedAt: r.computedAt ? r.computedAt.toISOString() : null,
});

/** What the list of everyone's records says of its year: whether it is closed, and when it was computed. */
export const presentYearState = (state: YearRow | undefined) => ({
  closed: Boolean(state?.closedAt),
  computedAt: state?.computedAt ? state.computedAt.toISOString() : null,
});

/** A member's record of a year: totals by category, each entry with its label and correction. */
export function presentDutyRecord(
  actor: Actor,
  record: {
    member: MemberRow;
    year: number;
    closed: boolean;
    rows: EntryRow[];
    ruleset: Ruleset | null;
    adjustments: AdjustmentNoteRow[];
    flags: FlagRow[];
  },
) {
  const { member, year, closed, rows, ruleset, adjustments, flags } = record;
  const labels = new Map(ruleset?.rules.map((r) => [r.item, r.label]));
  const adjustmentById = new Map(adjustments.map((a) => [a.id, a]));
  const categories = (ruleset?.categories ?? []).map((c) => {
    const of = rows.filter((r) => r.category === c.category);
    return {
      ...c,
      rawPoints: of.reduce((s, r) => s + r.rawPoints, 0),
      points: of.reduce((s, r) => s + r.points, 0),
      entries: of.length,
    };
  });
  return {
    memberId: member.id,
    memberName: member.name,
    sector: member.sector,
    year,
    closed,
    rulesFrom: ruleset?.validFromYear ?? null,
    total: rows.reduce((s, r) => s + r.points, 0),
    categories,
    entries: rows.map((r) => {
      const adj = r.adjustmentId ? adjustmentById.get(r.adjustmentId) : undefined;
      return {
        key: `${r.item}:${r.sourceId}`,
        item: r.item,
        itemLabel: labels.get(r.item) ?? r.item,
        category: r.category,
        sourceType: r.sourceType,
        sourceId: r.sourceId,
        occurredOn: r.occurredOn,
        title: r.title,
        rawPoints: r.rawPoints,
        points: r.points,
        adjustment: adj
          ? { id: adj.id, reason: adj.reason, byName: adj.createdByName, at: adj.createdAt.toISOString() }
          : null,
      };
    }),
    flags: flags.map((f) => presentFlag(actor, f)),
    allowedActions: dutyRecordActions(actor, member, closed),
  };
}

/** Staff who keep the register change an output when they may name every member on it. */
const outputActionsOf = (actor: Actor, members: OutputMemberRow[]) =>
  outputActions(
    actor,
    members.every((p) => p.inScope),
  );

/** A proposal with its lead and co-signers (`members`: this proposal's). */
export function presentProposal(actor: Actor, r: OutputRow<'proposal'>, members: OutputMemberRow[]) {
  const lead = members.find((p) => p.role === 'lead') ?? members[0] ?? { id: '', name: '' };
  return {
    ...r,
    status: r.status as ProposalStatus,
    lead: { id: lead.id, name: lead.name },
    cosigners: members.filter((p) => p.role !== 'lead').map((p) => ({ id: p.id, name: p.name })),
    allowedActions: outputActionsOf(actor, members),
  };
}

/** A research report with its members (`members`: this report's). */
export function presentReport(actor: Actor, r: OutputRow<'report'>, members: OutputMemberRow[]) {
  return {
    ...r,
    members: members.map((p) => ({ id: p.id, name: p.name })),
    allowedActions: outputActionsOf(actor, members),
  };
}
