import { sql } from 'kysely';
import { notFound } from '../../server/errors.js';
import { isUuid, offsetOf } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';

/** The actor's own notifications, newest first, with the number still unread. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
) {
  const own = db.selectFrom('notifications').where('userId', '=', actor.userId);
  const listed = query.unread ? own.where('readAt', 'is', null) : own;
  const items = await listed
    .select(['id', 'kind', 'title', 'body', 'link', 'homeId', 'createdAt', 'readAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.pageSize)
    .offset(offsetOf(query))
    .execute();
  const counts = await own
    .select([
      sql<number>`count(*)::int`.as('all'),
      sql<number>`(count(*) filter (where read_at is null))::int`.as('unread'),
    ])
    .executeTakeFirstOrThrow();
  return {
    items,
    total: query.unread ? counts.unread : counts.all,
    page: query.page,
    pageSize: query.pageSize,
    unread: counts.unread,
  };
}

/** Marks one of the actor's notifications read; someone else's is "not found". */
export async function markRead(db: Db, who: Who, id: string): Promise<void> {
  const actor = who.actor!;
  const mine = isUuid(id)
    ? await db
        .selectFrom('notifications')
        .select(['id', 'readAt'])
        .where('id', '=', id)
        .where('userId', '=', actor.userId)
        .executeTakeFirst()
    : undefined;
  if (!mine) throw notFound('找不到该通知');
  if (mine.readAt) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('notifications')
      .set({ readAt: sql`now()` })
      .where('id', '=', id)
      .where('readAt', 'is', null)
      .execute();
    await recordAudit(trx, who, { action: 'notification.read', objectType: 'notification', objectId: id });
  });
}

export async function markAllRead(db: Db, who: Who): Promise<void> {
  const actor = who.actor!;
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('notifications')
      .set({ readAt: sql`now()` })
      .where('userId', '=', actor.userId)
      .where('readAt', 'is', null)
      .executeTakeFirst();
    const count = Number(result.numUpdatedRows);
    if (count > 0) {
      await recordAudit(trx, who, {
        action: 'notification.read_all',
        objectType: 'user',
        objectId: actor.userId,
        after: { count },
      });
    }
  });
}
