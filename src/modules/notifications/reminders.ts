import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from 'kysely';
import { beijingDate, type Quarter, quarterDueOn, quarterOf, yearOf } from '../../domain/calendar.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { refreshStatsHourly } from '../dashboard/service.js';
import { heldPerQuarter, quarterStates } from '../operations/compliance.js';
import { remindOverdueOpinions } from '../opinions/notify.js';
import { refreshDutyRecords } from '../records/compute.js';

export type ReminderKind = 'plan' | 'summary' | 'quarter';

/** The notification kinds the UI knows. */
export const NOTIFICATION_KIND: Record<ReminderKind, string> = {
  plan: 'plan_due',
  summary: 'summary_due',
  quarter: 'quarter_at_risk',
};

export interface Reminder {
  homeId: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  dedupeKey: string;
}

/** One reminder for one home and period; the key makes it arrive once per account. */
export function reminderFor(
  kind: ReminderKind,
  home: { id: string; name: string },
  year: number,
  quarter?: Quarter,
): Reminder {
  const link = `/homes/${home.id}`;
  const base = { homeId: home.id, kind: NOTIFICATION_KIND[kind], link };
  if (kind === 'plan') {
    return {
      ...base,
      title: `请提交 ${year} 年度工作计划`,
      body: `${home.name}尚未提交 ${year} 年度工作计划，请于 ${year} 年 1 月 31 日前提交。`,
      dedupeKey: `plan:${home.id}:${year}`,
    };
  }
  if (kind === 'summary') {
    return {
      ...base,
      title: `请提交 ${year} 年度工作总结`,
      body: `${home.name}尚未提交 ${year} 年度工作总结，请于 ${year} 年 12 月 31 日前提交（最迟 ${year + 1} 年 1 月 31 日）。`,
      dedupeKey: `summary:${home.id}:${year}`,
    };
  }
  const q = quarter ?? 1;
  return {
    ...base,
    title: `${year} 年第 ${q} 季度尚未开展活动`,
    body: `${home.name}本季度还没有已举办的活动，请在 ${quarterDueOn(year, q)} 前至少开展一次活动。`,
    dedupeKey: `quarter:${home.id}:${year}-Q${q}`,
  };
}

/**
 * Sends reminders in one statement: to the accounts that direct each home (a home_director role
 * for it, or the account of its director member) and, with `staff`, to the staff of its owner
 * (district_staff of a district home, committee_staff of a municipal home's unit). An account
 * that already has a reminder with the same key is skipped. Returns how many were created.
 */
export async function sendReminders(db: Db, reminders: Reminder[], staff: boolean): Promise<number> {
  if (reminders.length === 0) return 0;
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

/** A reminder sent by hand from the compliance page: to the home's director accounts, every time. */
export function manualReminder(kind: ReminderKind, home: { id: string; name: string }, now: Date): Reminder {
  const today = beijingDate(now);
  const year = yearOf(now);
  // in January the summary still due is last year's
  const reminder =
    kind === 'quarter'
      ? reminderFor(kind, home, year, quarterOf(now).quarter)
      : reminderFor(kind, home, kind === 'summary' && today.slice(5, 7) === '01' ? year - 1 : year);
  return { ...reminder, dedupeKey: `manual:${reminder.dedupeKey}:${randomUUID()}` };
}

/** What is due now: plans in January, summaries in December, and quarters at risk. */
async function dueReminders(db: Db, now: Date): Promise<Reminder[]> {
  const year = yearOf(now);
  const month = Number(beijingDate(now).slice(5, 7));
  const { quarter } = quarterOf(now);
  const homes = await db
    .selectFrom('homes')
    .where('homes.status', '=', 'operating')
    .leftJoin(heldPerQuarter(db, year), 'held.homeId', 'homes.id')
    .select((eb) => [
      'homes.id',
      'homes.name',
      'homes.plaqueAwardedOn',
      sql<number>`coalesce(held.q1, 0)`.as('q1'),
      sql<number>`coalesce(held.q2, 0)`.as('q2'),
      sql<number>`coalesce(held.q3, 0)`.as('q3'),
      sql<number>`coalesce(held.q4, 0)`.as('q4'),
      eb
        .exists(
          eb
            .selectFrom('homePlans')
            .select('homePlans.homeId')
            .whereRef('homePlans.homeId', '=', 'homes.id')
            .where('homePlans.year', '=', year),
        )
        .as('hasPlan'),
      eb
        .exists(
          eb
            .selectFrom('homeSummaries')
            .select('homeSummaries.homeId')
            .whereRef('homeSummaries.homeId', '=', 'homes.id')
            .where('homeSummaries.year', '=', year),
        )
        .as('hasSummary'),
    ])
    .orderBy('homes.id')
    .execute();
  const due: Reminder[] = [];
  for (const home of homes) {
    if (month === 1 && !home.hasPlan) due.push(reminderFor('plan', home, year));
    if (month === 12 && !home.hasSummary) due.push(reminderFor('summary', home, year));
    const states = quarterStates(year, now, home.plaqueAwardedOn, {
      1: home.q1,
      2: home.q2,
      3: home.q3,
      4: home.q4,
    });
    if (states[quarter - 1]?.state === 'at_risk') due.push(reminderFor('quarter', home, year, quarter));
  }
  return due;
}

/** The job's period: the Beijing hour, 'YYYY-MM-DDTHH'. */
export const reminderPeriod = (now: Date) =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 13);

