import { type Kysely, sql } from 'kysely';

/**
 * Indexes for the needs-attention list at national scale: each part's first rows are read in the
 * order the list shows them, so a part stops after its first few rows instead of sorting every
 * match, and the counts read an index alone wherever they can.
 */
const statements = [
  // operating homes by name: those without a plan, those whose quarter is at risk (the plaque
  // date decides whether a home counts yet, without a visit to the table)
  sql`
    create index homes_operating_name_idx on homes (name, id) include (plaque_awarded_on)
      where status = 'operating'
  `,
  // unanswered opinions, oldest first: the overdue ones (the statuses of UNANSWERED_STATUSES as
  // they are now; were that list to change, the index would stop serving, never answer wrong)
  sql`
    create index opinions_unanswered_idx on opinions (received_at, status)
      where status in ('received', 'accepted', 'drafted', 'submitted', 'adopted', 'forwarded', 'instructed', 'not_adopted')
  `,
  // the opinion queues by status (their tabs, the menu badge, this list): counted from the index
  // alone; the queues' query joins each opinion's home, so the home's id is in it too
  sql`create index opinions_status_home_idx on opinions (status, home_id)`,
  // expenditures waiting for a decision, in the order the approvals list shows them; how many
  // wait for whom is counted from the index alone (the home and who booked each)
  sql`
    create index fund_entries_pending_idx on fund_entries (created_at, id) include (home_id, created_by)
      where status = 'pending'
  `,
  // it replaces migration 0007's index of pending entries: whatever read that one reads this one
  sql`drop index fund_entries_status_idx`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of statements) await statement.execute(db);
}
