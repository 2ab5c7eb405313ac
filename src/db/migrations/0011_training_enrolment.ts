import { type Kysely, sql } from 'kysely';

/**
 * Self-enrolment in training: a session says whom it is open to (only those its organisers enrol,
 * the members of its area, or everyone in its area) and how many places it has; an enrolment
 * says whether the trainee made it themselves (they may then withdraw before the start).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table trainings
      add column audience text not null default 'invited' check (audience in ('invited', 'members', 'all')),
      add column capacity integer check (capacity is null or capacity > 0)
  `.execute(db);
  await sql`alter table training_enrolments add column self_enrolled boolean not null default false`.execute(
    db,
  );
}
