import { orgUnitId } from '../../db/reference/org-units.js';
import { yearRange } from '../../domain/calendar.js';
import { DEFAULT_RUBRIC } from '../../domain/evaluation.js';
import { badRequest, conflict, forbidden, notFound } from '../../server/errors.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { readsWholeRound, runsRound } from './policy.js';
import { presentRound, presentRoundHome, presentRoundSummary, rubricOf } from './presenter.js';
import {
  directedHomes,
  enterRoundHomes,
  findHomeSummary,
  findOrgUnit,
  findReviewer,
  findRound,
  findRoundOfYear,
  insertRound,
  memberCommendationsOf,
  publicationsOf,
  type RoundRow,
  reviewersOf,
  reviewingRoundsOf,
  roundHomes,
  roundsPage,
  scoresOf,
} from './repo/rounds.js';
import type { CreateRoundInput } from './schema.js';

/**
 * The annual evaluation (R13, R25): a round per year and level — the municipal one led by the
 * office, each district's by its CPPCC. Homes submit a self-summary, assigned reviewers score the
 * reviewer items, the owner confirms, and the published results are frozen per revision.
 */

interface Access {
  round: RoundRow;
  mayRun: boolean;
  reviewer: boolean;
  /** all homes, or only these */
  homes: 'all' | string[];
}

/**
 * What the actor may see of a round: the owner, the office, reviewers and vice chairs all of it; a
 * director their own homes' entries; anyone else nothing (404).
 */
export async function access(db: Db, actor: Actor, id: string): Promise<Access> {
  const round = await findRound(db, id);
  if (!round) throw notFound('找不到该评价');
  const mayRun = runsRound(actor, round);
  const reviewer = Boolean(await findReviewer(db, round.id, actor.userId));
  if (mayRun || reviewer || readsWholeRound(actor, round)) return { round, mayRun, reviewer, homes: 'all' };
  const homes = await directedHomes(db, actor, round.id);
  if (homes.length === 0) throw notFound('找不到该评价');
  return { round, mayRun, reviewer, homes };
}

// ---- creating and listing ----

export async function createRound(db: Db, who: Who, input: CreateRoundInput) {
  const actor = who.actor!;
  const ownerUnitId = input.level === 'municipal' ? orgUnitId.office : input.ownerUnitId;
  if (!ownerUnitId) throw badRequest('请选择组织评价的旗区政协', { ownerUnitId: '请选择旗区政协' });
  const unit = await findOrgUnit(db, ownerUnitId);
  if (!unit || (input.level === 'district' && unit.kind !== 'district')) {
    throw badRequest('旗区政协不存在', { ownerUnitId: '旗区政协不存在' });
  }
  if (!runsRound(actor, { level: input.level, ownerUnitId }))
    throw forbidden('只有市政协办公室或本旗区政协可以组织评价');
  const { end } = yearRange(input.year);
  const yearEnd = new Date(end.getTime() - 1).toISOString().slice(0, 10);
  const id = await db.transaction().execute(async (trx) => {
    const taken = await findRoundOfYear(trx, input.year, ownerUnitId);
    if (taken) throw conflict(`${input.year} 年度的评价已经存在`);
    const id = await insertRound(trx, {
      year: input.year,
      level: input.level,
      ownerUnitId,
      title: input.title ?? `${input.year} 年度委员之家（委员工作室）评比`,
      rubric: JSON.stringify(DEFAULT_RUBRIC),
      memberQuota: input.memberQuota ?? 10,
      createdBy: actor.userId,
    });
    // the homes that operated in the year: plaque by its end, not closed
    await enterRoundHomes(trx, id, { level: input.level, ownerUnitId }, yearEnd);
    await recordAudit(trx, who, {
      action: 'evaluation.create',
      objectType: 'evaluation_round',
      objectId: id,
      after: input,
    });
    return id;
  });
  return roundDetail(db, actor, id);
}

export async function listRounds(
  db: Db,
  actor: Actor,
  q: { page: number; pageSize: number; year?: number | undefined },
) {
  const page = await roundsPage(db, actor, q);
  return { ...page, items: page.items.map(presentRoundSummary) };
}

// ---- reading a round ----

export async function roundDetail(db: Db, actor: Actor, id: string) {
  const a = await access(db, actor, id);
  const { round } = a;
  const [homes, scores, reviewers, members, publications] = await Promise.all([
    roundHomes(db, round.id, a.homes),
    scoresOf(db, round.id, a.homes === 'all' ? undefined : a.homes),
    reviewersOf(db, round.id),
    a.homes === 'all' ? memberCommendationsOf(db, round.id) : Promise.resolve([]),
    publicationsOf(db, round.id),
  ]);
  const directed = a.homes === 'all' ? await directedHomes(db, actor, round.id) : a.homes;
  return presentRound(
    round,
    { mayRun: a.mayRun, reviewer: a.reviewer, directed },
    { homes, scores, reviewers, members, publications },
  );
}

export async function roundHome(db: Db, actor: Actor, id: string, homeId: string) {
  const detail = await roundDetail(db, actor, id);
  const entry = detail.homeEntries.find((h) => h.homeId === homeId);
  if (!entry) throw notFound('该委员之家不在本次评价中');
  const [summary, scores] = await Promise.all([
    findHomeSummary(db, homeId, detail.year),
    scoresOf(db, id, [homeId]),
  ]);
  return presentRoundHome(entry, summary, scores);
}

/**
 * What waits for a reviewer: each round under review that names them, and how many of its homes
 * they have not yet scored on every reviewer item.
 */
export async function reviewsWaiting(db: Db, actor: Actor) {
  const rounds = await reviewingRoundsOf(db, actor.userId);
  const waiting = await Promise.all(
    rounds.map(async (round) => {
      const items = rubricOf(round)
        .filter((item) => item.source.kind === 'reviewer')
        .map((item) => item.key);
      const mine = (await scoresOf(db, round.id)).filter((s) => s.reviewerId === actor.userId);
      const done = new Set(
        [...new Set(mine.map((s) => s.homeId))].filter((homeId) =>
          items.every((item) => mine.some((s) => s.homeId === homeId && s.item === item)),
        ),
      );
      return { id: round.id, title: round.title, left: Number(round.homes) - done.size };
    }),
  );
  return waiting.filter((round) => round.left > 0);
}
