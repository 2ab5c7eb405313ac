import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  makeMember,
  type Session,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;
let reviewerA: Session;
let reviewerB: Session;
let outsider: Session;
let homes: HomeFixture[];
let director: Session;

const YEAR = new Date().getUTCFullYear() - 1;

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  reviewerA = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'committee-1' }]);
  reviewerB = await signedInAs(t.app, t.db, [{ role: 'vice_chair', scopeId: 'committee-2' }]);
  outsider = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'committee-3' }]);
  // three municipal homes with the same 六有 facts, plaques in different years
  homes = [];
  for (const [i, plaque] of ['2021-05-01', '2022-05-01', '2021-05-01'].entries()) {
    homes.push(
      await makeHome(t.db, {
        name: `评价测试之家${i + 1}`,
        kind: 'sector_group',
        level: 'municipal',
        ownerUnitId: `sector-group-${i + 1}`,
        regionCode: null,
        plaqueAwardedOn: plaque,
      }),
    );
  }
  director = await signedInAs(t.app, t.db, [], homes[0]!.directorMemberId!);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const step = (s: Session, id: string, action: string, reason?: string) =>
  call(s, 'POST', `/evaluation-rounds/${id}/transitions`, { action, ...(reason ? { reason } : {}) });

const score = (s: Session, id: string, homeId: string, effect: number, bonus: number) =>
  call(s, 'PUT', `/evaluation-rounds/${id}/homes/${homeId}/scores`, {
    items: [
      { item: 'effect', score: effect, comment: '成效明显' },
      { item: 'bonus', score: bonus },
    ],
  });

interface Entry {
  homeId: string;
  items: Record<string, number>;
  total: number | null;
  grade: string | null;
  rank: number | null;
}

