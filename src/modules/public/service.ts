import { sql } from 'kysely';
import { HOME_KINDS } from '../../domain/home-workflow.js';
import { likePattern } from '../../lib/sql.js';
import { notFound } from '../../server/errors.js';
import { isUuid, pageOf } from '../../server/http.js';
import type { Db } from '../../server/types.js';
import { rulesInForce } from '../operations/rules.js';
import type { PublicHomesQuery } from '../opinions/schema.js';

/**
 * What anyone may read without signing in: operating homes, their people by name and sector (never
 * a phone number), their rules, rota and coming activities.
 */

const CITY = '150600';
const DAY_MS = 86_400_000;

const operating = (db: Db) =>
  db
    .selectFrom('homes')
    .innerJoin('orgUnits', 'orgUnits.id', 'homes.ownerUnitId')
    .leftJoin('regions as township', (join) =>
      join.on('township.code', '=', sql<string>`left(homes.region_code, 9)`),
    )
    .leftJoin('regions as district', (join) =>
      join.on('district.code', '=', sql<string>`left(homes.region_code, 6)`),
    )
    .leftJoin('members as director', 'director.id', 'homes.directorMemberId')
    .where('homes.status', '=', 'operating');

const SUMMARY_COLUMNS = [
  'homes.id',
  'homes.name',
  'homes.nameMn',
  'homes.kind',
  'homes.level',
  'homes.brand',
  'homes.specialty',
  'homes.address',
  'homes.openingHours',
  'homes.online',
  'homes.onlineUrl',
  'homes.regionCode',
  'township.name as regionName',
  'district.name as districtName',
  'orgUnits.name as ownerUnitName',
  'director.name as directorName',
] as const;

export async function publicHomes(db: Db, f: PublicHomesQuery) {
  let q = operating(db);
  if (f.q) {
    const like = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([
        eb('homes.name', 'like', like),
        eb('homes.brand', 'like', like),
        eb('homes.address', 'like', like),
      ]),
    );
  }
  if (f.kind) q = q.where('homes.kind', '=', f.kind);
  if (f.level) q = q.where('homes.level', '=', f.level);
  if (f.ownerUnitId) q = q.where('homes.ownerUnitId', '=', f.ownerUnitId);
  // a district's code also finds the municipal homes located there
  if (f.regionCode) q = q.where('homes.regionCode', 'like', `${f.regionCode}%`);
  return pageOf(
    f,
    q
      .select(SUMMARY_COLUMNS)
      .orderBy('homes.level', 'desc')
      .orderBy('homes.regionCode')
      .orderBy('homes.name')
      .orderBy('homes.id'),
    q.select((eb) => eb.fn.countAll<string>().as('n')),
    (items) => items,
  );
}

export async function publicHome(db: Db, id: string, now = new Date()) {
  const home = isUuid(id)
    ? await operating(db)
        .select(SUMMARY_COLUMNS)
        .select(['homes.plaqueNo', 'homes.directorMemberId', 'homes.deputyMemberId'])
        .where('homes.id', '=', id)
        .executeTakeFirst()
    : undefined;
  if (!home) throw notFound('找不到该委员之家');
  const [people, rules, dutyShifts, activities, recentActivities] = await Promise.all([
    db
      .selectFrom('members')
      .select(['id', 'name', 'sector'])
      .where((eb) =>
        eb.or([
          eb('id', 'in', eb.selectFrom('homeMembers').select('memberId').where('homeId', '=', home.id)),
          eb('id', '=', home.directorMemberId ?? '00000000-0000-0000-0000-000000000000'),
          eb('id', '=', home.deputyMemberId ?? '00000000-0000-0000-0000-000000000000'),
        ]),
      )
      .orderBy('name')
      .execute(),
    rulesInForce(db, home.id, now),
    db
      .selectFrom('dutyShifts')
      .innerJoin('members', 'members.id', 'dutyShifts.memberId')
      .select(['dutyShifts.startsAt', 'dutyShifts.endsAt', 'members.name as memberName'])
      .where('dutyShifts.homeId', '=', home.id)
      .where('dutyShifts.status', '=', 'scheduled')
      .where('dutyShifts.endsAt', '>', now)
      .where('dutyShifts.startsAt', '<', new Date(now.getTime() + 30 * DAY_MS))
      .orderBy('dutyShifts.startsAt')
      .limit(60)
      .execute(),
    hostedActivities(db, home.id)
      .where('activities.status', '=', 'planned')
      .where('activities.endsAt', '>', now)
      .where('activities.startsAt', '<', new Date(now.getTime() + 60 * DAY_MS))
      .select(['activities.endsAt', 'activities.place'])
      .orderBy('activities.startsAt')
      .limit(20)
      .execute(),
    hostedActivities(db, home.id)
      .where('activities.status', '=', 'held')
      .orderBy('activities.startsAt', 'desc')
      .limit(5)
      .execute(),
  ]);
  const person = (memberId: string | null) => {
    const p = people.find((m) => m.id === memberId);
    return p ? { name: p.name, sector: p.sector } : null;
  };
  const { directorMemberId, deputyMemberId, ...summary } = home;
  const iso = (d: Date) => d.toISOString();
  return {
    ...summary,
    director: person(directorMemberId),
    deputy: person(deputyMemberId),
    members: people
      .filter((m) => m.id !== directorMemberId && m.id !== deputyMemberId)
      .map((m) => ({ name: m.name, sector: m.sector })),
    rules: rules.map((r) => ({ id: r.id, title: r.title, content: r.body })),
    dutyShifts: dutyShifts.map((s) => ({ ...s, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) })),
    activities: activities.map((a) => ({ ...a, startsAt: iso(a.startsAt), endsAt: iso(a.endsAt) })),
    recentActivities: recentActivities.map((a) => ({ ...a, startsAt: iso(a.startsAt) })),
  };
}

