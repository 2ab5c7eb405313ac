import { type Kysely, sql } from 'kysely';

/**
 * Each fund entry carries its home's level and owning unit, kept by the database: set from the
 * home when the entry is written, and followed when a home changes level or unit. Who decides a
 * waiting expenditure depends on exactly these two (funds/policy.ts), so the approvals count —
 * the office's needs-attention list asks it on every load — reads the pending entries' index
 * alone instead of looking up the home of each of thousands of entries.
 */
const statements = [
  sql`alter table fund_entries add column home_level text, add column owner_unit_id text`,
  sql`
    update fund_entries set home_level = homes.level, owner_unit_id = homes.owner_unit_id
    from homes where homes.id = fund_entries.home_id
  `,
  sql`alter table fund_entries alter column home_level set not null, alter column owner_unit_id set not null`,
  sql`
    create function fund_entry_home_copy() returns trigger language plpgsql as $$
    begin
      select level, owner_unit_id into new.home_level, new.owner_unit_id from homes where id = new.home_id;
      return new;
    end $$
  `,
  // also on an update that names the columns: a writer cannot set them otherwise than the home has them
  sql`
    create trigger fund_entries_home_copy before insert or update of home_id, home_level, owner_unit_id
    on fund_entries for each row execute function fund_entry_home_copy()
  `,
  sql`
    create function home_fund_owner_follow() returns trigger language plpgsql as $$
    begin
      update fund_entries set home_level = new.level, owner_unit_id = new.owner_unit_id where home_id = new.id;
      return null;
    end $$
  `,
  sql`
    create trigger homes_fund_owner_follow after update of level, owner_unit_id on homes
    for each row when (old.level is distinct from new.level or old.owner_unit_id is distinct from new.owner_unit_id)
    execute function home_fund_owner_follow()
  `,
  // the pending entries by who decides them: counted by groups from the index alone
  sql`
    create index fund_entries_pending_owner_idx on fund_entries (home_level, owner_unit_id, created_by)
      where status = 'pending'
  `,
  // the approvals list, in its order, tells whose each entry is without a visit to the table
  sql`
    create index fund_entries_pending_list_idx on fund_entries (created_at, id)
      include (home_id, created_by, home_level, owner_unit_id) where status = 'pending'
  `,
  sql`drop index fund_entries_pending_idx`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
