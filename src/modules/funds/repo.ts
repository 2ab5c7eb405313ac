import { type ExpressionBuilder, type Insertable, sql } from 'kysely';
import type { Database, Db, FundEntryTable } from '../../db/schema.js';
import { type Actor, hasRole } from '../../domain/actor.js';
import { lockUntilCommit } from '../../lib/sql.js';
import { pageOf } from '../../server/http.js';
import { escalatedToOffice, fundScope, ownedFunds } from './policy.js';
import type { ReportQuery } from './schema.js';

/** The duty funds ledger's queries: settings, entries, their sums, and the report's groups. */

export const THRESHOLD_KEY = 'funds.approval_threshold_fen';

/** The stored approval threshold (a JSON value), or undefined when none is set. */
export async function storedThreshold(db: Db): Promise<unknown> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', THRESHOLD_KEY)
    .executeTakeFirst();
  return row?.value;
}

export async function saveThreshold(db: Db, fen: number) {
  await db
    .insertInto('settings')
    .values({ key: THRESHOLD_KEY, value: JSON.stringify(fen) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(fen) }))
    .execute();
}

const ENTRY_COLUMNS = [
  'fundEntries.id',
  'fundEntries.homeId',
  'homes.name as homeName',
  'fundEntries.year',
  'fundEntries.kind',
  'fundEntries.amountFen',
  'fundEntries.category',
  sql<string>`fund_entries.occurred_on::text`.as('occurredOn'),
  'fundEntries.description',
  'fundEntries.activityId',
  'fundEntries.receiptAttachmentId',
  'fundEntries.status',
  'fundEntries.reversesId',
  'fundEntries.reversedById',
  'fundEntries.createdBy',
  'fundEntries.createdByName',
  'fundEntries.createdAt',
  'fundEntries.decidedAt',
  'fundEntries.decisionNote',
  (eb: ExpressionBuilder<Database, 'fundEntries'>) =>
    eb.and([eb('fundEntries.status', '=', 'pending'), escalatedToOffice(eb)]).as('escalated'),
] as const;

const entries = (db: Db) =>
  db.selectFrom('fundEntries').innerJoin('homes', 'homes.id', 'fundEntries.homeId').select(ENTRY_COLUMNS);

export type EntryRow = Awaited<ReturnType<ReturnType<typeof entries>['execute']>>[number];

/** One home's entries of a year, in the order they happened. */
export const entriesOfYear = (db: Db, homeId: string, year: number) =>
  entries(db)
    .where('fundEntries.homeId', '=', homeId)
    .where('fundEntries.year', '=', year)
    .orderBy('fundEntries.occurredOn')
    .orderBy('fundEntries.createdAt')
    .execute();

export const entryById = (db: Db, id: string) =>
  entries(db).where('fundEntries.id', '=', id).executeTakeFirst();

/**
 * One page of the expenditures waiting for the actor's decision: the homes whose funds they own,
 * and for the office the districts' entries escalated to it.
 */
export function pendingEntriesPage(db: Db, actor: Actor, q: { page: number; pageSize: number }) {
  const waitsForActor = (eb: ExpressionBuilder<Database, 'fundEntries'>) =>
    hasRole(actor, 'office_admin')
      ? eb.or([ownedFunds(actor)(eb), escalatedToOffice(eb)])
      : ownedFunds(actor)(eb);
  // four eyes: what the actor booked waits for someone else (an entry of no account waits for all)
  const notBookedByActor = (eb: ExpressionBuilder<Database, 'fundEntries'>) =>
    eb.or([eb('fundEntries.createdBy', 'is', null), eb('fundEntries.createdBy', '!=', actor.userId)]);
  const pending = db
    .selectFrom('fundEntries')
    .where('fundEntries.status', '=', 'pending')
    .where(notBookedByActor)
    .where(waitsForActor);
  const page = pending
    .innerJoin('homes', 'homes.id', 'fundEntries.homeId')
    .select(ENTRY_COLUMNS)
    .orderBy('fundEntries.createdAt')
    .orderBy('fundEntries.id');
  // Counted from the pending entries' index alone, by groups: who decides an entry depends only
  // on its home's level and unit and on who booked it, which each entry carries (migration 0020),
  // so the rule is asked once a group — a few hundred — not once for each of thousands of entries.
  // The groups read as `fund_entries` rows with just those columns, which is all the rule reads.
  const groups = db
    .selectFrom('fundEntries')
    .where('fundEntries.status', '=', 'pending')
    .select(['fundEntries.homeLevel', 'fundEntries.ownerUnitId', 'fundEntries.createdBy'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .groupBy(['fundEntries.homeLevel', 'fundEntries.ownerUnitId', 'fundEntries.createdBy'])
    .as('fundEntries');
  const asEntries = (eb: unknown) => eb as ExpressionBuilder<Database, 'fundEntries'>;
  const count = db
    .selectFrom(groups)
    .where((eb) => notBookedByActor(asEntries(eb)))
    .where((eb) => waitsForActor(asEntries(eb)))
    .select(sql<string>`coalesce(sum(n), 0)::text`.as('n'));
  return pageOf(q, page, count, (rows) => rows);
}

/** allocated, spent and pending (in fen, as int8 text), summed in SQL. */
const SUMS = [
  sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'allocation' and fund_entries.status = 'approved'), 0)`.as(
    'allocated',
  ),
  sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'expenditure' and fund_entries.status = 'approved'), 0)`.as(
    'spent',
  ),
  sql<string>`coalesce(sum(fund_entries.amount_fen) filter (where fund_entries.kind = 'expenditure' and fund_entries.status = 'pending'), 0)`.as(
    'pending',
  ),
] as const;

