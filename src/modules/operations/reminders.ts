import { randomUUID } from 'node:crypto';
import { beijingDate, type Quarter, quarterDueOn, quarterOf, yearOf } from '../../domain/calendar.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { remindOverdueOpinions } from '../opinions/notify.js';
import { quarterStates } from './presenter.js';
import { insertReminders, operatingHomesOfYear, type Reminder } from './repo/reminders.js';

export type ReminderKind = 'plan' | 'summary' | 'quarter';

/** The notification kinds the UI knows. */
export const NOTIFICATION_KIND: Record<ReminderKind, string> = {
  plan: 'plan_due',
  summary: 'summary_due',
  quarter: 'quarter_at_risk',
};

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
  return insertReminders(db, reminders, staff);
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
  const homes = await operatingHomesOfYear(db, year);
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
 * The hourly reminders job, run by the job queue (`server/jobs.ts`). The dedupe keys make a
 * reminder arrive once, however often the job runs or is retried.
 */
export async function runReminders(db: Db, now: Date): Promise<{ period: string; notified: number }> {
  const period = reminderPeriod(now);
  const due = await dueReminders(db, now);
  const notified = await db.transaction().execute(async (trx) => {
    const created = (await sendReminders(trx, due, true)) + (await remindOverdueOpinions(trx, now));
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
  return { period, notified };
}
