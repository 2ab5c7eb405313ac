import { type Kysely, sql } from 'kysely';

/**
 * The language a user's own pages speak (API.md Languages): Chinese, or traditional Mongolian for
 * the members' phone pages of whoever chooses it in their profile.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column language text not null default 'zh',
      add constraint users_language_check check (language in ('zh', 'mn'))
  `.execute(db);
}
