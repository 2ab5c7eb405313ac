import { type Kysely, sql } from 'kysely';

/**
 * 三权分立: the system administrator creates accounts but grants no roles. The roles a system
 * administrator asks for wait on the account until a security administrator grants or refuses
 * them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column pending_roles jsonb,
      add column pending_roles_by uuid references users (id) on delete set null,
      add column pending_roles_at timestamptz
  `.execute(db);
}
