import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.js';
import { ADMIN_PASSWORD, as, makeHome, signIn, startTestApp, type TestApp } from './helpers.js';

/** Counts the statements a request sends to the database. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: Parameters<KyselyPlugin['transformQuery']>[0]) {
    this.count++;
    return args.node;
  }
  async transformResult(args: Parameters<KyselyPlugin['transformResult']>[0]) {
    return args.result;
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function queriesFor(url: string) {
  const counter = new QueryCounter();
  const app = await buildApp({ db: t.db.withPlugin(counter), logLevel: 'silent', webDir: null });
  const session = await signIn(app, 'admin', ADMIN_PASSWORD);
  counter.count = 0;
  const res = await as(app, session)({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  await app.close();
  return { count: counter.count, items: res.json().items?.length as number };
}

async function addHomes(n: number) {
  for (let i = 0; i < n; i++) await makeHome(t.db, { name: `计数之家${i}` });
}

describe('no query per row', () => {
  it('lists 3 or 40 homes and members with the same number of queries', async () => {
    await addHomes(3);
    const few = await queriesFor('/api/v1/homes?pageSize=50');
    const fewMembers = await queriesFor('/api/v1/members?pageSize=50');
    await addHomes(37);
    const many = await queriesFor('/api/v1/homes?pageSize=50');
    const manyMembers = await queriesFor('/api/v1/members?pageSize=50');
    expect([few.items, many.items]).toEqual([3, 40]);
    expect(many.count).toBe(few.count);
    expect(manyMembers.items).toBeGreaterThan(fewMembers.items);
    expect(manyMembers.count).toBe(fewMembers.count);
    console.log(`queries per request: GET /homes ${many.count}, GET /members ${manyMembers.count}`);
  });
});
