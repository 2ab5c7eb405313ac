import { type Kysely, sql } from 'kysely';

/**
 * A citizen's phone sends an opinion with a key of its own (the `Idempotency-Key` header): sent again
 * after a dropped connection, it gets the same tracking code back instead of a second submission.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table opinion_submissions add column submission_key text`.execute(db);
  await sql`
    create unique index opinion_submissions_submission_key on opinion_submissions (submission_key)
      where submission_key is not null
  `.execute(db);
}
