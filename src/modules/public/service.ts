import { normaliseTrackingCode } from '../../domain/opinion-workflow.js';
import { notFound } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Db, Who } from '../../server/types.js';
import { rulesInForce } from '../operations/rules.js';
import { publicProblemsOfOpinion, rateProblem, trackProblem } from '../opinions/problems.js';
import type { PublicHomesQuery, PublicOpinionInput } from '../opinions/schema.js';
import { receiveOpinion, resolveTarget, trackOpinion } from '../opinions/service.js';
import { presentCommendations, presentOptions, presentPublicHome, resultsOf } from './presenter.js';
import {
  comingActivities,
  comingShifts,
  districtsAndTownships,
  heldActivities,
  homePeople,
  latestPublications,
  memberSectors,
  operatingHome,
  operatingHomesByKind,
  operatingHomesByTownship,
  operatingHomesPage,
  sectorGroupsWithHomes,
} from './repo.js';

/**
 * What anyone may read without signing in: operating homes, their people by name and sector (never
 * a phone number), their rules, rota and coming activities; and the citizen's own opinions and
 * problems, followed by their tracking codes.
 */

const CITY = '150600';

export async function publicHomes(db: Db, f: PublicHomesQuery) {
  return operatingHomesPage(db, f);
}

export async function publicHome(db: Db, id: string, now = new Date()) {
  const home = isUuid(id) ? await operatingHome(db, id) : undefined;
  if (!home) throw notFound('找不到该委员之家');
  const [people, rules, dutyShifts, activities, recentActivities] = await Promise.all([
    homePeople(db, home),
    rulesInForce(db, home.id, now),
    comingShifts(db, home.id, now),
    comingActivities(db, home.id, now),
    heldActivities(db, home.id),
  ]);
  return presentPublicHome(home, people, rules, dutyShifts, activities, recentActivities);
}

/** The finder's choices, each with how many operating homes it holds. */
export async function publicOptions(db: Db) {
  const [regions, byRegion, sectorGroups, byKind] = await Promise.all([
    districtsAndTownships(db, CITY),
    operatingHomesByTownship(db),
    sectorGroupsWithHomes(db),
    operatingHomesByKind(db),
  ]);
  return presentOptions(regions, byRegion, sectorGroups, byKind);
}

/**
 * R25, publicity: the homes and members commended in the latest year with published evaluation
 * results, as they were published (the latest revision of each round). Members by name and sector.
 */
export async function publicCommendations(db: Db) {
  const rows = await latestPublications(db);
  const memberIds = rows.flatMap((r) => resultsOf(r).members.map((m) => m.memberId));
  const sectors = memberIds.length
    ? new Map((await memberSectors(db, memberIds)).map((m) => [m.id, m.sector]))
    : new Map<string, string | null>();
  return presentCommendations(rows, sectors);
}

const unknownCode = () => notFound('查询码不存在，请核对后重试');

/**
 * A citizen's opinion sent online to an operating home or a region; answers its tracking code. The
 * same `submissionKey` sent again (a phone retrying after a dropped connection) gets the same code.
 */
export async function submitPublicOpinion(
  db: Db,
  who: Who,
  input: PublicOpinionInput,
  submissionKey: string | null = null,
) {
  const target = await resolveTarget(db, input, (home) => home.status === 'operating');
  const { trackingCode } = await receiveOpinion(db, who, input, 'online', target, submissionKey);
  return { trackingCode };
}

/** An opinion by the code its citizen holds, with the problems taken up from it (no personal data). */
export async function publicOpinionByCode(db: Db, trackingCode: string) {
  const code = normaliseTrackingCode(trackingCode);
  const found = code ? await trackOpinion(db, code) : undefined;
  if (!found) throw unknownCode();
  const { id, ...view } = found;
  return { ...view, problems: await publicProblemsOfOpinion(db, id) };
}

/** A problem by its tracking code. */
export async function publicProblemByCode(db: Db, trackingCode: string) {
  const code = normaliseTrackingCode(trackingCode);
  const found = code ? await trackProblem(db, code) : undefined;
  if (!found) throw unknownCode();
  return found;
}

/** The citizen's rating of a published result, by the problem's tracking code. */
export async function ratePublicProblem(
  db: Db,
  who: Who,
  trackingCode: string,
  input: Parameters<typeof rateProblem>[3],
) {
  const code = normaliseTrackingCode(trackingCode);
  if (!code) throw unknownCode();
  return rateProblem(db, who, code, input);
}
