import { type Insertable, sql } from 'kysely';
import type { Db, DutyAdjustmentTable } from '../../../db/schema.js';
import { isUuid } from '../../../server/http.js';

/** Staff corrections of the records: another value for an entry, or an entry the sources missed. */

/** A member's corrections of a year, with who made them and why (revoked ones too). */
export function adjustmentsOf(db: Db, memberId: string, year: number) {
  return db
    .selectFrom('dutyAdjustments')
    .select(['id', 'reason', 'createdByName', 'createdAt'])
    .where('memberId', '=', memberId)
    .where('year', '=', year)
    .execute();
}

export type AdjustmentNoteRow = Awaited<ReturnType<typeof adjustmentsOf>>[number];

export async function insertAdjustment(db: Db, values: Insertable<DutyAdjustmentTable>) {
  const { id } = await db
    .insertInto('dutyAdjustments')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findAdjustment(db: Db, id: string) {
  if (!isUuid(id)) return undefined;
  return db.selectFrom('dutyAdjustments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function revokeAdjustmentRow(db: Db, id: string, userId: string, reason: string) {
  await db
    .updateTable('dutyAdjustments')
    .set({ revokedAt: sql`now()`, revokedBy: userId, revokeReason: reason })
    .where('id', '=', id)
    .execute();
}
