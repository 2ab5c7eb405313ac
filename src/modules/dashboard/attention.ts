import { sql } from 'kysely';
import { beijingDate, quarterOf, quarterRange, yearOf } from '../../domain/calendar.js';
import { formatFen } from '../../domain/money.js';
import { OPINION_DEADLINES, UNANSWERED_STATUSES } from '../../domain/opinion-workflow.js';
import { AT_RISK_DAYS } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { pendingApprovals } from '../funds/service.js';
import { homeScope } from '../homes/policy.js';
import { opinionScope } from '../opinions/policy.js';

type Kind = 'no_plan' | 'quarter_at_risk' | 'opinion_overdue' | 'approval_pending' | 'funds_low';
interface Item {
  kind: Kind;
  severity: 'alarm' | 'warning';
  title: string;
  detail: string;
  link: string;
}

/** How many of each kind the list shows; `counts` tells how many there are. */
const SHOWN = 8;
const DAY = 86_400_000;

/**
 * What needs a staff user's attention now, within what they may see: homes without this year's
 * plan, homes whose quarter is at risk, overdue opinions, expenditures waiting for their approval,
 * homes that have used 90 % of their allocation.
 */
export async function attentionOf(db: Db, actor: Actor, now = new Date()) {
  const year = yearOf(now);
  const { quarter } = quarterOf(now);
  const { start: qStart, end: qEnd } = quarterRange(year, quarter);
  const daysLeft = (qEnd.getTime() - now.getTime()) / DAY;
  const planLate = beijingDate(now) > `${year}-01-31`;
  const homes = () => db.selectFrom('homes').where(homeScope(actor)).where('homes.status', '=', 'operating');

  const [noPlan, atRisk, opinions, approvals, fundsLow] = await Promise.all([
    homes()
      .select(['homes.id', 'homes.name', sql<number>`count(*) over ()`.as('total')])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('homePlans')
              .select('homePlans.homeId')
              .whereRef('homePlans.homeId', '=', 'homes.id')
              .where('homePlans.year', '=', year),
          ),
        ),
      )
      .orderBy('homes.name')
      .limit(SHOWN)
      .execute(),
    daysLeft <= AT_RISK_DAYS
      ? homes()
          .select(['homes.id', 'homes.name', sql<number>`count(*) over ()`.as('total')])
          .where((eb) =>
            eb.or([
              eb('homes.plaqueAwardedOn', 'is', null),
              eb('homes.plaqueAwardedOn', '<=', beijingDate(new Date(qEnd.getTime() - 1))),
            ]),
          )
          .where((eb) =>
            eb.not(
              eb.exists(
                eb
                  .selectFrom('activityHosts')
                  .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
                  .select('activityHosts.homeId')
                  .whereRef('activityHosts.homeId', '=', 'homes.id')
                  .where('activities.status', '=', 'held')
                  .where('activities.startsAt', '>=', qStart)
                  .where('activities.startsAt', '<', qEnd),
              ),
            ),
          )
          .orderBy('homes.name')
          .limit(SHOWN)
          .execute()
      : Promise.resolve([]),
    db
      .selectFrom('opinions')
      .where(opinionScope(actor, 'opinions'))
      .where((eb) =>
        eb.or([
          eb.and([
            eb('opinions.status', '=', 'received'),
            eb('opinions.receivedAt', '<', new Date(now.getTime() - OPINION_DEADLINES.acceptDays * DAY)),
          ]),
          eb.and([
            eb('opinions.status', 'in', UNANSWERED_STATUSES),
            eb('opinions.receivedAt', '<', new Date(now.getTime() - OPINION_DEADLINES.flagDays * DAY)),
          ]),
        ]),
      )
      .select([
        'opinions.id',
        'opinions.title',
        'opinions.status',
        'opinions.receivedAt',
        sql<number>`count(*) over ()`.as('total'),
      ])
      .orderBy('opinions.receivedAt')
      .limit(SHOWN)
      .execute(),
    pendingApprovals(db, actor, { page: 1, pageSize: SHOWN }),
    sql<{ id: string; name: string; allocated: string; used: string; total: number }>`
      select h.id, h.name, f.allocated::text, f.used::text, count(*) over ()::int as total
      from fund_home_stats f join homes h on h.id = f.home_id
      where f.year = ${year} and f.allocated > 0 and f.used * 10 >= f.allocated * 9
        and h.id in (${db.selectFrom('homes').select('homes.id').where(homeScope(actor))})
      order by h.name
      limit ${SHOWN}`.execute(db),
  ]);

  const items: Item[] = [
    ...noPlan.map((h) => ({
      kind: 'no_plan' as const,
      severity: planLate ? ('alarm' as const) : ('warning' as const),
      title: h.name,
      detail: planLate ? `${year} 年度工作计划已逾期（1 月 31 日前提交）` : `尚未提交 ${year} 年度工作计划`,
      link: `/homes/${h.id}`,
    })),
    ...atRisk.map((h) => ({
      kind: 'quarter_at_risk' as const,
      severity: 'warning' as const,
      title: h.name,
      detail: `第${quarter}季度尚未开展活动，距季末不足 ${Math.ceil(daysLeft)} 天`,
      link: `/homes/${h.id}`,
    })),
    ...opinions.map((o) => {
      const days = Math.floor((now.getTime() - o.receivedAt.getTime()) / DAY);
      return {
        kind: 'opinion_overdue' as const,
        severity: days > OPINION_DEADLINES.replyDays ? ('alarm' as const) : ('warning' as const),
        title: o.title,
        detail: o.status === 'received' ? `收到 ${days} 天仍未受理` : `收到 ${days} 天仍未答复`,
        link: `/opinions/${o.id}`,
      };
    }),
    ...approvals.items.map((e) => ({
      kind: 'approval_pending' as const,
      severity: 'warning' as const,
      title: e.homeName,
      detail: `支出 ${e.amount} 元待审批：${e.description}`,
      link: `/homes/${e.homeId}?tab=funds`,
    })),
    ...fundsLow.rows.map((h) => ({
      kind: 'funds_low' as const,
      severity: Number(h.used) >= Number(h.allocated) ? ('alarm' as const) : ('warning' as const),
      title: h.name,
      detail: `本年度经费已用 ${formatFen(h.used)} 元，拨款 ${formatFen(h.allocated)} 元`,
      link: `/homes/${h.id}?tab=funds`,
    })),
  ];
  const total = (rows: Array<{ total: number | string }>) => (rows.length ? Number(rows[0]!.total) : 0);
  return {
    items,
    counts: {
      no_plan: total(noPlan),
      quarter_at_risk: total(atRisk),
      opinion_overdue: total(opinions),
      approval_pending: approvals.total,
      funds_low: total(fundsLow.rows),
    },
  };
}
