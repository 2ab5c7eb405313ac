import { sql } from 'kysely';
import type { Db } from '../../../db/schema.js';
import { OPINION_DEADLINES, UNANSWERED_STATUSES } from '../../../domain/opinion-workflow.js';

const { acceptDays, replyDays } = OPINION_DEADLINES;
const OVERDUE_TEXT = {
  acceptTitle: '群众意见超期未受理',
  acceptBody: `已超过 ${acceptDays} 日未受理，请尽快指派委员。`,
  replyTitle: `群众意见超过 ${replyDays} 天未答复`,
  replyBody: `已超过 ${replyDays} 日未答复群众，请督办。`,
};

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
export async function insertOpinionNotices(trx: Db, audiences: Audience[], n: OpinionNotice): Promise<void> {
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

/**
 * Notices of opinions received before `acceptBy` and still not accepted, to those who answer for
 * their home (or region), and of those received before `replyBy` and still unanswered, to the
 * office; each once per account. Returns how many were sent.
 */
export async function insertOverdueOpinionNotices(
  trx: Db,
  { acceptBy, replyBy }: { acceptBy: Date; replyBy: Date },
): Promise<number> {
  const result = await sql<{ id: string }>`
    with late as (
      select o.id, o.title, o.home_id, 'accept_overdue' as flag, r.user_id
      from opinions o
      join lateral (
        select u.id as user_id from homes h join users u on u.member_id = h.director_member_id
          where h.id = o.home_id
        union
        select ur.user_id from user_roles ur
          where ur.role = 'home_director' and ur.scope_id = o.home_id::text
        union
        select ur.user_id from user_roles ur
          where o.home_id is null and ur.role = 'district_staff' and ur.scope_id = o.owner_unit_id
        union
        select ur.user_id from user_roles ur
          where o.home_id is null and o.owner_unit_id = 'office' and ur.role = 'office_admin'
      ) r on true
      where o.status = 'received' and o.received_at < ${acceptBy}
      union all
      select o.id, o.title, o.home_id, 'unanswered_90', ur.user_id
      from opinions o join user_roles ur on ur.role = 'office_admin'
      where o.status = any(${UNANSWERED_STATUSES}::text[]) and o.received_at < ${replyBy}
    )
    insert into notifications (user_id, kind, home_id, title, body, link, dedupe_key)
    select distinct on (late.user_id, late.id, late.flag) late.user_id, 'opinion', late.home_id,
      case when late.flag = 'accept_overdue' then ${OVERDUE_TEXT.acceptTitle}::text
        else ${OVERDUE_TEXT.replyTitle}::text end,
      '“' || late.title || '”' || case when late.flag = 'accept_overdue'
        then ${OVERDUE_TEXT.acceptBody}::text else ${OVERDUE_TEXT.replyBody}::text end,
      '/opinions/' || late.id, 'opinion:' || late.id || ':' || late.flag
    from late join users u on u.id = late.user_id and not u.disabled
    on conflict (user_id, dedupe_key) do nothing
    returning id`.execute(trx);
  return result.rows.length;
}