describe('the municipal evaluation round, from self-summary to a frozen publication', () => {
  let roundId: string;

  it('is started by the office with the municipal homes that operated that year', async () => {
    expect(
      (await call(dongsheng, 'POST', '/evaluation-rounds', { year: YEAR, level: 'municipal' })).statusCode,
    ).toBe(403);
    const res = await call(office, 'POST', '/evaluation-rounds', { year: YEAR, level: 'municipal' });
    expect(res.statusCode).toBe(201);
    roundId = res.json().id;
    const ids = res.json().homeEntries.map((h: Entry) => h.homeId);
    expect(ids).toEqual(expect.arrayContaining(homes.map((h) => h.id)));
    expect(res.json()).toMatchObject({
      status: 'open',
      revision: 1,
      allowedActions: ['start_review', 'set_reviewers'],
    });
    expect(
      (await call(office, 'POST', '/evaluation-rounds', { year: YEAR, level: 'municipal' })).statusCode,
    ).toBe(409);
  });

  it('takes reviewers only from the staff of its level', async () => {
    const member = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
    const bad = await call(office, 'PUT', `/evaluation-rounds/${roundId}/reviewers`, {
      userIds: [reviewerA.userId, member.userId],
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.fields).toHaveProperty('userIds');
    const candidates = (
      await call(office, 'GET', `/evaluation-rounds/${roundId}/reviewer-candidates`)
    ).json();
    const ids = candidates.map((c: { userId: string }) => c.userId);
    expect(ids).toEqual(expect.arrayContaining([reviewerA.userId, reviewerB.userId]));
    expect(ids).not.toContain(member.userId);
    expect(
      (await call(reviewerA, 'GET', `/evaluation-rounds/${roundId}/reviewer-candidates`)).statusCode,
    ).toBe(403);
    const ok = await call(office, 'PUT', `/evaluation-rounds/${roundId}/reviewers`, {
      userIds: [reviewerA.userId, reviewerB.userId],
    });
    expect(ok.json().reviewers).toHaveLength(2);
  });

  it('lets the director write the self-summary, and shows the director only their own home', async () => {
    const res = await call(
      director,
      'PUT',
      `/evaluation-rounds/${roundId}/homes/${homes[0]!.id}/self-summary`,
      {
        content: '全年开展活动 12 次，收集社情民意 8 条。',
      },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().selfSummary).toContain('12 次');
    const seen = (await call(director, 'GET', `/evaluation-rounds/${roundId}`)).json();
    expect(seen.homeEntries.map((h: Entry) => h.homeId)).toEqual([homes[0]!.id]);
    // what the director may do: write the summary, nothing to the round itself
    expect(seen.homeEntries[0].allowedActions).toEqual(['write_summary']);
    expect(seen.allowedActions).toEqual([]);
    const other = await call(
      director,
      'PUT',
      `/evaluation-rounds/${roundId}/homes/${homes[1]!.id}/self-summary`,
      {
        content: '替别人写',
      },
    );
    expect(other.statusCode).toBe(404);
  });

  it('lets only its reviewers score, only the reviewer items, only while reviewing', async () => {
    expect((await score(reviewerA, roundId, homes[0]!.id, 20, 0)).statusCode).toBe(409);
    expect((await step(reviewerA, roundId, 'start_review')).statusCode).toBe(403);
    expect((await step(office, roundId, 'start_review')).statusCode).toBe(200);
    // each reviewer is told, once, and finds the round on their home page
    const told = (await call(reviewerA, 'GET', '/notifications')).json();
    const notice = told.items.filter((n: { link: string }) => n.link === `/evaluation/${roundId}`);
    expect(notice.map((n: { title: string }) => n.title)).toContain('评价待您打分');
    const waiting = async (s: Session) =>
      (await call(s, 'GET', '/dashboard/attention'))
        .json()
        .items.filter(
          (i: { kind: string; link: string }) =>
            i.kind === 'review_pending' && i.link === `/evaluation/${roundId}`,
        );
    expect((await waiting(reviewerA))[0]?.detail).toBe(`还有 ${homes.length} 个委员之家待您打分`);
    expect(await waiting(office)).toEqual([]);
    // committee staff read the municipal round but score only when assigned; a district clerk does not see it
    expect((await score(outsider, roundId, homes[0]!.id, 20, 0)).statusCode).toBe(403);
    expect((await score(wushen, roundId, homes[0]!.id, 20, 0)).statusCode).toBe(404);
    // the office reads everything but was not made a reviewer
    expect((await score(office, roundId, homes[0]!.id, 20, 0)).statusCode).toBe(403);
    const computedItem = await call(
      reviewerA,
      'PUT',
      `/evaluation-rounds/${roundId}/homes/${homes[0]!.id}/scores`,
      {
        items: [{ item: 'signage', score: 10 }],
      },
    );
    expect(errorOf(computedItem).error.fields).toHaveProperty(['items.0.item']);
    const tooMuch = await score(reviewerA, roundId, homes[0]!.id, 26, 0);
    expect(errorOf(tooMuch).error.fields).toHaveProperty(['items.0.score']);

    // home 1: effect 20 + bonus 0; home 2: effect 15 + bonus 5 (same total, lower effect);
    // home 3: like home 1 (same everything but the id; home 1 and 3 have the same plaque date)
    for (const reviewer of [reviewerA, reviewerB]) {
      expect((await score(reviewer, roundId, homes[0]!.id, 20, 0)).statusCode).toBe(200);
      await score(reviewer, roundId, homes[1]!.id, 15, 5);
      await score(reviewer, roundId, homes[2]!.id, 20, 0);
    }
    const detail = await call(reviewerA, 'GET', `/evaluation-rounds/${roundId}/homes/${homes[0]!.id}`);
    expect(detail.json().scores).toHaveLength(4);
    // scored through: nothing waits for them any more
    expect(await waiting(reviewerA)).toEqual([]);
    expect(detail.json().reviewersDone).toBe(2);
    // a reviewer is offered scoring of every home, and none of the round's steps
    const asReviewer = (await call(reviewerA, 'GET', `/evaluation-rounds/${roundId}`)).json();
    expect(asReviewer.allowedActions).toEqual([]);
    expect(
      asReviewer.homeEntries.every((h: { allowedActions: string[] }) => h.allowedActions.includes('score')),
    ).toBe(true);
  });

  it('confirms totals, grades and a stable ranking with the documented tie-break', async () => {
    const res = await step(office, roundId, 'confirm');
    expect(res.statusCode).toBe(200);
    const entries = res.json().homeEntries as Entry[];
    const mine = homes.map((h) => entries.find((e) => e.homeId === h.id)!);
    for (const e of mine) {
      expect(e.total).toBe(Object.values(e.items).reduce((a, b) => a + b, 0));
      expect(e.grade).toBe(
        e.total! >= 90
          ? 'five_star'
          : e.total! >= 80
            ? 'four_star'
            : e.total! >= 60
              ? 'three_star'
              : 'rectify',
      );
    }
    // equal totals: the higher effect score first; equal effect and plaque: the lower id
    expect(mine[0]!.total).toBe(mine[1]!.total);
    expect(mine[0]!.rank).toBeLessThan(mine[1]!.rank!);
    const [first, second] = [mine[0]!, mine[2]!].sort((a, b) => a.rank! - b.rank!);
    expect(first!.homeId < second!.homeId).toBe(true);
    // confirming again (after reopening) gives the same places
    await step(office, roundId, 'reopen');
    const again = (await step(office, roundId, 'confirm')).json().homeEntries as Entry[];
    expect(again.map((e) => [e.homeId, e.rank])).toEqual(entries.map((e) => [e.homeId, e.rank]));
  });

  it('publishes frozen results, and a change needs a revision with a reason', async () => {
    expect((await step(office, roundId, 'publish')).json().status).toBe('published');
    const first = (await call(office, 'GET', `/evaluation-rounds/${roundId}/publication`)).json();
    expect(first.revision).toBe(1);
    expect((await score(reviewerA, roundId, homes[1]!.id, 25, 10)).statusCode).toBe(409);
    // 六有 ⑥ is now met for the year
    const card = (await call(office, 'GET', `/homes/${homes[0]!.id}/scorecard?year=${YEAR}`)).json();
    expect(card.items.find((i: { key: string }) => i.key === 'evaluation').ok).toBe(true);

    const noReason = await step(office, roundId, 'revise');
    expect(noReason.statusCode).toBe(400);
    expect((await step(office, roundId, 'revise', '复核发现评分录入错误')).json()).toMatchObject({
      status: 'reviewing',
      revision: 2,
    });
    await score(reviewerA, roundId, homes[1]!.id, 25, 10);
    await step(office, roundId, 'confirm');
    await step(office, roundId, 'publish');
    const second = (await call(office, 'GET', `/evaluation-rounds/${roundId}/publication`)).json();
    expect(second).toMatchObject({ revision: 2, reason: '复核发现评分录入错误' });
    // revision 1 is as it was published
    const again = (await call(office, 'GET', `/evaluation-rounds/${roundId}/publication?revision=1`)).json();
    expect(again).toEqual(first);
    const home2 = (p: { homes: Array<{ homeId: string; total: number }> }) =>
      p.homes.find((h) => h.homeId === homes[1]!.id)!.total;
    expect(home2(second)).toBeGreaterThan(home2(first));
    const trail = await t.db
      .selectFrom('auditEvents')
      .select('action')
      .where('objectId', '=', roundId)
      .execute();
    expect(trail.map((e) => e.action)).toEqual(
      expect.arrayContaining(['evaluation.publish', 'evaluation.revise']),
    );
  });
});

describe('district rounds and commendations', () => {
  it('is run by the district CPPCC for its own homes, hidden from other districts', async () => {
    const home = await makeHome(t.db, { name: '东胜区评价之家', plaqueAwardedOn: '2021-03-01' });
    expect(
      (
        await call(wushen, 'POST', '/evaluation-rounds', {
          year: YEAR,
          level: 'district',
          ownerUnitId: 'district-150602',
        })
      ).statusCode,
    ).toBe(403);
    const res = await call(dongsheng, 'POST', '/evaluation-rounds', {
      year: YEAR,
      level: 'district',
      ownerUnitId: 'district-150602',
      memberQuota: 3,
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as string;
    expect(res.json().homeEntries.map((h: Entry) => h.homeId)).toContain(home.id);
    expect(res.json().homeEntries.every((h: { kind: string }) => h.kind !== 'sector_group')).toBe(true);
    expect((await call(wushen, 'GET', `/evaluation-rounds/${id}`)).statusCode).toBe(404);
    // the lists show the same: Wushen none of Dongsheng's rounds, a director the rounds their home is in
    const listed = async (s: Session) =>
      ((await call(s, 'GET', `/evaluation-rounds?year=${YEAR}`)).json().items as Array<{ id: string }>).map(
        (r) => r.id,
      );
    expect(await listed(wushen)).not.toContain(id);
    expect(await listed(dongsheng)).toContain(id);
    const homeDirector = await signedInAs(t.app, t.db, [], home.directorMemberId!);
    expect(await listed(homeDirector)).toEqual([id]);
    expect((await call(auditor, 'GET', '/evaluation-rounds')).statusCode).toBe(403);
    // a Wushen clerk cannot review a Dongsheng round
    const wushenUser = await t.db
      .selectFrom('userRoles')
      .select('userId')
      .where('scopeId', '=', 'district-150626')
      .executeTakeFirstOrThrow();
    expect(
      (await call(dongsheng, 'PUT', `/evaluation-rounds/${id}/reviewers`, { userIds: [wushenUser.userId] }))
        .statusCode,
    ).toBe(400);

    // members with points in the year become candidates; the district confirms some
    const star = await makeMember(t.db, { name: '优秀委员' });
    await call(office, 'POST', '/duty-records/recompute', { year: YEAR });
    await t.db
      .insertInto('dutyTotals')
      .values({ year: YEAR, memberId: star.id, points: 99, entries: 20 })
      .onConflict((oc) => oc.columns(['year', 'memberId']).doUpdateSet({ points: 99 }))
      .execute();
    await step(dongsheng, id, 'start_review');
    const confirmed = (await step(dongsheng, id, 'confirm')).json();
    expect(confirmed.memberCommendations[0]).toMatchObject({ memberId: star.id, rank: 1, confirmed: false });
    const stranger = await makeMember(t.db);
    const refused = await call(dongsheng, 'PUT', `/evaluation-rounds/${id}/commendations`, {
      homeIds: [home.id],
      memberIds: [stranger.id],
    });
    expect(errorOf(refused).error.fields).toHaveProperty('memberIds');
    const set = await call(dongsheng, 'PUT', `/evaluation-rounds/${id}/commendations`, {
      homeIds: [home.id],
      memberIds: [star.id],
    });
    expect(set.statusCode).toBe(200);
    await step(dongsheng, id, 'publish');
    const published = (await call(dongsheng, 'GET', `/evaluation-rounds/${id}/publication`)).json();
    expect(published.members).toEqual([expect.objectContaining({ memberId: star.id, points: 99 })]);
    expect(published.homes.find((h: { homeId: string }) => h.homeId === home.id).commended).toBe(true);

    // and the public sees the commended homes and members, members by name and sector only
    const publicView = await call(null, 'GET', '/public/commendations');
    expect(publicView.statusCode).toBe(200);
    const district = publicView.json().rounds.find((r: { level: string }) => r.level === 'district');
    expect(district.homes.map((h: { homeId: string }) => h.homeId)).toContain(home.id);
    expect(district.members).toEqual([{ name: '优秀委员', sector: '教育' }]);
    expect(publicView.body).not.toContain(star.id);
  });
});
