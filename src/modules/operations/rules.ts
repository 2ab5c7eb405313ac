import { beijingDate } from '../../domain/calendar.js';
import { badRequest, conflict, forbidden } from '../../server/errors.js';
import { isUuid } from '../../server/http.js';
import type { Actor, Db, Who } from '../../server/types.js';
import { recordAudit } from '../audit/service.js';
import { mayUpdateHome } from '../homes/policy.js';
import { getHome } from '../homes/service.js';
import { operationAbilities } from './policy.js';
import { presentHomeRules, presentRules } from './presenter.js';
import {
  insertRule,
  type RuleRow,
  rulePostings,
  rulesOf,
  rulesOfHomeAmong,
  upsertRulePostings,
} from './repo/rules.js';
import type { RuleInput } from './schema.js';

/**
 * The rules in force on a Beijing date: of each title (unified, or one home's own), the latest
 * version already in effect.
 */
export function currentRuleIds(rules: RuleRow[], today: string): Set<string> {
  const best = new Map<string, RuleRow>();
  for (const r of rules) {
    if (r.effectiveOn > today) continue;
    const key = `${r.homeId ?? ''}\u0000${r.title}`;
    const b = best.get(key);
    if (
      !b ||
      r.effectiveOn > b.effectiveOn ||
      (r.effectiveOn === b.effectiveOn && r.createdAt.getTime() > b.createdAt.getTime())
    ) {
      best.set(key, r);
    }
  }
  return new Set([...best.values()].map((r) => r.id));
}

const withCurrent = (rules: RuleRow[], now: Date) =>
  presentRules(rules, currentRuleIds(rules, beijingDate(now)));

/** The rules in force at a home today, unified and its own: what its public page shows. */
export async function rulesInForce(db: Db, homeId: string, now = new Date()) {
  return withCurrent(await rulesOf(db, homeId), now).filter((r) => r.current);
}

export async function listRules(db: Db, actor: Actor, homeId: string | undefined, now = new Date()) {
  if (homeId) await getHome(db, actor, homeId);
  return withCurrent(await rulesOf(db, homeId ?? null), now);
}

/** Unified rules: the office. A home's supplementary rules: whoever runs the home. */
export async function createRule(db: Db, who: Who, input: RuleInput, now = new Date()) {
  const actor = who.actor!;
  const homeId = input.homeId ?? null;
  if (homeId) {
    const home = await getHome(db, actor, homeId);
    if (!mayUpdateHome(actor, home)) throw forbidden('无权为该委员之家制定补充制度');
  } else if (!operationAbilities['rules.issue'](actor)) {
    throw forbidden('只有市政协办公室可以发布统一制度');
  }
  const duplicate = () =>
    conflict(`“${input.title}”已有版本“${input.version}”`, { version: '该制度已有此版本' });
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const created = await insertRule(trx, homeId, input, actor.userId);
      await recordAudit(trx, who, {
        action: homeId ? 'rule.create_supplementary' : 'rule.issue',
        objectType: 'rule',
        objectId: created.id,
        after: created,
      });
      return created;
    })
    .catch((err: unknown) => {
      if ((err as { code?: string }).code === '23505') throw duplicate();
      throw err;
    });
  const rules = await rulesOf(db, homeId);
  return presentRules([row], currentRuleIds(rules, beijingDate(now)))[0]!;
}

/** A home's rules: the unified ones with whether each is on its wall, and its own. */
export async function homeRules(db: Db, actor: Actor, homeId: string, now = new Date()) {
  await getHome(db, actor, homeId);
  return homeRulesView(db, homeId, now);
}

async function homeRulesView(db: Db, homeId: string, now: Date) {
  const rules = withCurrent(await rulesOf(db, homeId), now);
  return presentHomeRules(rules, await rulePostings(db, homeId));
}

/**
 * 六有 ④ for the scorecard: every unified rule in force is on the home's wall. With no unified
 * rule issued yet there is nothing on the wall, so this is false.
 */
export async function unifiedRulesPosted(db: Db, homeId: string, now: Date): Promise<boolean> {
  return (await homeRulesView(db, homeId, now)).allCurrentPosted;
}

/** Marks rules as posted on the home's wall on a date (those already posted get the new date). */
export async function postRules(
  db: Db,
  who: Who,
  homeId: string,
  input: { ruleIds: string[]; postedOn: string },
  now = new Date(),
) {
  const actor = who.actor!;
  const home = await getHome(db, actor, homeId);
  if (!mayUpdateHome(actor, home)) throw forbidden('无权登记该委员之家的制度上墙');
  if (input.postedOn > beijingDate(now))
    throw badRequest('上墙日期不能晚于今天', { postedOn: '不能晚于今天' });
  const ids = [...new Set(input.ruleIds)];
  const known = ids.every(isUuid) ? await rulesOfHomeAmong(db, homeId, ids) : [];
  if (known.length !== ids.length) throw badRequest('有找不到的制度', { ruleIds: '有找不到的制度' });
  await db.transaction().execute(async (trx) => {
    // the rules already on the wall, and since when: their dates are overwritten
    const earlier = (await rulePostings(trx, homeId)).filter((p) => ids.includes(p.ruleId));
    await upsertRulePostings(trx, homeId, ids, input.postedOn, actor.userId);
    await recordAudit(trx, who, {
      action: 'rule.post',
      objectType: 'home',
      objectId: homeId,
      before: {
        ruleIds: earlier.map((p) => p.ruleId),
        postedOn: [...new Set(earlier.map((p) => p.postedOn))],
      },
      after: { ruleIds: ids, postedOn: input.postedOn },
    });
  });
  return homeRulesView(db, homeId, now);
}
