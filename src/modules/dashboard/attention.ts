import { beijingDate, quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { OPINION_DEADLINES } from '../../domain/opinion-workflow.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { reviewsWaiting } from '../evaluation/service.js';
import { pendingApprovals } from '../funds/service.js';
import { countOpinions } from '../opinions/repo/opinions.js';
import { listFlags } from '../records/flags.js';
import { dashboardScope } from './policy.js';
import { presentAttention } from './presenter.js';
import {
  countHomesWithoutActivity,
  countHomesWithoutPlan,
  countOverdueOpinions,
  homesFundsLow,
  homesWithoutActivity,
  homesWithoutPlan,
  overdueOpinions,
  statsRefreshes,
} from './repo.js';

/** How many of each kind the list shows; `counts` tells how many there are. */
const SHOWN = 8;
const DAY = 86_400_000;

/**
 * What needs a staff user's attention now, within what they may see: what waits for them (rounds
 * to score, opinions at their step, expenditures to approve, members' flags to answer), then homes
 * without this year's plan, homes whose quarter is at risk, overdue opinions, and homes that have
 * used 90 % of their allocation.
 *
 * Read live, except two parts read from the dashboard's summaries: the quarter at risk (held
 * activities per home and quarter) and the funds running out; the list says when those were
 * taken (`statsRefreshedAt`), as the dashboard does.
 */
export async function attentionOf(db: Db, actor: Actor, now = new Date()) {
  const year = yearOf(now);
  const { quarter } = quarterOf(now);
  const { start: qStart, end: qEnd } = quarterRange(year, quarter);
  const daysLeft = (qEnd.getTime() - now.getTime()) / DAY;
  const planLate = beijingDate(now) > `${year}-01-31`;
  const days = { start: beijingDate(qStart), last: beijingDate(new Date(qEnd.getTime() - 1)) };

  const due = {
    acceptBefore: new Date(now.getTime() - OPINION_DEADLINES.acceptDays * DAY),
    flagBefore: new Date(now.getTime() - OPINION_DEADLINES.flagDays * DAY),
  };

  const [
    noPlan,
    noPlanCount,
    atRisk,
    opinions,
    opinionCount,
    approvals,
    fundsLow,
    reviews,
    queues,
    flags,
    refreshed,
  ] = await Promise.all([
    homesWithoutPlan(db, actor, year, SHOWN),
    countHomesWithoutPlan(db, actor, year),
    daysLeft <= AT_RISK_DAYS ? atRiskHomes(db, actor, days) : Promise.resolve({ items: [], total: 0 }),
    overdueOpinions(db, actor, due, SHOWN),
    countOverdueOpinions(db, actor, due),
    pendingApprovals(db, actor, { page: 1, pageSize: SHOWN }),
    homesFundsLow(db, actor, year, SHOWN),
    reviewsWaiting(db, actor),
    waitingQueues(db, actor, now),
    openFlagsToAnswer(db, actor),
    statsRefreshes(db),
  ]);
  const at = (name: string) => refreshed.find((r) => r.name === name)?.refreshedAt ?? null;
  return presentAttention({
    year,
    quarter,
    daysLeft,
    planLate,
    now,
    refreshedAt: { dashboard: at('dashboard'), summaries: at('summaries') },
    noPlan: { items: noPlan, total: noPlanCount },
    atRisk,
    opinions: { items: opinions, total: opinionCount },
    approvals,
    fundsLow: { items: fundsLow, total: Number(fundsLow[0]?.total ?? 0) },
    reviews,
    queues,
    flags,
  });
}

/** The homes whose quarter is at risk (the last AT_RISK_DAYS days of it), and how many. */
async function atRiskHomes(db: Db, actor: Actor, days: { start: string; last: string }) {
  const [items, total] = await Promise.all([
    homesWithoutActivity(db, actor, days, SHOWN),
    countHomesWithoutActivity(db, actor, dashboardScope(actor), days),
  ]);
  return { items, total };
}

/**
 * The opinion queues the list names, counted as the opinion list's tabs and the menu badge count
 * them (the queues' own rule); only these four, not every queue of `opinionQueues`.
 */
async function waitingQueues(db: Db, actor: Actor, now: Date) {
  const count = async (queue: 'mine' | 'to_accept' | 'to_decide' | 'to_reply') =>
    Number((await countOpinions(db, actor, { queue }, now)).n);
  const [mine, toAccept, toDecide, toReply] = await Promise.all([
    count('mine'),
    count('to_accept'),
    count('to_decide'),
    count('to_reply'),
  ]);
  return { mine, toAccept, toDecide, toReply };
}

/** The open flags of missing entries that the actor answers (they manage the member). */
async function openFlagsToAnswer(db: Db, actor: Actor) {
  const open = await listFlags(db, actor, { status: 'open', page: 1, pageSize: 200 });
  const mine = open.items.filter((f) => f.allowedActions.includes('resolve'));
  return { items: mine.slice(0, SHOWN), total: mine.length };
}
