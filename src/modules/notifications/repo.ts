import { sql } from 'kysely';
import { offsetOf } from '../../server/http.js';
import type { Db } from '../../server/types.js';

/**
 * One page of a user's notifications, newest first (only the unread ones with `unread`), and how
 * many the user has in all and unread.
 */
export async function notificationsPage(
  db: Db,
  userId: string,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
) {
  const own = db.selectFrom('notifications').where('userId', '=', userId);
  const listed = query.unread ? own.where('readAt', 'is', null) : own;
  const rows = await listed
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
  return { rows, all: counts.all, unread: counts.unread };
}

export function findOwnNotification(db: Db, userId: string, id: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'readAt'])
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Marks one unread notification read; false when it was read already (by a request alongside). */
export async function markNotificationRead(db: Db, id: string): Promise<boolean> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: sql`now()` })
    .where('id', '=', id)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks every unread notification of the user read; returns how many it marked. */
export async function markNotificationsReadOf(db: Db, userId: string): Promise<number> {
  const result = await db
    .updateTable('notifications')
    .set({ readAt: sql`now()` })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A notice to one user; `dedupeKey` makes sending it again (a retried job, a repeated step) a no-op. */
export interface Notice {
  userId: string;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  homeId?: string | null;
  dedupeKey: string;
}

/** Stores the notices that are new to their users; answers how many were. */
export async function insertNotices(db: Db, notices: Notice[]): Promise<number> {
  if (notices.length === 0) return 0;
  const rows = await db
    .insertInto('notifications')
    .values(
      notices.map((n) => ({
        userId: n.userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        link: n.link ?? null,
        homeId: n.homeId ?? null,
        dedupeKey: n.dedupeKey,
      })),
    )
    .onConflict((oc) => oc.columns(['userId', 'dedupeKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}
