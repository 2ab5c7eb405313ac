import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';

/** The years of the duty records: when each was last computed, and whether it is closed. */

export async function yearClosed(db: Db, year: number): Promise<boolean> {
  const row = await db.selectFrom('dutyYears').select('closedAt').where('year', '=', year).executeTakeFirst();
  return Boolean(row?.closedAt);
}

/**
 * The year's row, added when missing and locked until the transaction ends: one rebuild of a year
 * at a time, and closing waits for it too.
 */
export async function lockYear(db: Db, year: number) {
  await db
    .insertInto('dutyYears')
    .values({ year, closedAt: null, closedBy: null, computedAt: null })
    .onConflict((oc) => oc.column('year').doNothing())
    .execute();
  return db
    .selectFrom('dutyYears')
    .select('closedAt')
    .where('year', '=', year)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export function findYear(db: Db, year: number) {
  return db.selectFrom('dutyYears').selectAll().where('year', '=', year).executeTakeFirst();
}

export function listYearRows(db: Db) {
  return db.selectFrom('dutyYears').selectAll().orderBy('year', 'desc').execute();
}

export type YearRow = Awaited<ReturnType<typeof listYearRows>>[number];

/** Closes a year that is still open; how many rows that changed (none when it was closed already). */
export async function closeYearRow(db: Db, year: number, userId: string) {
  const updated = await db
    .updateTable('dutyYears')
    .set({ closedAt: sql`now()`, closedBy: userId })
    .where('year', '=', year)
    .where('closedAt', 'is', null)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}
