import { sql } from 'kysely';
import type { Db } from './schema.js';

/** The stored figures kept current by the per-minute jobs (migration 0009 lists their sources). */
export type Figure = 'duty-records' | 'stats';

/**
 * Rebuilds a stored figure if its sources changed since its last rebuild: the changes noted up
 * to now are taken only once the rebuild succeeded, so a failed rebuild is tried again, and a
 * change made while it ran is rebuilt on the next run.
 */
export async function rebuildIfChanged<T>(
  db: Db,
  figure: Figure,
  rebuild: () => Promise<T>,
): Promise<{ changed: false } | { changed: true; result: T }> {
  const last = await db
    .selectFrom('figureChanges')
    .select(sql<string | null>`max(id)::text`.as('id'))
    .where('figure', '=', figure)
    .executeTakeFirst();
  if (!last?.id) return { changed: false };
  const result = await rebuild();
  await db.deleteFrom('figureChanges').where('figure', '=', figure).where('id', '<=', last.id).execute();
  return { changed: true, result };
}
