import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';
import { heldColumns, heldPerQuarter } from './compliance.js';
import { documentOfHome } from './plans-summaries.js';

/** A notification to send about a home; the key makes it arrive once per account. */
export interface Reminder {
  homeId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
}

/**
 * Every operating home with its held activities per quarter of the year and whether it has the
 * year's plan and summary.
 */
export function operatingHomesOfYear(db: Db, year: number) {
  return db
    .selectFrom('homes')
    .where('homes.status', '=', 'operating')
    .leftJoin(heldPerQuarter(db, year), 'held.homeId', 'homes.id')
    .select((eb) => [
      'homes.id',
      'homes.name',
      'homes.plaqueAwardedOn',
      ...heldColumns,
      eb.exists(documentOfHome(eb, 'plan', year)).as('hasPlan'),
      eb.exists(documentOfHome(eb, 'summary', year)).as('hasSummary'),
    ])
    .orderBy('homes.id')
    .execute();
}

/**
 * Inserts the reminders for their recipients (see `sendReminders`) in one statement, skipping
 * disabled accounts and those that already have the key; returns how many were created.
 */
export async function insertReminders(db: Db, reminders: Reminder[], staff: boolean): Promise<number> {
  const staffRecipients = staff
    ? sql`
      union
      select c.home_id, ur.user_id
      from c
      join homes h on h.id = c.home_id
      join user_roles ur on ur.scope_id = h.owner_unit_id
        and ur.role = case when h.level = 'district' then 'district_staff' else 'committee_staff' end`
    : sql``;
  const rows = reminders.map((r) => ({
    home_id: r.homeId,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    dedupe_key: r.dedupeKey,
  }));
  const result = await sql<{ id: string }>`
    with c as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as c(home_id uuid, kind text, title text, body text, link text, dedupe_key text)
    ),
    r as (
      select c.home_id, u.id as user_id
      from c
      join homes h on h.id = c.home_id
      join users u on u.member_id = h.director_member_id
      union
      select c.home_id, ur.user_id
      from c
      join user_roles ur on ur.role = 'home_director' and ur.scope_id = c.home_id::text
      ${staffRecipients}
    )
    insert into notifications (user_id, kind, home_id, title, body, link, dedupe_key)
    select r.user_id, c.kind, c.home_id, c.title, c.body, c.link, c.dedupe_key
    from c
    join r on r.home_id = c.home_id
    join users u on u.id = r.user_id and not u.disabled
    on conflict (user_id, dedupe_key) do nothing
    returning id`.execute(db);
  return result.rows.length;
}
