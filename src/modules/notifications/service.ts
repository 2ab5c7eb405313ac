import { notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import {
  findOwnNotification,
  insertNotices,
  markNotificationRead,
  markNotificationsReadOf,
  type Notice,
  notificationsPage,
} from './repo.js';

/** The actor's own notifications, newest first, with the number still unread. */
export async function listNotifications(
  db: Db,
  actor: Actor,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
) {
  const { rows, all, unread } = await notificationsPage(db, actor.userId, query);
  return {
    items: rows,
    total: query.unread ? unread : all,
    page: query.page,
    pageSize: query.pageSize,
    unread,
  };
}

/** Marks one of the actor's notifications read; someone else's is "not found". */
export async function markRead(db: Db, who: Who, id: string): Promise<void> {
  const actor = who.actor!;
  const mine = isUuid(id) ? await findOwnNotification(db, actor.userId, id) : undefined;
  if (!mine) throw notFound('找不到该通知');
  if (mine.readAt) return;
  await db.transaction().execute(async (trx) => {
    // of two requests at once, the one that marks it writes the audit row
    if (await markNotificationRead(trx, id)) {
      await recordAudit(trx, who, { action: 'notification.read', objectType: 'notification', objectId: id });
    }
  });
}

export async function markAllRead(db: Db, who: Who): Promise<void> {
  const actor = who.actor!;
  await db.transaction().execute(async (trx) => {
    const count = await markNotificationsReadOf(trx, actor.userId);
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

/**
 * Tells users what now waits for them (a reviewer's assignment, an expenditure to approve…), in
 * the caller's transaction, once per `dedupeKey`.
 */
export function sendNotices(trx: Db, notices: Notice[]): Promise<number> {
  return insertNotices(trx, notices);
}
