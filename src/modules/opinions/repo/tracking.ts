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
