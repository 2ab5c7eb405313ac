import { type Kysely, sql } from 'kysely';

/** An evaluation notice carries the document number (文号) the issuing unit gave it when publishing. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table evaluation_publications add column document_number text`.execute(db);
}
