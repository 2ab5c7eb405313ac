import { type Kysely, sql } from 'kysely';

/**
 * Support and supervision: the duty funds ledger, staff training, and the summaries the
 * dashboards read (materialised views, refreshed concurrently by the hourly job and on demand).
 */
const statements = [
  // every movement of money is a row; nothing is edited: a correction is a reversing row
  sql`
    create table fund_entries (
      id uuid primary key default gen_random_uuid(),
      home_id uuid not null references homes (id),
      year integer not null,
      kind text not null check (kind in ('allocation', 'expenditure')),
      amount_fen bigint not null,
      category text check (category in ('venue', 'equipment', 'activity', 'printing', 'training', 'other')),
      occurred_on date not null,
      description text not null,
      activity_id uuid references activities (id),
      receipt_attachment_id uuid references attachments (id),
      status text not null default 'approved' check (status in ('pending', 'approved', 'rejected')),
      reverses_id uuid references fund_entries (id),
      reversed_by_id uuid references fund_entries (id),
      created_by uuid references users (id),
      created_by_name text,
      created_at timestamptz not null default now(),
      decided_by uuid references users (id),
      decided_at timestamptz,
      decision_note text,
      check (kind <> 'expenditure' or category is not null or reverses_id is not null),
      check (amount_fen <> 0)
    )
  `,
  sql`create index fund_entries_home_idx on fund_entries (home_id, year, created_at)`,
  sql`create index fund_entries_status_idx on fund_entries (status) where status = 'pending'`,
  sql`create unique index fund_entries_reverses_key on fund_entries (reverses_id) where reverses_id is not null`,
  sql`
    create table trainings (
      id uuid primary key default gen_random_uuid(),
      title text not null,
      organiser_unit_id text not null references org_units (id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      place text,
      description text,
      status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
      checkin_code text not null unique,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at)
    )
  `,
  sql`create index trainings_starts_idx on trainings (starts_at desc)`,
  sql`
    create table training_enrolments (
      training_id uuid not null references trainings (id) on delete cascade,
      user_id uuid not null references users (id),
      attended_at timestamptz,
      source text check (source in ('checkin', 'manual')),
      enrolled_at timestamptz not null default now(),
      primary key (training_id, user_id)
    )
  `,
  sql`create index training_enrolments_user_idx on training_enrolments (user_id)`,
  // activities held, per owner unit, month and kind: what the dashboards chart
  sql`
    create materialized view activity_month_stats as
      select h.owner_unit_id, h.level,
        date_trunc('month', a.starts_at at time zone 'Asia/Shanghai')::date as month,
        a.kind, a.function, count(distinct a.id)::int as held, coalesce(sum(a.citizen_count), 0)::bigint as citizens
      from activities a
      join activity_hosts ah on ah.activity_id = a.id
      join homes h on h.id = ah.home_id
      where a.status = 'held'
      group by h.owner_unit_id, h.level, 3, a.kind, a.function
  `,
  sql`create unique index activity_month_stats_key on activity_month_stats (owner_unit_id, level, month, kind, function)`,
  // held activities per home and quarter: compliance at a glance
  sql`
    create materialized view home_quarter_stats as
      select ah.home_id,
        date_trunc('quarter', a.starts_at at time zone 'Asia/Shanghai')::date as quarter,
        count(*)::int as held
      from activities a join activity_hosts ah on ah.activity_id = a.id
      where a.status = 'held'
      group by ah.home_id, 2
  `,
  sql`create unique index home_quarter_stats_key on home_quarter_stats (home_id, quarter)`,
  sql`create index home_quarter_stats_quarter_idx on home_quarter_stats (quarter, home_id)`,
  sql`create table stats_refreshes (name text primary key, refreshed_at timestamptz not null)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
