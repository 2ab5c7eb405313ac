import { beijingDate, startOfBeijingDay } from '../../domain/calendar.js';
import { conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { mayWriteDocument } from './policy.js';
import { presentPlan, presentSummary } from './presenter.js';
import { manualReminder, sendReminders } from './reminders.js';
import {
  type DocumentKind,
  deletePlanItems,
  findDocument,
  insertPlanItems,
  lockDocument,
  planItemActivities,
  planItems,
  updatePlanItems,
  upsertDocument,
} from './repo/plans-summaries.js';
import type { DOCUMENT_ACTIONS, PlanInput, ReminderKind } from './schema.js';

type DocumentAction = (typeof DOCUMENT_ACTIONS)[number];

/** A plan is late when first submitted after 31 January of its year (Beijing). */
const planDeadline = (year: number) => startOfBeijingDay(`${year}-02-01`);
/** A summary is late when first submitted after 31 December of its year. */
const summaryDeadline = (year: number) => startOfBeijingDay(`${year + 1}-01-01`);
/** After 31 January of the next year a summary can no longer be changed. */
export const summaryEditDeadline = (year: number) => startOfBeijingDay(`${year + 1}-02-01`);

/** What tells a year's plan and its summary apart: their name, and when each may still change. */
const DOCUMENTS: Record<DocumentKind, { name: string; editDeadline?: (year: number) => Date }> = {
  plan: { name: '工作计划' },
  summary: { name: '工作总结', editDeadline: summaryEditDeadline },
};

/** Whether the year's document may still be submitted or changed at `now`. */
function documentOpen(kind: DocumentKind, year: number, now: Date): boolean {
  const deadline = DOCUMENTS[kind].editDeadline?.(year);
  return !deadline || now.getTime() < deadline.getTime();
}

/**
 * Until when a home's plan or summary of a year may be submitted or changed, and whether the actor
 * may do so now: what the home's tab needs to offer 填写 or say why not.
 */
export async function documentWindow(
  db: Db,
  actor: Actor,
  kind: DocumentKind,
  homeId: string,
  year: number,
  now = new Date(),
) {
  const home = await getHome(db, actor, homeId);
  const deadline = DOCUMENTS[kind].editDeadline?.(year);
  const open = documentOpen(kind, year, now);
  return {
    homeId,
    year,
    open,
    editableUntil: deadline ? beijingDate(new Date(deadline.getTime() - 1)) : null,
    allowedActions: mayWriteDocument(actor, home, open) ? (['submit'] as DocumentAction[]) : [],
  };
}

/** A home's plan of a year with its items, or undefined; the caller has checked the home may be seen. */
export async function findPlan(db: Db, homeId: string, year: number) {
  const plan = await findDocument(db, 'plan', homeId, year);
  if (!plan) return undefined;
  const items = await planItems(db, homeId, year);
  const links = items.length
    ? await planItemActivities(
        db,
        items.map((i) => i.id),
      )
    : [];
  return presentPlan(plan, items, links, planDeadline(year));
}

/** A home's summary of a year, or undefined; the caller has checked the home may be seen. */
export async function findSummary(db: Db, homeId: string, year: number) {
  const row = await findDocument(db, 'summary', homeId, year);
  return row && presentSummary(row, summaryDeadline(year));
}

/** The year's plan or summary of a home the actor sees (`find` reads it); 404 when not submitted. */
async function getDocument<T>(
  db: Db,
  actor: Actor,
  kind: DocumentKind,
  homeId: string,
  year: number,
  find: (db: Db, homeId: string, year: number) => Promise<T | undefined>,
): Promise<T> {
  await getHome(db, actor, homeId);
  const found = await find(db, homeId, year);
  if (!found) throw notFound(`尚未提交 ${year} 年度${DOCUMENTS[kind].name}`);
  return found;
}

export async function getPlan(db: Db, actor: Actor, homeId: string, year: number) {
  return getDocument(db, actor, 'plan', homeId, year, findPlan);
}

export async function getSummary(db: Db, actor: Actor, homeId: string, year: number) {
  return getDocument(db, actor, 'summary', homeId, year, findSummary);
}

/**
 * Submits or replaces a year's plan or summary in one transaction with its audit row. The row
 * lock (or, for a first document, the insert's unique key) serialises two editors. `items`, for
 * a plan, replaces its items inside the transaction and gives the items before and after for the
 * audit row. Returns the document as `find` reads it.
 */
async function putDocument<T>(
  db: Db,
  who: Who,
  kind: DocumentKind,
  homeId: string,
  year: number,
  content: string,
  now: Date,
  find: (db: Db, homeId: string, year: number) => Promise<T | undefined>,
  items?: (trx: Db) => Promise<{ before: unknown; after: unknown }>,
): Promise<T> {
  const actor = who.actor!;
  const { name, editDeadline } = DOCUMENTS[kind];
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden(`无权编辑该委员之家的${name}`);
  if (editDeadline && !documentOpen(kind, year, now)) {
    throw conflict(`已过修改期限：${year} 年度${name}须在 ${year + 1} 年 1 月 31 日前提交或修改`);
  }
  await db.transaction().execute(async (trx) => {
    const before = await lockDocument(trx, kind, homeId, year);
    await upsertDocument(trx, kind, homeId, year, content, now);
    const changed = items ? await items(trx) : undefined;
    await recordAudit(trx, who, {
      action: `${kind}.submit`,
      objectType: 'home',
      objectId: homeId,
      before: before
        ? { year, content: before.content, ...(changed && { items: changed.before }) }
        : undefined,
      after: { year, content, ...(changed && { items: changed.after }) },
    });
  });
  return (await find(db, homeId, year))!;
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
  return putDocument(db, who, 'plan', homeId, year, input.content, now, findPlan, async (trx) => {
    const existing = await planItems(trx, homeId, year);
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
    if (removed.length) await deletePlanItems(trx, removed);
    if (kept.length) await updatePlanItems(trx, kept);
    if (added.length) await insertPlanItems(trx, added);
    return { before: existing, after: input.items };
  });
}

export async function putSummary(
  db: Db,
  who: Who,
  homeId: string,
  year: number,
  content: string,
  now = new Date(),
) {
  return putDocument(db, who, 'summary', homeId, year, content, now, findSummary);
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
