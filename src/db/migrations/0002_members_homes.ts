import { type Kysely, sql } from 'kysely';

/** One statement each: PGlite's extended protocol runs one command per query. */
const statements = [
  sql`
    create table members (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      gender text not null check (gender in ('male', 'female')),
      ethnicity text,
      level text not null check (level in ('regional', 'municipal', 'district')),
      org_unit_id text not null references org_units (id),
      sector_group_id text references org_units (id),
      sector text,
      employer text,
      title text,
      expertise text[] not null default '{}',
      phone text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  // the mobile number is the stable key of a member (Excel re-imports match on it)
  sql`create unique index members_phone_key on members (phone)`,
  sql`create index members_org_idx on members (org_unit_id, name)`,
  sql`create index members_group_idx on members (sector_group_id)`,
  sql`create index members_name_idx on members (name)`,
  sql`
    create table homes (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      name_mn text,
      kind text not null check (kind in ('sector_group', 'member_studio', 'township', 'village', 'industry')),
      online boolean not null default false,
      level text not null check (level in ('municipal', 'district')),
      owner_unit_id text not null references org_units (id),
      region_code text references regions (code),
      brand text,
      specialty text,
      address text,
      venue_type text check (venue_type in ('agency', 'enterprise', 'community', 'party_mass_center', 'deputies_home', 'other')),
      shared_with text,
      equipment text,
      online_url text,
      status text not null default 'proposed',
      plaque_no text,
      plaque_awarded_on date,
      approved_on date,
      director_member_id uuid references members (id),
      deputy_member_id uuid references members (id),
      proposed_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (director_member_id is null or deputy_member_id is null or director_member_id <> deputy_member_id)
    )
  `,
  sql`create unique index homes_plaque_key on homes (plaque_no)`,
  sql`create index homes_owner_idx on homes (owner_unit_id, status)`,
  sql`create index homes_region_idx on homes (region_code text_pattern_ops)`,
  sql`create index homes_status_idx on homes (status, kind)`,
  // the registry's list order
  sql`create index homes_list_idx on homes (level desc, owner_unit_id, name, id)`,
  sql`
    create table home_members (
      home_id uuid not null references homes (id) on delete cascade,
      member_id uuid not null references members (id),
      primary key (home_id, member_id)
    )
  `,
  sql`create index home_members_member_idx on home_members (member_id)`,
  sql`
    create table home_transitions (
      id bigserial primary key,
      home_id uuid not null references homes (id) on delete cascade,
      action text not null,
      from_status text,
      to_status text not null,
      actor_id uuid references users (id),
      actor_name text,
      at timestamptz not null default now(),
      comment text,
      data jsonb
    )
  `,
  sql`create index home_transitions_home_idx on home_transitions (home_id, id)`,
  sql`
    create table attachments (
      id uuid primary key default gen_random_uuid(),
      owner_type text not null,
      owner_id text not null,
      transition_id bigint references home_transitions (id),
      filename text not null,
      content_type text not null,
      size integer not null,
      storage_key text not null,
      uploaded_by uuid references users (id),
      created_at timestamptz not null default now()
    )
  `,
  sql`create index attachments_owner_idx on attachments (owner_type, owner_id)`,
  sql`alter table users alter column member_id type uuid using member_id::uuid`,
  sql`alter table users add constraint users_member_fk foreign key (member_id) references members (id)`,
  // one account per member
  sql`create unique index users_member_key on users (member_id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
