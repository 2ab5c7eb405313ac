import { orgUnitId } from '../../db/reference/org-units.js';
import type { Db } from '../../db/schema.js';
import { OPINION_DEADLINES, type OpinionChannel, type OpinionStatus } from '../../domain/opinion-workflow.js';
import { badRequest, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import {
  allowedOpinionActions,
  mayEnterOpinionFor,
  mayHandleProblem,
  type OpinionFacts,
  opinionAbilities,
  seesSubmitter,
} from './policy.js';
import {
  presentOpinionDetail,
  presentOpinionListItem,
  presentOpinionQueues,
  presentTrackedOpinion,
} from './presenter.js';
import { insertOpinionNotices } from './repo/notify.js';
import {
  assignableMembers,
  countOpinions,
  countSubmission,
  findOpinion,
  findOpinionByContentKey,
  findOpinionByTrackingCode,
  findRegion,
  findSubmissionByKey,
  findTargetHome,
  homeFactsOf,
  insertOpinion,
  insertSubmission,
  type OpinionRow,
  opinionsPage,
  submissionsOf,
} from './repo/opinions.js';
import { problemsOfOpinion } from './repo/problems.js';
import { insertOpinionStep, statusStepsOf, stepsOf } from './repo/steps.js';
import { lockContentKey, lockSubmissionKey } from './repo/tracking.js';
import type { ListOpinionsQuery, PublicOpinionInput } from './schema.js';
import { contentKeyOf, reserveTrackingCode } from './tracking.js';

const DAY_MS = 86_400_000;

// ---- where an opinion goes ----

export interface OpinionTarget {
  homeId: string | null;
  regionCode: string | null;
  ownerUnitId: string;
}

/**
 * Resolves "to a home, or to a region" into who answers for it: the home's owner; for a region,
 * its district CPPCC; otherwise the municipal office. `homeFilter` narrows which homes qualify.
 */
export async function resolveTarget(
  db: Db,
  input: { homeId?: string | null; regionCode?: string | null },
  homeOk: (home: { status: string }) => boolean,
  homeVisible?: Actor,
): Promise<OpinionTarget> {
  if (input.homeId) {
    const home = await findTargetHome(db, input.homeId, homeVisible);
    if (!home || !homeOk(home)) throw badRequest('请选择正在运行的委员之家', { homeId: '找不到该委员之家' });
    return { homeId: home.id, regionCode: home.regionCode, ownerUnitId: home.ownerUnitId };
  }
  if (input.regionCode) {
    const region = await findRegion(db, input.regionCode);
    if (!region) throw badRequest('所选地区不存在', { regionCode: '所选地区不存在' });
    if (region.level === 'city')
      return { homeId: null, regionCode: region.code, ownerUnitId: orgUnitId.office };
    return {
      homeId: null,
      regionCode: region.code,
      ownerUnitId: orgUnitId.district(region.code.slice(0, 6)),
    };
  }
  return { homeId: null, regionCode: null, ownerUnitId: orgUnitId.office };
}

/** The facts of a target that decide who answers for it: the level and director of its home. */
export async function targetFacts(db: Db, target: OpinionTarget) {
  const home = target.homeId ? await homeFactsOf(db, target.homeId) : null;
  return {
    ...target,
    homeLevel: home?.level ?? null,
    homeDirectorMemberId: home?.directorMemberId ?? null,
  };
}

function contactOf(input: PublicOpinionInput) {
  const phone = input.phone?.trim() || null;
  if (phone && input.contactConsent !== true) {
    throw badRequest('留下电话须同意工作人员与您联系', {
      phone: '留下电话须勾选“同意工作人员通过此电话与我联系”',
    });
  }
  return {
    name: input.name?.trim() || null,
    phone,
    contactConsent: phone ? true : input.contactConsent === true,
  };
}

/**
 * Receives an opinion from a citizen (online) or from staff on their behalf. The same text to the
 * same place within a day joins the earlier opinion; the citizen still gets their own code.
 */
export async function receiveOpinion(
  db: Db,
  who: Who,
  input: PublicOpinionInput,
  channel: OpinionChannel,
  target: OpinionTarget,
  /** the key the sender's device chose (Idempotency-Key): sent again, the same code comes back */
  submissionKey: string | null = null,
) {
  const contact = contactOf(input);
  const contentKey = contentKeyOf({ ...target, title: input.title, content: input.content });
  const actor = who.actor;
  return db.transaction().execute(async (trx) => {
    if (submissionKey) {
      await lockSubmissionKey(trx, submissionKey);
      const sent = await findSubmissionByKey(trx, submissionKey);
      if (sent) return { id: sent.opinionId, trackingCode: sent.trackingCode, merged: false, replayed: true };
    }
    await lockContentKey(trx, contentKey);
    const earlier = await findOpinionByContentKey(trx, contentKey, new Date(Date.now() - DAY_MS));
    let opinionId: string;
    if (earlier) {
      opinionId = earlier.id;
      await countSubmission(trx, opinionId);
    } else {
      ({ id: opinionId } = await insertOpinion(trx, {
        title: input.title,
        content: input.content,
        contentKey,
        ...target,
      }));
      await insertOpinionStep(trx, {
        opinionId,
        action: 'receive',
        fromStatus: null,
        toStatus: 'received',
        actorId: actor?.userId ?? null,
        actorName: actor?.displayName ?? null,
        data: JSON.stringify({ channel }),
      });
      await insertOpinionNotices(trx, ['home'], {
        opinionId,
        ...target,
        assignedMemberId: null,
        title: '收到一条群众意见',
        body: `“${input.title}”，请在 ${OPINION_DEADLINES.acceptDays} 日内受理并指派委员。`,
        key: 'received',
      });
    }
    const trackingCode = await reserveTrackingCode(trx, 'opinion');
    await insertSubmission(trx, {
      opinionId,
      trackingCode,
      ...contact,
      channel,
      enteredBy: actor?.userId ?? null,
      enteredByName: actor?.displayName ?? null,
      submissionKey,
    });
    // the trail names what happened, not who the citizen is
    await recordAudit(trx, who, {
      action: earlier ? 'opinion.merge' : 'opinion.receive',
      objectType: 'opinion',
      objectId: opinionId,
      after: { title: input.title, channel, ...target },
    });
    return { id: opinionId, trackingCode, merged: Boolean(earlier), replayed: false };
  });
}

/**
 * Staff enter an opinion received on paper, by phone or in person (代录) at a home or region they
 * answer for; a member who only belongs to a home is refused (403), one who cannot see it 400.
 */
export async function enterOpinion(db: Db, who: Who, input: PublicOpinionInput, channel: OpinionChannel) {
  const actor = who.actor!;
  const target = await resolveTarget(db, input, (h) => h.status !== 'closed', actor);
  const facts = await targetFacts(db, target);
  if (!mayEnterOpinionFor(actor, facts)) throw forbidden('只能为本人负责的委员之家或地区代录意见');
  return receiveOpinion(db, who, input, channel, target);
}

// ---- reading ----

export async function listOpinions(db: Db, actor: Actor, query: ListOpinionsQuery, now = new Date()) {
  const page = await opinionsPage(db, actor, query, now);
  return { ...page, items: page.items.map((r) => presentOpinionListItem(r, now)) };
}

/** How many wait in each of the actor's queues (badges on the list's tabs). */
export async function opinionQueues(db: Db, actor: Actor, now = new Date()) {
  const count = (queue: ListOpinionsQuery['queue']) => countOpinions(db, actor, { queue }, now);
  const [waiting, mine, toAccept, toDecide, toReply, overdue] = await Promise.all([
    count('waiting'),
    count('mine'),
    count('to_accept'),
    count('to_decide'),
    count('to_reply'),
    count('overdue'),
  ]);
  return presentOpinionQueues({ waiting, mine, toAccept, toDecide, toReply, overdue });
}

export async function getOpinion(db: Db, actor: Actor, id: string): Promise<OpinionRow> {
  const row = await findOpinion(db, actor, id);
  if (!row) throw notFound('找不到该意见');
  return row;
}

export const factsOf = (row: OpinionRow): OpinionFacts => ({
  status: row.status as OpinionStatus,
  ownerUnitId: row.ownerUnitId,
  homeId: row.homeId,
  homeLevel: row.homeLevel,
  homeDirectorMemberId: row.homeDirectorMemberId,
  homeDeputyMemberId: row.homeDeputyMemberId,
  assignedMemberId: row.assignedMemberId,
});

export async function opinionDetail(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = await getOpinion(db, actor, id);
  const facts = factsOf(row);
  const [submissions, steps, members, problems] = await Promise.all([
    submissionsOf(db, row.id),
    stepsOf(db, row.id),
    assignableMembers(db, row.homeId),
    problemsOfOpinion(db, row.id),
  ]);
  return presentOpinionDetail(
    row,
    {
      submissions,
      steps,
      members,
      problems,
      seesSubmitter: seesSubmitter(actor, facts),
      allowedActions: [
        ...allowedOpinionActions(actor, facts),
        // the same rule POST /problems applies to a problem made from this opinion
        ...(opinionAbilities['problem.create'](actor) &&
        mayHandleProblem(actor, { ...facts, handlerMemberId: facts.assignedMemberId })
          ? (['create_problem'] as const)
          : []),
      ],
    },
    now,
  );
}

/** For the public tracking page: an opinion by one of its codes, with no personal data. */
export async function trackOpinion(db: Db, code: string) {
  const row = await findOpinionByTrackingCode(db, code);
  if (!row) return undefined;
  return presentTrackedOpinion(row, await statusStepsOf(db, row.id));
}
