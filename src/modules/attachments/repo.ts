import type { Insertable } from 'kysely';
import type { AttachmentTable } from '../../db/schema.js';
import type { Actor, Db } from '../../server/types.js';
import { visibleHomeIds } from '../activities/repo/activities.js';
import { homeScope } from '../homes/policy.js';

export function insertAttachment(trx: Db, values: Insertable<AttachmentTable>) {
  return trx
    .insertInto('attachments')
    .values(values)
    .returning(['id', 'filename', 'contentType', 'size', 'createdAt'])
    .executeTakeFirstOrThrow();
}

export function findAttachment(db: Db, id: string) {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The home, if the actor may see it. */
export function findVisibleHome(db: Db, actor: Actor, homeId: string) {
  return db
    .selectFrom('homes')
    .select('homes.id')
    .where('homes.id', '=', homeId)
    .where(homeScope(actor))
    .executeTakeFirst();
}

/** One host home of the activity that the actor may see: an activity is visible through any of them. */
export function findVisibleHost(db: Db, actor: Actor, activityId: string) {
  return db
    .selectFrom('activityHosts')
    .select('activityHosts.homeId')
    .where('activityHosts.activityId', '=', activityId)
    .where('activityHosts.homeId', 'in', visibleHomeIds(db, actor))
    .executeTakeFirst();
}