const SYSTEM: Who = { actor: null, ip: null };

/**
 * The hourly reminders job. The hour is claimed in job_runs first, so of several instances (or
 * overlapping runs) only one does the work; the dedupe keys make a reminder arrive once even
 * across hours.
 */
export async function runReminders(
  db: Db,
  now: Date,
): Promise<{ claimed: boolean; period: string; notified: number }> {
  const period = reminderPeriod(now);
  const claim = await db
    .insertInto('jobRuns')
    .values({ job: 'reminders', period })
    .onConflict((oc) => oc.columns(['job', 'period']).doNothing())
    .returning('period')
    .executeTakeFirst();
  if (!claim) return { claimed: false, period, notified: 0 };
  const due = await dueReminders(db, now);
  const notified = await db.transaction().execute(async (trx) => {
    const created = (await sendReminders(trx, due, true)) + (await remindOverdueOpinions(trx, now));
    await trx
      .updateTable('jobRuns')
      .set({ finishedAt: sql`now()` })
      .where('job', '=', 'reminders')
      .where('period', '=', period)
      .execute();
    if (created > 0) {
      await recordAudit(trx, SYSTEM, {
        action: 'reminders.run',
        objectType: 'job',
        objectId: period,
        after: { due: due.length, notified: created },
      });
    }
    return created;
  });
  return { claimed: true, period, notified };
}

export const REMINDER_FIRST_DELAY_MS = 10_000;
export const REMINDER_INTERVAL_MS = 3600_000;

/**
 * Runs the reminders 10 s after start and then hourly; the timers do not keep the process
 * alive. `stop()` cancels them and waits for a run in progress.
 */
export function startReminderSchedule(
  db: Db,
  log: Pick<FastifyBaseLogger, 'info' | 'error'>,
  options: { firstDelayMs?: number; intervalMs?: number } = {},
): { stop(): Promise<void> } {
  let stopped = false;
  let running: Promise<void> | null = null;
  let interval: NodeJS.Timeout | undefined;
  const tick = () => {
    if (stopped || running) return;
    const now = new Date();
    running = runReminders(db, now)
      .then(async (result) => {
        if (result.claimed) log.info(result, '提醒任务已运行');
        // the stored duty records (lists, rankings) follow what happened in the last hour
        const records = await refreshDutyRecords(db, now);
        if (records.claimed) log.info(records, '履职档案已重新统计');
        const stats = await refreshStatsHourly(db, now);
        if (stats.claimed) log.info(stats, '看板汇总已刷新');
      })
      .catch((err: unknown) => log.error({ err }, '提醒任务失败'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(() => {
    tick();
    interval = setInterval(tick, options.intervalMs ?? REMINDER_INTERVAL_MS);
    interval.unref();
  }, options.firstDelayMs ?? REMINDER_FIRST_DELAY_MS);
  first.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(interval);
      await running;
    },
  };
}
