import { type Kysely, sql } from 'kysely';

/**
 * The Mongolian of the product's own words (UI strings and print headings), as data a translator
 * corrects without a release: one row per string that has a Mongolian text, with the Chinese it was
 * made from (a changed source makes it a draft again), its review state, and the normalised key it
 * is searched by. A string with no row has no Mongolian yet.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table translations (
      key text primary key,
      source text not null,
      text text not null,
      text_key text not null,
      reviewed boolean not null default false,
      updated_by uuid references users (id),
      updated_at timestamptz not null default now(),
      reviewed_by uuid references users (id),
      reviewed_at timestamptz,
      constraint translations_review_check check (reviewed = (reviewed_at is not null))
    )
  `.execute(db);
}
