import { sql } from 'kysely';
import type { Db } from '../../server/types.js';

/** Who hears about a step: those who answer for the opinion's home (or region), its member, the office. */
export type Audience = 'home' | 'assignee' | 'office';

export interface OpinionNotice {
  opinionId: string;
  homeId: string | null;
  ownerUnitId: string;
  assignedMemberId: string | null;
  title: string;
  body: string;
  /** distinguishes this notice from earlier ones about the same opinion */
  key: string;
}

function recipients(audience: Audience, n: OpinionNotice) {
  if (audience === 'office') return sql`select user_id from user_roles where role = 'office_admin'`;
  if (audience === 'assignee') {
    return sql`select id as user_id from users where member_id = ${n.assignedMemberId}::uuid`;
  }
  if (n.homeId) {
    return sql`
      select u.id as user_id from users u join homes h on h.director_member_id = u.member_id
      where h.id = ${n.homeId}::uuid
      union
      select user_id from user_roles where role = 'home_director' and scope_id = ${n.homeId}`;
  }
  if (n.ownerUnitId !== 'office') {
    return sql`select user_id from user_roles where role = 'district_staff' and scope_id = ${n.ownerUnitId}`;
  }
  return sql`select user_id from user_roles where role = 'office_admin'`;
}

/** One notification per account in the audiences (an account in two of them gets one). */
export async function notifyOpinion(trx: Db, audiences: Audience[], n: OpinionNotice): Promise<void> {
  const sources = audiences.map((a) => recipients(a, n));
  if (sources.length === 0) return;
  await sql`
    insert into notifications (user_id, kind, home_id, title, body, link, dedupe_key)
    select distinct r.user_id, 'opinion', ${n.homeId}::uuid, ${n.title}, ${n.body},
      ${`/opinions/${n.opinionId}`}, ${`opinion:${n.opinionId}:${n.key}`}
    from (${sql.join(sources, sql` union `)}) r
    join users u on u.id = r.user_id and not u.disabled
    on conflict (user_id, dedupe_key) do nothing`.execute(trx);
}
