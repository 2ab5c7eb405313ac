import { sql } from 'kysely';
import type { PersonalDataKeys, SealedKind } from '../lib/personal-data.js';
import type { Db } from './schema.js';

/** The sealed columns of the schema: each with its kind, and the hash column a phone is found by. */
const SEALED: { table: string; column: string; kind: SealedKind; hash?: string }[] = [
  { table: 'members', column: 'phone_sealed', kind: 'phone', hash: 'phone_hash' },
  { table: 'opinion_submissions', column: 'phone_sealed', kind: 'phone' },
  { table: 'citizen_problems', column: 'requester_phone_sealed', kind: 'phone' },
  { table: 'users', column: 'totp_secret', kind: 'totp' },
];

const BATCH = 500;

export interface ResealCount {
  table: string;
  rows: number;
}

/**
 * Re-seals every value not yet under the ring's current key (and re-hashes the members' numbers
 * under it), a batch of rows per transaction, so a stop part-way loses nothing: the rows done are
 * on the new key, the rest still open with the old one. Afterwards no row needs an older key.
 */
export async function resealUnderCurrentKey(
  db: Db,
  ring: PersonalDataKeys,
  onProgress: (table: string, done: number) => void = () => {},
): Promise<ResealCount[]> {
  const current = ring.current.id;
  const counts: ResealCount[] = [];
  for (const spec of SEALED) {
    const [table, column] = [sql.id(spec.table), sql.id(spec.column)];
    const stale = spec.hash
      ? sql`(${column} not like ${`pd1:${current}:%`} or ${sql.id(spec.hash)} not like ${`${current}:%`})`
      : sql`${column} not like ${`pd1:${current}:%`}`;
    let done = 0;
    for (;;) {
      const moved = await db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ id: string; sealed: string }>`
          select id::text as id, ${column} as sealed from ${table}
          where ${column} is not null and ${stale} order by id limit ${BATCH} for update
        `.execute(trx);
        if (rows.length === 0) return 0;
        const values = sql.join(
          rows.map((r) => {
            const plain = ring.open(spec.kind, r.sealed);
            return sql`(${r.id}::uuid, ${ring.seal(spec.kind, plain)}, ${spec.hash ? ring.phoneHash(plain) : null}::text)`;
          }),
        );
        const hashSet = spec.hash ? sql`, ${sql.id(spec.hash)} = v.hash` : sql``;
        await sql`
          update ${table} as t set ${column} = v.sealed ${hashSet}
          from (values ${values}) as v (id, sealed, hash) where t.id = v.id
        `.execute(trx);
        return rows.length;
      });
      if (moved === 0) break;
      done += moved;
      onProgress(spec.table, done);
    }
    counts.push({ table: spec.table, rows: done });
  }
  return counts;
}

/** The key ids the stored values are sealed with, and how many values each seals. */
export async function keysInUse(db: Db): Promise<Map<string, number>> {
  const used = new Map<string, number>();
  for (const spec of SEALED) {
    const { rows } = await sql<{ id: string; n: number }>`
      select split_part(${sql.id(spec.column)}, ':', 2) as id, count(*)::int as n from ${sql.id(spec.table)}
      where ${sql.id(spec.column)} is not null group by 1
    `.execute(db);
    for (const r of rows) used.set(r.id, (used.get(r.id) ?? 0) + r.n);
  }
  // a member's number is found by its hash: a hash under an old key still needs that key
  const { rows } = await sql<{ id: string; n: number }>`
    select split_part(phone_hash, ':', 1) as id, count(*)::int as n from members
    where phone_hash is not null group by 1
  `.execute(db);
  for (const r of rows) used.set(r.id, (used.get(r.id) ?? 0) + r.n);
  return used;
}
