import { yearRange } from '../../domain/calendar.js';
import {
  computedScores,
  gradeOf,
  ROUND_ACTIONS,
  type RoundAction,
  rankHomes,
} from '../../domain/evaluation.js';
import type { CommendationData } from '../../print/commendation.js';
import type { NoticeData } from '../../print/notice.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { sendNotices } from '../notifications/service.js';
import { scorecardOf } from '../operations/scorecard.js';
import {
  itemsOf,
  presentPublication,
  presentResults,
  presentReviewerCandidates,
  rubricOf,
} from './presenter.js';
import {
  countSelfSummaries,
  eligibleReviewers,
  findHomeSummary,
  memberCommendationsOf,
  type RoundRow,
  reviewersOf,
  roundHomes,
  scoresOf,
} from './repo/rounds.js';
import {
  commendationCandidateIds,
  confirmedMembers,
  findPublication,
  findRoundHome,
  homeFacts,
  homesToCompute,
  homesToRank,
  insertPublication,
  rankedHomes,
  replaceCommendationCandidates,
  replaceReviewers,
  reviewerCandidateRoles,
  roundHomeIds,
  setCommended,
  stepRound,
  storeComputed,
  storeResult,
  updateSelfSummary,
  upsertScore,
} from './repo/steps.js';
import type { ScoresInput } from './schema.js';
import { access, roundDetail, roundHome } from './service.js';

/**
 * The steps of a round: choosing the reviewers, the homes' self-summaries, the reviewers' scores, the round's transitions and its commendations, each in one transaction with its audit row.
 */

/** The accounts the round's owner may choose as reviewers. */
export async function reviewerCandidates(db: Db, actor: Actor, id: string) {
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以指定评审人员');
  return presentReviewerCandidates(await reviewerCandidateRoles(db, round));
}

export async function setReviewers(db: Db, who: Who, id: string, userIds: string[]) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以指定评审人员');
  if (round.status === 'published')
    throw new AppError(409, 'INVALID_TRANSITION', '评价已公布，不能再更改评审人员');
  const unique = [...new Set(userIds)];
  const eligible = new Set((await eligibleReviewers(db, round, unique)).map((r) => r.userId));
  const refused = unique.filter((u) => !eligible.has(u));
  if (refused.length) {
    throw badRequest('有人员不能担任本次评价的评审', {
      userIds:
        round.level === 'municipal' ? '评审须为市、旗区政协工作人员或副主席' : '评审须为本旗区政协工作人员',
    });
  }
  await db.transaction().execute(async (trx) => {
    const before = new Set((await reviewersOf(trx, round.id)).map((r) => r.userId));
    await replaceReviewers(trx, round.id, unique);
    // a new reviewer learns of it; if scoring is under way already, that it waits for them
    await sendNotices(
      trx,
      unique
        .filter((userId) => !before.has(userId))
        .map((userId) => reviewerNotice(round, userId, round.status === 'reviewing')),
    );
    await recordAudit(trx, who, {
      action: 'evaluation.reviewers',
      objectType: 'evaluation_round',
      objectId: round.id,
      before: { userIds: [...before] },
      after: { userIds: unique },
    });
  });
  return roundDetail(db, actor, id);
}

/** What a reviewer is told: named for the round, and once per revision that opens scoring. */
function reviewerNotice(round: RoundRow, userId: string, scoring: boolean) {
  return {
    userId,
    kind: 'evaluation',
    title: scoring ? '评价待您打分' : '您被指定为评价评审',
    body: scoring
      ? `“${round.title}”已进入评审阶段，请为各委员之家的评审项目打分。`
      : `“${round.title}”进入评审阶段后，请为各委员之家的评审项目打分。`,
    link: `/evaluation/${round.id}`,
    dedupeKey: `evaluation:${round.id}:${scoring ? `review:${round.revision}` : 'reviewer'}`,
  };
}

