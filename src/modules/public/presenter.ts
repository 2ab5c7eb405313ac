import { HOME_KINDS } from '../../domain/home-workflow.js';
import type * as repo from './repo.js';

/** The rows a repo function answers. */
type Rows<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

const iso = (d: Date) => d.toISOString();

/** A home's public page: its people by name and sector (never a phone number), rules, rota, activities. */
export function presentPublicHome(
  home: NonNullable<Rows<typeof repo.operatingHome>>,
  people: Rows<typeof repo.homePeople>,
  rules: Array<{ id: string; title: string; body: string }>,
  dutyShifts: Rows<typeof repo.comingShifts>,
  activities: Rows<typeof repo.comingActivities>,
  recentActivities: Rows<typeof repo.heldActivities>,
) {
  const person = (memberId: string | null) => {
    const p = people.find((m) => m.id === memberId);
    return p ? { name: p.name, sector: p.sector } : null;
  };
  const { directorMemberId, deputyMemberId, ...summary } = home;
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

/** The finder's choices: districts with their townships, sector groups and kinds, each with its homes. */
export function presentOptions(
  regions: Rows<typeof repo.districtsAndTownships>,
  byRegion: Rows<typeof repo.operatingHomesByTownship>,
  sectorGroups: Rows<typeof repo.sectorGroupsWithHomes>,
  byKind: Rows<typeof repo.operatingHomesByKind>,
) {
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

type Publication = Rows<typeof repo.latestPublications>[number];

/** A publication's frozen results, as the round published them. */
export const resultsOf = (p: Publication) =>
  p.results as {
    homes: Array<{ homeId: string; name: string; grade: string; rank: number; commended: boolean }>;
    members: Array<{ memberId: string; name: string; rank: number }>;
  };

/** The commended homes and members of each round, members by name and sector. */
export function presentCommendations(rows: Publication[], sectors: Map<string, string | null>) {
  return {
    rounds: rows.map((r) => {
      const results = resultsOf(r);
      return {
        year: r.year,
        level: r.level,
        title: r.title,
        ownerUnitName: r.ownerUnitName,
        publishedAt: r.publishedAt.toISOString(),
        homes: results.homes
          .filter((h) => h.commended)
          .sort((a, b) => a.rank - b.rank)
          .map((h) => ({ homeId: h.homeId, name: h.name, grade: h.grade })),
        members: results.members
          .sort((a, b) => a.rank - b.rank)
          .map((m) => ({ name: m.name, sector: sectors.get(m.memberId) ?? null })),
      };
    }),
  };
}
