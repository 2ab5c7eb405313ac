import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceData } from '../src/db/reference/load.js';
import { startTestApp, type TestApp } from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  expect(res.statusCode).toBe(200);
  return res.json();
};

describe('regions of Ordos', () => {
  it('lists the city at the top and its 9 banners/districts below it, without signing in', async () => {
    const top = await get('/api/v1/regions');
    expect(top.items).toEqual([
      {
        code: '150600',
        name: '鄂尔多斯市',
        nameMn: 'ᠤᠷᠳᠤᠰ ᠬᠤᠳᠠ',
        level: 'city',
        parentCode: null,
        isDevZone: false,
      },
    ]);
    const districts = await get('/api/v1/regions?parentCode=150600');
    expect(districts.total).toBe(9);
    expect(districts.items.map((r: { name: string }) => r.name)).toEqual([
      '东胜区',
      '康巴什区',
      '达拉特旗',
      '准格尔旗',
      '鄂托克前旗',
      '鄂托克旗',
      '杭锦旗',
      '乌审旗',
      '伊金霍洛旗',
    ]);
    // the attested Mongolian names ship as drafts; the rest stay empty rather than composed
    const mn = Object.fromEntries(
      districts.items.map((r: { name: string; nameMn: string | null }) => [r.name, r.nameMn]),
    );
    expect(mn.伊金霍洛旗).toBe('ᠡᠵᠡᠨ ᠬᠤᠷᠤᠭᠠ ᠬᠤᠰᠢᠭᠤ');
    expect(mn.东胜区).toBeNull();
  });

  it('has exactly the 77 township-level units of the official list, development zones flagged apart', async () => {
    const expected = fs
      .readFileSync(new URL('./fixtures/ordos-townships.tsv', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t').slice(0, 2));
    const all = await get('/api/v1/regions?level=township');
    const townships = all.items.filter((r: { isDevZone: boolean }) => !r.isDevZone);
    const zones = all.items.filter((r: { isDevZone: boolean }) => r.isDevZone);
    expect(townships.map((r: { code: string; name: string }) => [r.code, r.name]).sort()).toEqual(
      expected.sort(),
    );
    expect(zones.length).toBeGreaterThan(0);
    for (const zone of zones) expect(zone.code.slice(6, 7)).toBe('4');
  });

  it('goes down to village level under each township', async () => {
    const villages = await get('/api/v1/regions?parentCode=150602100');
    expect(villages.total).toBeGreaterThan(0);
    for (const v of villages.items) {
      expect(v.level).toBe('village');
      expect(v.code).toMatch(/^150602100\d{3}$/);
    }
    const { n } = await t.db
      .selectFrom('regions')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('level', '=', 'village')
      .executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(900);
  });

  it('refuses a malformed parent code with a field message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions?parentCode=abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.parentCode).toMatch(/区划代码/);
  });

  it('answers 404 for an unknown code', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/regions/999999' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

describe('org units', () => {
  it('has the municipal committee, its office, 8 sector groups and one CPPCC per banner/district', async () => {
    const units: Array<{ kind: string; name: string; regionCode: string | null; isDemo: boolean }> =
      await get('/api/v1/org-units');
    expect(units.filter((u) => u.kind === 'municipal')).toHaveLength(1);
    expect(units.filter((u) => u.kind === 'office')).toHaveLength(1);
    const groups = units.filter((u) => u.kind === 'sector_group');
    expect(groups).toHaveLength(8);
    expect(groups.every((g) => g.isDemo)).toBe(true);
    const districts = units.filter((u) => u.kind === 'district');
    expect(districts).toHaveLength(9);
    expect(districts.map((d) => d.regionCode)).toEqual([
      '150602',
      '150603',
      '150621',
      '150622',
      '150623',
      '150624',
      '150625',
      '150626',
      '150627',
    ]);
    expect(districts.find((d) => d.regionCode === '150602')?.name).toBe('东胜区政协');
    expect(districts.every((d) => !d.isDemo)).toBe(true);
  });

  it('filters by kind', async () => {
    const groups = await get('/api/v1/org-units?kind=sector_group');
    expect(groups).toHaveLength(8);
  });
});

describe('loading reference data', () => {
  it('is idempotent: a second load changes nothing and keeps names the office edited', async () => {
    await t.db
      .updateTable('orgUnits')
      .set({ name: '本市经济界别活动组' })
      .where('id', '=', 'sector-group-1')
      .execute();
    await t.db.deleteFrom('settings').where('key', '=', 'reference_data_version').execute();
    const count = () =>
      t.db.selectFrom('regions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    const before = await count();
    expect(await loadReferenceData(t.db)).toBe(true);
    expect(await loadReferenceData(t.db)).toBe(false);
    expect(await count()).toEqual(before);
    const unit = await t.db
      .selectFrom('orgUnits')
      .select('name')
      .where('id', '=', 'sector-group-1')
      .executeTakeFirst();
    expect(unit?.name).toBe('本市经济界别活动组');
  });
});