export async function writeSelfSummary(db: Db, who: Who, id: string, homeId: string, content: string) {
  const actor = who.actor!;
  const detail = await roundDetail(db, actor, id);
  const entry = detail.homeEntries.find((h) => h.homeId === homeId);
  if (!entry) throw notFound('该委员之家不在本次评价中');
  if (!entry.allowedActions.includes('write_summary')) {
    if (detail.status !== 'open' && detail.status !== 'reviewing') {
      throw new AppError(409, 'INVALID_TRANSITION', '评价已确认，不能再修改自评总结');
    }
    throw forbidden('只有本委员之家负责人可以提交自评总结');
  }
  await db.transaction().execute(async (trx) => {
    await updateSelfSummary(trx, id, homeId, content);
    await recordAudit(trx, who, {
      action: 'evaluation.self_summary',
      objectType: 'evaluation_round',
      objectId: id,
      before: { homeId, content: entry.selfSummary },
      after: { homeId, content },
    });
  });
  return roundHome(db, actor, id, homeId);
}

export async function scoreHome(db: Db, who: Who, id: string, homeId: string, input: ScoresInput) {
  const actor = who.actor!;
  const { round, reviewer } = await access(db, actor, id);
  if (!reviewer) throw forbidden('只有本次评价的评审人员可以打分');
  if (round.status !== 'reviewing')
    throw new AppError(409, 'INVALID_TRANSITION', '评价不在评审阶段，不能打分');
  const inRound = await findRoundHome(
    db,
    round.id,
    isUuid(homeId) ? homeId : '00000000-0000-0000-0000-000000000000',
  );
  if (!inRound) throw notFound('该委员之家不在本次评价中');
  const rubric = rubricOf(round);
  const fields: Record<string, string> = {};
  input.items.forEach((s, i) => {
    const item = rubric.find((r) => r.key === s.item);
    if (item?.source.kind !== 'reviewer') fields[`items.${i}.item`] = '该项不由评审打分';
    else if (s.score > item.max) fields[`items.${i}.score`] = `不能超过 ${item.max} 分`;
  });
  if (Object.keys(fields).length) throw badRequest('打分有误', fields);
  await db.transaction().execute(async (trx) => {
    const earlier = (await scoresOf(trx, round.id, [homeId]))
      .filter((s) => s.reviewerId === actor.userId)
      .map(({ item, score, comment }) => ({ item, score, comment }));
    for (const s of input.items) {
      await upsertScore(trx, {
        roundId: round.id,
        homeId,
        reviewerId: actor.userId,
        item: s.item,
        score: s.score,
        comment: s.comment ?? null,
      });
    }
    await recordAudit(trx, who, {
      action: 'evaluation.score',
      objectType: 'evaluation_round',
      objectId: round.id,
      before: { homeId, items: earlier },
      after: { homeId, items: input.items },
    });
  });
  return roundHome(db, actor, id, homeId);
}

/** The computed items and the facts reviewers weigh, for every home of the round, stored. */
export async function computeHomes(db: Db, round: RoundRow, now: Date) {
  const rubric = rubricOf(round);
  const { start, end } = yearRange(round.year);
  const homes = await homesToCompute(db, round.id);
  // the reference date is the year's end, or now while the year runs
  const asOf = now < end ? now : new Date(end.getTime() - 1);
  for (const home of homes) {
    const card = await scorecardOf(db, home, round.year, asOf);
    const ok = (key: string) => card.items.find((i) => i.key === key)?.ok ?? false;
    const computed = computedScores(rubric, {
      scorecard: {
        organization: ok('organization'),
        signage: ok('signage'),
        venue: ok('venue'),
        rules: ok('rules'),
      },
      quartersMet: card.quarters.filter((q) => q.ok).length,
      hasPlan: !card.items.find((i) => i.key === 'operation')?.issues.includes('NO_PLAN'),
      hasSummary: Boolean(await findHomeSummary(db, home.id, round.year)),
      activitiesHeld: card.activitiesHeld,
    });
    const f = await homeFacts(db, home.id, start, end);
    await storeComputed(db, round.id, home.id, computed, {
      activitiesHeld: card.activitiesHeld,
      opinionsReceived: Number(f.opinions),
      opinionsAdopted: Number(f.credited),
      problemsResolved: Number(f.problems),
      satisfaction: f.satisfaction === null ? null : Number(f.satisfaction),
      citizensServed: Number(f.citizens),
    });
  }
}

