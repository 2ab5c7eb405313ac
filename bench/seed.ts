/**
 * The benchmark's data set: tops a database (after the demo seed) up to 5,000 members and 600
 * homes of the same shapes as the demo — every kind and status, members, histories — with
 * batched inserts and a fixed seed, so every run measures the same data.
 */
import type { Kysely } from 'kysely';
import { orgUnitId } from '../src/db/reference/org-units.js';
import type { Database } from '../src/db/schema.js';
import {
  type BuiltHome,
  buildHome,
  DISTRICT_CODES,
  demoPhone,
  type HomeKindName,
  type HomeSpec,
  insertChunked,
  insertHomes,
  type MemberSeed,
  makeMember,
  PlaqueNumbers,
  poolsOf,
  Rng,
  SECTOR_GROUP_IDS,
  TOWNSHIPS,
  TRADES,
  tradeSectors,
  VILLAGES,
} from '../src/db/seed/demo-homes.js';
import type { HomeStatus } from '../src/domain/home-workflow.js';

export const BENCH_TARGET = { members: 5000, homes: 600 };

/** Districts weighted roughly by population (members and homes alike). */
const DISTRICT_WEIGHTS: Record<string, number> = {
  '150602': 18,
  '150603': 8,
  '150621': 14,
  '150622': 15,
  '150623': 8,
  '150624': 9,
  '150625': 9,
  '150626': 9,
  '150627': 10,
};
const KIND_WEIGHTS: Array<[HomeKindName, number]> = [
  ['township', 30],
  ['village', 36],
  ['member_studio', 20],
  ['industry', 11],
  ['sector_group', 3],
];
const STATUS_WEIGHTS: Array<[HomeStatus, number]> = [
  ['operating', 50],
  ['proposed', 7],
  ['surveyed', 7],
  ['planned', 7],
  ['reviewed', 6],
  ['approved', 6],
  ['rejected', 5],
  ['suspended', 6],
  ['closed', 6],
];

function weighted<T>(rng: Rng, items: Array<[T, number]>): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let x = rng.float() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

const districtWeights = (): Array<[string, number]> =>
  DISTRICT_CODES.map((c) => [c, DISTRICT_WEIGHTS[c] ?? 5]);

export async function seedBenchData(
  db: Kysely<Database>,
  target = BENCH_TARGET,
): Promise<{ members: number; homes: number }> {
  const rng = new Rng(6005000);
  const existing = await db
    .selectFrom('members')
    .select([
      'id',
      'name',
      'gender',
      'level',
      'orgUnitId',
      'sectorGroupId',
      'sector',
      'employer',
      'expertise',
      'phone',
    ])
    .execute();
  const homeCount = Number(
    (
      await db
        .selectFrom('homes')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const plaques = new PlaqueNumbers(
    (await db.selectFrom('homes').select('plaqueNo').where('plaqueNo', 'is not', null).execute()).map(
      (h) => h.plaqueNo,
    ),
  );

  // members: a tenth municipal (in the sector groups), the rest in the districts
  const phones = new Set(existing.map((m) => m.phone));
  let n = 1_000_000 + existing.length;
  const nextPhoneIndex = () => {
    while (phones.has(demoPhone(n))) n++;
    return n++;
  };
  const members: MemberSeed[] = [];
  for (let i = existing.length; i < target.members; i++) {
    const municipal = rng.chance(0.1);
    members.push(
      makeMember(
        rng,
        municipal
          ? { level: 'municipal', sectorGroupId: rng.pick(SECTOR_GROUP_IDS) }
          : { level: 'district', districtCode: weighted(rng, districtWeights()) },
        nextPhoneIndex(),
      ),
    );
  }
  const pools = poolsOf([...(existing as MemberSeed[]), ...members]);

  // homes: every kind and status, spread over the districts
  const built: BuiltHome[] = [];
  const trades = Object.keys(TRADES);
  for (let i = homeCount; i < target.homes; i++) {
    const kind = weighted(rng, KIND_WEIGHTS);
    const status = weighted(rng, STATUS_WEIGHTS);
    let spec: HomeSpec;
    if (kind === 'sector_group') {
      spec = { kind, status, level: 'municipal', ownerUnitId: rng.pick(SECTOR_GROUP_IDS) };
    } else {
      const municipal = (kind === 'member_studio' || kind === 'industry') && rng.chance(0.3);
      const code = weighted(rng, districtWeights());
      const township = rng.pick(TOWNSHIPS[code]!);
      const online = kind === 'member_studio' && rng.chance(0.25);
      spec = municipal
        ? {
            kind,
            status,
            level: 'municipal',
            ownerUnitId: kind === 'industry' ? 'committee-2' : orgUnitId.office,
          }
        : {
            kind,
            status,
            level: 'district',
            ownerUnitId: orgUnitId.district(code),
            districtCode: code,
            regionCode:
              kind === 'village'
                ? rng.pick(VILLAGES[township]!)
                : kind === 'industry' || online
                  ? null
                  : township,
          };
      spec.online = online;
      if (kind === 'industry') {
        spec.industry = rng.pick(trades);
        spec.directorSectors = tradeSectors(spec.industry);
      }
    }
    built.push(buildHome(rng, spec, pools, plaques));
  }

  await db.transaction().execute(async (trx) => {
    await insertChunked(trx, 'members', members);
    await insertHomes(trx, built);
  });
  return { members: existing.length + members.length, homes: homeCount + built.length };
}
