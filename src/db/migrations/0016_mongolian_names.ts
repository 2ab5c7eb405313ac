import { type Kysely, sql } from 'kysely';

/**
 * Traditional Mongolian names with a review state: homes, regions and org units carry `name_mn`,
 * a draft until a translator marks it reviewed (`name_mn_reviewed`); anyone else's edit of the name
 * makes it a draft again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table regions add column name_mn_reviewed boolean not null default false`.execute(db);
  await sql`
    alter table org_units
      add column name_mn text,
      add column name_mn_reviewed boolean not null default false
  `.execute(db);
  await sql`alter table homes add column name_mn_reviewed boolean not null default false`.execute(db);
}
