import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type RoleGrant, SEPARATED_ROLES } from '../src/domain/roles.js';
import { ABILITY_NAMES, type Ability, can } from '../src/server/abilities.js';
import type { Actor } from '../src/server/types.js';
import { as, makeMember, type Session, signedInAs, startTestApp, type TestApp } from './helpers.js';

/**
 * The role × route matrix: every write route names an ability for what it does (never one that
 * only lets you read), each ability is held by exactly the roles below, and the route refuses
 * everyone else before it reads a byte of the request.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const READ = /\.(read|list|attention)$/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Profile = { name: string; roles: RoleGrant[]; member: boolean };
const PROFILES: Profile[] = [
  { name: 'system_admin', roles: [{ role: 'system_admin', scopeId: null }], member: false },
  { name: 'office_admin', roles: [{ role: 'office_admin', scopeId: null }], member: false },
  { name: 'committee_staff', roles: [{ role: 'committee_staff', scopeId: 'committee-1' }], member: false },
  { name: 'district_staff', roles: [{ role: 'district_staff', scopeId: 'district-150602' }], member: false },
  { name: 'vice_chair', roles: [{ role: 'vice_chair', scopeId: 'committee-1' }], member: false },
  { name: 'home_director', roles: [{ role: 'home_director', scopeId: crypto.randomUUID() }], member: false },
  { name: 'member', roles: [{ role: 'member', scopeId: null }], member: true },
  { name: 'auditor', roles: [{ role: 'auditor', scopeId: null }], member: false },
  { name: 'security_admin', roles: [{ role: 'security_admin', scopeId: null }], member: false },
  { name: 'translator', roles: [{ role: 'translator', scopeId: null }], member: false },
];

/**
 * Everyone who works on the CPPCC's business: not the three administrators of 三权分立, nor the
 * translators, who work on the product's Mongolian.
 */
const BUSINESS: string[] = ROLES.filter((r) => !SEPARATED_ROLES.includes(r as never) && r !== 'translator');
/** Who acts on a home's work: the business roles but the vice chair, who reads. */
const ACTS = BUSINESS.filter((r) => r !== 'vice_chair');

const actorOf = (p: Profile): Actor => ({
  userId: crypto.randomUUID(),
  username: p.name,
  displayName: p.name,
  memberId: p.member ? crypto.randomUUID() : null,
  roles: p.roles,
  via: 'session',
  sessionId: null,
  csrfToken: null,
});

/** Who holds each ability that changes something: the first gate of every write route. */
const WRITERS: Partial<Record<Ability, string[]>> = {
  'user.create': ['system_admin', 'security_admin'],
  'user.manage': ['system_admin', 'security_admin'],
  'user.grant_roles': ['security_admin'],
  'user.unlock': ['security_admin'],
  'member.create': ['office_admin', 'district_staff'],
  'member.import': ['office_admin', 'district_staff'],
  'member.update': ['office_admin', 'district_staff', 'member'],
  'member.reveal_phone': ['office_admin', 'committee_staff', 'district_staff', 'vice_chair', 'home_director'],
  'home.create': ['office_admin', 'committee_staff', 'district_staff', 'member'],
  'home.update': ACTS,
  'home.transition': ['office_admin', 'committee_staff', 'district_staff'],
  'activity.create': ACTS,
  'activity.update': ACTS,
  'rota.manage': ACTS,
  'compliance.remind': ['office_admin', 'committee_staff', 'district_staff', 'vice_chair'],
  'opinion.create': ACTS,
  'opinion.transition': ACTS,
  'problem.create': ACTS,
  'problem.handle': ACTS,
  'record.admin': ['office_admin'],
  'record.adjust': ['office_admin', 'district_staff'],
  'record.flag': ['member'],
  'output.manage': ['office_admin', 'committee_staff', 'district_staff'],
  'evaluation.run': ['office_admin', 'district_staff'],
  'evaluation.manage': ['office_admin', 'district_staff'],
  'evaluation.self_summary': ['office_admin', 'district_staff', 'home_director', 'member'],
  'evaluation.score': ['office_admin', 'committee_staff', 'district_staff', 'vice_chair'],
  'funds.allocate': ['office_admin', 'district_staff'],
  'funds.spend': ['office_admin', 'district_staff', 'home_director', 'member'],
  'funds.approve': ['office_admin', 'district_staff'],
  'funds.reverse': ['office_admin', 'district_staff'],
  'funds.settings': ['office_admin'],
  'training.manage': ['office_admin', 'district_staff'],
  'training.check_in': BUSINESS,
  'training.enrol_self': BUSINESS,
  'dashboard.refresh': ['office_admin'],
  'translation.edit': ['translator'],
};

