import { yearOf, yearRange } from '../../domain/calendar.js';
import { homeScorecard } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { getHome } from '../homes/service.js';
import { presentScorecard } from './presenter.js';
import { documentsOf, hostedActivities, publishedEvaluation } from './repo/scorecard.js';
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
  return scorecardOf(db, home, year ?? yearOf(now), now);
}

/** The facts of a home the scorecard reads (for callers that already know the home may be seen). */
export interface ScorecardHome {
  id: string;
  directorMemberId: string | null;
  online: boolean;
  onlineUrl: string | null;
  venueType: string | null;
  address: string | null;
  plaqueAwardedOn: string | null;
}

export async function scorecardOf(db: Db, home: ScorecardHome, y: number, now = new Date()) {
  const homeId = home.id;
  const { start, end } = yearRange(y);
  const signage = await signageOf(db, homeId);
  const rulesPosted = await unifiedRulesPosted(db, homeId, now);
  const documents = await documentsOf(db, homeId, y);
  const activities = await hostedActivities(db, homeId, start, end);
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
    evaluated: await evaluatedIn(db, homeId, y),
    activities,
  });
  return presentScorecard(homeId, card, activities);
}

/** 六有 ⑥: the home's result for the year was published in an evaluation round. */
async function evaluatedIn(db: Db, homeId: string, year: number): Promise<boolean> {
  return Boolean(await publishedEvaluation(db, homeId, year));
}
