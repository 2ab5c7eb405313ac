import { type RoundStatus, type RubricItem, reviewerScore } from '../../domain/evaluation.js';
import { roundActions, roundHomeActions } from './policy.js';
import type {
  memberCommendationsOf,
  publicationsOf,
  RoundHomeRow,
  RoundRow,
  RoundSummaryRow,
  reviewersOf,
  ScoreRow,
} from './repo/rounds.js';
import type { confirmedMembers, PublicationRow, RankedHomeRow, ReviewerCandidateRow } from './repo/steps.js';

type Rows<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

export const rubricOf = (round: { rubric: unknown }) => round.rubric as RubricItem[];

/** Every item's points for a home: the stored computed ones and the reviewers' means. */
export function itemsOf(rubric: RubricItem[], computed: Record<string, number> | null, scores: ScoreRow[]) {
  const items: Record<string, number> = {};
  for (const item of rubric) {
    if (item.source.kind === 'reviewer') {
      items[item.key] = reviewerScore(scores.filter((s) => s.item === item.key).map((s) => s.score));
    } else if (computed && item.key in computed) {
      items[item.key] = computed[item.key]!;
    }
  }
  return items;
}

export const presentRoundSummary = (r: RoundSummaryRow) => ({
  ...r,
  status: r.status as RoundStatus,
  homes: Number(r.homes ?? 0),
  selfSummaries: Number(r.selfSummaries ?? 0),
});

/**
 * A round as the actor sees it: its homes' entries with their points so far, how many reviewers
 * have scored each in full, and what the actor may do to the round and to each entry.
 */
export function presentRound(
  round: RoundRow,
  who: { mayRun: boolean; reviewer: boolean; directed: string[] },
  rows: {
    homes: RoundHomeRow[];
    scores: ScoreRow[];
    reviewers: Rows<typeof reviewersOf>;
    members: Rows<typeof memberCommendationsOf>;
    publications: Rows<typeof publicationsOf>;
  },
) {
  const { homes, scores } = rows;
  const rubric = rubricOf(round);
  const reviewerItems = rubric.filter((i) => i.source.kind === 'reviewer').map((i) => i.key);
  const status = round.status as RoundStatus;
  return {
    id: round.id,
    year: round.year,
    level: round.level,
    ownerUnitId: round.ownerUnitId,
    ownerUnitName: round.ownerUnitName,
    title: round.title,
    status,
    revision: round.revision,
    homes: homes.length,
    selfSummaries: homes.filter((h) => h.submittedAt).length,
    rubric,
    memberQuota: round.memberQuota,
    reviewers: rows.reviewers,
    homeEntries: homes.map((h) => {
      const of = scores.filter((s) => s.homeId === h.homeId);
      const byReviewer = new Map<string, Set<string>>();
      for (const s of of)
        byReviewer.set(s.reviewerId, (byReviewer.get(s.reviewerId) ?? new Set()).add(s.item));
      return {
        homeId: h.homeId,
        name: h.name,
        kind: h.kind,
        selfSummary: h.selfSummary,
        submittedAt: h.submittedAt ? h.submittedAt.toISOString() : null,
        items: itemsOf(rubric, h.computed as Record<string, number> | null, of),
        reviewersDone: [...byReviewer.values()].filter((items) => reviewerItems.every((k) => items.has(k)))
          .length,
        facts: (h.facts as Record<string, number | null> | null) ?? null,
        total: h.total,
        grade: h.grade,
        rank: h.rank,
        commended: h.commended,
        allowedActions: roundHomeActions(status, {
          reviewer: who.reviewer,
          runs: who.mayRun,
          directs: who.directed.includes(h.homeId),
        }),
      };
    }),
    memberCommendations: rows.members,
    publications: rows.publications.map((p) => ({ ...p, publishedAt: p.publishedAt.toISOString() })),
    allowedActions: roundActions(who.mayRun, status),
  };
}

export type RoundEntry = ReturnType<typeof presentRound>['homeEntries'][number];

/** One home's entry with its yearly work summary and every reviewer's scores. */
export const presentRoundHome = (
  entry: RoundEntry,
  summary: { content: string } | undefined,
  scores: ScoreRow[],
) => ({
  ...entry,
  yearSummary: summary?.content ?? null,
  scores: scores.map(({ homeId: _h, ...s }) => s),
});

/** The reviewer candidates, one a user with the roles that make them one. */
export function presentReviewerCandidates(rows: ReviewerCandidateRow[]) {
  const byUser = new Map<string, { userId: string; displayName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.userId) ?? { userId: r.userId, displayName: r.displayName, roles: [] };
    entry.roles.push(r.role);
    byUser.set(r.userId, entry);
  }
  return [...byUser.values()];
}

/** The results as published: frozen with the revision, served as they were. */
interface PublishedResults {
  homes: Array<{
    homeId: string;
    name: string;
    total: number;
    grade: string;
    rank: number;
    items: Record<string, number>;
    commended: boolean;
  }>;
  members: Array<{ memberId: string; name: string; points: number; rank: number }>;
}

export const presentResults = (
  rubric: RubricItem[],
  homes: RankedHomeRow[],
  members: Rows<typeof confirmedMembers>,
  scores: ScoreRow[],
): PublishedResults => ({
  homes: homes.map((h) => ({
    homeId: h.homeId,
    name: h.name,
    total: h.total ?? 0,
    grade: h.grade ?? 'rectify',
    rank: h.rank ?? 0,
    items: itemsOf(
      rubric,
      h.computed as Record<string, number> | null,
      scores.filter((s) => s.homeId === h.homeId),
    ),
    commended: h.commended,
  })),
  members,
});

export function presentPublication(row: PublicationRow) {
  const results = row.results as PublishedResults;
  return {
    roundId: row.roundId,
    revision: row.revision,
    publishedAt: row.publishedAt.toISOString(),
    reason: row.reason,
    documentNumber: row.documentNumber,
    homes: results.homes,
    members: results.members,
  };
}