const writeRoutes = () =>
  t.app.routeAccess.filter((r) => r.url.startsWith('/api/v1/') && WRITE_METHODS.has(r.method));

describe('who may do what, route by route', () => {
  it('gates no write route by an ability that only reads', () => {
    const routes = writeRoutes().filter((r) => r.ability);
    expect(routes.length).toBeGreaterThan(50);
    const readGated = routes
      .filter((r) => READ.test(r.ability!))
      .map((r) => `${r.method} ${r.url} ${r.ability}`);
    expect(readGated).toEqual([]);
  });

  it('lists every write ability with the roles that hold it', () => {
    const used = [...new Set(writeRoutes().flatMap((r) => (r.ability ? [r.ability] : [])))].sort();
    expect(used).toEqual(Object.keys(WRITERS).sort());
    for (const ability of used) {
      const holders = PROFILES.filter((p) => can(actorOf(p), ability)).map((p) => p.name);
      expect({ ability, holders }).toEqual({ ability, holders: WRITERS[ability] });
    }
    // every ability the session lists is a known one
    expect(used.every((a) => ABILITY_NAMES.includes(a))).toBe(true);
  });

  it('refuses every write route to each role without its ability, before reading the request (403)', async () => {
    const sessions = new Map<string, Session>();
    for (const p of PROFILES) {
      const memberId = p.member ? (await makeMember(t.db)).id : undefined;
      sessions.set(p.name, await signedInAs(t.app, t.db, p.roles, memberId));
    }
    const refusals: string[] = [];
    let checked = 0;
    for (const route of writeRoutes().filter((r) => r.ability)) {
      const url = route.url.replace(/:[A-Za-z]+/g, (m) => (m === ':year' ? '2026' : crypto.randomUUID()));
      for (const p of PROFILES.filter((p) => !WRITERS[route.ability!]!.includes(p.name))) {
        const res = await as(
          t.app,
          sessions.get(p.name)!,
        )({ method: route.method as 'POST', url, payload: {} });
        checked += 1;
        if (res.statusCode !== 403)
          refusals.push(`${p.name} ${route.method} ${route.url} → ${res.statusCode}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(refusals).toEqual([]);
  });
});

describe('三权分立: the three administrators hold nothing of each other', () => {
  /** Every ability each of the three may hold; any other one is a forbidden capability. */
  const ALLOWED: Record<(typeof SEPARATED_ROLES)[number], Ability[]> = {
    system_admin: ['user.read', 'user.create', 'user.manage'],
    security_admin: ['user.read', 'user.create', 'user.manage', 'user.grant_roles', 'user.unlock'],
    auditor: ['audit.read'],
  };

  it.each(SEPARATED_ROLES)('gives %s only its own abilities (0 forbidden)', (role) => {
    const held = ABILITY_NAMES.filter((a) => can(actorOf(PROFILES.find((p) => p.name === role)!), a));
    const forbidden = held.filter((a) => !ALLOWED[role].includes(a));
    expect(forbidden).toEqual([]);
    expect(held.sort()).toEqual([...ALLOWED[role]].sort());
  });
});
