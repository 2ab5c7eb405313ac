import type { Db } from '../../../db/schema.js';
import type { SignageItem } from '../schema.js';

/** The signs recorded for a home. */
export function signageRows(db: Db, homeId: string) {
  return db
    .selectFrom('homeSignage')
    .select(['item', 'postedOn', 'photoId'])
    .where('homeId', '=', homeId)
    .execute();
}

/** The attachment, if it is an image uploaded to the home. */
export function homeImage(db: Db, homeId: string, attachmentId: string) {
  return db
    .selectFrom('attachments')
    .select('id')
    .where('id', '=', attachmentId)
    .where('ownerType', '=', 'home')
    .where('ownerId', '=', homeId)
    .where('contentType', 'like', 'image/%')
    .executeTakeFirst();
}

/** A sign as recorded before a change, its row locked until the transaction ends. */
export function lockSign(db: Db, homeId: string, item: SignageItem) {
  return db
    .selectFrom('homeSignage')
    .select(['postedOn', 'photoId'])
    .where('homeId', '=', homeId)
    .where('item', '=', item)
    .forUpdate()
    .executeTakeFirst();
}

/** Records a sign as posted (a sign already recorded gets the new date and photo). */
export async function upsertSign(
  db: Db,
  sign: { homeId: string; item: SignageItem; postedOn: string; photoId: string | null; recordedBy: string },
) {
  const { postedOn, photoId, recordedBy } = sign;
  await db
    .insertInto('homeSignage')
    .values(sign)
    .onConflict((oc) => oc.columns(['homeId', 'item']).doUpdateSet({ postedOn, photoId, recordedBy }))
    .execute();
}
