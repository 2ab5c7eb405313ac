import {
  nextOpinionStatus,
  OPINION_ACTION_LABELS,
  OPINION_STATUS_LABELS,
  type OpinionAction,
} from '../../domain/opinion-workflow.js';
import { AppError, badRequest, forbidden } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { requireInScope } from '../references/service.js';
import { mayTakeOpinionAction } from './policy.js';
import { type Audience, insertOpinionNotices } from './repo/notify.js';
import { assignableMembers, findMemberName, type OpinionRow } from './repo/opinions.js';
import { insertOpinionStep, type OpinionStepTime, updateOpinionStatus } from './repo/steps.js';
import { OPINION_STEP_DATA, type OpinionTransitionInput } from './schema.js';
import { factsOf, getOpinion, opinionDetail } from './service.js';

/**
 * Taking a step of the 社情民意 pipeline: checked against OPINION_WORKFLOW for the actor, taken with the old status in the WHERE, recorded with its audit row, and the citizen's and staff's notices sent.
 */

/** The member to assign: one of the home's, or for an opinion sent to a region a member in the actor's scope. */
async function checkAssignee(
  db: Db,
  actor: Actor,
  row: OpinionRow,
  memberId: string,
): Promise<{ name: string }> {
  const fail = () => badRequest('请选择本委员之家的委员', { 'data.memberId': '该委员不是本委员之家的成员' });
  if (!isUuid(memberId)) throw fail();
  if (row.homeId) {
    const member = (await assignableMembers(db, row.homeId)).find((m) => m.id === memberId);
    if (!member) throw fail();
    return member;
  }
  await requireInScope(db, actor, { 'data.memberId': ['member', memberId] });
  return findMemberName(db, memberId);
}

/**
 * Takes one step of the pipeline. Order of refusal: unknown or unseen opinion 404, role 403,
 * state 409, data 400.
 */
export async function transitionOpinion(db: Db, who: Who, id: string, input: OpinionTransitionInput) {
  const actor = who.actor!;
  const row = await getOpinion(db, actor, id);
  const facts = factsOf(row);
  const action: OpinionAction = input.action;
  if (!mayTakeOpinionAction(actor, facts, action)) throw forbidden('无权执行此操作');
  const to = nextOpinionStatus(facts.status, action);
  if (!to) {
    throw new AppError(
      409,
      'INVALID_TRANSITION',
      `该意见当前为“${OPINION_STATUS_LABELS[facts.status]}”，不能“${OPINION_ACTION_LABELS[action]}”`,
    );
  }
  const parsed = OPINION_STEP_DATA[action].safeParse(input.data ?? {});
  if (!parsed.success) {
    throw badRequest(
      '请补全本步骤需要的信息',
      Object.fromEntries(parsed.error.issues.map((i) => [`data.${i.path.join('.') || '_'}`, i.message])),
    );
  }
  const data = parsed.data as Record<string, unknown>;
  const changes: Record<string, unknown> = { status: to };
  // the times the step records, on the database's clock
  const times: OpinionStepTime[] = [];
  let assignee: { id: string; name: string } | null = null;
  const audiences: Audience[] = [];
  let notice = '';

  switch (action) {
    case 'accept':
    case 'reassign': {
      const member = await checkAssignee(db, actor, row, data.memberId as string);
      assignee = { id: data.memberId as string, name: member.name };
      changes.assignedMemberId = assignee.id;
      if (action === 'accept') times.push('acceptedAt');
      data.memberName = member.name;
      audiences.push('assignee');
      notice = `请为群众意见“${row.title}”撰写社情民意信息`;
      break;
    }
    case 'draft':
      changes.draft = JSON.stringify(data);
      break;
    case 'submit':
      times.push('submittedAt');
      audiences.push('office');
      notice = `${row.assignedMemberName ?? '委员'}报送了社情民意信息“${row.title}”，请审定`;
      break;
    case 'return':
      audiences.push('assignee');
      notice = `社情民意信息“${row.title}”被退回修改：${data.reason as string}`;
      break;
    case 'adopt':
    case 'forward':
    case 'instruct':
    case 'decline': {
      // an instruction on an adopted or forwarded item keeps what was decided before
      const earlier = (row.decision as Record<string, unknown> | null) ?? {};
      changes.decision = JSON.stringify({ ...earlier, ...data, kind: to });
      times.push('decidedAt');
      audiences.push('home', 'assignee');
      notice = `社情民意信息“${row.title}”：${OPINION_STATUS_LABELS[to]}，请答复群众`;
      break;
    }
    case 'reply':
      changes.reply = data.reply;
      changes.replyPublic = data.public;
      times.push('repliedAt');
      break;
    case 'dismiss':
    case 'close':
      times.push('closedAt');
      break;
    default:
      break;
  }

  await db.transaction().execute(async (trx) => {
    // the status in the WHERE makes a concurrent step lose cleanly instead of both applying
    if ((await updateOpinionStatus(trx, row.id, row.status, changes, times)) !== 1) {
      throw new AppError(409, 'INVALID_TRANSITION', '该意见的状态已被他人更新，请刷新');
    }
    const step = await insertOpinionStep(trx, {
      opinionId: row.id,
      action,
      fromStatus: row.status,
      toStatus: to,
      actorId: actor.userId,
      actorName: actor.displayName,
      comment: input.comment ?? null,
      data: JSON.stringify(data),
    });
    if (audiences.length) {
      await insertOpinionNotices(trx, audiences, {
        opinionId: row.id,
        homeId: row.homeId,
        ownerUnitId: row.ownerUnitId,
        assignedMemberId: assignee?.id ?? row.assignedMemberId,
        title: `社情民意 · ${OPINION_ACTION_LABELS[action]}`,
        body: notice,
        key: `step:${step.id}`,
      });
    }
    await recordAudit(trx, who, {
      action: `opinion.${action}`,
      objectType: 'opinion',
      objectId: row.id,
      before: { status: row.status, assignedMemberId: row.assignedMemberId },
      after: { status: to, ...data },
    });
  });
  return opinionDetail(db, actor, row.id);
}
