/**
 * Last year's evaluation round of 东胜区 (东胜区委员之家评比示例数据), run to its end as the office of
 * a district CPPCC runs one: its homes entered, their self-summaries, the two reviewers' scores
 * (东胜区政协 and the vice chair in charge), the results confirmed, the five-star homes and the
 * members with the most points commended, and the results published in January under a document
 * number — so the round's page, its 通报 and its 荣誉证书 show in the demo. The computed items come
 * from the demo year's records through the round's own steps; only the times are set, to the weeks
 * after the year ended.
 */
import { sql } from 'kysely';
import type { Actor } from '../../domain/actor.js';
import { yearOf } from '../../domain/calendar.js';
import { DEFAULT_RUBRIC } from '../../domain/evaluation.js';
import { rolesOf } from '../../modules/auth/repo.js';
import {
  enterRoundHomes,
  findRound,
  findRoundOfYear,
  insertRound,
} from '../../modules/evaluation/repo/rounds.js';
import { replaceReviewers, setCommended } from '../../modules/evaluation/repo/steps.js';
import { computeHomes, confirmResults, publish } from '../../modules/evaluation/steps.js';
import { rebuildYear } from '../../modules/records/repo/compute.js';
import { yearClosed } from '../../modules/records/repo/years.js';
import { orgUnitId } from '../reference/org-units.js';
import type { Db } from '../schema.js';
import { Rng } from './demo-homes.js';

const SEED = 20260120;
const DAY = 86_400_000;
const DISTRICT = orgUnitId.district('150602');
/** How many of the members with the most points the district commends. */
const MEMBERS_COMMENDED = 5;

/** The computed items' maximum in the default rubric (everything but the reviewers' items). */
const COMPUTED_MAX = DEFAULT_RUBRIC.filter((item) => item.source.kind !== 'reviewer').reduce(
  (sum, item) => sum + item.max,
  0,
);

/** A reviewer's 履职成效 and 特色创新 points for a home, by how much of the computed items it earned. */
function reviewerScores(rng: Rng, computedTotal: number) {
  const share = computedTotal / COMPUTED_MAX;
  const effect = Math.max(0, Math.min(25, Math.round(25 * (0.4 + 0.55 * share)) + rng.int(-1, 1)));
  const bonus = share >= 0.85 ? rng.int(4, 8) : share >= 0.6 ? rng.int(0, 4) : 0;
  const comment =
    share >= 0.85
      ? rng.pick(['活动扎实，群众评价好', '特色鲜明，值得推广', '制度健全，运行规范'])
      : share < 0.5
        ? rng.pick(['活动开展不经常，需整改', '标牌制度不全，限期完善'])
        : null;
  return { effect, bonus, comment };
}

async function actorOf(db: Db, user: { id: string; username: string; displayName: string }): Promise<Actor> {
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    memberId: null,
    roles: await rolesOf(db, user.id),
    via: 'session',
    sessionId: null,
    csrfToken: null,
  };
}

/**
 * Runs 东胜区's round of last year once, on a database with the demo year and the `dongsheng` and
 * `vicechair` accounts and no round of that year for the district, in one transaction.
 */
