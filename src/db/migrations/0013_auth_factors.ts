import { type Kysely, sql } from 'kysely';

/**
 * 身份鉴别 (GB/T 22239-2019 §8.1.4.1): a TOTP second factor and the password's age and history.
 * `totp_secret` is the pending secret until `totp_enabled_at` is set, then the active one;
 * `totp_last_step` is the last time step a code was accepted at, so a code works once.
 * An existing password counts as set when this migration runs.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table users
      add column totp_secret text,
      add column totp_enabled_at timestamptz,
      add column totp_last_step integer,
      add column must_change_password boolean not null default false,
      add column password_changed_at timestamptz not null default now()
  `.execute(db);
  await sql`
    create table password_history (
      -- in the order the passwords were replaced
      id bigserial primary key,
      user_id uuid not null references users (id) on delete cascade,
      password_hash text not null,
      created_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`create index password_history_user_idx on password_history (user_id, id desc)`.execute(db);
}
