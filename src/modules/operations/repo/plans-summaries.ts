import { type ExpressionBuilder, sql } from 'kysely';
import type { Database, Db } from '../../../db/schema.js';

/** A home's yearly documents: its work plan and its year-end summary, kept in tables of the same columns. */
export type DocumentKind = 'plan' | 'summary';

const TABLES = { plan: 'homePlans', summary: 'homeSummaries' } as const;

/** The year's plan or summary of a home. */
export function findDocument(db: Db, kind: DocumentKind, homeId: string, year: number) {
  return db
    .selectFrom(TABLES[kind])
    .select(['homeId', 'year', 'content', 'submittedAt', 'updatedAt'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirst();
}

/** The document's content before a change, its row locked until the transaction ends. */
export function lockDocument(db: Db, kind: DocumentKind, homeId: string, year: number) {
  return db
    .selectFrom(TABLES[kind])
    .select(['content'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirst();
}

/** Submits the document, or replaces its content (the first submission's time stays). */
export async function upsertDocument(
  db: Db,
  kind: DocumentKind,
  homeId: string,
  year: number,
  content: string,
  now: Date,
) {
  await db
    .insertInto(TABLES[kind])
    .values({ homeId, year, content, submittedAt: now, updatedAt: now })
    .onConflict((oc) => oc.columns(['homeId', 'year']).doUpdateSet({ content, updatedAt: now }))
    .execute();
}

/** The items of a year's plan, in their order. */
export function planItems(db: Db, homeId: string, year: number) {
  return db
    .selectFrom('homePlanItems')
    .select(['id', 'title', 'quarter', 'kind'])
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** The activities linked to plan items, in order of their start. */
export function planItemActivities(db: Db, itemIds: string[]) {
  return db
    .selectFrom('activities')
    .select(['id', 'planItemId'])
    .where('planItemId', 'in', itemIds)
    .orderBy('startsAt')
    .orderBy('id')
    .execute();
}

export async function deletePlanItems(db: Db, ids: string[]) {
  await db.deleteFrom('homePlanItems').where('id', 'in', ids).execute();
}

/** Sets the kind and the place of kept items, in one statement. */
export async function updatePlanItems(db: Db, kept: Array<{ id: string; kind: string; sort: number }>) {
  await sql`
    update home_plan_items i set kind = v.kind, sort = v.sort
    from jsonb_to_recordset(${JSON.stringify(kept)}::jsonb) as v(id uuid, kind text, sort integer)
    where i.id = v.id`.execute(db);
}

export async function insertPlanItems(
  db: Db,
  added: Array<{ homeId: string; year: number; title: string; quarter: number; kind: string; sort: number }>,
) {
  await db.insertInto('homePlanItems').values(added).execute();
}

/** The home's document of a year, as a subquery of a query of homes (for `exists`). */
export function documentOfHome(eb: ExpressionBuilder<Database, 'homes'>, kind: DocumentKind, year: number) {
  const table = TABLES[kind];
  return eb
    .selectFrom(table)
    .select(`${table}.homeId`)
    .whereRef(`${table}.homeId`, '=', 'homes.id')
    .where(`${table}.year`, '=', year);
}
