import { type Kysely, sql } from 'kysely';

/**
 * Members' outputs (提案, 调研报告), the duty record 履职档案 with its points rules, and the annual
 * evaluation of homes with its commendations.
 */
const statements = [
  sql`
    create table proposals (
      id uuid primary key default gen_random_uuid(),
      year integer not null,
      number text,
      title text not null,
      status text not null default 'pending' check (status in ('pending', 'filed', 'not_filed')),
      submitted_on date not null,
      decided_on date,
      handling_result text,
      home_id uuid references homes (id),
      activity_id uuid references activities (id),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  sql`create index proposals_year_idx on proposals (year, submitted_on desc)`,
  sql`
    create table proposal_members (
      proposal_id uuid not null references proposals (id) on delete cascade,
      member_id uuid not null references members (id),
      role text not null check (role in ('lead', 'cosigner')),
      primary key (proposal_id, member_id)
    )
  `,
  sql`create index proposal_members_member_idx on proposal_members (member_id)`,
  sql`
    create table research_reports (
      id uuid primary key default gen_random_uuid(),
      year integer not null,
      title text not null,
      summary text,
      completed_on date not null,
      home_id uuid references homes (id),
      activity_id uuid references activities (id),
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )
  `,
  sql`create index research_reports_year_idx on research_reports (year, completed_on desc)`,
  sql`
    create table research_report_members (
      report_id uuid not null references research_reports (id) on delete cascade,
      member_id uuid not null references members (id),
      primary key (report_id, member_id)
    )
  `,
  sql`create index research_report_members_member_idx on research_report_members (member_id)`,
  // a set of points rules applies from its year until the next set's year
  sql`
    create table point_rulesets (
      valid_from_year integer primary key,
      note text,
      saved_by uuid references users (id),
      saved_at timestamptz not null default now()
    )
  `,
  sql`
    create table point_categories (
      valid_from_year integer not null references point_rulesets (valid_from_year) on delete cascade,
      category text not null,
      label text not null,
      cap integer check (cap >= 0),
      sort integer not null default 0,
      primary key (valid_from_year, category)
    )
  `,
  sql`
    create table point_rules (
      valid_from_year integer not null,
      item text not null,
      category text not null,
      label text not null,
      points integer not null check (points >= 0),
      unit text not null,
      cap integer check (cap >= 0),
      sort integer not null default 0,
      primary key (valid_from_year, item),
      foreign key (valid_from_year, category) references point_categories (valid_from_year, category)
        on delete cascade
    )
  `,
  sql`
    create table duty_years (
      year integer primary key,
      closed_at timestamptz,
      closed_by uuid references users (id),
      computed_at timestamptz
    )
  `,
  // the stored record of every member and year: rebuilt while the year is open, frozen once closed
  sql`
    create table duty_entries (
      year integer not null,
      member_id uuid not null references members (id),
      item text not null,
      category text not null,
      source_type text not null,
      source_id text not null,
      occurred_on date not null,
      title text not null,
      raw_points integer not null,
      points integer not null,
      adjustment_id uuid,
      primary key (year, member_id, item, source_id)
    )
  `,
  sql`
    create table duty_totals (
      year integer not null,
      member_id uuid not null references members (id),
      points integer not null,
      entries integer not null,
      primary key (year, member_id)
    )
  `,
  sql`create index duty_totals_rank_idx on duty_totals (year, points desc, member_id)`,
  sql`
    create table duty_adjustments (
      id uuid primary key default gen_random_uuid(),
      member_id uuid not null references members (id),
      year integer not null,
      item text not null,
      source_id text,
      title text,
      occurred_on date,
      points integer not null check (points >= 0),
      reason text not null,
      created_by uuid references users (id),
      created_by_name text,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_by uuid references users (id),
      revoke_reason text
    )
  `,
  sql`create index duty_adjustments_member_idx on duty_adjustments (member_id, year)`,
  sql`
    create table duty_flags (
      id uuid primary key default gen_random_uuid(),
      member_id uuid not null references members (id),
      year integer not null,
      description text not null,
      status text not null default 'open' check (status in ('open', 'resolved', 'rejected')),
      response text,
      created_at timestamptz not null default now(),
      resolved_by uuid references users (id),
      resolved_at timestamptz
    )
  `,
  sql`create index duty_flags_member_idx on duty_flags (member_id, year)`,
  sql`create index duty_flags_status_idx on duty_flags (status, created_at)`,
  // sources of the record, by date
  sql`create index opinions_submitted_idx on opinions (submitted_at) where submitted_at is not null`,
  sql`create index opinion_steps_action_idx on opinion_steps (action, at)`,
  sql`create index citizen_problems_resolved_idx on citizen_problems (resolved_at) where resolved_at is not null`,
  sql`
    create table evaluation_rounds (
      id uuid primary key default gen_random_uuid(),
      year integer not null,
      level text not null check (level in ('municipal', 'district')),
      owner_unit_id text not null references org_units (id),
      title text not null,
      status text not null default 'open' check (status in ('open', 'reviewing', 'confirmed', 'published')),
      rubric jsonb not null,
      revision integer not null default 1,
      revision_reason text,
      member_quota integer not null default 10,
      created_by uuid references users (id),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (year, owner_unit_id)
    )
  `,
  sql`
    create table evaluation_reviewers (
      round_id uuid not null references evaluation_rounds (id) on delete cascade,
      user_id uuid not null references users (id),
      primary key (round_id, user_id)
    )
  `,
  sql`
    create table evaluation_homes (
      round_id uuid not null references evaluation_rounds (id) on delete cascade,
      home_id uuid not null references homes (id),
      self_summary text,
      submitted_at timestamptz,
      computed jsonb,
      facts jsonb,
      total integer,
      grade text,
      rank integer,
      commended boolean not null default false,
      primary key (round_id, home_id)
    )
  `,
  sql`
    create table evaluation_scores (
      round_id uuid not null references evaluation_rounds (id) on delete cascade,
      home_id uuid not null references homes (id),
      reviewer_id uuid not null references users (id),
      item text not null,
      score integer not null check (score >= 0),
      comment text,
      updated_at timestamptz not null default now(),
      primary key (round_id, home_id, reviewer_id, item)
    )
  `,
  sql`
    create table evaluation_member_commendations (
      round_id uuid not null references evaluation_rounds (id) on delete cascade,
      member_id uuid not null references members (id),
      points integer not null,
      rank integer not null,
      confirmed boolean not null default false,
      primary key (round_id, member_id)
    )
  `,
  // what was published, per revision: frozen
  sql`
    create table evaluation_publications (
      round_id uuid not null references evaluation_rounds (id) on delete cascade,
      revision integer not null,
      reason text,
      published_by uuid references users (id),
      published_at timestamptz not null default now(),
      results jsonb not null,
      primary key (round_id, revision)
    )
  `,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
