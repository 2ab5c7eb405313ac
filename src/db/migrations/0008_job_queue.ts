import { type Kysely, sql } from 'kysely';

/**
 * Background work moves to the job queue (pg-boss, in its own schema `pgboss`, created by the
 * queue when the server starts): the hourly claims kept in `job_runs` are no longer needed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists job_runs`.execute(db);
}
