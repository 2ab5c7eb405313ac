import {
  type OpinionAction,
  type OpinionChannel,
  type OpinionStatus,
  opinionFlags,
  type ProblemStatus,
} from '../../domain/opinion-workflow.js';
import { maskName, maskPhone } from '../../domain/privacy.js';
import type {
  AssignableMember,
  OpinionListRow,
  OpinionRow,
  SubmissionRow,
  TrackedOpinionRow,
} from './repo/opinions.js';
import type { OpinionProblemRow, ProblemRow, PublicProblemRow } from './repo/problems.js';
import type { StatusStepRow, StepRow } from './repo/steps.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---- opinions ----

export function presentOpinionListItem(row: OpinionListRow, now: Date) {
  const status = row.status as OpinionStatus;
  return {
    id: row.id,
    trackingCode: row.trackingCode ?? '',
    title: row.title,
    homeId: row.homeId,
    homeName: row.homeName,
    regionCode: row.regionCode,
    regionName: row.regionName,
    status,
    channel: (row.channel ?? 'online') as OpinionChannel,
    receivedAt: row.receivedAt.toISOString(),
    assignedMemberId: row.assignedMemberId,
    assignedMemberName: row.assignedMemberName,
    submissionCount: row.submissionCount,
    flags: opinionFlags({ status, receivedAt: row.receivedAt }, now),
  };
}

/** The counts of the queues, from the rows of their counts. */
export function presentOpinionQueues(
  counts: Record<'waiting' | 'mine' | 'toAccept' | 'toDecide' | 'toReply' | 'overdue', { n: string }>,
) {
  return {
    waiting: Number(counts.waiting.n),
    mine: Number(counts.mine.n),
    toAccept: Number(counts.toAccept.n),
    toDecide: Number(counts.toDecide.n),
    toReply: Number(counts.toReply.n),
    overdue: Number(counts.overdue.n),
  };
}

export interface OpinionDetailParts {
  submissions: SubmissionRow[];
  steps: StepRow[];
  members: AssignableMember[];
  problems: OpinionProblemRow[];
  /** whether the actor sees the submitters' names and phones unmasked */
  seesSubmitter: boolean;
  allowedActions: (OpinionAction | 'create_problem')[];
}

export function presentOpinionDetail(row: OpinionRow, parts: OpinionDetailParts, now: Date) {
  const full = parts.seesSubmitter;
  return {
    ...presentOpinionListItem(row, now),
    content: row.content,
    ownerUnitId: row.ownerUnitId,
    draft: row.draft as { reporter: string; situation: string; analysis: string; suggestion: string } | null,
    decision: row.decision as Record<string, unknown> | null,
    reply: row.reply,
    replyPublic: row.replyPublic,
    acceptedAt: iso(row.acceptedAt),
    submittedAt: iso(row.submittedAt),
    decidedAt: iso(row.decidedAt),
    repliedAt: iso(row.repliedAt),
    closedAt: iso(row.closedAt),
    submissions: parts.submissions.map((s) => ({
      trackingCode: s.trackingCode,
      name: s.name && !full ? maskName(s.name) : s.name,
      phone: s.phone && !full ? maskPhone(s.phone) : s.phone,
      contactConsent: s.contactConsent,
      channel: s.channel,
      enteredByName: s.enteredByName,
      at: s.createdAt.toISOString(),
    })),
    steps: parts.steps.map((s) => ({ ...s, at: s.at.toISOString() })),
    allowedActions: parts.allowedActions,
    assignableMembers: parts.members,
    problems: parts.problems.map((p) => ({ ...p, status: p.status as 'open' | 'handling' | 'resolved' })),
  };
}

/** For the public tracking page: an opinion by one of its codes, with no personal data. */
export function presentTrackedOpinion(row: TrackedOpinionRow, steps: StatusStepRow[]) {
  // the citizen's own receipt starts their history; repeated saves of one state show once
  const history: { status: OpinionStatus; at: string }[] = [];
  for (const s of steps) {
    const status = s.toStatus as OpinionStatus;
    if (status === 'received') continue;
    if (history.at(-1)?.status === status) continue;
    history.push({ status, at: s.at.toISOString() });
  }
  history.unshift({ status: 'received', at: row.submittedAt.toISOString() });
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    title: row.title,
    homeName: row.homeName,
    status: row.status as OpinionStatus,
    receivedAt: row.submittedAt.toISOString(),
    history,
    reply: row.replyPublic ? row.reply : null,
    repliedAt: row.replyPublic ? iso(row.repliedAt) : null,
  };
}

// ---- 解难纾困 ----

/** A problem for staff; `handles` says whether the actor handles it (and sees the requester). */
export function presentProblem(row: ProblemRow, handles: boolean) {
  const { homeLevel: _l, homeDirectorMemberId: _d, ownerUnitId: _o, ...rest } = row;
  return {
    ...rest,
    // the requester's name and phone are for those who handle the problem
    requesterName: handles || !row.requesterName ? row.requesterName : maskName(row.requesterName),
    requesterPhone: handles || !row.requesterPhone ? row.requesterPhone : maskPhone(row.requesterPhone),
    status: row.status as ProblemStatus,
    ratedAt: iso(row.ratedAt),
    createdAt: row.createdAt.toISOString(),
    resolvedAt: iso(row.resolvedAt),
    allowedActions: handles ? ['update' as const] : [],
  };
}

/** What the citizen sees: the result only once it is published, never anyone's contact. */
export function presentPublicProblem(row: PublicProblemRow) {
  const published = row.status === 'resolved' && row.resultPublic;
  return {
    trackingCode: row.trackingCode,
    title: row.title,
    status: row.status as ProblemStatus,
    createdAt: row.createdAt.toISOString(),
    result: published ? row.result : null,
    resolvedAt: iso(row.resolvedAt),
    satisfaction: row.satisfaction,
    canRate: published && row.satisfaction === null,
  };
}
