import { type Kysely, sql } from 'kysely';

/** Indexes for running a home: plan items' activities, and one version of a rule per title. */
const statements = [
  // a plan lists the activities linked to its items; deleting an item clears those links
  sql`create index activities_plan_item_idx on activities (plan_item_id) where plan_item_id is not null`,
  // a rule (unified, or one home's own) has each version once
  sql`create unique index rules_version_key on rules (coalesce(home_id::text, ''), title, version)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
