/**
 * The benchmark's data set: tops a database (after the demo seed) up to 5,000 members and 600
 * homes of the same shapes as the demo — every kind and status, members, histories — with
 * batched inserts and a fixed seed, so every run measures the same data.
 */
import { type Kysely, sql } from 'kysely';
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
import { phoneHash } from '../src/lib/personal-data.js';

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
      'phoneHash',
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
  const phones = new Set(existing.map((m) => m.phoneHash));
  let n = 1_000_000 + existing.length;
  const nextPhoneIndex = () => {
    while (phones.has(phoneHash(demoPhone(n)))) n++;
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

export const BENCH_ACTIVITIES = { activities: 20_000, attendancePerActivity: 10 };

/**
 * 20,000 activities over the last two years, hosted by the 600 homes (one in ten jointly by two),
 * nine in ten held, with 200,000 attendance rows: generated in SQL, deterministic.
 */
export async function seedBenchActivities(db: Kysely<Database>, target = BENCH_ACTIVITIES): Promise<number> {
  const { n } = await db
    .selectFrom('activities')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(n) >= target.activities) return Number(n);
  await db.transaction().execute(async (trx) => {
    await sql`
      create temporary table bench_homes on commit drop as
        select id, row_number() over (order by id) - 1 as i from homes`.execute(trx);
    await sql`
      create temporary table bench_members on commit drop as
        select id, row_number() over (order by id) - 1 as i from members`.execute(trx);
    await sql`
      insert into activities (id, title, kind, function, starts_at, ends_at, place, status, checkin_code)
      select md5('bench-activity-' || g)::uuid, '基准活动 ' || g,
        (array['study','consultation','duty_day','inspection','fellowship'])[1 + g % 5],
        (array['study','democracy','duty','duty','unity'])[1 + g % 5],
        date_trunc('year', now()) - interval '1 year' + (g % 700) * interval '1 day' + interval '9 hours',
        date_trunc('year', now()) - interval '1 year' + (g % 700) * interval '1 day' + interval '11 hours',
        '活动室', case when g % 10 = 0 then 'planned' else 'held' end, 'BENCH' || g
      from generate_series(1, ${target.activities}) g`.execute(trx);
    await sql`
      insert into activity_hosts (activity_id, home_id)
      select md5('bench-activity-' || g)::uuid, h.id
      from generate_series(1, ${target.activities}) g
      join bench_homes h on h.i = g % (select count(*) from bench_homes)
      union
      select md5('bench-activity-' || g)::uuid, h.id
      from generate_series(1, ${target.activities}) g
      join bench_homes h on h.i = (g * 7 + 3) % (select count(*) from bench_homes)
      where g % 10 = 0`.execute(trx);
    await sql`
      insert into attendance (activity_id, member_id, source, at)
      select md5('bench-activity-' || g)::uuid, m.id, 'manual', now()
      from generate_series(1, ${target.activities}) g
      cross join generate_series(1, ${target.attendancePerActivity}) k
      join bench_members m on m.i = (g * 13 + k * 101) % (select count(*) from bench_members)
      on conflict do nothing`.execute(trx);
  });
  return target.activities;
}
