import { type Insertable, sql } from 'kysely';
import type { Db, OpinionStepTable } from '../../../db/schema.js';
import { atNow } from './opinions.js';

/** The times a step records, set to the database's clock. */
export type OpinionStepTime = 'acceptedAt' | 'submittedAt' | 'decidedAt' | 'repliedAt' | 'closedAt';

/**
 * Moves an opinion on from `fromStatus`: the old status in the WHERE makes a concurrent step lose
 * cleanly instead of both applying. Returns how many rows it changed (0 or 1).
 */
export async function updateOpinionStatus(
  db: Db,
  id: string,
  fromStatus: string,
  changes: Record<string, unknown>,
  times: OpinionStepTime[],
): Promise<number> {
  const updated = await db
    .updateTable('opinions')
    .set({ ...changes, updatedAt: sql`now()`, ...atNow(times) })
    .where('id', '=', id)
    .where('status', '=', fromStatus)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows);
}

export function insertOpinionStep(db: Db, values: Insertable<OpinionStepTable>) {
  return db.insertInto('opinionSteps').values(values).returning('id').executeTakeFirstOrThrow();
}

export function stepsOf(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionSteps')
    .select(['action', 'fromStatus', 'toStatus', 'actorName', 'at', 'comment', 'data'])
    .where('opinionId', '=', opinionId)
    .orderBy('id')
    .execute();
}
export type StepRow = Awaited<ReturnType<typeof stepsOf>>[number];

/** The statuses an opinion went through, in order, for the citizen's history. */
export function statusStepsOf(db: Db, opinionId: string) {
  return db
    .selectFrom('opinionSteps')
    .select(['toStatus', 'at'])
    .where('opinionId', '=', opinionId)
    .orderBy('id')
    .execute();
}
export type StatusStepRow = Awaited<ReturnType<typeof statusStepsOf>>[number];
