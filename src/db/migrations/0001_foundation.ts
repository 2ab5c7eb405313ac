import { type Kysely, sql } from 'kysely';

/** One statement each: PGlite's extended protocol runs one command per query. */
const statements = [
  sql`
    create table regions (
      code text primary key,
      name text not null,
      name_mn text,
      level text not null check (level in ('city', 'district', 'township', 'village')),
      parent_code text references regions (code),
      is_dev_zone boolean not null default false
    )
  `,
  sql`
    create index regions_parent_idx on regions (parent_code, code)
  `,
  sql`
    create table org_units (
      id text primary key,
      kind text not null check (kind in ('municipal', 'office', 'committee', 'sector_group', 'district')),
      name text not null,
      region_code text references regions (code),
      parent_id text references org_units (id),
      is_demo boolean not null default false,
      sort integer not null default 0
    )
  `,
  sql`
    create table users (
      id uuid primary key default gen_random_uuid(),
      username text not null,
      display_name text not null,
      password_hash text not null,
      member_id text,
      disabled boolean not null default false,
      last_login_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  sql`
    create unique index users_username_key on users (lower(username))
  `,
  sql`
    create table user_roles (
      user_id uuid not null references users (id) on delete cascade,
      role text not null,
      scope_id text
    )
  `,
  sql`
    create unique index user_roles_key on user_roles (user_id, role, coalesce(scope_id, ''))
  `,
  sql`
    create table sessions (
      id text primary key,
      user_id uuid not null references users (id) on delete cascade,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      ip text,
      user_agent text
    )
  `,
  sql`
    create index sessions_user_idx on sessions (user_id)
  `,
  sql`
    create table api_tokens (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      token_hash text not null unique,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      last_used_at timestamptz
    )
  `,
  sql`
    create index api_tokens_user_idx on api_tokens (user_id)
  `,
  sql`
    create table audit_events (
      id bigserial primary key,
      at timestamptz not null default now(),
      actor_id uuid,
      actor_name text,
      roles text[] not null default '{}',
      ip text,
      action text not null,
      object_type text,
      object_id text,
      before jsonb,
      after jsonb
    )
  `,
  sql`
    create index audit_events_at_idx on audit_events (at desc)
  `,
  sql`
    create index audit_events_object_idx on audit_events (object_type, object_id)
  `,
  sql`
    create index audit_events_actor_idx on audit_events (actor_id, at desc)
  `,
  sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$
  `,
  sql`
    create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()
  `,
  sql`
    create table rate_limits (
      key text primary key,
      window_start timestamptz not null,
      hits integer not null
    )
  `,
  sql`
    create table login_throttle (
      username text primary key,
      failures integer not null,
      locked_until timestamptz
    )
  `,
  sql`
    create table settings (
      key text primary key,
      value jsonb
    )
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // The audit trail is append-only: the trigger above refuses to rewrite or erase it.
  for (const statement of statements) await statement.execute(db);
}
