import { type Kysely, sql } from 'kysely';

/** Running a home: plans, activities and attendance, duty rota, rules, signage, reminders. */
const statements = [
  sql`
    create table home_plans (
      home_id uuid not null references homes (id) on delete cascade,
      year integer not null,
      content text not null,
      submitted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (home_id, year)
    )
  `,
  sql`
    create table home_plan_items (
      id uuid primary key default gen_random_uuid(),
      home_id uuid not null,
      year integer not null,
      title text not null,
      quarter integer not null check (quarter between 1 and 4),
      kind text not null,
      sort integer not null default 0,
      foreign key (home_id, year) references home_plans (home_id, year) on delete cascade
    )
  `,
  sql`create index home_plan_items_plan_idx on home_plan_items (home_id, year, sort)`,
  sql`
    create table home_summaries (
      home_id uuid not null references homes (id) on delete cascade,
      year integer not null,
      content text not null,
      submitted_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (home_id, year)
    )
  `,
  sql`
    create table activities (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      kind text not null,
      function text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      place text,
      status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
      citizen_count integer not null default 0,
      departments text[] not null default '{}',
      summary text,
      outcomes text,
      plan_item_id uuid references home_plan_items (id) on delete set null,
      checkin_code text not null,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )
  `,
  sql`create unique index activities_checkin_code_key on activities (checkin_code)`,
  sql`create index activities_time_idx on activities (starts_at, status)`,
  sql`
    create table activity_hosts (
      activity_id uuid not null references activities (id) on delete cascade,
      home_id uuid not null references homes (id),
      primary key (activity_id, home_id)
    )
  `,
  sql`create index activity_hosts_home_idx on activity_hosts (home_id, activity_id)`,
  sql`
    create table activity_joint_units (
      activity_id uuid not null references activities (id) on delete cascade,
      org_unit_id text not null references org_units (id),
      primary key (activity_id, org_unit_id)
    )
  `,
  sql`
    create table attendance (
      activity_id uuid not null references activities (id) on delete cascade,
      member_id uuid not null references members (id),
      source text not null check (source in ('checkin', 'manual', 'duty')),
      at timestamptz not null default now(),
      recorded_by uuid references users (id),
      primary key (activity_id, member_id)
    )
  `,
  sql`create index attendance_member_idx on attendance (member_id, activity_id)`,
  sql`
    create table duty_shifts (
      id uuid primary key default gen_random_uuid(),
      home_id uuid not null references homes (id) on delete cascade,
      member_id uuid not null references members (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      status text not null default 'scheduled' check (status in ('scheduled', 'served', 'missed', 'cancelled')),
      activity_id uuid references activities (id) on delete set null,
      note text,
      created_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )
  `,
  sql`create index duty_shifts_home_idx on duty_shifts (home_id, starts_at)`,
  sql`create index duty_shifts_member_idx on duty_shifts (member_id, starts_at)`,
  sql`
    create table rules (
      id uuid primary key default gen_random_uuid(),
      home_id uuid references homes (id) on delete cascade,
      title text not null,
      body text not null,
      version text not null,
      effective_on date not null,
      created_by uuid references users (id),
      created_at timestamptz not null default now()
    )
  `,
  sql`create index rules_home_idx on rules (home_id, effective_on)`,
  sql`
    create table rule_postings (
      home_id uuid not null references homes (id) on delete cascade,
      rule_id uuid not null references rules (id) on delete cascade,
      posted_on date not null,
      recorded_by uuid references users (id),
      primary key (home_id, rule_id)
    )
  `,
  sql`
    create table home_signage (
      home_id uuid not null references homes (id) on delete cascade,
      item text not null check (item in ('outdoor_sign', 'member_board', 'rules_board')),
      posted_on date not null,
      photo_id uuid references attachments (id),
      recorded_by uuid references users (id),
      primary key (home_id, item)
    )
  `,
  sql`
    create table notifications (
      id uuid primary key default gen_random_uuid(),
      user_id uuid not null references users (id) on delete cascade,
      kind text not null,
      home_id uuid references homes (id) on delete cascade,
      title text not null,
      body text,
      link text,
      dedupe_key text not null,
      created_at timestamptz not null default now(),
      read_at timestamptz
    )
  `,
  sql`create unique index notifications_dedupe_key on notifications (user_id, dedupe_key)`,
  sql`create index notifications_user_idx on notifications (user_id, read_at, created_at desc)`,
  sql`
    create table job_runs (
      job text not null,
      period text not null,
      claimed_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (job, period)
    )
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
