import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/connection.js';
import { migrateToLatest, migrateUpTo } from '../src/db/migrate.js';
import { openPhone, openSecret, phoneHash } from '../src/lib/personal-data.js';
import { openTestDb } from './helpers.js';

/**
 * An installation upgraded to sealed personal data (migration 0017): the numbers and secrets it
 * already holds are sealed in the upgrade, their plaintext columns gone, and nothing else changes.
 */

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDb();
  await migrateUpTo(handle.db as never, '0016_mongolian_names');
  await sql`insert into org_units (id, kind, name) values ('municipal', 'municipal', '市政协')`.execute(
    handle.db,
  );
  await sql`
    insert into members (name, gender, level, org_unit_id, phone)
    values ('老号码', 'male', 'municipal', 'municipal', '13912345678'), ('无号码', 'female', 'municipal', 'municipal', null)
  `.execute(handle.db);
  await sql`
    insert into users (username, display_name, password_hash, totp_secret)
    values ('twofactor', '二次验证', 'x', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')
  `.execute(handle.db);
  await migrateToLatest(handle.db as never);
}, 120_000);
afterAll(() => handle?.close());

describe('upgrading to sealed personal data', () => {
  it('seals the numbers and TOTP secrets already stored, and drops the readable column', async () => {
    const members = await handle.db
      .selectFrom('members')
      .select(['name', 'phoneSealed', 'phoneHash'])
      .orderBy('name')
      .execute();
    const old = members.find((m) => m.name === '老号码')!;
    expect(old.phoneSealed).toMatch(/^pd1:/);
    expect(openPhone(old.phoneSealed)).toBe('13912345678');
    expect(old.phoneHash).toBe(phoneHash('13912345678'));
    expect(members.find((m) => m.name === '无号码')).toMatchObject({ phoneSealed: null, phoneHash: null });

    const user = await handle.db
      .selectFrom('users')
      .select('totpSecret')
      .where('username', '=', 'twofactor')
      .executeTakeFirstOrThrow();
    expect(user.totpSecret).toMatch(/^pd1:/);
    expect(openSecret(user.totpSecret)).toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');

    const { rows } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns
      where table_schema = current_schema() and column_name in ('phone', 'requester_phone')
    `.execute(handle.db);
    expect(rows).toEqual([]);
  });

  it('keeps a number registered once: a second member with the same hash is refused', async () => {
    const [old] = await handle.db
      .selectFrom('members')
      .select(['phoneSealed', 'phoneHash'])
      .where('name', '=', '老号码')
      .execute();
    await expect(
      handle.db
        .insertInto('members')
        .values({
          name: '重号',
          gender: 'male',
          level: 'municipal',
          orgUnitId: 'municipal',
          ethnicity: null,
          sectorGroupId: null,
          sector: null,
          employer: null,
          title: null,
          phoneSealed: old!.phoneSealed,
          phoneHash: old!.phoneHash,
        })
        .execute(),
    ).rejects.toThrow(/members_phone_hash_key/);
  });
});
