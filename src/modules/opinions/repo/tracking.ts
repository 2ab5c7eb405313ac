import type { Db } from '../../../db/schema.js';
import { lockUntilCommit } from '../../../lib/sql.js';

/** Reserves a code in `tracking_codes`; undefined when an opinion or a problem already holds it. */
export function insertTrackingCode(db: Db, code: string, kind: 'opinion' | 'problem') {
  return db
    .insertInto('trackingCodes')
    .values({ code, kind })
    .onConflict((oc) => oc.column('code').doNothing())
    .returning('code')
    .executeTakeFirst();
}

/** Serialises the receipt of one text, so two identical submissions at once still merge. */
export async function lockContentKey(trx: Db, key: string): Promise<void> {
  await lockUntilCommit(trx, `opinion:${key}`);
}

/** Serialises the sending of one device's submission, so the same key sent twice at once is stored once. */
export async function lockSubmissionKey(trx: Db, key: string): Promise<void> {
  await lockUntilCommit(trx, `submission:${key}`);
}
