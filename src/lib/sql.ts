import { sql } from 'kysely';
import type { Db } from '../db/schema.js';

/** A LIKE pattern that finds `q` anywhere, with the wildcards a user typed taken literally. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Serialises the transactions that name the same `key` until the holder's ends (a transaction-level
 * advisory lock): for a rule over several rows that no unique key can state.
 */
export async function lockUntilCommit(trx: Db, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${key}))`.execute(trx);
}