const hostedActivities = (db: Db, homeId: string) =>
  db
    .selectFrom('activities')
    .innerJoin('activityHosts', 'activityHosts.activityId', 'activities.id')
    .select(['activities.id', 'activities.title', 'activities.kind', 'activities.startsAt'])
    .where('activityHosts.homeId', '=', homeId);

/** The finder's choices, each with how many operating homes it holds. */
export async function publicOptions(db: Db) {
  const [regions, byRegion, sectorGroups, byKind] = await Promise.all([
    db
      .selectFrom('regions')
      .select(['code', 'name', 'level', 'parentCode'])
      .where('level', 'in', ['district', 'township'])
      .where('code', 'like', `${CITY.slice(0, 4)}%`)
      .orderBy('code')
      .execute(),
    db
      .selectFrom('homes')
      .select([sql<string>`left(region_code, 9)`.as('code'), (eb) => eb.fn.countAll<string>().as('n')])
      .where('status', '=', 'operating')
      .where('regionCode', 'is not', null)
      .groupBy(sql`left(region_code, 9)`)
      .execute(),
    db
      .selectFrom('orgUnits')
      .leftJoin('homes', (join) =>
        join.onRef('homes.ownerUnitId', '=', 'orgUnits.id').on('homes.status', '=', 'operating'),
      )
      .select(['orgUnits.id', 'orgUnits.name', (eb) => eb.fn.count<string>('homes.id').as('n')])
      .where('orgUnits.kind', '=', 'sector_group')
      .groupBy(['orgUnits.id', 'orgUnits.name'])
      .orderBy('orgUnits.id')
      .execute(),
    db
      .selectFrom('homes')
      .select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
      .where('status', '=', 'operating')
      .groupBy('kind')
      .execute(),
  ]);
  const homesIn = (prefix: string) =>
    byRegion.filter((r) => r.code.startsWith(prefix)).reduce((sum, r) => sum + Number(r.n), 0);
  const districts = regions
    .filter((r) => r.level === 'district')
    .map((d) => ({
      code: d.code,
      name: d.name,
      homes: homesIn(d.code),
      townships: regions
        .filter((t) => t.level === 'township' && t.parentCode === d.code)
        .map((t) => ({ code: t.code, name: t.name, homes: homesIn(t.code) })),
    }));
  const kindCount = new Map(byKind.map((k) => [k.kind, Number(k.n)]));
  return {
    districts,
    sectorGroups: sectorGroups.map((g) => ({ id: g.id, name: g.name, homes: Number(g.n) })),
    kinds: HOME_KINDS.map((kind) => ({ kind, homes: kindCount.get(kind) ?? 0 })),
  };
}

/**
 * R25, publicity: the homes and members commended in the latest year with published evaluation
 * results, as they were published (the latest revision of each round). Members by name and sector.
 */
export async function publicCommendations(db: Db) {
  const rows = await db
    .selectFrom('evaluationPublications as p')
    .innerJoin('evaluationRounds as r', 'r.id', 'p.roundId')
    .innerJoin('orgUnits', 'orgUnits.id', 'r.ownerUnitId')
    .select([
      'r.id',
      'r.year',
      'r.level',
      'r.title',
      'orgUnits.name as ownerUnitName',
      'p.revision',
      'p.publishedAt',
      'p.results',
    ])
    .where('r.year', '=', (eb) =>
      eb
        .selectFrom('evaluationPublications')
        .innerJoin('evaluationRounds', 'evaluationRounds.id', 'evaluationPublications.roundId')
        .select((e) => e.fn.max('evaluationRounds.year').as('y')),
    )
    .where('p.revision', '=', (eb) =>
      eb
        .selectFrom('evaluationPublications as q')
        .select((e) => e.fn.max('q.revision').as('v'))
        .whereRef('q.roundId', '=', 'p.roundId'),
    )
    .orderBy('r.level', 'desc')
    .orderBy('orgUnits.name')
    .execute();
  const results = rows.map(
    (r) =>
      r.results as {
        homes: Array<{ homeId: string; name: string; grade: string; rank: number; commended: boolean }>;
        members: Array<{ memberId: string; name: string; rank: number }>;
      },
  );
  const memberIds = results.flatMap((r) => r.members.map((m) => m.memberId));
  const sectors = memberIds.length
    ? new Map(
        (await db.selectFrom('members').select(['id', 'sector']).where('id', 'in', memberIds).execute()).map(
          (m) => [m.id, m.sector],
        ),
      )
    : new Map<string, string | null>();
  return {
    rounds: rows.map((r, i) => ({
      year: r.year,
      level: r.level,
      title: r.title,
      ownerUnitName: r.ownerUnitName,
      publishedAt: r.publishedAt.toISOString(),
      homes: results[i]!.homes.filter((h) => h.commended)
        .sort((a, b) => a.rank - b.rank)
        .map((h) => ({ homeId: h.homeId, name: h.name, grade: h.grade })),
      members: results[i]!.members.sort((a, b) => a.rank - b.rank).map((m) => ({
        name: m.name,
        sector: sectors.get(m.memberId) ?? null,
      })),
    })),
  };
}
