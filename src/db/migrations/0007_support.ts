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
  // per owner unit: homes by status and kind, with this and last quarter's compliance (as of the refresh)
  sql`
    create materialized view home_unit_stats as
      with q as (
        select date_trunc('quarter', now() at time zone 'Asia/Shanghai')::date as cur,
          (date_trunc('quarter', now() at time zone 'Asia/Shanghai') - interval '3 months')::date as prev
      )
      select h.owner_unit_id, h.status, h.kind, count(*)::int as homes,
        count(*) filter (where h.status = 'operating'
          and (h.plaque_awarded_on is null or h.plaque_awarded_on < q.cur + interval '3 months'))::int as operating_now,
        count(*) filter (where h.status = 'operating'
          and (h.plaque_awarded_on is null or h.plaque_awarded_on < q.cur + interval '3 months')
          and cs.home_id is not null)::int as met_now,
        count(*) filter (where h.status = 'operating'
          and (h.plaque_awarded_on is null or h.plaque_awarded_on < q.cur))::int as operating_prev,
        count(*) filter (where h.status = 'operating'
          and (h.plaque_awarded_on is null or h.plaque_awarded_on < q.cur) and ps.home_id is not null)::int as met_prev,
        min(q.cur) as quarter
      from homes h cross join q
      left join home_quarter_stats cs on cs.home_id = h.id and cs.quarter = q.cur and cs.held > 0
      left join home_quarter_stats ps on ps.home_id = h.id and ps.quarter = q.prev and ps.held > 0
      group by h.owner_unit_id, h.status, h.kind
  `,
  sql`create unique index home_unit_stats_key on home_unit_stats (owner_unit_id, status, kind)`,
  // per owner unit and year of receipt; the overdue counts are as of the refresh
  sql`
    create materialized view opinion_unit_stats as
      select owner_unit_id, extract(year from received_at at time zone 'Asia/Shanghai')::int as year,
        count(*)::int as received,
        count(*) filter (where decision->>'kind' in ('adopted', 'instructed') or decision ? 'level')::int as adopted,
        count(*) filter (where replied_at is not null)::int as replied,
        count(*) filter (where status not in ('replied', 'closed'))::int as open,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '30 days')::int as overdue30,
        count(*) filter (where status not in ('replied', 'closed') and received_at < now() - interval '90 days')::int as overdue90
      from opinions
      group by 1, 2
  `,
  sql`create unique index opinion_unit_stats_key on opinion_unit_stats (owner_unit_id, year)`,
  sql`
    create materialized view fund_unit_stats as
      select h.owner_unit_id, e.year,
        coalesce(sum(e.amount_fen) filter (where e.kind = 'allocation' and e.status = 'approved'), 0)::bigint as allocated,
        coalesce(sum(e.amount_fen) filter (where e.kind = 'expenditure' and e.status = 'approved'), 0)::bigint as spent,
        coalesce(sum(e.amount_fen) filter (where e.kind = 'expenditure' and e.status = 'pending'), 0)::bigint as pending
      from fund_entries e join homes h on h.id = e.home_id
      group by 1, 2
  `,
  sql`create unique index fund_unit_stats_key on fund_unit_stats (owner_unit_id, year)`,
  // per home and year: what the needs-attention list reads for homes running out of money
  sql`
    create materialized view fund_home_stats as
      select home_id, year,
        coalesce(sum(amount_fen) filter (where kind = 'allocation' and status = 'approved'), 0)::bigint as allocated,
        coalesce(sum(amount_fen) filter (where kind = 'expenditure' and status in ('approved', 'pending')), 0)::bigint as used
      from fund_entries
      group by home_id, year
  `,
  sql`create unique index fund_home_stats_key on fund_home_stats (home_id, year)`,
  sql`create index fund_home_stats_low_idx on fund_home_stats (year) where used * 10 >= allocated * 9 and allocated > 0`,
  sql`
    create materialized view township_coverage as
      select r.code, r.parent_code,
        exists (select 1 from homes h where h.kind in ('township', 'village') and h.status = 'operating'
          and h.region_code like r.code || '%') as covered
      from regions r
      where r.level = 'township' and not r.is_dev_zone
  `,
  sql`create unique index township_coverage_key on township_coverage (code)`,
  sql`create table stats_refreshes (name text primary key, refreshed_at timestamptz not null)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
