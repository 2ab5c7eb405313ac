import { yearOf } from '../../domain/calendar.js';
import { rulesetProblems } from '../../domain/duty-record.js';
import { badRequest } from '../../server/errors.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { recomputeYear, yearIsClosed } from './compute.js';
import { presentRuleset, presentRulesetVersion } from './presenter.js';
import { deleteRuleset, insertRuleset, listRulesetRows, nextRuleset, rulesetRows } from './repo/rules.js';
import { yearClosed } from './repo/years.js';
import type { RulesetInput } from './schema.js';

/**
 * The points rules of a year (R22): read, checked and saved by the office; a saved year rebuilds its records.
 */

/** The ruleset in force for a year: the latest one valid from that year or before. */
export async function rulesetFor(db: Db, year: number) {
  return presentRuleset(await rulesetRows(db, year));
}

export async function listRulesets(db: Db) {
  const rows = await listRulesetRows(db);
  return rows.map(presentRulesetVersion);
}

/**
 * Saves the rules valid from `year` (replacing that year's set if there is one) and rebuilds the
 * open years they now govern. A closed year keeps the points it was closed with.
 */
export async function saveRuleset(db: Db, who: Who, year: number, input: RulesetInput, now = new Date()) {
  const problems = rulesetProblems(input);
  if (Object.keys(problems).length) throw badRequest('积分规则有误', problems);
  if (await yearClosed(db, year)) throw yearIsClosed(year);
  const before = await rulesetFor(db, year);
  await db.transaction().execute(async (trx) => {
    await deleteRuleset(trx, year);
    await insertRuleset(
      trx,
      { validFromYear: year, note: input.note ?? null, savedBy: who.actor!.userId },
      input,
    );
    await recordAudit(trx, who, {
      action: 'points.rules.save',
      objectType: 'point_ruleset',
      objectId: String(year),
      before: before?.validFromYear === year ? before : null,
      after: input,
    });
  });
  // the years this set governs, up to the next set or this year, that are still open
  const next = await nextRuleset(db, year);
  const last = Math.min(next ? next.validFromYear - 1 : yearOf(now), yearOf(now));
  const recomputedYears: number[] = [];
  for (let y = year; y <= last; y++) {
    if (await yearClosed(db, y)) continue;
    await recomputeYear(db, y);
    recomputedYears.push(y);
  }
  return { ...(await rulesetFor(db, year))!, recomputedYears };
}
