import { sql } from 'kysely';
import { yearOf } from '../../domain/calendar.js';
import { likePattern } from '../../lib/sql.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import { isUuid, offsetOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { managesMember, memberScope } from '../members/policy.js';
import { type EntryRow, entriesQuery, recomputeYear, yearClosed, yearIsClosed } from './compute.js';
import { presentFlag } from './flags.js';
import { dutyRecordActions } from './policy.js';
import { findMemberInScope, flagsQuery, memberOf } from './repo.js';
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
    entriesQuery(year, memberId)
      .execute(db)
      .then((r) => r.rows as EntryRow[]),
    rulesetFor(db, year),
    db
      .selectFrom('dutyAdjustments')
      .select(['id', 'reason', 'createdByName', 'createdAt'])
      .where('memberId', '=', memberId)
      .where('year', '=', year)
      .execute(),
    flagsQuery(db)
      .where('dutyFlags.memberId', '=', memberId)
      .where('dutyFlags.year', '=', year)
      .orderBy('dutyFlags.createdAt', 'desc')
      .execute(),
  ]);
  if (!member) throw notFound('找不到该委员');
  // a closed year is shown as it was frozen
  const rows: EntryRow[] = closed
    ? await db
        .selectFrom('dutyEntries')
        .select([
          'memberId',
          'item',
          'category',
          'sourceType',
          'sourceId',
          sql<string>`occurred_on::text`.as('occurredOn'),
          'title',
          'rawPoints',
          'points',
          'adjustmentId',
        ])
        .where('year', '=', year)
        .where('memberId', '=', member.id)
        .orderBy('occurredOn')
        .orderBy('item')
        .orderBy('sourceId')
        .execute()
    : live;
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

/** Rebuilds one member's stored entries for an open year after a correction. */
async function refreshMember(db: Db, year: number, memberId: string) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('dutyEntries').where('year', '=', year).where('memberId', '=', memberId).execute();
    await sql`
      insert into duty_entries (year, member_id, item, category, source_type, source_id, occurred_on, title,
        raw_points, points, adjustment_id)
      select ${year}, e.member_id, e.item, e.category, e.source_type, e.source_id, e.occurred_on::date, e.title,
        e.raw_points, e.points, e.adjustment_id
      from (${entriesQuery(year, memberId)}) e`.execute(trx);
    await trx.deleteFrom('dutyTotals').where('year', '=', year).where('memberId', '=', memberId).execute();
    await sql`
      insert into duty_totals (year, member_id, points, entries)
      select year, member_id, sum(points), count(*) from duty_entries
      where year = ${year} and member_id = ${memberId}::uuid group by year, member_id`.execute(trx);
  });
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
    const entry = await entriesQuery(input.year, member.id).execute(db);
    const found = (entry.rows as EntryRow[]).some(
      (e) => e.item === input.item && e.sourceId === input.sourceId,
    );
    if (!found) throw badRequest('档案中没有这一条记录', { sourceId: '档案中没有这一条记录' });
  }
  await db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('dutyAdjustments')
      .values({
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
      })
      .returning('id')
      .executeTakeFirstOrThrow();
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
  const adj = isUuid(id)
    ? await db.selectFrom('dutyAdjustments').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!adj || !(await findMemberInScope(db, actor, adj.memberId))) throw notFound('找不到该更正记录');
  await managedMember(db, actor, adj.memberId, adj.year);
  if (adj.revokedAt) throw conflict('该更正已撤销');
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('dutyAdjustments')
      .set({ revokedAt: sql`now()`, revokedBy: actor.userId, revokeReason: reason })
      .where('id', '=', id)
      .execute();
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

function recordsInScope(db: Db, actor: Actor, year: number, f: Partial<DutyRecordsQuery>) {
  let q = db
    .selectFrom('members')
    .innerJoin('orgUnits', 'orgUnits.id', 'members.orgUnitId')
    .leftJoin('dutyTotals', (join) =>
      join.onRef('dutyTotals.memberId', '=', 'members.id').on('dutyTotals.year', '=', year),
    )
    .where(memberScope(actor));
  if (f.q) q = q.where('members.name', 'like', likePattern(f.q));
  if (f.orgUnitId) q = q.where('members.orgUnitId', '=', f.orgUnitId);
  if (f.sectorGroupId) q = q.where('members.sectorGroupId', '=', f.sectorGroupId);
  return q;
}

/**
 * Members in scope with their points for the year, highest first, from the stored totals (rebuilt
 * hourly, on a rules change and on demand; `computedAt` says when). Rank is among all members of
 * the year; equal points share a place.
 */
export async function listRecords(db: Db, actor: Actor, query: DutyRecordsQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  const q = recordsInScope(db, actor, year, query);
  const [rows, count, state] = await Promise.all([
    q
      .select([
        'members.id as memberId',
        'members.name',
        'members.level',
        'members.orgUnitId',
        'orgUnits.name as orgUnitName',
        'members.sector',
        sql<number>`coalesce(duty_totals.points, 0)::int`.as('points'),
        sql<number>`coalesce(duty_totals.entries, 0)::int`.as('entries'),
        sql<number>`(select count(*) + 1 from duty_totals t where t.year = ${year}
          and t.points > coalesce(duty_totals.points, 0))::int`.as('rank'),
      ])
      .orderBy(sql`coalesce(duty_totals.points, 0)`, 'desc')
      .orderBy('members.name')
      .orderBy('members.id')
      .limit(query.pageSize)
      .offset(offsetOf(query))
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
    db.selectFrom('dutyYears').selectAll().where('year', '=', year).executeTakeFirst(),
  ]);
  return {
    items: rows,
    total: Number(count.n),
    page: query.page,
    pageSize: query.pageSize,
    year,
    closed: Boolean(state?.closedAt),
    computedAt: state?.computedAt ? state.computedAt.toISOString() : null,
  };
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
  const rows = await db.selectFrom('dutyYears').selectAll().orderBy('year', 'desc').execute();
  return rows.map((r) => ({
    year: r.year,
    closed: Boolean(r.closedAt),
    closedAt: r.closedAt ? r.closedAt.toISOString() : null,
    computedAt: r.computedAt ? r.computedAt.toISOString() : null,
  }));
}

/** Rebuilds the year once more and freezes it: later rule changes and corrections leave it as it is. */
export async function closeYear(db: Db, who: Who, year: number, now = new Date()) {
  if (year >= yearOf(now)) throw badRequest('年度结束后才能归档', { year: '只能归档已经结束的年度' });
  await recomputeYear(db, year);
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('dutyYears')
      .set({ closedAt: sql`now()`, closedBy: who.actor!.userId })
      .where('year', '=', year)
      .where('closedAt', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw yearIsClosed(year);
    await recordAudit(trx, who, {
      action: 'duty.year.close',
      objectType: 'duty_year',
      objectId: String(year),
    });
  });
  return (await listYears(db)).find((y) => y.year === year)!;
}
