import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { quarterOf, quarterRange } from '../src/domain/calendar.js';
import {
  HOME_KINDS,
  HOME_STATUSES,
  type HomeAction,
  type HomeStatus,
  nextStatus,
} from '../src/domain/home-workflow.js';
import { nextOpinionStatus, type OpinionAction, type OpinionStatus } from '../src/domain/opinion-workflow.js';
import { coverage } from '../src/modules/homes/coverage.js';
import { openTestDb } from './helpers.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDb();
  await bootstrapDatabase(handle.db, { adminPassword: 'abcd1234', seedDemo: true });
});
afterAll(() => handle.close());

describe('the demo data set', () => {
  it('has about 300 municipal and 1,000 district members, and is not loaded twice', async () => {
    const count = () =>
      handle.db
        .selectFrom('members')
        .select(['level', sql<number>`count(*)::int`.as('n')])
        .groupBy('level')
        .orderBy('level')
        .execute();
    const before = await count();
    const n = Object.fromEntries(before.map((r) => [r.level, r.n]));
    expect(n.municipal).toBeGreaterThanOrEqual(250);
    expect(n.district).toBeGreaterThanOrEqual(900);
    await bootstrapDatabase(handle.db, { adminPassword: 'abcd1234', seedDemo: true });
    expect(await count()).toEqual(before);
  });

  it('has homes of every kind and in every state, each with a history the workflow allows', async () => {
    const homes = await handle.db.selectFrom('homes').select(['id', 'kind', 'status']).execute();
    expect(new Set(homes.map((h) => h.kind))).toEqual(new Set(HOME_KINDS));
    expect(new Set(homes.map((h) => h.status))).toEqual(new Set(HOME_STATUSES));
    const steps = await handle.db
      .selectFrom('homeTransitions')
      .select(['homeId', 'action', 'fromStatus', 'toStatus'])
      .orderBy('id')
      .execute();
    for (const home of homes) {
      const history = steps.filter((s) => s.homeId === home.id);
      expect(history[0]?.toStatus).toBe('proposed');
      for (const s of history.slice(1)) {
        expect(nextStatus(s.fromStatus as HomeStatus, s.action as HomeAction)).toBe(s.toStatus);
      }
      expect(history.at(-1)?.toStatus).toBe(home.status);
    }
  });

  it('shows coverage with both full and empty districts', async () => {
    const cov = await coverage(handle.db);
    const gapsByDistrict = new Map<string, number>();
    for (const t of cov.townships) {
      gapsByDistrict.set(
        t.districtCode,
        (gapsByDistrict.get(t.districtCode) ?? 0) + (t.operating === 0 ? 1 : 0),
      );
    }
    expect(gapsByDistrict.get('150602')).toBe(0);
    const hangjin = cov.townships.filter((t) => t.districtCode === '150625');
    expect(hangjin.every((t) => t.operating === 0)).toBe(true);
    expect(cov.gaps.sectorGroups.length).toBeGreaterThan(0);
    expect(cov.gaps.sectorGroups.length).toBeLessThan(8);
  });

  it('has held activities in past quarters, with attendance, and leaves the current quarter open', async () => {
    const { start } = quarterRange(quarterOf(new Date()).year, quarterOf(new Date()).quarter);
    const rows = await handle.db
      .selectFrom('activities')
      .select([
        sql<number>`count(*) filter (where starts_at < ${start})::int`.as('past'),
        sql<number>`count(*) filter (where starts_at >= ${start})::int`.as('current'),
        sql<number>`(select count(*) from attendance)::int`.as('attendance'),
      ])
      .executeTakeFirstOrThrow();
    expect(rows.past).toBeGreaterThan(100);
    expect(rows.current).toBe(0);
    expect(rows.attendance).toBeGreaterThan(rows.past);
  });

  it('has opinions in every state for the demo accounts, each with a history the pipeline allows', async () => {
    const opinions = await handle.db.selectFrom('opinions').select(['id', 'status', 'homeId']).execute();
    expect(new Set(opinions.map((o) => o.status)).size).toBeGreaterThanOrEqual(9);
    const steps = await handle.db
      .selectFrom('opinionSteps')
      .select(['opinionId', 'action', 'fromStatus', 'toStatus'])
      .orderBy('id')
      .execute();
    for (const o of opinions) {
      const history = steps.filter((s) => s.opinionId === o.id);
      expect(history[0]?.toStatus).toBe('received');
      for (const s of history.slice(1)) {
        expect(nextOpinionStatus(s.fromStatus as OpinionStatus, s.action as OpinionAction)).toBe(s.toStatus);
      }
      expect(history.at(-1)?.toStatus).toBe(o.status);
    }
    const director = await handle.db
      .selectFrom('userRoles')
      .innerJoin('users', 'users.id', 'userRoles.userId')
      .select('userRoles.scopeId')
      .where('users.username', '=', 'director')
      .executeTakeFirstOrThrow();
    const ofDirector = opinions.filter((o) => o.homeId === director.scopeId).map((o) => o.status);
    expect(ofDirector).toEqual(expect.arrayContaining(['received', 'accepted']));
  });

  it('gives the demo member proposals and reports that count in this year’s duty record', async () => {
    const { entriesQuery } = await import('../src/modules/records/repo/compute.js');
    const member = await handle.db
      .selectFrom('users')
      .select('memberId')
      .where('username', '=', 'member')
      .executeTakeFirstOrThrow();
    const year = new Date().getUTCFullYear();
    const entries = (await entriesQuery(year, member.memberId!).execute(handle.db)).rows as Array<{
      item: string;
    }>;
    expect(entries.map((e) => e.item)).toEqual(
      expect.arrayContaining(['proposal_submitted', 'proposal_filed', 'research_report']),
    );
  });
});
