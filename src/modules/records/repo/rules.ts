import type { Db } from '../../../db/schema.js';
import type { PointRuleset } from '../../../domain/duty-record.js';

/** The points rules: sets valid from a year, each with its categories and items. */

/** The set in force for a year (the latest one valid from that year or before) and its parts. */
export async function rulesetRows(db: Db, year: number) {
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
  return { set, categories, rules };
}

export type RulesetRows = Awaited<ReturnType<typeof rulesetRows>>;

export function listRulesetRows(db: Db) {
  return db.selectFrom('pointRulesets').selectAll().orderBy('validFromYear', 'desc').execute();
}

export async function anyRuleset(db: Db) {
  return db.selectFrom('pointRulesets').select('validFromYear').limit(1).executeTakeFirst();
}

/** The set valid from the year, with its categories and items (in the order given). */
export async function insertRuleset(
  db: Db,
  set: { validFromYear: number; note: string | null; savedBy: string | null },
  { categories, rules }: Omit<PointRuleset, 'validFromYear'>,
) {
  const year = set.validFromYear;
  await db.insertInto('pointRulesets').values(set).execute();
  await db
    .insertInto('pointCategories')
    .values(categories.map((c, sort) => ({ ...c, validFromYear: year, sort })))
    .execute();
  await db
    .insertInto('pointRules')
    .values(rules.map((r, sort) => ({ ...r, validFromYear: year, sort })))
    .execute();
}

/** Removes the set valid from the year (its categories and items go with it). */
export async function deleteRuleset(db: Db, year: number) {
  await db.deleteFrom('pointRulesets').where('validFromYear', '=', year).execute();
}

/** The first set valid from a later year, if any. */
export function nextRuleset(db: Db, year: number) {
  return db
    .selectFrom('pointRulesets')
    .select('validFromYear')
    .where('validFromYear', '>', year)
    .orderBy('validFromYear')
    .executeTakeFirst();
}
