import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity } from './fixtures/operations.js';
import {
  as,
  type HomeFixture,
  makeHome,
  makeMember,
  type Session,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

/**
 * Each endpoint of records, evaluation, funds and training answered for an actor outside its scope
 * (the main tests of each module cover the others): 404 where the thing is out of sight, 403 where
 * it is seen but the role may not act.
 */

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;
let member: Session;
let memberId: string;
let home: HomeFixture;
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  home = await makeHome(t.db);
  memberId = (await makeMember(t.db)).id;
  member = await signedInAs(t.app, t.db, [], memberId);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

describe('duty records', () => {
  it('keeps flags, corrections, years and reports to those whose scope they are in', async () => {
    const activity = await makeActivity(t.db, [home.id], new Date().toISOString(), 'held', {
      attendeeMemberIds: [memberId],
    });
    const flag = (
      await call(member, 'POST', `/members/${memberId}/duty-record/flags`, {
        year: YEAR,
        description: '漏记',
      })
    ).json();
    const corrected = await call(dongsheng, 'POST', `/members/${memberId}/duty-record/adjustments`, {
      year: YEAR,
      item: 'activity_attended',
      sourceId: activity,
      points: 3,
      reason: '主持',
    });
    const adjustment = corrected.json().entries[0].adjustment.id as string;
    expect((await call(member, 'GET', '/duty-flags')).statusCode).toBe(403);
    expect(
      (await call(wushen, 'POST', `/duty-flags/${flag.id}/resolve`, { status: 'rejected', response: '越权' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call(wushen, 'POST', `/duty-adjustments/${adjustment}/revoke`, { reason: '越权' })).statusCode,
    ).toBe(404);
    expect(
      (await call(member, 'POST', `/duty-adjustments/${adjustment}/revoke`, { reason: '自己撤' })).statusCode,
    ).toBe(403);
    expect((await call(member, 'GET', '/duty-years')).statusCode).toBe(403);
    expect((await call(dongsheng, 'POST', `/duty-years/${YEAR - 1}/close`)).statusCode).toBe(403);
    expect((await call(auditor, 'GET', `/duty-records/export.xlsx?year=${YEAR}`)).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/point-rules')).statusCode).toBe(403);
    const report = (
      await call(dongsheng, 'POST', '/research-reports', {
        title: '东胜调研',
        completedOn: `${YEAR}-05-01`,
        memberIds: [memberId],
      })
    ).json();
    expect((await call(wushen, 'PATCH', `/research-reports/${report.id}`, { title: '改' })).statusCode).toBe(
      404,
    );
    expect((await call(member, 'PATCH', `/research-reports/${report.id}`, { title: '改' })).statusCode).toBe(
      403,
    );
  });
});

describe('evaluation', () => {
  it('keeps a district round’s reviewers, commendations and publication to that district', async () => {
    const round = (
      await call(dongsheng, 'POST', '/evaluation-rounds', {
        year: YEAR - 1,
        level: 'district',
        ownerUnitId: 'district-150602',
      })
    ).json();
    expect(
      (await call(wushen, 'PUT', `/evaluation-rounds/${round.id}/reviewers`, { userIds: [] })).statusCode,
    ).toBe(404);
    expect(
      (await call(office, 'PUT', `/evaluation-rounds/${round.id}/reviewers`, { userIds: [] })).statusCode,
    ).toBe(403);
    expect(
      (await call(office, 'POST', `/evaluation-rounds/${round.id}/transitions`, { action: 'start_review' }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call(wushen, 'PUT', `/evaluation-rounds/${round.id}/commendations`, {
          homeIds: [],
          memberIds: [],
        })
      ).statusCode,
    ).toBe(404);
    expect((await call(wushen, 'GET', `/evaluation-rounds/${round.id}/publication`)).statusCode).toBe(404);
    expect((await call(wushen, 'GET', `/evaluation-rounds/${round.id}/homes/${home.id}`)).statusCode).toBe(
      404,
    );
    expect(
      (await call(member, 'POST', '/evaluation-rounds', { year: YEAR, level: 'municipal' })).statusCode,
    ).toBe(403);
  });
});

describe('funds', () => {
  it('keeps spending, rejecting and reports within the owning unit', async () => {
    // a second clerk in the district, so its expenditures are decided there, not by the office
    await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    await call(dongsheng, 'POST', `/homes/${home.id}/funds/allocations`, {
      amount: '10000.00',
      occurredOn: `${YEAR}-01-05`,
      description: '拨款',
    });
    const ledger = (
      await call(dongsheng, 'POST', `/homes/${home.id}/funds/expenditures`, {
        amount: '6000.00',
        occurredOn: `${YEAR}-02-05`,
        category: 'equipment',
        description: '投影仪',
      })
    ).json();
    const pending = ledger.entries.find((e: { status: string }) => e.status === 'pending');
    const expenditure = {
      amount: '1.00',
      occurredOn: `${YEAR}-02-05`,
      category: 'other',
      description: '越权',
    };
    expect((await call(wushen, 'POST', `/homes/${home.id}/funds/expenditures`, expenditure)).statusCode).toBe(
      404,
    );
    expect((await call(member, 'POST', `/homes/${home.id}/funds/expenditures`, expenditure)).statusCode).toBe(
      404,
    );
    expect((await call(office, 'POST', `/homes/${home.id}/funds/expenditures`, expenditure)).statusCode).toBe(
      403,
    );
    expect(
      (await call(wushen, 'POST', `/fund-entries/${pending.id}/reject`, { note: '越权' })).statusCode,
    ).toBe(404);
    expect(
      (await call(office, 'POST', `/fund-entries/${pending.id}/reject`, { note: '越权' })).statusCode,
    ).toBe(403);
    expect((await call(auditor, 'GET', `/funds/report.xlsx?year=${YEAR}`)).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/funds/pending')).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/funds/settings')).statusCode).toBe(403);
    expect((await call(member, 'GET', `/dashboard/export.xlsx?year=${YEAR}`)).statusCode).toBe(403);
  });
});

describe('training', () => {
  it('keeps enrolment, attendance and materials to the organisers', async () => {
    const training = (
      await call(dongsheng, 'POST', '/trainings', {
        title: '东胜区培训',
        startsAt: new Date(Date.now() + 3600_000).toISOString(),
        endsAt: new Date(Date.now() + 7200_000).toISOString(),
      })
    ).json();
    await call(dongsheng, 'PUT', `/trainings/${training.id}/enrolments`, { userIds: [member.userId] });
    expect(
      (await call(member, 'PUT', `/trainings/${training.id}/enrolments`, { userIds: [] })).statusCode,
    ).toBe(403);
    expect(
      (await call(wushen, 'PUT', `/trainings/${training.id}/enrolments`, { userIds: [] })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(wushen, 'POST', `/trainings/${training.id}/attendance`, {
          userId: member.userId,
          attended: true,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(member, 'POST', `/trainings/${training.id}/attendance`, {
          userId: member.userId,
          attended: true,
        })
      ).statusCode,
    ).toBe(403);
    const upload = await as(
      t.app,
      wushen,
    )({
      method: 'POST',
      url: `/api/v1/trainings/${training.id}/materials`,
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload:
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4\r\n--x--\r\n',
    });
    expect(upload.statusCode).toBe(404);
    expect(
      (await call(wushen, 'GET', `/trainings/${training.id}/certificates/${member.userId}.pdf`)).statusCode,
    ).toBe(404);
  });
});
