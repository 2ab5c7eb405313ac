import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  as,
  type HomeFixture,
  makeHome,
  makeMember,
  type Session,
  signedInAs,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

/**
 * Properties of scope, over every actor and everything a request may name: no actor stores a
 * reference to a member or an account outside their scope, none is refused one inside it, and no
 * list shows a row outside the actor's scope. The scopes are restated here from API.md, apart
 * from the code that enforces them.
 */
const D1 = 'district-150602'; // 东胜区
const D2 = 'district-150626'; // 乌审旗
const RUNS = Number(process.env.SCOPE_RUNS ?? 1000);

let t: TestApp;

interface Person {
  id: string;
  level: 'municipal' | 'district';
  orgUnitId: string;
}
type ActorName = 'office' | 'staff1' | 'staff2' | 'director1' | 'member';
interface World {
  members: Person[];
  homes: { h1: HomeFixture; h2: HomeFixture };
  sessions: Record<ActorName, Session>;
  memberOf: Partial<Record<ActorName, string>>;
  /** account → the member it belongs to, and the units or homes its roles cover */
  accounts: { userId: string; memberId: string | null; scopes: string[] }[];
  trainings: Partial<Record<ActorName, string>>;
}
let w: World;

const ACTORS: ActorName[] = ['office', 'staff1', 'staff2', 'director1', 'member'];
/** The home each actor would work on (a plain member runs none; theirs is refused). */
const homeOf = (a: ActorName) => (a === 'staff2' ? w.homes.h2 : w.homes.h1);

const homeMemberIds = async (homeId: string) =>
  (await t.db.selectFrom('homeMembers').select('memberId').where('homeId', '=', homeId).execute()).map(
    (r) => r.memberId,
  );

/** API.md's member scope: the office all; district staff their district's and the municipal members; a director their home's; a member themselves. */
async function seesMember(a: ActorName, m: Person): Promise<boolean> {
  if (a === 'office') return true;
  if (a === 'staff1' || a === 'staff2')
    return m.level === 'municipal' || m.orgUnitId === (a === 'staff1' ? D1 : D2);
  if (a === 'director1')
    return m.id === w.memberOf.director1 || (await homeMemberIds(w.homes.h1.id)).includes(m.id);
  return m.id === w.memberOf.member;
}

/** The accounts an organiser may enrol: the office any; a district CPPCC those of its members, staff and homes. */
function reachesAccount(a: ActorName, account: World['accounts'][number]): boolean {
  if (a === 'office') return true;
  if (a !== 'staff1' && a !== 'staff2') return false;
  const unit = a === 'staff1' ? D1 : D2;
  const home = a === 'staff1' ? w.homes.h1.id : w.homes.h2.id;
  const member = w.members.find((m) => m.id === account.memberId);
  return member?.orgUnitId === unit || account.scopes.includes(unit) || account.scopes.includes(home);
}

/** Whether the actor runs the (district) home: the owning district's staff and its director, not the office. */
const runsHome = (a: ActorName, homeId: string) =>
  (a === 'staff1' && homeId === w.homes.h1.id) ||
  (a === 'staff2' && homeId === w.homes.h2.id) ||
  (a === 'director1' && homeId === w.homes.h1.id);

beforeAll(async () => {
  t = await startTestApp();
  const h1 = await makeHome(t.db, { ownerUnitId: D1, regionCode: '150602100' });
  const h2 = await makeHome(t.db, { ownerUnitId: D2, regionCode: '150626100' });
  const made: Person[] = [];
  for (const [level, orgUnitId] of [
    ['district', D1],
    ['district', D1],
    ['district', D2],
    ['district', D2],
    ['municipal', 'office'],
  ] as const) {
    const m = await makeMember(t.db, level === 'municipal' ? { level } : { orgUnitId });
    made.push({ id: m.id, level, orgUnitId: level === 'municipal' ? 'office' : orgUnitId });
  }
  const directors: Person[] = [
    { id: h1.directorMemberId!, level: 'district', orgUnitId: D1 },
    { id: h2.directorMemberId!, level: 'district', orgUnitId: D2 },
  ];
  const plain = made[1]!;
  const sessions: Record<ActorName, Session> = {
    office: await signIn(t.app, 'admin', ADMIN_PASSWORD),
    staff1: await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: D1 }]),
    staff2: await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: D2 }]),
    director1: await signedInAs(
      t.app,
      t.db,
      [{ role: 'home_director', scopeId: h1.id }],
      h1.directorMemberId!,
    ),
    member: await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], plain.id),
  };
  // trainees: accounts of members of both districts
  const trainees = [];
  for (const m of [made[0]!, made[2]!, made[4]!]) {
    const s = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], m.id);
    trainees.push({ userId: s.userId, memberId: m.id, scopes: [] });
  }
  w = {
    members: [...made, ...directors],
    homes: { h1, h2 },
    sessions,
    memberOf: { director1: h1.directorMemberId!, member: plain.id },
    accounts: [
      ...trainees,
      { userId: sessions.staff1.userId, memberId: null, scopes: [D1] },
      { userId: sessions.staff2.userId, memberId: null, scopes: [D2] },
      { userId: sessions.director1.userId, memberId: h1.directorMemberId!, scopes: [h1.id] },
      { userId: sessions.member.userId, memberId: plain.id, scopes: [] },
    ],
    trainings: {},
  };
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
  for (const a of ['office', 'staff1', 'staff2'] as const) {
    const res = await as(
      t.app,
      sessions[a],
    )({
      method: 'POST',
      url: '/api/v1/trainings',
      payload: { title: `${a}培训`, startsAt: at(10), endsAt: at(11) },
    });
    expect(res.statusCode).toBe(201);
    w.trainings[a] = res.json().id;
  }
}, 60_000);
afterAll(() => t.close());

