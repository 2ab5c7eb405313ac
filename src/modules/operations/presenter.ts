import type { ActivityKind } from '../../domain/activities.js';
import { QUARTERS, type Quarter, quarterDueOn } from '../../domain/calendar.js';
import { judgeQuarters, type QuarterState, type Scorecard } from '../../domain/scorecard.js';
import type { complianceRows } from './repo/compliance.js';
import type { RuleRow } from './repo/rules.js';
import { SIGNAGE_ITEMS } from './schema.js';

/** A plan or summary as stored. */
interface DocumentRow {
  homeId: string;
  year: number;
  content: string;
  submittedAt: Date;
  updatedAt: Date;
}

/** A year's summary; late when first submitted at or after its deadline. */
export const presentSummary = (row: DocumentRow, deadline: Date) => ({
  ...row,
  late: row.submittedAt.getTime() >= deadline.getTime(),
});

/** A year's plan with its items, each with the activities linked to it. */
export function presentPlan(
  row: DocumentRow,
  items: Array<{ id: string; title: string; quarter: number; kind: string }>,
  links: Array<{ id: string; planItemId: string | null }>,
  deadline: Date,
) {
  return {
    ...row,
    items: items.map((item) => ({
      ...item,
      // stored only from a checked PlanInput
      kind: item.kind as ActivityKind,
      activityIds: links.filter((l) => l.planItemId === item.id).map((l) => l.id),
    })),
    late: row.submittedAt.getTime() >= deadline.getTime(),
  };
}

/** The state of each quarter from SQL counts, judged by the scorecard's own rule. */
export function quarterStates(
  year: number,
  now: Date,
  plaqueAwardedOn: string | null,
  held: Record<Quarter, number>,
): Array<{ quarter: Quarter; activities: number; state: QuarterState }> {
  return judgeQuarters(year, now, plaqueAwardedOn, held).map(({ quarter, activities, state }) => ({
    quarter,
    activities,
    state,
  }));
}

/** A home's 所在地: a township or village named after its banner/district (东胜区幸福街道); — without one. */
function placeName(code: string | null, name: string | null, district: string | null): string {
  if (!code) return '—';
  const own = name ?? code;
  return code.length > 6 && district ? `${district}${own}` : own;
}

/** Homes × quarters of a year, as judged `now`. */
export function presentComplianceReport(
  year: number,
  now: Date,
  rows: Awaited<ReturnType<typeof complianceRows>>,
) {
  return {
    year,
    quarters: QUARTERS.map((quarter) => ({ quarter, dueOn: quarterDueOn(year, quarter) })),
    rows: rows.map((r) => ({
      homeId: r.id,
      name: r.name,
      kind: r.kind,
      level: r.level,
      ownerUnitId: r.ownerUnitId,
      regionCode: r.regionCode,
      regionName: r.regionName,
      place: placeName(r.regionCode, r.regionName, r.districtName),
      quarters: quarterStates(year, now, r.plaqueAwardedOn, { 1: r.q1, 2: r.q2, 3: r.q3, 4: r.q4 }),
    })),
  };
}

/** Rules, each saying whether it is in force (its id among `current`). */
export const presentRules = (rules: RuleRow[], current: Set<string>) =>
  rules.map((r) => ({ ...r, current: current.has(r.id) }));

/** A home's rules: the unified ones with whether and when each was posted on its wall, and its own. */
export function presentHomeRules(
  rules: ReturnType<typeof presentRules>,
  postings: Array<{ ruleId: string; postedOn: string }>,
) {
  const postedOn = new Map(postings.map((p) => [p.ruleId, p.postedOn]));
  const unified = rules
    .filter((r) => r.homeId === null)
    .map((r) => ({ ...r, posted: postedOn.has(r.id), postedOn: postedOn.get(r.id) ?? null }));
  const inForce = unified.filter((r) => r.current);
  return {
    unified,
    supplementary: rules.filter((r) => r.homeId !== null),
    allCurrentPosted: inForce.length > 0 && inForce.every((r) => r.posted),
  };
}

/** The three signs of 六有 ②, posted or not: always all three, in a fixed order. */
export function presentSignage(
  rows: Array<{ item: string; postedOn: string | null; photoId: string | null }>,
) {
  return SIGNAGE_ITEMS.map((item) => {
    const row = rows.find((r) => r.item === item);
    return { item, postedOn: row?.postedOn ?? null, photoId: row?.photoId ?? null };
  });
}

/** The 六有 scorecard of a home, with how many of its activities of the year were held. */
export const presentScorecard = (homeId: string, card: Scorecard, activities: Array<{ status: string }>) => ({
  homeId,
  ...card,
  activitiesHeld: activities.filter((a) => a.status === 'held').length,
});
