import { type Kysely, sql } from 'kysely';

/**
 * Stored figures follow their sources within a minute: every statement that changes a source of
 * the duty records or of the dashboards' summaries notes it here (a row per statement, appended,
 * so concurrent writers never wait on each other), and the per-minute jobs rebuild a figure only
 * when something was noted since its last rebuild.
 */
const SOURCES: Record<string, string[]> = {
  'duty-records': [
    'activities',
    'attendance',
    'opinions',
    'opinion_steps',
    'proposals',
    'proposal_members',
    'research_reports',
    'research_report_members',
    'trainings',
    'training_enrolments',
    'citizen_problems',
    'duty_adjustments',
    'point_rulesets',
    'members',
  ],
  stats: ['activities', 'activity_hosts', 'homes', 'opinions', 'fund_entries'],
};

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table figure_changes (
      id bigserial primary key,
      figure text not null,
      at timestamptz not null default now()
    )`.execute(db);
  await sql`create index figure_changes_figure on figure_changes (figure, id)`.execute(db);
  // each figure is built once to begin with, whatever its sources hold
  await sql`insert into figure_changes (figure) values ('duty-records'), ('stats')`.execute(db);
  await sql`
    create function note_figure_change() returns trigger language plpgsql as $$
    begin
      insert into figure_changes (figure) select unnest(tg_argv);
      return null;
    end $$`.execute(db);
  const tables = [...new Set(Object.values(SOURCES).flat())].sort();
  for (const table of tables) {
    const figures = Object.keys(SOURCES).filter((f) => SOURCES[f]!.includes(table));
    await sql`
      create trigger ${sql.id(`${table}_figure_changes`)}
      after insert or update or delete on ${sql.table(table)}
      for each statement execute function note_figure_change(${sql.join(figures.map((f) => sql.lit(f)))})`.execute(
      db,
    );
  }
}