/** Totals, grades and places; the member commendation candidates from the duty records. */
export async function confirmResults(db: Db, round: RoundRow) {
  const rubric = rubricOf(round);
  const [homes, scores] = await Promise.all([homesToRank(db, round.id), scoresOf(db, round.id)]);
  const ranked = rankHomes(
    homes.map((h) => {
      const items = itemsOf(
        rubric,
        h.computed as Record<string, number> | null,
        scores.filter((s) => s.homeId === h.homeId),
      );
      return {
        homeId: h.homeId,
        items,
        total: Object.values(items).reduce((a, b) => a + b, 0),
        plaqueAwardedOn: h.plaqueAwardedOn,
      };
    }),
  );
  for (const h of ranked) {
    const grade = gradeOf(h.total);
    await storeResult(db, round.id, h.homeId, {
      total: h.total,
      grade,
      rank: h.rank,
      commended: grade === 'five_star',
    });
  }
  // the top members by points (ties by name, then id), from the stored records of the year
  await replaceCommendationCandidates(db, round);
}

/** Freezes the round's results, as they stand, as its current revision. */
export async function publish(
  db: Db,
  who: Who,
  round: RoundRow,
  reason: string | null,
  documentNumber: string | null,
) {
  const [homes, members] = await Promise.all([rankedHomes(db, round.id), confirmedMembers(db, round.id)]);
  const scores = await scoresOf(db, round.id);
  await insertPublication(db, {
    roundId: round.id,
    revision: round.revision,
    reason,
    documentNumber,
    publishedBy: who.actor!.userId,
    results: JSON.stringify(presentResults(rubricOf(round), homes, members, scores)),
  });
}

export async function transitionRound(
  db: Db,
  who: Who,
  id: string,
  input: { action: RoundAction; reason?: string; documentNumber?: string },
  now = new Date(),
) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以推进评价');
  const step = ROUND_ACTIONS[input.action];
  if (!(step.from as readonly string[]).includes(round.status)) {
    throw new AppError(409, 'INVALID_TRANSITION', '当前阶段不能执行该操作');
  }
  if (input.action === 'revise' && !input.reason) {
    throw badRequest('修订已公布的结果须说明理由', { reason: '请填写修订理由' });
  }
  // one transaction: the step (taken with the old status in its WHERE, so a concurrent step loses
  // before anything is computed), the figures it computes, the publication, and the audit row
  await db.transaction().execute(async (trx) => {
    const updated = await stepRound(trx, round.id, round.status, {
      status: step.to,
      revision: input.action === 'revise' ? round.revision + 1 : round.revision,
      ...(input.action === 'revise' ? { revisionReason: input.reason ?? null } : {}),
    });
    if (updated !== 1) throw new AppError(409, 'INVALID_TRANSITION', '评价已被他人更新，请刷新');
    if (input.action === 'start_review' || input.action === 'confirm') await computeHomes(trx, round, now);
    if (input.action === 'start_review' || input.action === 'revise') {
      const reviewers = await reviewersOf(trx, round.id);
      await sendNotices(
        trx,
        reviewers.map((r) =>
          reviewerNotice(
            { ...round, revision: round.revision + (input.action === 'revise' ? 1 : 0) },
            r.userId,
            true,
          ),
        ),
      );
    }
    if (input.action === 'confirm') await confirmResults(trx, round);
    if (input.action === 'publish') {
      await publish(
        trx,
        who,
        round,
        round.revision > 1 ? round.revisionReason : null,
        input.documentNumber ?? null,
      );
    }
    await recordAudit(trx, who, {
      action: `evaluation.${input.action}`,
      objectType: 'evaluation_round',
      objectId: round.id,
      before: { status: round.status, revision: round.revision },
      after: { status: step.to, reason: input.reason ?? null },
    });
  });
  return roundDetail(db, actor, id);
}

