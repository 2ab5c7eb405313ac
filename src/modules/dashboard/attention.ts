import { beijingDate, quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { OPINION_DEADLINES } from '../../domain/opinion-workflow.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { reviewsWaiting } from '../evaluation/service.js';
import { pendingApprovals } from '../funds/service.js';
import { opinionQueues } from '../opinions/service.js';
import { listFlags } from '../records/flags.js';
import { presentAttention } from './presenter.js';
import { homesFundsLow, homesWithoutActivity, homesWithoutPlan, overdueOpinions } from './repo.js';

/** How many of each kind the list shows; `counts` tells how many there are. */
const SHOWN = 8;
const DAY = 86_400_000;

/**
 * What needs a staff user's attention now, within what they may see: what waits for them (rounds
 * to score, opinions at their step, expenditures to approve, members' flags to answer), then homes
 * without this year's plan, homes whose quarter is at risk, overdue opinions, and homes that have
 * used 90 % of their allocation.
 */
export async function attentionOf(db: Db, actor: Actor, now = new Date()) {
  const year = yearOf(now);
  const { quarter } = quarterOf(now);
  const { start: qStart, end: qEnd } = quarterRange(year, quarter);
  const daysLeft = (qEnd.getTime() - now.getTime()) / DAY;
  const planLate = beijingDate(now) > `${year}-01-31`;

  const [noPlan, atRisk, opinions, approvals, fundsLow, reviews, queues, flags] = await Promise.all([
    homesWithoutPlan(db, actor, year, SHOWN),
    daysLeft <= AT_RISK_DAYS
      ? homesWithoutActivity(
          db,
          actor,
          { start: qStart, end: qEnd, plaqueBy: beijingDate(new Date(qEnd.getTime() - 1)) },
          SHOWN,
        )
      : Promise.resolve([]),
    overdueOpinions(
      db,
      actor,
      {
        acceptBefore: new Date(now.getTime() - OPINION_DEADLINES.acceptDays * DAY),
        flagBefore: new Date(now.getTime() - OPINION_DEADLINES.flagDays * DAY),
      },
      SHOWN,
    ),
    pendingApprovals(db, actor, { page: 1, pageSize: SHOWN }),
    homesFundsLow(db, actor, year, SHOWN),
    reviewsWaiting(db, actor),
    opinionQueues(db, actor, now),
    openFlagsToAnswer(db, actor),
  ]);
  return presentAttention({
    year,
    quarter,
    daysLeft,
    planLate,
    now,
    noPlan,
    atRisk,
    opinions,
    approvals,
    fundsLow,
    reviews,
    queues,
    flags,
  });
}

/** The open flags of missing entries that the actor answers (they manage the member). */
async function openFlagsToAnswer(db: Db, actor: Actor) {
  const open = await listFlags(db, actor, { status: 'open', page: 1, pageSize: 200 });
  const mine = open.items.filter((f) => f.allowedActions.includes('resolve'));
  return { items: mine.slice(0, SHOWN), total: mine.length };
}
