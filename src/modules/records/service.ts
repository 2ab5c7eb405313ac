import { yearOf } from '../../domain/calendar.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember } from '../members/policy.js';
import { recomputeYear, yearIsClosed } from './compute.js';
import { presentDutyRecord, presentYear, presentYearState } from './presenter.js';
import { adjustmentsOf, findAdjustment, insertAdjustment, revokeAdjustmentRow } from './repo/adjustments.js';
import { liveEntries, rebuildMember, storedEntries } from './repo/compute.js';
import { memberFlags } from './repo/flags.js';
import { findMemberInScope } from './repo/members.js';
import { recordsPage } from './repo/totals.js';
import { closeYearRow, findYear, listYearRows, yearClosed } from './repo/years.js';
import { rulesetFor } from './rules.js';
import type { AdjustmentInput, DutyRecordsQuery } from './schema.js';

// ---- one member's record ----

/** A member's record for a year: computed now while the year is open, as stored once closed. */
export async function dutyRecord(db: Db, actor: Actor, memberId: string, year: number) {
  if (!isUuid(memberId)) throw notFound('找不到该委员');
  // one round trip for an open year: everything is read at once, and dropped if the member is out of scope
  const [member, closed, live, ruleset, adjustments, flags] = await Promise.all([
    findMemberInScope(db, actor, memberId),
    yearClosed(db, year),
    liveEntries(db, year, memberId),
    rulesetFor(db, year),
    adjustmentsOf(db, memberId, year),
    memberFlags(db, memberId, year),
  ]);
  if (!member) throw notFound('找不到该委员');
  // a closed year is shown as it was frozen
  const rows = closed ? await storedEntries(db, year, member.id) : live;
  return presentDutyRecord(actor, { member, year, closed, rows, ruleset, adjustments, flags });
}

/** Rebuilds one member's stored entries for an open year after a correction. */
async function refreshMember(db: Db, year: number, memberId: string) {
  await db.transaction().execute((trx) => rebuildMember(trx, year, memberId));
}

/** A member in the actor's scope, or 404. */
export async function memberOf(db: Db, actor: Actor, id: string) {
  const member = await findMemberInScope(db, actor, id);
  if (!member) throw notFound('找不到该委员');
  return member;
}

async function managedMember(db: Db, actor: Actor, memberId: string, year: number) {
  const member = await memberOf(db, actor, memberId);
  if (!managesMember(actor, member)) throw forbidden('只有管理该委员的工作人员可以更正履职档案');
  if (await yearClosed(db, year)) throw yearIsClosed(year);
  return member;
}

/** A correction by staff, with a reason: another value for an entry, or an entry the sources missed. */
export async function adjustEntry(db: Db, who: Who, memberId: string, input: AdjustmentInput) {
  const actor = who.actor!;
  const member = await managedMember(db, actor, memberId, input.year);
  if (!input.sourceId && (!input.title || !input.occurredOn)) {
    throw badRequest('补录事项须填写事项和日期', {
      ...(input.title ? {} : { title: '请填写事项' }),
      ...(input.occurredOn ? {} : { occurredOn: '请填写日期' }),
    });
  }
  if (input.occurredOn && !input.occurredOn.startsWith(`${input.year}-`)) {
    throw badRequest('日期不在该年度内', { occurredOn: `日期应在 ${input.year} 年内` });
  }
  if (input.sourceId) {
    const entries = await liveEntries(db, input.year, member.id);
    const found = entries.some((e) => e.item === input.item && e.sourceId === input.sourceId);
    if (!found) throw badRequest('档案中没有这一条记录', { sourceId: '档案中没有这一条记录' });
  }
  await db.transaction().execute(async (trx) => {
    const id = await insertAdjustment(trx, {
      memberId: member.id,
      year: input.year,
      item: input.item,
      sourceId: input.sourceId ?? null,
      title: input.title ?? null,
      occurredOn: input.occurredOn ?? null,
      points: input.points,
      reason: input.reason,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await recordAudit(trx, who, {
      action: 'duty.adjust',
      objectType: 'duty_adjustment',
      objectId: id,
      after: { memberId: member.id, ...input },
    });
  });
  await refreshMember(db, input.year, member.id);
  return dutyRecord(db, actor, member.id, input.year);
}

export async function revokeAdjustment(db: Db, who: Who, id: string, reason: string) {
  const actor = who.actor!;
  const adj = await findAdjustment(db, id);
  if (!adj || !(await findMemberInScope(db, actor, adj.memberId))) throw notFound('找不到该更正记录');
  await managedMember(db, actor, adj.memberId, adj.year);
  if (adj.revokedAt) throw conflict('该更正已撤销');
  await db.transaction().execute(async (trx) => {
    await revokeAdjustmentRow(trx, id, actor.userId, reason);
    await recordAudit(trx, who, {
      action: 'duty.adjust.revoke',
      objectType: 'duty_adjustment',
      objectId: id,
      before: adj,
      after: { reason },
    });
  });
  await refreshMember(db, adj.year, adj.memberId);
  return dutyRecord(db, actor, adj.memberId, adj.year);
}

// ---- everyone's records ----

/**
 * Members in scope with their points for the year, highest first, from the stored totals (rebuilt
 * hourly, on a rules change and on demand; `computedAt` says when). Rank is among all members of
 * the year; equal points share a place.
 */
export async function listRecords(db: Db, actor: Actor, query: DutyRecordsQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  const [page, state] = await Promise.all([recordsPage(db, actor, year, query), findYear(db, year)]);
  return { ...page, year, ...presentYearState(state) };
}

export async function recompute(db: Db, who: Who, year: number) {
  const started = performance.now();
  const result = await recomputeYear(db, year);
  const ms = Math.round(performance.now() - started);
  await recordAudit(db, who, {
    action: 'duty.recompute',
    objectType: 'duty_year',
    objectId: String(year),
    after: { ...result, ms },
  });
  return { year, ...result, ms };
}

export async function listYears(db: Db) {
  const rows = await listYearRows(db);
  return rows.map(presentYear);
}

/** Rebuilds the year once more and freezes it: later rule changes and corrections leave it as it is. */
export async function closeYear(db: Db, who: Who, year: number, now = new Date()) {
  if (year >= yearOf(now)) throw badRequest('年度结束后才能归档', { year: '只能归档已经结束的年度' });
  await recomputeYear(db, year);
  await db.transaction().execute(async (trx) => {
    if ((await closeYearRow(trx, year, who.actor!.userId)) !== 1) throw yearIsClosed(year);
    await recordAudit(trx, who, {
      action: 'duty.year.close',
      objectType: 'duty_year',
      objectId: String(year),
      before: { closed: false },
      after: { closed: true },
    });
  });
  return (await listYears(db)).find((y) => y.year === year)!;
}