export async function setCommendations(
  db: Db,
  who: Who,
  id: string,
  input: { homeIds: string[]; memberIds: string[] },
) {
  const actor = who.actor!;
  const { round, mayRun } = await access(db, actor, id);
  if (!mayRun) throw forbidden('只有组织评价的单位可以确定表彰名单');
  if (round.status !== 'confirmed')
    throw new AppError(409, 'INVALID_TRANSITION', '确认评价结果后才能确定表彰名单');
  const [homes, candidates] = await Promise.all([
    roundHomeIds(db, round.id),
    commendationCandidateIds(db, round.id),
  ]);
  const homeSet = new Set(homes.map((h) => h.homeId));
  const memberSet = new Set(candidates.map((c) => c.memberId));
  const fields: Record<string, string> = {};
  if (input.homeIds.some((h) => !homeSet.has(h))) fields.homeIds = '有委员之家不在本次评价中';
  if (input.memberIds.some((m) => !memberSet.has(m))) fields.memberIds = '只能从积分靠前的候选委员中确定';
  if (Object.keys(fields).length) throw badRequest('表彰名单有误', fields);
  await db.transaction().execute(async (trx) => {
    const [homesNow, membersNow] = [
      await roundHomes(trx, round.id, 'all'),
      await memberCommendationsOf(trx, round.id),
    ];
    await setCommended(trx, round.id, input.homeIds, input.memberIds);
    await recordAudit(trx, who, {
      action: 'evaluation.commendations',
      objectType: 'evaluation_round',
      objectId: round.id,
      before: {
        homeIds: homesNow.filter((h) => h.commended).map((h) => h.homeId),
        memberIds: membersNow.filter((m) => m.confirmed).map((m) => m.memberId),
      },
      after: input,
    });
  });
  return roundDetail(db, actor, id);
}

/** The notice (通报) of a published revision: what `noticePdf` prints. */
export async function noticeOf(db: Db, actor: Actor, id: string, revision?: number): Promise<NoticeData> {
  const { round } = await access(db, actor, id);
  const row = await findPublication(db, round.id, revision);
  if (!row) throw notFound('该评价尚未公布，不能打印通报');
  const published = presentPublication(row);
  const [selfSummaries, reviewers] = await Promise.all([
    countSelfSummaries(db, round.id),
    reviewersOf(db, round.id),
  ]);
  return {
    unit: round.ownerUnitName,
    selfSummaries,
    reviewers: reviewers.length,
    documentNumber: published.documentNumber,
    year: round.year,
    roundTitle: round.title,
    publishedAt: published.publishedAt,
    revision: published.revision,
    reason: published.reason,
    homes: published.homes,
    members: published.members,
  };
}

/**
 * The certificates (荣誉证书) of a published revision: every commended home in ranking order,
 * then every commended member; or the one asked for.
 */
export async function commendationsOf(
  db: Db,
  actor: Actor,
  id: string,
  query: { revision?: number; homeId?: string; memberId?: string },
): Promise<CommendationData[]> {
  const { round } = await access(db, actor, id);
  const row = await findPublication(db, round.id, query.revision);
  if (!row) throw notFound('该评价尚未公布，不能打印荣誉证书');
  const published = presentPublication(row);
  const common = { year: round.year, unit: round.ownerUnitName, publishedAt: published.publishedAt };
  const homes = published.homes
    .filter((home) => home.commended)
    .map((home, index) => ({
      ...common,
      key: home.homeId,
      kind: 'home' as const,
      number: `${round.year}-H${String(index + 1).padStart(3, '0')}`,
      name: home.name,
      grade: home.grade,
    }));
  const members = published.members.map((member, index) => ({
    ...common,
    key: member.memberId,
    kind: 'member' as const,
    number: `${round.year}-M${String(index + 1).padStart(3, '0')}`,
    name: member.name,
    grade: null,
  }));
  const wanted = query.homeId ?? query.memberId;
  const items = wanted
    ? (query.homeId ? homes : members).filter((item) => item.key === wanted)
    : [...homes, ...members];
  if (items.length === 0) {
    throw conflict(wanted ? '该委员之家或委员不在本次表彰名单中' : '本次评价没有表彰的委员之家和委员');
  }
  return items.map(({ key: _key, ...item }) => item);
}

/** A published revision, as it was published. */
export async function publicationOf(db: Db, actor: Actor, id: string, revision?: number) {
  const { round } = await access(db, actor, id);
  const row = await findPublication(db, round.id, revision);
  if (!row) throw notFound('该评价尚未公布');
  return presentPublication(row);
}
