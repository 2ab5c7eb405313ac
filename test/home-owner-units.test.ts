import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_KINDS } from '../src/domain/home-workflow.js';
import { as, errorOf, type Session, signedInAs, signInCast, startTestApp, type TestApp } from './helpers.js';

// GET /homes/owner-units: what the new-home form may offer a clerk (units, kinds, where the home
// lies), and that it is exactly what POST /homes takes from them.

interface OwnerUnit {
  id: string;
  level: 'municipal' | 'district';
  kinds: string[];
  regionCode: string | null;
}

let t: TestApp;
let office: Session;
let dongsheng: Session;
let auditor: Session;
let groupStaff: Session;
let twoDistricts: Session;
beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, auditor } = await signInCast(t));
  groupStaff = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'sector-group-1' }]);
  twoDistricts = await signedInAs(t.app, t.db, [
    { role: 'district_staff', scopeId: 'district-150602' },
    { role: 'district_staff', scopeId: 'district-150626' },
  ]);
});
afterAll(() => t.close());

const ownerUnits = async (s: Session) => {
  const res = await as(t.app, s)({ method: 'GET', url: '/api/v1/homes/owner-units' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as OwnerUnit[];
};

const homeCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('homes')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A township and a village of a banner/district, by its region code. */
async function placesIn(district: string) {
  const first = (level: 'township' | 'village') =>
    t.db
      .selectFrom('regions')
      .select('code')
      .where('level', '=', level)
      .where('code', 'like', `${district}%`)
      .orderBy('code')
      .executeTakeFirstOrThrow();
  return { township: (await first('township')).code, village: (await first('village')).code };
}

const create = (s: Session, unit: Pick<OwnerUnit, 'id' | 'level'>, kind: string, regionCode?: string) =>
  as(
    t.app,
    s,
  )({
    method: 'POST',
    url: '/api/v1/homes',
    payload: {
      name: `选单测试之家${Math.random().toString(36).slice(2, 8)}`,
      kind,
      level: unit.level,
      ownerUnitId: unit.id,
      ...(regionCode ? { regionCode } : {}),
    },
  });

describe('what the new-home form is offered', () => {
  it('gives a district clerk their district: district homes of its kinds, lying inside it', async () => {
    expect(await ownerUnits(dongsheng)).toEqual([
      {
        id: 'district-150602',
        level: 'district',
        kinds: ['member_studio', 'township', 'village', 'industry'],
        regionCode: '150602',
      },
    ]);
  });

  it('gives a clerk of two districts both, each with its own place', async () => {
    expect((await ownerUnits(twoDistricts)).map((u) => [u.id, u.regionCode])).toEqual([
      ['district-150602', '150602'],
      ['district-150626', '150626'],
    ]);
  });

  it('gives the office the municipal units, their homes anywhere, a sector group’s home under a sector group only', async () => {
    const units = await ownerUnits(office);
    expect(units.length).toBeGreaterThan(8);
    expect(units.every((u) => u.level === 'municipal' && u.regionCode === null)).toBe(true);
    expect(
      units.filter((u) => u.kinds.includes('sector_group')).every((u) => u.id.startsWith('sector-group-')),
    ).toBe(true);
    expect(units.find((u) => u.id === 'office')!.kinds).toEqual(['member_studio', 'industry']);
    expect(units.find((u) => u.id === 'sector-group-1')!.kinds).toEqual([
      'sector_group',
      'member_studio',
      'industry',
    ]);
    expect(units.some((u) => u.kinds.includes('township') || u.kinds.includes('village'))).toBe(false);
  });

  it.each([
    ['a district clerk', () => dongsheng],
    ['a sector group’s clerk', () => groupStaff],
  ])('offers %s exactly the kinds the server takes from them', async (_who, session) => {
    for (const unit of await ownerUnits(session())) {
      const places = unit.regionCode ? await placesIn(unit.regionCode) : null;
      for (const kind of HOME_KINDS) {
        const region =
          kind === 'township' ? places?.township : kind === 'village' ? places?.village : undefined;
        const res = await create(session(), unit, kind, region);
        expect(res.statusCode, `${unit.id} ${kind}: ${res.body}`).toBe(unit.kinds.includes(kind) ? 201 : 400);
      }
    }
  });

  it('offers the places the server takes: a district’s home in another district is refused, nothing written', async () => {
    const [unit] = await ownerUnits(dongsheng);
    const inside = await placesIn(unit!.regionCode!);
    const elsewhere = await placesIn('150626');
    expect(inside.township.startsWith('150602')).toBe(true);
    expect((await create(dongsheng, unit!, 'township', inside.township)).statusCode).toBe(201);

    const before = await homeCount();
    const refused = await create(dongsheng, unit!, 'township', elsewhere.township);
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).error.fields).toMatchObject({ regionCode: '所在地须在本旗区范围内' });
    expect(await homeCount()).toBe(before);
  });

  it('refuses whoever may not register a home (403), and a visitor (401)', async () => {
    const res = await as(t.app, auditor)({ method: 'GET', url: '/api/v1/homes/owner-units' });
    expect(res.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/homes/owner-units' })).statusCode).toBe(401);
  });
});