export async function seedDemoEvaluation(db: Db, now = new Date()): Promise<boolean> {
  const year = yearOf(now) - 1;
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'displayName'])
    .where('username', 'in', ['dongsheng', 'vicechair'])
    .orderBy('username')
    .execute();
  const clerk = users.find((u) => u.username === 'dongsheng');
  if (!clerk || (await findRoundOfYear(db, year, DISTRICT))) return false;
  const actor = await actorOf(db, clerk);
  const rng = new Rng(SEED);

  // published in the fourth week of January, or the day before the demo began if that is earlier
  const publishedAt = new Date(Math.min(Date.parse(`${year + 1}-01-23T10:00:00+08:00`), now.getTime() - DAY));
  const before = (days: number, hour = 10) =>
    new Date(publishedAt.getTime() - days * DAY + (hour - 10) * 3_600_000);

  return db.transaction().execute(async (trx) => {
    // a second instance starting at the same moment waits here, then finds the round
    await sql`lock table evaluation_rounds in exclusive mode`.execute(trx);
    if (await findRoundOfYear(trx, year, DISTRICT)) return false;
    const id = await insertRound(trx, {
      year,
      level: 'district',
      ownerUnitId: DISTRICT,
      title: `${year} 年度委员之家（委员工作室）评比`,
      rubric: JSON.stringify(DEFAULT_RUBRIC),
      memberQuota: 10,
      createdBy: clerk.id,
      createdAt: before(17, 9),
      updatedAt: publishedAt,
    });
    await enterRoundHomes(trx, id, { level: 'district', ownerUnitId: DISTRICT }, `${year}-12-31`);
    await replaceReviewers(
      trx,
      id,
      users.map((u) => u.id),
    );
    const round = (await findRound(trx, id))!;
    await computeHomes(trx, round, now);

    const entries = await trx
      .selectFrom('evaluationHomes')
      .innerJoin('homes', 'homes.id', 'evaluationHomes.homeId')
      .leftJoin('homeSummaries', (join) =>
        join.onRef('homeSummaries.homeId', '=', 'homes.id').on('homeSummaries.year', '=', year),
      )
      .select([
        'homes.id',
        'homes.name',
        'evaluationHomes.computed',
        'evaluationHomes.facts',
        'homeSummaries.year',
      ])
      .where('evaluationHomes.roundId', '=', id)
      .orderBy('homes.id')
      .execute();
    const scores = [];
    for (const [n, entry] of entries.entries()) {
      const computed = Object.values((entry.computed ?? {}) as Record<string, number>).reduce(
        (a, b) => a + b,
        0,
      );
      // the homes that wrote last year's summary wrote their self-summary too
      if (entry.year !== null) {
        const held = (entry.facts as { activitiesHeld?: number } | null)?.activitiesHeld ?? 0;
        await trx
          .updateTable('evaluationHomes')
          .set({
            selfSummary: `${entry.name}${year}年度自评：对照“六有”要求逐项自查，全年举办活动 ${held} 次，年初有计划、年终有总结，委员参与活动情况已录入履职档案。存在的不足是群众意见办理反馈还不够及时，明年将加以改进。`,
            submittedAt: before(14 - (n % 5), 15),
          })
          .where('roundId', '=', id)
          .where('homeId', '=', entry.id)
          .execute();
      }
      for (const [r, reviewer] of users.entries()) {
        const given = reviewerScores(rng, computed);
        const updatedAt = before(8 - r * 2 - (n % 3));
        scores.push(
          {
            roundId: id,
            homeId: entry.id,
            reviewerId: reviewer.id,
            item: 'effect',
            score: given.effect,
            comment: given.comment,
            updatedAt,
          },
          {
            roundId: id,
            homeId: entry.id,
            reviewerId: reviewer.id,
            item: 'bonus',
            score: given.bonus,
            comment: null,
            updatedAt,
          },
        );
      }
    }
    if (scores.length) await trx.insertInto('evaluationScores').values(scores).execute();

    // the members' points of the year, as the hourly rebuild would have stored them
    if (!(await yearClosed(trx, year))) await rebuildYear(trx, year);
    await confirmResults(trx, round);
    const [fiveStar, candidates] = await Promise.all([
      trx
        .selectFrom('evaluationHomes')
        .select('homeId')
        .where('roundId', '=', id)
        .where('grade', '=', 'five_star')
        .execute(),
      trx
        .selectFrom('evaluationMemberCommendations')
        .select('memberId')
        .where('roundId', '=', id)
        .orderBy('rank')
        .limit(MEMBERS_COMMENDED)
        .execute(),
    ]);
    await setCommended(
      trx,
      id,
      fiveStar.map((h) => h.homeId),
      candidates.map((m) => m.memberId),
    );
    await trx.updateTable('evaluationRounds').set({ status: 'published' }).where('id', '=', id).execute();
    await publish(trx, { actor, ip: null }, round, null, `东政协发〔${year + 1}〕3号`);
    // a publication's time is never changed but here, where the demo dates it
    await sql`update evaluation_publications set published_at = ${publishedAt} where round_id = ${id}::uuid`.execute(
      trx,
    );
    return true;
  });
}
