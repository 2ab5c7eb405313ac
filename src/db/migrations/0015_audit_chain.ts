import { type Kysely, sql } from 'kysely';

/**
 * 安全审计 (GB/T 22239-2019 §8.1.4.3): the audit trail made tamper-evident. Each audit row gets a
 * seal, in the order the sealer takes committed rows: `hash` is sha256 over the previous seal's
 * hash, the seal's number and the row's fields, so a changed or removed row breaks the chain.
 * The seals are written after the business transactions commit (a job, and before every
 * verification), never inside them, so no transaction waits on another for its audit row.
 * `seq` is given by the sealer (1, 2, 3 … with no gaps) under an advisory lock, so a removed
 * seal shows as a gap. Both tables refuse UPDATE, DELETE and TRUNCATE; a server install grants the
 * runtime role only SELECT and INSERT on them (README, server install).
 *
 * That runtime role owns no table, and only a materialized view's owner may refresh it: the
 * summaries are refreshed through `refresh_summary`, which runs as the owner, for the summaries
 * alone.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table audit_seals (
      seq bigint primary key,
      audit_id bigint not null unique,
      hash text not null,
      sealed_at timestamptz not null default now()
    )
  `.execute(db);
  await sql`
    create function append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only', tg_table_name;
    end $$
  `.execute(db);
  await sql`
    create trigger audit_seals_no_update before update or delete on audit_seals
      for each row execute function append_only()
  `.execute(db);
  await sql`
    create trigger audit_seals_no_truncate before truncate on audit_seals
      for each statement execute function append_only()
  `.execute(db);
  await sql`
    create function refresh_summary(view_name text) returns void
      language plpgsql security definer set search_path = public as $$
    begin
      if not exists (select 1 from pg_matviews where schemaname = 'public' and matviewname = view_name) then
        raise exception 'no summary named %', view_name;
      end if;
      execute format('refresh materialized view concurrently public.%I', view_name);
    end $$
  `.execute(db);
  await sql`
    create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function append_only()
  `.execute(db);
}
