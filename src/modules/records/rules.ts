import { yearOf } from '../../domain/calendar.js';
import { rulesetProblems } from '../../domain/duty-record.js';
import { badRequest } from '../../server/errors.js';
import type { Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { recomputeYear, yearClosed, yearIsClosed } from './compute.js';
import type { RulesetInput } from './schema.js';

/**
 * The points rules of a year (R22): read, checked and saved by the office; a saved year rebuilds its records.
 */

/** The ruleset in force for a year: the latest one valid from that year or before. */
export async function rulesetFor(db: Db, year: number) {
  const version = db
    .selectFrom('pointRulesets')
    .select((eb) => eb.fn.max('validFromYear').as('v'))
    .where('validFromYear', '<=', year);
  const [set, categories, rules] = await Promise.all([
    db.selectFrom('pointRulesets').selectAll().where('validFromYear', '=', version).executeTakeFirst(),
    db
      .selectFrom('pointCategories')
      .select(['category', 'label', 'cap'])
      .where('validFromYear', '=', version)
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('pointRules')
      .select(['item', 'category', 'label', 'points', 'unit', 'cap'])
      .where('validFromYear', '=', version)
      .orderBy('sort')
      .execute(),
  ]);
  if (!set) return null;
  return {
    validFromYear: set.validFromYear,
    note: set.note,
    savedAt: set.savedAt.toISOString(),
    categories,
    rules,
  };
}

export async function listRulesets(db: Db) {
  const rows = await db.selectFrom('pointRulesets').selectAll().orderBy('validFromYear', 'desc').execute();
  return rows.map((r) => ({
    validFromYear: r.validFromYear,
    note: r.note,
    savedAt: r.savedAt.toISOString(),
  }));
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
    await trx.deleteFrom('pointRulesets').where('validFromYear', '=', year).execute();
    await trx
      .insertInto('pointRulesets')
      .values({ validFromYear: year, note: input.note ?? null, savedBy: who.actor!.userId })
      .execute();
    await trx
      .insertInto('pointCategories')
      .values(input.categories.map((c, sort) => ({ ...c, validFromYear: year, sort })))
      .execute();
    await trx
      .insertInto('pointRules')
      .values(input.rules.map((r, sort) => ({ ...r, validFromYear: year, sort })))
      .execute();
    await recordAudit(trx, who, {
      action: 'points.rules.save',
      objectType: 'point_ruleset',
      objectId: String(year),
      before: before?.validFromYear === year ? before : null,
      after: input,
    });
  });
  // the years this set governs, up to the next set or this year, that are still open
  const next = await db
    .selectFrom('pointRulesets')
    .select('validFromYear')
    .where('validFromYear', '>', year)
    .orderBy('validFromYear')
    .executeTakeFirst();
  const last = Math.min(next ? next.validFromYear - 1 : yearOf(now), yearOf(now));
  const recomputedYears: number[] = [];
  for (let y = year; y <= last; y++) {
    if (await yearClosed(db, y)) continue;
    await recomputeYear(db, y);
    recomputedYears.push(y);
  }
  return { ...(await rulesetFor(db, year))!, recomputedYears };
}
