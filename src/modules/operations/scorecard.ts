import { yearOf, yearRange } from '../../domain/calendar.js';
import { homeScorecard } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { getHome } from '../homes/service.js';
import { unifiedRulesPosted } from './rules.js';
import { signageOf } from './signage.js';

/**
 * The 六有 scorecard of a home: loads what `homeScorecard` needs and lets it judge. Activities
 * hosted jointly count for every host (one activity_hosts row each).
 */
export async function loadScorecard(
  db: Db,
  actor: Actor,
  homeId: string,
  year: number | undefined,
  now = new Date(),
) {
  const home = await getHome(db, actor, homeId);
  const y = year ?? yearOf(now);
  const { start, end } = yearRange(y);
  const signage = await signageOf(db, homeId);
  const rulesPosted = await unifiedRulesPosted(db, homeId, now);
  const documents = await db
    .selectNoFrom((eb) => [
      eb
        .exists(
          eb.selectFrom('homePlans').select('homeId').where('homeId', '=', homeId).where('year', '=', y),
        )
        .as('hasPlan'),
      eb
        .exists(
          eb.selectFrom('homeSummaries').select('homeId').where('homeId', '=', homeId).where('year', '=', y),
        )
        .as('hasSummary'),
    ])
    .executeTakeFirstOrThrow();
  const activities = await db
    .selectFrom('activityHosts')
    .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
    .select(['activities.startsAt', 'activities.status'])
    .where('activityHosts.homeId', '=', homeId)
    .where('activities.startsAt', '>=', start)
    .where('activities.startsAt', '<', end)
    .execute();
  const posted = (item: string) => signage.some((s) => s.item === item && s.postedOn !== null);
  const card = homeScorecard({
    year: y,
    now,
    home,
    signage: {
      outdoorSign: posted('outdoor_sign'),
      memberBoard: posted('member_board'),
      rulesBoard: posted('rules_board'),
    },
    rulesPosted,
    hasPlan: Boolean(documents.hasPlan),
    hasSummary: Boolean(documents.hasSummary),
    // no evaluation module yet: 六有 ⑥ stays open until there is one
    evaluated: false,
    activities,
  });
  return { homeId, ...card };
}