const call = (a: ActorName, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  as(t.app, w.sessions[a])({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const actor = () => fc.constantFrom(...ACTORS);
const person = () => fc.constantFrom(...w.members);

type Outcome = 'stored' | 'refused' | 'denied';
/** 2xx stored it, 400 refused it, 403/404 denied the actor the record; anything else fails the property. */
function outcome(res: { statusCode: number }): Outcome {
  if (res.statusCode >= 200 && res.statusCode < 300) return 'stored';
  if (res.statusCode === 400) return 'refused';
  if (res.statusCode === 403 || res.statusCode === 404) return 'denied';
  throw new Error(`unexpected status ${res.statusCode}`);
}

/** The property's verdict, with the answer in the message when it fails. */
function expectOutcome(res: { statusCode: number; body: string }, wanted: Outcome): boolean {
  const got = outcome(res);
  if (got !== wanted) throw new Error(`wanted ${wanted}, got ${res.statusCode} ${res.body.slice(0, 300)}`);
  return true;
}

let slot = 0;
/** A shift of its own for every run, so no two overlap. */
const nextShift = () => {
  slot += 1;
  const start = Date.UTC(2027, 0, 1) + slot * 3 * 3_600_000;
  return { startsAt: new Date(start).toISOString(), endsAt: new Date(start + 3_600_000).toISOString() };
};

describe('no actor ever stores a reference outside their scope, nor is refused one inside it', () => {
  it('duty rota: the member on duty', async () => {
    await fc.assert(
      fc.asyncProperty(actor(), person(), async (a, m) => {
        const home = homeOf(a);
        const res = await call(a, 'POST', `/homes/${home.id}/duty-shifts`, {
          memberId: m.id,
          ...nextShift(),
        });
        if (!runsHome(a, home.id)) return expectOutcome(res, 'denied');
        return expectOutcome(res, (await seesMember(a, m)) ? 'stored' : 'refused');
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it("a home's deputy and members", async () => {
    await fc.assert(
      fc.asyncProperty(actor(), person(), fc.boolean(), async (a, m, asDeputy) => {
        const home = homeOf(a);
        const before = await t.db
          .selectFrom('homes')
          .select(['deputyMemberId', 'directorMemberId'])
          .where('id', '=', home.id)
          .executeTakeFirstOrThrow();
        const members = await homeMemberIds(home.id);
        const inScope = await seesMember(a, m);
        const res = await call(
          a,
          'PATCH',
          `/homes/${home.id}`,
          asDeputy ? { deputyMemberId: m.id } : { memberIds: [...members, m.id] },
        );
        if (!runsHome(a, home.id)) return expectOutcome(res, 'denied');
        if (asDeputy && m.id === before.directorMemberId) return expectOutcome(res, 'refused');
        const already = asDeputy ? before.deputyMemberId === m.id : members.includes(m.id);
        return expectOutcome(res, inScope || already ? 'stored' : 'refused');
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it("a problem's handler", async () => {
    await fc.assert(
      fc.asyncProperty(actor(), person(), async (a, m) => {
        const home = homeOf(a);
        const res = await call(a, 'POST', '/problems', {
          homeId: home.id,
          title: '牧道损坏',
          description: '冬季转场的牧道被冲断',
          handlerMemberId: m.id,
        });
        if (a !== 'office' && !runsHome(a, home.id)) return expectOutcome(res, 'denied');
        return expectOutcome(res, (await seesMember(a, m)) ? 'stored' : 'refused');
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it("a proposal's lead member", async () => {
    await fc.assert(
      fc.asyncProperty(actor(), person(), async (a, m) => {
        const res = await call(a, 'POST', '/proposals', {
          title: '关于牧区道路养护的提案',
          submittedOn: '2026-03-01',
          leadMemberId: m.id,
        });
        if (a === 'director1' || a === 'member') return expectOutcome(res, 'denied');
        return expectOutcome(res, (await seesMember(a, m)) ? 'stored' : 'refused');
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it("a training's trainees", async () => {
    await fc.assert(
      fc.asyncProperty(actor(), fc.constantFrom(...w.accounts.map((x) => x.userId)), async (a, userId) => {
        const training = w.trainings[a] ?? w.trainings.office!;
        const enrolled = (
          await t.db
            .selectFrom('trainingEnrolments')
            .select('userId')
            .where('trainingId', '=', training)
            .execute()
        ).map((e) => e.userId);
        const res = await call(a, 'PUT', `/trainings/${training}/enrolments`, {
          userIds: [...enrolled, userId],
        });
        if (!w.trainings[a]) return expectOutcome(res, 'denied');
        const account = w.accounts.find((x) => x.userId === userId)!;
        return expectOutcome(
          res,
          reachesAccount(a, account) || enrolled.includes(userId) ? 'stored' : 'refused',
        );
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});

describe('no actor lists anything outside their scope', () => {
  const page = () =>
    fc.record({ page: fc.integer({ min: 1, max: 3 }), pageSize: fc.constantFrom(1, 2, 5, 50) });

  it('members', async () => {
    await fc.assert(
      fc.asyncProperty(actor(), page(), fc.constantFrom('', '委员'), async (a, p, q) => {
        const res = await call(
          a,
          'GET',
          `/members?page=${p.page}&pageSize=${p.pageSize}&q=${encodeURIComponent(q)}`,
        );
        expect(res.statusCode).toBe(200);
        for (const item of res.json().items as { id: string }[]) {
          const m = w.members.find((x) => x.id === item.id);
          if (!m || !(await seesMember(a, m))) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('homes', async () => {
    await fc.assert(
      fc.asyncProperty(actor(), page(), async (a, p) => {
        const res = await call(a, 'GET', `/homes?page=${p.page}&pageSize=${p.pageSize}`);
        expect(res.statusCode).toBe(200);
        for (const item of res.json().items as { id: string }[]) {
          if (a === 'office') continue;
          if (a === 'staff1' || a === 'staff2') {
            if (item.id !== homeOf(a).id) return false;
            continue;
          }
          // a director and a member: the homes they direct, are deputy of, or belong to
          const me = w.memberOf[a]!;
          const home = await t.db
            .selectFrom('homes')
            .select(['directorMemberId', 'deputyMemberId'])
            .where('id', '=', item.id)
            .executeTakeFirstOrThrow();
          const belongs = (await homeMemberIds(item.id)).includes(me);
          const directs = a === 'director1' && item.id === w.homes.h1.id;
          if (!belongs && !directs && home.directorMemberId !== me && home.deputyMemberId !== me)
            return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('proposals: only those with a member in scope', async () => {
    await fc.assert(
      fc.asyncProperty(actor(), page(), async (a, p) => {
        const res = await call(a, 'GET', `/proposals?page=${p.page}&pageSize=${p.pageSize}`);
        expect(res.statusCode).toBe(200);
        for (const item of res.json().items as { lead: { id: string }; cosigners: { id: string }[] }[]) {
          const named = [item.lead, ...item.cosigners].map((x) => w.members.find((m) => m.id === x.id)!);
          let any = false;
          for (const m of named) any ||= await seesMember(a, m);
          if (!any) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  }, 300_000);

  it('problems: only those of homes the actor answers for', async () => {
    await fc.assert(
      fc.asyncProperty(actor(), page(), async (a, p) => {
        const res = await call(a, 'GET', `/problems?page=${p.page}&pageSize=${p.pageSize}`);
        expect(res.statusCode).toBe(200);
        for (const item of res.json().items as { id: string; homeId: string | null }[]) {
          if (a === 'office') continue;
          const row = await t.db
            .selectFrom('citizenProblems')
            .select(['homeId', 'handlerMemberId'])
            .where('id', '=', item.id)
            .executeTakeFirstOrThrow();
          const handles = row.handlerMemberId !== null && row.handlerMemberId === w.memberOf[a];
          if (!handles && !(row.homeId && runsHome(a, row.homeId))) return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
