import { sql } from 'kysely';
import type { ActivityKind } from '../../domain/activities.js';
import { startOfBeijingDay } from '../../domain/calendar.js';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { manualReminder, sendReminders } from './reminders.js';
import type { PlanInput, ReminderKind } from './schema.js';

/** A plan is late when first submitted after 31 January of its year (Beijing). */
const planDeadline = (year: number) => startOfBeijingDay(`${year}-02-01`);
/** A summary is late when first submitted after 31 December of its year. */
const summaryDeadline = (year: number) => startOfBeijingDay(`${year + 1}-01-01`);
/** After 31 January of the next year a summary can no longer be changed. */
export const summaryEditDeadline = (year: number) => startOfBeijingDay(`${year + 1}-02-01`);

async function findPlan(db: Db, homeId: string, year: number) {
  const plan = await db
    .selectFrom('homePlans')
    .select(['homeId', 'year', 'content', 'submittedAt', 'updatedAt'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirst();
  if (!plan) return undefined;
  const items = await db
    .selectFrom('homePlanItems')
    .select(['id', 'title', 'quarter', 'kind'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .orderBy('sort')
    .orderBy('id')
    .execute();
  const links = items.length
    ? await db
        .selectFrom('activities')
        .select(['id', 'planItemId'])
        .where(
          'planItemId',
          'in',
          items.map((i) => i.id),
        )
        .orderBy('startsAt')
        .orderBy('id')
        .execute()
    : [];
  return {
    ...plan,
    items: items.map((item) => ({
      ...item,
      // stored only from a checked PlanInput
      kind: item.kind as ActivityKind,
      activityIds: links.filter((l) => l.planItemId === item.id).map((l) => l.id),
    })),
    late: plan.submittedAt.getTime() >= planDeadline(year).getTime(),
  };
}

export async function getPlan(db: Db, actor: Actor, homeId: string, year: number) {
  await getHome(db, actor, homeId);
  const plan = await findPlan(db, homeId, year);
  if (!plan) throw notFound(`尚未提交 ${year} 年度工作计划`);
  return plan;
}

/**
 * Submits or replaces a year's plan. Items are replaced, but an item whose title and quarter
 * are unchanged keeps its id, so the activities linked to it stay linked.
 */
export async function putPlan(
  db: Db,
  who: Who,
  homeId: string,
  year: number,
  input: PlanInput,
  now = new Date(),
) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('无权编辑该委员之家的工作计划');
  await db.transaction().execute(async (trx) => {
    // The row lock (or, for a first plan, the insert's unique key) serialises two editors.
    const before = await trx
      .selectFrom('homePlans')
      .select(['content'])
      .where('homeId', '=', homeId)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('homePlans')
      .values({ homeId, year, content: input.content, submittedAt: now, updatedAt: now })
      .onConflict((oc) =>
        oc.columns(['homeId', 'year']).doUpdateSet({ content: input.content, updatedAt: now }),
      )
      .execute();
    const existing = await trx
      .selectFrom('homePlanItems')
      .select(['id', 'title', 'quarter', 'kind'])
      .where('homeId', '=', homeId)
      .where('year', '=', year)
      .orderBy('sort')
      .orderBy('id')
      .execute();
    const free = new Map<string, string[]>();
    for (const item of existing) {
      const key = `${item.quarter}\u0000${item.title}`;
      free.set(key, [...(free.get(key) ?? []), item.id]);
    }
    const kept: Array<{ id: string; kind: string; sort: number }> = [];
    const added: Array<{
      homeId: string;
      year: number;
      title: string;
      quarter: number;
      kind: string;
      sort: number;
    }> = [];
    input.items.forEach((item, sort) => {
      const id = free.get(`${item.quarter}\u0000${item.title}`)?.shift();
      if (id) kept.push({ id, kind: item.kind, sort });
      else added.push({ homeId, year, title: item.title, quarter: item.quarter, kind: item.kind, sort });
    });
    const removed = [...free.values()].flat();
    if (removed.length) await trx.deleteFrom('homePlanItems').where('id', 'in', removed).execute();
    if (kept.length) {
      await sql`
        update home_plan_items i set kind = v.kind, sort = v.sort
        from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as v(id uuid, kind text, sort integer)
        where i.id = v.id`.execute(trx);
    }
    if (added.length) await trx.insertInto('homePlanItems').values(added).execute();
    await recordAudit(trx, who, {
      action: 'plan.submit',
      objectType: 'home',
      objectId: homeId,
      before: before ? { year, content: before.content, items: existing } : undefined,
      after: { year, content: input.content, items: input.items },
    });
  });
  return (await findPlan(db, homeId, year))!;
}

async function findSummary(db: Db, homeId: string, year: number) {
  const row = await db
    .selectFrom('homeSummaries')
    .select(['homeId', 'year', 'content', 'submittedAt', 'updatedAt'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row && { ...row, late: row.submittedAt.getTime() >= summaryDeadline(year).getTime() };
}

export async function getSummary(db: Db, actor: Actor, homeId: string, year: number) {
  await getHome(db, actor, homeId);
  const found = await findSummary(db, homeId, year);
  if (!found) throw notFound(`尚未提交 ${year} 年度工作总结`);
  return found;
}

export async function putSummary(
  db: Db,
  who: Who,
  homeId: string,
  year: number,
  content: string,
  now = new Date(),
) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('无权编辑该委员之家的工作总结');
  if (now.getTime() >= summaryEditDeadline(year).getTime()) {
    throw conflict(`已过修改期限：${year} 年度工作总结须在 ${year + 1} 年 1 月 31 日前提交或修改`);
  }
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('homeSummaries')
      .select(['content'])
      .where('homeId', '=', homeId)
      .where('year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    await trx
      .insertInto('homeSummaries')
      .values({ homeId, year, content, submittedAt: now, updatedAt: now })
      .onConflict((oc) => oc.columns(['homeId', 'year']).doUpdateSet({ content, updatedAt: now }))
      .execute();
    await recordAudit(trx, who, {
      action: 'summary.submit',
      objectType: 'home',
      objectId: homeId,
      before: before ? { year, content: before.content } : undefined,
      after: { year, content },
    });
  });
  return (await findSummary(db, homeId, year))!;
}

/** A reminder sent from the compliance page to the accounts that direct a home in scope. */
export async function remindHome(db: Db, who: Who, homeId: string, kind: ReminderKind, now = new Date()) {
  const home = await getHome(db, who.actor!, homeId);
  const reminder = manualReminder(kind, home, now);
  const notified = await db.transaction().execute(async (trx) => {
    const count = await sendReminders(trx, [reminder], false);
    await recordAudit(trx, who, {
      action: 'home.remind',
      objectType: 'home',
      objectId: homeId,
      after: { kind, title: reminder.title, notified: count },
    });
    return count;
  });
  return { notified };
}
