import { yearOf } from '../../domain/calendar.js';
import { DEFAULT_RULESET } from '../../domain/duty-record.js';
import { AppError } from '../../server/errors.js';
import type { Db } from '../../server/types.js';
import { rebuildYear } from './repo/compute.js';
import { anyRuleset, insertRuleset } from './repo/rules.js';
import { lockYear, yearClosed } from './repo/years.js';

/**
 * The stored records rebuilt from the one SQL query of `repo/compute.ts`: a year at a time, on
 * demand and hourly; and the shipped rules they are priced by.
 */

export const yearIsClosed = (year: number) =>
  new AppError(409, 'CONFLICT', `${year} 年度履职档案已归档，不能再更改`);

/**
 * Rebuilds the stored record of every member for an open year, in one transaction: entries, then
 * totals. A closed year is refused. Returns how many members and entries it holds.
 */
export async function recomputeYear(db: Db, year: number): Promise<{ members: number; entries: number }> {
  return db.transaction().execute(async (trx) => {
    const state = await lockYear(trx, year);
    if (state.closedAt) throw yearIsClosed(year);
    const counts = await rebuildYear(trx, year);
    return { members: Number(counts.members), entries: Number(counts.entries) };
  });
}

/** The shipped rules, stored once so the office can see and edit them. */
export async function ensureDefaultRuleset(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (await anyRuleset(trx)) return;
    await insertRuleset(
      trx,
      { validFromYear: DEFAULT_RULESET.validFromYear, note: '平台默认规则', savedBy: null },
      DEFAULT_RULESET,
    );
  });
}

/**
 * The hourly rebuild of the stored records (lists and rankings): this year, and last year while it
 * is still open. The job queue runs it (`server/jobs.ts`); running it twice changes nothing.
 */
export async function refreshDutyRecords(db: Db, now: Date): Promise<{ years: number[] }> {
  const year = yearOf(now);
  const years: number[] = [];
  for (const y of [year - 1, year]) {
    if (await yearClosed(db, y)) continue;
    await recomputeYear(db, y);
    years.push(y);
  }
  return { years };
}
