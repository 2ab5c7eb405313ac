import { BOARD_HEADINGS, type BoardMember, type BoardsData } from '../../print/boards.js';
import type { PlaqueData } from '../../print/plaque.js';
import type { Actor, Db } from '../../server/types.js';
import { homeRules } from '../operations/rules.js';
import { listOrgUnits } from '../org-units/service.js';
import { mongolianOf } from '../translations/service.js';
import { memberRole } from './presenter.js';
import { type HomeRow, homeMembersOf } from './repo.js';
import { getHome } from './service.js';

/**
 * What a home's prints show — the outdoor sign (标识牌) and the indoor boards (室内展板), R9 — for
 * whoever may read the home: a home outside the actor's scope is not found, as its page is not.
 */

const ROLE_LABELS = { director: '负责人', deputy: '副负责人', member: '成员' } as const;
const ROLE_ORDER = { director: 0, deputy: 1, member: 2 } as const;
const HEADINGS = Object.keys(BOARD_HEADINGS) as (keyof typeof BOARD_HEADINGS)[];

/**
 * The unit a sign names: the district CPPCC for a district home; for a municipal one the municipal
 * CPPCC, followed by the committee or sector group that set it up.
 */
async function unitOf(db: Db, home: HomeRow): Promise<string> {
  const units = await listOrgUnits(db);
  const owner = units.find((unit) => unit.id === home.ownerUnitId);
  const municipal = units.find((unit) => unit.kind === 'municipal')?.name ?? '政协鄂尔多斯市委员会';
  if (!owner) return municipal;
  if (owner.kind === 'district') return owner.name;
  if (owner.kind === 'committee' || owner.kind === 'sector_group') return `${municipal} ${owner.name}`;
  return municipal;
}

export async function plaqueOf(db: Db, actor: Actor, id: string, origin: string): Promise<PlaqueData> {
  const home = await getHome(db, actor, id);
  return {
    name: home.name,
    nameMn: home.nameMn,
    nameMnReviewed: home.nameMnReviewed,
    brand: home.brand,
    unit: await unitOf(db, home),
    plaqueNo: home.plaqueNo,
    portalUrl: `${origin}/portal/homes/${home.id}`,
  };
}

export async function boardsOf(db: Db, actor: Actor, id: string, now = new Date()): Promise<BoardsData> {
  const home = await getHome(db, actor, id);
  const [members, rules, unit, mongolian] = await Promise.all([
    homeMembersOf(db, home),
    homeRules(db, actor, home.id, now),
    unitOf(db, home),
    mongolianOf(
      db,
      HEADINGS.map((heading) => `print.boards.${heading}`),
    ),
  ]);
  const people: BoardMember[] = members
    .map((member) => ({ member, role: memberRole(home, member.id) }))
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role])
    .map(({ member, role }) => ({ name: member.name, sector: member.sector, role: ROLE_LABELS[role] }));
  // the rules in force there: the unified ones, then the home's own
  const inForce = [...rules.unified, ...rules.supplementary].filter((rule) => rule.current);
  return {
    home: home.name,
    unit,
    members: people,
    rules: inForce.map(({ title, body, version, effectiveOn }) => ({ title, body, version, effectiveOn })),
    headingsMn: Object.fromEntries(
      HEADINGS.flatMap((heading) => {
        const found = mongolian.get(`print.boards.${heading}`);
        return found ? [[heading, found]] : [];
      }),
    ),
    printedOn: now,
  };
}
