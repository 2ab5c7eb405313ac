import { type Kysely, sql } from 'kysely';

/** The public side: opening hours, citizens' opinions (社情民意) and problems (解难纾困). */
const statements = [
  sql`alter table homes add column opening_hours text`,
  // one table of every code a citizen holds, so an opinion's and a problem's never collide
  sql`
    create table tracking_codes (
      code text primary key,
      kind text not null check (kind in ('opinion', 'problem')),
      created_at timestamptz not null default now()
    )
  `,
  sql`
    create table opinions (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      content text not null,
      content_key text not null,
      home_id uuid references homes (id),
      region_code text references regions (code),
      owner_unit_id text not null references org_units (id),
      status text not null default 'received' check (status in (
        'received', 'accepted', 'drafted', 'submitted', 'adopted', 'forwarded', 'instructed',
        'not_adopted', 'replied', 'closed')),
      assigned_member_id uuid references members (id),
      draft jsonb,
      decision jsonb,
      reply text,
      reply_public boolean not null default false,
      submission_count integer not null default 1,
      received_at timestamptz not null default now(),
      accepted_at timestamptz,
      submitted_at timestamptz,
      decided_at timestamptz,
      replied_at timestamptz,
      closed_at timestamptz,
      updated_at timestamptz not null default now()
    )
  `,
  sql`create index opinions_owner_idx on opinions (owner_unit_id, status, received_at desc)`,
  sql`create index opinions_home_idx on opinions (home_id, status)`,
  sql`create index opinions_assignee_idx on opinions (assigned_member_id, status)`,
  sql`create index opinions_status_idx on opinions (status, received_at desc)`,
  sql`create index opinions_duplicate_idx on opinions (content_key, received_at)`,
  sql`
    create table opinion_submissions (
      id uuid primary key default gen_random_uuid(),
      opinion_id uuid not null references opinions (id) on delete cascade,
      tracking_code text not null unique references tracking_codes (code),
      name text,
      phone text,
      contact_consent boolean not null default false,
      channel text not null check (channel in ('online', 'paper', 'in_person', 'phone')),
      entered_by uuid references users (id),
      entered_by_name text,
      created_at timestamptz not null default now(),
      check (phone is null or contact_consent)
    )
  `,
  sql`create index opinion_submissions_opinion_idx on opinion_submissions (opinion_id, created_at)`,
  sql`
    create table opinion_steps (
      id bigserial primary key,
      opinion_id uuid not null references opinions (id) on delete cascade,
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
  sql`create index opinion_steps_opinion_idx on opinion_steps (opinion_id, id)`,
  sql`
    create table citizen_problems (
      id uuid primary key default gen_random_uuid(),
      tracking_code text not null unique references tracking_codes (code),
      opinion_id uuid references opinions (id),
      home_id uuid references homes (id),
      region_code text references regions (code),
      owner_unit_id text not null references org_units (id),
      title text not null,
      description text not null,
      requester_name text,
      requester_phone text,
      contact_consent boolean not null default false,
      handler_member_id uuid references members (id),
      handler_department text,
      actions text,
      result text,
      result_public boolean not null default false,
      status text not null default 'open' check (status in ('open', 'handling', 'resolved')),
      satisfaction smallint check (satisfaction between 1 and 3),
      satisfaction_comment text,
      rated_at timestamptz,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      resolved_at timestamptz,
      updated_at timestamptz not null default now(),
      check (requester_phone is null or contact_consent),
      check (status <> 'resolved' or result is not null)
    )
  `,
  sql`create index citizen_problems_owner_idx on citizen_problems (owner_unit_id, status, created_at desc)`,
  sql`create index citizen_problems_opinion_idx on citizen_problems (opinion_id)`,
  sql`create index citizen_problems_home_idx on citizen_problems (home_id, status)`,
  sql`create index citizen_problems_handler_idx on citizen_problems (handler_member_id, status)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