/** The sums of one home's ledger for a year. */
export const ledgerSums = (db: Db, homeId: string, year: number) =>
  db
    .selectFrom('fundEntries')
    .select(SUMS)
    .where('homeId', '=', homeId)
    .where('year', '=', year)
    .executeTakeFirstOrThrow();

/** The sums of a year for the homes in the actor's scope, by home, district or category. */
export function reportSums(db: Db, actor: Actor, groupBy: ReportQuery['groupBy'], year: number) {
  const key =
    groupBy === 'home'
      ? sql<string>`homes.id::text`
      : groupBy === 'district'
        ? sql<string>`coalesce(case when homes.level = 'municipal' then 'municipal' end, left(homes.region_code, 6), '')`
        : sql<string>`coalesce(fund_entries.category, '')`;
  return db
    .selectFrom('fundEntries')
    .innerJoin('homes', 'homes.id', 'fundEntries.homeId')
    .where(fundScope(actor))
    .where('fundEntries.year', '=', year)
    .select([key.as('key'), ...SUMS])
    .groupBy(key)
    .execute();
}

export const homeNames = (db: Db, ids: string[]) =>
  db.selectFrom('homes').select(['id', 'name']).where('id', 'in', ids).execute();

export const regionNames = (db: Db, codes: string[]) =>
  db.selectFrom('regions').select(['code', 'name']).where('code', 'in', codes).execute();

/** One home's ledger changes one at a time, so two expenditures cannot both use the last yuan. */
export const lockLedger = (trx: Db, homeId: string, year: number) =>
  lockUntilCommit(trx, `funds:${homeId}:${year}`);

/** Stores an entry and answers its id. */
export async function insertEntry(db: Db, values: Insertable<FundEntryTable>) {
  const { id } = await db.insertInto('fundEntries').values(values).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** An activity the home hosted, if it did. */
export const hostedActivity = (db: Db, activityId: string, homeId: string) =>
  db
    .selectFrom('activityHosts')
    .select('activityId')
    .where('activityId', '=', activityId)
    .where('homeId', '=', homeId)
    .executeTakeFirst();

/** An attachment of the home, if it is one. */
export const homeAttachment = (db: Db, attachmentId: string, homeId: string) =>
  db
    .selectFrom('attachments')
    .select('id')
    .where('id', '=', attachmentId)
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .executeTakeFirst();

/** Decides a pending expenditure; answers how many rows changed (0 when another took it first). */
export async function decideEntry(
  db: Db,
  id: string,
  decision: { status: 'approved' | 'rejected'; decidedBy: string; note: string | null },
) {
  const updated = await db
    .updateTable('fundEntries')
    .set({
      status: decision.status,
      decidedBy: decision.decidedBy,
      decidedAt: sql`now()`,
      decisionNote: decision.note,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

/** Ties the entry to its reversal; false when another reversal got there first. */
export async function markReversed(db: Db, id: string, reversalId: string): Promise<boolean> {
  const result = await db
    .updateTable('fundEntries')
    .set({ reversedById: reversalId })
    .where('id', '=', id)
    .where('reversedById', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
