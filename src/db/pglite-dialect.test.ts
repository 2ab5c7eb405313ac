import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openEmbedded } from './connection.js';
import { Mutex } from './mutex.js';

describe('Mutex', () => {
  it('hands the lock out first come, first served, one holder at a time', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const work = async (name: string, ms: number) => {
      const release = await mutex.lock();
      order.push(`${name}+`);
      await new Promise((r) => setTimeout(r, ms));
      order.push(`${name}-`);
      release();
    };
    await Promise.all([work('a', 20), work('b', 1), work('c', 5)]);
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
  });
});

describe('Kysely over PGlite', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openEmbedded(null);
    await sql`create table counter (n int not null)`.execute(handle.db);
    await sql`insert into counter values (0)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  it('does not interleave two transactions on its single connection', async () => {
    const db = handle.db as unknown as import('kysely').Kysely<{ counter: { n: number } }>;
    const increment = () =>
      db.transaction().execute(async (trx) => {
        const { n } = await trx.selectFrom('counter').select('n').executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 2));
        await trx
          .updateTable('counter')
          .set({ n: n + 1 })
          .execute();
      });
    await Promise.all(Array.from({ length: 20 }, increment));
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(20);
  });

  it('rolls a failed transaction back and keeps serving', async () => {
    const db = handle.db as unknown as import('kysely').Kysely<{ counter: { n: number } }>;
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('counter').set({ n: 999 }).execute();
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    expect((await db.selectFrom('counter').select('n').executeTakeFirstOrThrow()).n).toBe(20);
  });

  it('returns bigint, numeric and date values as text, like the pg driver here', async () => {
    const { rows } = await sql<{ a: string; b: string; c: string }>`
      select 9007199254740993::int8 as a, 1.10::numeric as b, date '2026-03-31' as c`.execute(handle.db);
    expect(rows[0]).toEqual({ a: '9007199254740993', b: '1.10', c: '2026-03-31' });
  });
});
