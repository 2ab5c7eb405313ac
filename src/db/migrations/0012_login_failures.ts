import { type Kysely, sql } from 'kysely';

/**
 * Failed sign-ins are counted per account and address, so failures from one address never lock
 * an account for everyone; the row of address '' counts every address together, which slows an
 * account under attack instead of locking it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists login_throttle`.execute(db);
  await sql`
    create table login_failures (
      account text not null,
      address text not null,
      failures integer not null,
      window_ends timestamptz not null,
      primary key (account, address)
    )
  `.execute(db);
}
