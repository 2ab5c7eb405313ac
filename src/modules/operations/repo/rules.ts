import type { Db } from '../../../db/schema.js';
import type { RuleInput } from '../schema.js';

const RULE_COLUMNS = ['id', 'homeId', 'title', 'body', 'version', 'effectiveOn', 'createdAt'] as const;

export interface RuleRow {
  id: string;
  homeId: string | null;
  title: string;
  body: string;
  version: string;
  effectiveOn: string;
  createdAt: Date;
}

/** Unified rules, and those of one home when asked: in order of title, newest version first. */
export function rulesOf(db: Db, homeId: string | null): Promise<RuleRow[]> {
  return db
    .selectFrom('rules')
    .select(RULE_COLUMNS)
    .where((eb) =>
      homeId ? eb.or([eb('homeId', 'is', null), eb('homeId', '=', homeId)]) : eb('homeId', 'is', null),
    )
    .orderBy('title')
    .orderBy('effectiveOn', 'desc')
    .orderBy('createdAt', 'desc')
    .execute();
}

/** Inserts a rule (a unified one without `homeId`); a version the title already has breaks the unique key. */
export function insertRule(db: Db, homeId: string | null, input: RuleInput, createdBy: string) {
  return db
    .insertInto('rules')
    .values({
      homeId,
      title: input.title,
      body: input.body,
      version: input.version,
      effectiveOn: input.effectiveOn,
      createdBy,
    })
    .returning(RULE_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Of these rule ids, those that are unified or the home's own. */
export function rulesOfHomeAmong(db: Db, homeId: string, ids: string[]) {
  return db
    .selectFrom('rules')
    .select('id')
    .where('id', 'in', ids)
    .where((eb) => eb.or([eb('homeId', 'is', null), eb('homeId', '=', homeId)]))
    .execute();
}

/** When each rule was posted on the home's wall. */
export function rulePostings(db: Db, homeId: string) {
  return db.selectFrom('rulePostings').select(['ruleId', 'postedOn']).where('homeId', '=', homeId).execute();
}

/** Records rules as posted on a date (those already posted get the new date). */
export async function upsertRulePostings(
  db: Db,
  homeId: string,
  ruleIds: string[],
  postedOn: string,
  recordedBy: string,
) {
  await db
    .insertInto('rulePostings')
    .values(ruleIds.map((ruleId) => ({ homeId, ruleId, postedOn, recordedBy })))
    .onConflict((oc) => oc.columns(['homeId', 'ruleId']).doUpdateSet({ postedOn, recordedBy }))
    .execute();
}
