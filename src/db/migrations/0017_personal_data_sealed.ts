import { type Kysely, sql } from 'kysely';
import { type PersonalDataKeys, personalDataKeys, type SealedKind } from '../../lib/personal-data.js';

/**
 * 个人信息保密性 (GB/T 22239-2019 §8.1.4.8, §8.1.4.9): phone numbers and TOTP secrets sealed
 * (AES-256-GCM, src/lib/personal-data.ts) and members found by a keyed hash of their number.
 *
 * The rows already stored are sealed here, inside the migration's transaction, with the key ring
 * the start loaded before migrating: the plaintext columns are dropped in the same commit, so no
 * version of the schema ever holds both, and a start without keys fails before changing anything.
 * Each table is then rewritten (a column set to itself through an expression), so the old row
 * versions with the readable numbers do not stay behind in its pages.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // read when the first row is sealed: a new, empty database migrates without keys
  const keys = () => personalDataKeys();

  await sql`alter table members add column phone_sealed text, add column phone_hash text`.execute(db);
  await sealRows(db, keys, {
    table: 'members',
    from: 'phone',
    to: 'phone_sealed',
    kind: 'phone',
    hash: 'phone_hash',
  });
  await sql`drop index members_phone_key`.execute(db);
  await sql`alter table members drop column phone`.execute(db);
  await sql`create unique index members_phone_hash_key on members (phone_hash)`.execute(db);
  await sql`
    alter table members add constraint members_phone_sealed_hash
      check ((phone_sealed is null) = (phone_hash is null))
  `.execute(db);

  await sql`alter table opinion_submissions add column phone_sealed text`.execute(db);
  await sealRows(db, keys, {
    table: 'opinion_submissions',
    from: 'phone',
    to: 'phone_sealed',
    kind: 'phone',
  });
  // the consent check goes with the column it named
  await sql`alter table opinion_submissions drop column phone`.execute(db);
  await sql`
    alter table opinion_submissions add constraint opinion_submissions_phone_consent
      check (phone_sealed is null or contact_consent)
  `.execute(db);

  await sql`alter table citizen_problems add column requester_phone_sealed text`.execute(db);
  await sealRows(db, keys, {
    table: 'citizen_problems',
    from: 'requester_phone',
    to: 'requester_phone_sealed',
    kind: 'phone',
  });
  await sql`alter table citizen_problems drop column requester_phone`.execute(db);
  await sql`
    alter table citizen_problems add constraint citizen_problems_phone_consent
      check (requester_phone_sealed is null or contact_consent)
  `.execute(db);

  // the TOTP secret keeps its column, sealed in place
  await sealRows(db, keys, { table: 'users', from: 'totp_secret', to: 'totp_secret', kind: 'totp' });

  for (const [table, column] of [
    ['members', 'phone_sealed'],
    ['opinion_submissions', 'phone_sealed'],
    ['citizen_problems', 'requester_phone_sealed'],
    ['users', 'totp_secret'],
  ] as const) {
    await sql`alter table ${sql.id(table)} alter column ${sql.id(column)} type text using ${sql.id(column)} || ''`.execute(
      db,
    );
  }
}

const BATCH = 500;

interface SealSpec {
  table: string;
  from: string;
  to: string;
  kind: SealedKind;
  hash?: string;
}

/** Seals `from` into `to` (and hashes it into `hash`), a batch of rows per statement. */
async function sealRows(db: Kysely<unknown>, ring: () => PersonalDataKeys, spec: SealSpec): Promise<void> {
  const [table, from, to] = [sql.id(spec.table), sql.id(spec.from), sql.id(spec.to)];
  // sealed in place (from = to): a sealed value starts with the envelope's version
  const pending =
    spec.from === spec.to
      ? sql`${from} is not null and ${from} not like 'pd1:%'`
      : sql`${to} is null and ${from} is not null`;
  for (;;) {
    const { rows } = await sql<{ id: string; value: string }>`
      select id::text as id, ${from} as value from ${table} where ${pending} order by id limit ${BATCH}
    `.execute(db);
    if (rows.length === 0) return;
    const keys = ring();
    const values = sql.join(
      rows.map(
        (r) =>
          sql`(${r.id}::uuid, ${keys.seal(spec.kind, r.value)}, ${spec.kind === 'phone' ? keys.phoneHash(r.value) : null}::text)`,
      ),
    );
    const hashSet = spec.hash ? sql`, ${sql.id(spec.hash)} = v.hash` : sql``;
    await sql`
      update ${table} as t set ${to} = v.sealed ${hashSet}
      from (values ${values}) as v (id, sealed, hash) where t.id = v.id
    `.execute(db);
  }
}
