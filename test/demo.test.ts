import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-users.js';
import { quarterOf, quarterRange, yearOf } from '../src/domain/calendar.js';
import { GRADE_LABELS, type Grade } from '../src/domain/evaluation.js';
import {
  HOME_KINDS,
  HOME_STATUSES,
  type HomeAction,
  type HomeStatus,
  nextStatus,
} from '../src/domain/home-workflow.js';
import { nextOpinionStatus, type OpinionAction, type OpinionStatus } from '../src/domain/opinion-workflow.js';
import { coverage } from '../src/modules/homes/coverage.js';
import { unifiedRulesPosted } from '../src/modules/operations/rules.js';
import { scorecardOf } from '../src/modules/operations/scorecard.js';
import { comingActivities, comingShifts } from '../src/modules/public/repo.js';
import { buildApp } from '../src/server/app.js';
import { LocalFolderStorage } from '../src/server/storage.js';
import { as, openTestDb, type Session, signIn } from './helpers.js';
import { printed } from './pdf.js';

let handle: DatabaseHandle;
let app: Awaited<ReturnType<typeof buildApp>>;
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-demo-uploads-'));
const storage = new LocalFolderStorage(uploads);
const sessions: Record<string, Session> = {};
const call = (who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  as(app, sessions[who]!)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  handle = await openTestDb();
  await bootstrapDatabase(handle.db, { adminPassword: 'abcd1234', seedDemo: true, storage });
  app = await buildApp({ db: handle.db, logLevel: 'silent', webDir: null, storage });
  await app.ready();
  for (const name of ['office', 'committee', 'director', 'wushen', 'dongsheng', 'member']) {
    sessions[name] = await signIn(app, name, DEMO_PASSWORD);
  }
}, 120_000);
afterAll(async () => {
  await app.close();
  await handle.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});

/** The homes that run (with the facts a scorecard reads), by id. */
const operatingHomes = () =>
  handle.db
    .selectFrom('homes')
    .select([
      'id',
      'name',
      'level',
      'directorMemberId',
      'online',
      'onlineUrl',
      'venueType',
      'address',
      'plaqueAwardedOn',
    ])
    .where('status', '=', 'operating')
    .orderBy('id')
    .execute();

describe('the demo data set', () => {
  it('has about 300 municipal and 1,000 district members, and is not loaded twice', async () => {
    const count = () =>
      handle.db
        .selectFrom('members')
        .select(['level', sql<number>`count(*)::int`.as('n')])
        .groupBy('level')
        .orderBy('level')
        .execute();
    const running = () =>
      sql<Record<string, number>>`
        select (select count(*) from rules)::int as rules, (select count(*) from rule_postings)::int as postings,
          (select count(*) from home_signage)::int as signs, (select count(*) from attachments)::int as photos,
          (select count(*) from activities)::int as activities, (select count(*) from duty_shifts)::int as shifts,
          (select count(*) from home_plans)::int as plans, (select count(*) from trainings)::int as trainings,
          (select count(*) from fund_entries)::int as funds, (select count(*) from evaluation_rounds)::int as rounds`.execute(
        handle.db,
      );
    const before = await count();
    const beforeRunning = (await running()).rows[0];
    const n = Object.fromEntries(before.map((r) => [r.level, r.n]));
    expect(n.municipal).toBeGreaterThanOrEqual(250);
    expect(n.district).toBeGreaterThanOrEqual(900);
    await bootstrapDatabase(handle.db, { adminPassword: 'abcd1234', seedDemo: true, storage });
    expect(await count()).toEqual(before);
    expect((await running()).rows[0]).toEqual(beforeRunning);
  });

  it('has homes of every kind and in every state, each with a history the workflow allows', async () => {
    const homes = await handle.db.selectFrom('homes').select(['id', 'kind', 'status']).execute();
    expect(new Set(homes.map((h) => h.kind))).toEqual(new Set(HOME_KINDS));
    expect(new Set(homes.map((h) => h.status))).toEqual(new Set(HOME_STATUSES));
    const steps = await handle.db
      .selectFrom('homeTransitions')
      .select(['homeId', 'action', 'fromStatus', 'toStatus'])
      .orderBy('id')
      .execute();
    for (const home of homes) {
      const history = steps.filter((s) => s.homeId === home.id);
      expect(history[0]?.toStatus).toBe('proposed');
      for (const s of history.slice(1)) {
        expect(nextStatus(s.fromStatus as HomeStatus, s.action as HomeAction)).toBe(s.toStatus);
      }
      expect(history.at(-1)?.toStatus).toBe(home.status);
    }
  });

  it('leaves a township of every district without a home, for its staff to establish one; some districts are nearly covered, one barely', async () => {
    const cov = await coverage(handle.db);
    const districts = new Set(cov.districts.map((d) => d.code));
    const open = new Map<string, number>();
    const covered = new Map<string, number>();
    for (const t of cov.townships) {
      const tally = t.operating === 0 && t.inProgress === 0 ? open : covered;
      tally.set(t.districtCode, (tally.get(t.districtCode) ?? 0) + 1);
    }
    expect(new Set(open.keys())).toEqual(districts);
    // 东胜区 and 康巴什区 have a home in every township but one
    expect(open.get('150602')).toBe(1);
    expect(open.get('150603')).toBe(1);
    expect(covered.get('150602')).toBeGreaterThan(10);
    const hangjin = cov.townships.filter((t) => t.districtCode === '150625');
    expect(hangjin.every((t) => t.operating === 0)).toBe(true);
    expect(cov.gaps.sectorGroups.length).toBeGreaterThan(0);
    expect(cov.gaps.sectorGroups.length).toBeLessThan(8);
  });

  it('has held activities in every quarter since the start of last year, with attendance, and planned ones in the coming month', async () => {
    const now = new Date();
    const { start } = quarterRange(quarterOf(now).year, quarterOf(now).quarter);
    const { start: lastYear } = quarterRange(yearOf(now) - 1, 1);
    const rows = await handle.db
      .selectFrom('activities')
      .select([
        sql<number>`count(*) filter (where status = 'held' and starts_at < ${start})::int`.as('past'),
        sql<number>`count(*) filter (where status = 'held' and starts_at >= ${start})::int`.as('current'),
        sql<number>`count(distinct date_trunc('quarter', starts_at at time zone 'Asia/Shanghai')) filter (where status = 'held')::int`.as(
          'quarters',
        ),
        sql<number>`count(*) filter (where status = 'held' and (starts_at < ${lastYear} or starts_at > now()))::int`.as(
          'heldOutside',
        ),
        sql<number>`count(*) filter (where status = 'planned' and starts_at <= now())::int`.as('plannedPast'),
        sql<number>`(select count(*) from attendance)::int`.as('attendance'),
      ])
      .executeTakeFirstOrThrow();
    expect(rows.past).toBeGreaterThan(100);
    expect(rows.heldOutside).toBe(0);
    expect(rows.quarters).toBe(4 + quarterOf(now).quarter - (rows.current > 0 ? 0 : 1));
    expect(rows.plannedPast).toBe(0);
    expect(rows.attendance).toBeGreaterThan(rows.past);
    // the portal's home pages: coming activities and the rota of the coming weeks at most homes
    const homes = await operatingHomes();
    let withActivities = 0;
    let withShifts = 0;
    for (const h of homes) {
      if ((await comingActivities(handle.db, h.id, now)).length > 0) withActivities++;
      if ((await comingShifts(handle.db, h.id, now)).length > 0) withShifts++;
    }
    expect(withActivities).toBeGreaterThan(homes.length / 2);
    expect(withActivities).toBeLessThan(homes.length);
    expect(withShifts).toBeGreaterThan(homes.length / 2);
  });

  it('tells the activity’s page which attendance the member checked in and which the organiser recorded', async () => {
    const [both] = (
      await sql<{ id: string }>`
        select activity_id as id from attendance group by activity_id
        having count(*) filter (where source = 'checkin') > 0 and count(*) filter (where source = 'manual') > 0
        order by activity_id limit 1`.execute(handle.db)
    ).rows;
    const rows = await handle.db
      .selectFrom('attendance')
      .select(['memberId', 'source'])
      .where('activityId', '=', both!.id)
      .execute();
    const activity = (await call('office', 'GET', `/activities/${both!.id}`)).json();
    const shown = Object.fromEntries(
      (activity.attendance as Array<{ memberId: string; source: string }>).map((a) => [a.memberId, a.source]),
    );
    expect(shown).toEqual(Object.fromEntries(rows.map((r) => [r.memberId, r.source])));
    expect(new Set(Object.values(shown))).toEqual(new Set(['checkin', 'manual']));
    expect([...activity.attendeeMemberIds].sort()).toEqual(Object.keys(shown).sort());
  });

  it('lists on a home the years of its plans and summaries, which its tabs then ask for', async () => {
    const year = yearOf(new Date());
    // a 东胜区 home with last year's summary, and the director's home
    const withSummary = await handle.db
      .selectFrom('homeSummaries')
      .innerJoin('homes', 'homes.id', 'homeSummaries.homeId')
      .select('homes.id')
      .where('homes.ownerUnitId', '=', 'district-150602')
      .where('homeSummaries.year', '=', year - 1)
      .orderBy('homes.id')
      .executeTakeFirstOrThrow();
    const me = (await call('director', 'GET', '/auth/me')).json();
    const directed = me.user.roles.find((r: { role: string }) => r.role === 'home_director')
      .scopeId as string;
    for (const id of [withSummary.id, directed]) {
      const home = (await call('dongsheng', 'GET', `/homes/${id}`)).json();
      const years = async (table: 'homePlans' | 'homeSummaries') =>
        (
          await handle.db.selectFrom(table).select('year').where('homeId', '=', id).orderBy('year').execute()
        ).map((r) => r.year);
      expect(home.documents).toEqual({
        plans: await years('homePlans'),
        summaries: await years('homeSummaries'),
      });
      for (const [kind, list] of [
        ['plans', home.documents.plans],
        ['summaries', home.documents.summaries],
      ] as const) {
        for (const y of [year - 1, year]) {
          const res = await call('dongsheng', 'GET', `/homes/${id}/${kind}/${y}`);
          expect(res.statusCode, `${kind} ${y}`).toBe(list.includes(y) ? 200 : 404);
        }
      }
    }
    const summarised = (await call('dongsheng', 'GET', `/homes/${withSummary.id}`)).json();
    expect(summarised.documents.summaries).toContain(year - 1);
  });

  it('keeps every member on one duty shift at a time, and the served ones are held duty days', async () => {
    const overlapping = await sql<{ n: number }>`
      select count(*)::int as n from duty_shifts a join duty_shifts b
        on a.member_id = b.member_id and a.id < b.id and a.starts_at < b.ends_at and b.starts_at < a.ends_at`.execute(
      handle.db,
    );
    expect(overlapping.rows[0]!.n).toBe(0);
    const shifts = await handle.db
      .selectFrom('dutyShifts')
      .leftJoin('activities', 'activities.id', 'dutyShifts.activityId')
      .select(['dutyShifts.status', 'dutyShifts.startsAt', 'activities.kind', 'activities.status as held'])
      .execute();
    const now = Date.now();
    expect(shifts.some((s) => s.status === 'scheduled')).toBe(true);
    for (const s of shifts) {
      if (s.status === 'scheduled') expect(s.startsAt.getTime()).toBeGreaterThan(now);
      else expect(s.startsAt.getTime()).toBeLessThan(now);
      if (s.status === 'served') expect([s.kind, s.held]).toEqual(['duty_day', 'held']);
    }
  });

  it('has the unified rules, posted in most homes but not in all', async () => {
    const rules = await handle.db.selectFrom('rules').select(['title', 'homeId']).execute();
    expect(rules.every((r) => r.homeId === null)).toBe(true);
    expect(new Set(rules.map((r) => r.title)).size).toBeGreaterThanOrEqual(5);
    const now = new Date();
    const posted: boolean[] = [];
    for (const h of await operatingHomes()) posted.push(await unifiedRulesPosted(handle.db, h.id, now));
    const yes = posted.filter(Boolean).length;
    expect(yes).toBeGreaterThan(posted.length / 2);
    expect(yes).toBeLessThan(posted.length);
  });

  it('has photos of the signs that open as JPEG images, for whoever sees the home only', async () => {
    const signs = await handle.db
      .selectFrom('homeSignage')
      .innerJoin('homes', 'homes.id', 'homeSignage.homeId')
      .select([
        'homeSignage.homeId',
        'homeSignage.item',
        'homeSignage.photoId',
        'homes.status',
        'homes.ownerUnitId',
      ])
      .execute();
    const operating = await operatingHomes();
    const photographed = new Set(
      signs.filter((s) => s.photoId && s.item === 'outdoor_sign').map((s) => s.homeId),
    );
    expect(photographed.size).toBeGreaterThan(operating.length / 2);
    expect(new Set(signs.filter((s) => s.photoId).map((s) => s.item)).size).toBe(3);
    const sample = signs.filter((s) => s.photoId && s.ownerUnitId === 'district-150602').slice(0, 3);
    expect(sample.length).toBeGreaterThan(0);
    for (const sign of sample) {
      const res = await call('office', 'GET', `/attachments/${sign.photoId}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(res.rawPayload).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 800, 600]);
      // a banner's staff do not see a 东胜区 home, nor its photos
      expect((await call('wushen', 'GET', `/attachments/${sign.photoId}`)).statusCode).toBe(404);
    }
    // the director's own home shows its photos on its signage tab
    const me = (await call('director', 'GET', '/auth/me')).json();
    const homeId = me.user.roles.find((r: { role: string }) => r.role === 'home_director').scopeId as string;
    const tab = (await call('director', 'GET', `/homes/${homeId}/signage`)).json() as Array<{
      photoId: string | null;
    }>;
    const photo = tab.find((s) => s.photoId)!.photoId!;
    expect((await call('director', 'GET', `/attachments/${photo}`)).statusCode).toBe(200);
  });

  it('gives homes scorecards that differ: some meet every point a year can before its evaluation, some fail most', async () => {
    const now = new Date();
    const scores: number[] = [];
    let exemplary = 0;
    let failing = 0;
    for (const h of await operatingHomes()) {
      const card = await scorecardOf(handle.db, h, yearOf(now), now);
      scores.push(card.score);
      const failed = card.items.filter((i) => !i.ok).map((i) => i.key);
      // 有效果评价 waits for the year's evaluation round to be published
      if (failed.length === 1 && failed[0] === 'evaluation') exemplary++;
      if (failed.length >= 4) failing++;
    }
    expect(exemplary).toBeGreaterThan(2);
    expect(failing).toBeGreaterThan(2);
    expect(new Set(scores).size).toBeGreaterThanOrEqual(3);
  });

  it('has trainings: one held last quarter whose certificates print, one members may enrol in, one by invitation', async () => {
    const now = new Date();
    const { year, quarter } = quarterOf(now);
    const last = quarter === 1 ? quarterRange(year - 1, 4) : quarterRange(year, (quarter - 1) as 1 | 2 | 3);
    const trainings = await handle.db
      .selectFrom('trainings')
      .select(['id', 'status', 'audience', 'capacity', 'startsAt', 'endsAt', 'organiserUnitId'])
      .orderBy('startsAt')
      .execute();
    const held = trainings.find((t) => t.status === 'held')!;
    expect(held.startsAt.getTime()).toBeGreaterThanOrEqual(last.start.getTime());
    expect(held.endsAt.getTime()).toBeLessThan(last.end.getTime());
    const open = trainings.find((t) => t.audience === 'members')!;
    const invited = trainings.find((t) => t.status === 'planned' && t.audience === 'invited')!;
    expect([open.status, open.capacity, open.startsAt > now]).toEqual(['planned', 30, true]);
    expect(invited.startsAt > now).toBe(true);

    // the office prints every attendee's certificate, and the member their own
    const detail = (await call('office', 'GET', `/trainings/${held.id}`)).json();
    const attended = (
      detail.enrolments as Array<{ userId: string; attendedAt: string | null; source: string }>
    )
      .filter((e) => e.attendedAt)
      .map((e) => e.source);
    expect(attended.sort()).toEqual(['checkin', 'checkin', 'manual']);
    expect(printed(await call('office', 'GET', `/trainings/${held.id}/certificates.pdf`)).pages).toBe(3);
    const own = printed(
      await call('member', 'GET', `/trainings/${held.id}/certificates/${sessions.member!.userId}.pdf`),
    );
    expect(own.pages).toBe(1);

    // the member enrols in the open one and withdraws again; the invited one is not theirs to see
    const offered = (await call('member', 'GET', '/trainings?enrolment=open')).json().items as Array<{
      id: string;
      allowedActions: string[];
    }>;
    expect(offered.find((t) => t.id === open.id)?.allowedActions).toContain('enrol_self');
    expect(offered.some((t) => t.id === invited.id)).toBe(false);
    expect((await call('member', 'POST', `/trainings/${open.id}/enrolments/me`)).statusCode).toBeLessThan(
      300,
    );
    expect((await call('member', 'DELETE', `/trainings/${open.id}/enrolments/me`)).statusCode).toBeLessThan(
      300,
    );
    expect((await call('member', 'GET', `/trainings/${invited.id}`)).statusCode).toBe(404);
    expect((await call('director', 'GET', `/trainings/${invited.id}`)).statusCode).toBe(200);
  });

  it('has fund ledgers: allocations and expenditures, one approved, one refused, one reversed and one waiting for 东胜区政协', async () => {
    const me = (await call('director', 'GET', '/auth/me')).json();
    const homeId = me.user.roles.find((r: { role: string }) => r.role === 'home_director').scopeId as string;
    const ledger = (await call('director', 'GET', `/homes/${homeId}/funds`)).json();
    const entries = ledger.entries as Array<{
      kind: string;
      status: string;
      amountFen: number;
      decidedAt: string | null;
    }>;
    expect(entries.filter((e) => e.kind === 'allocation').length).toBeGreaterThan(0);
    expect(new Set(entries.map((e) => e.status))).toEqual(new Set(['approved', 'pending', 'rejected']));
    const decided = entries.filter(
      (e) => e.kind === 'expenditure' && e.amountFen > 500_000 && e.status !== 'pending',
    );
    expect(decided.every((e) => e.decidedAt)).toBe(true);
    expect(ledger.availableFen).toBeGreaterThan(0);

    // the one waiting is in 东胜区政协's queue, and is not the office's to decide
    const queue = (await call('dongsheng', 'GET', '/funds/pending')).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({
      homeId,
      status: 'pending',
      allowedActions: ['approve', 'reject'],
    });
    expect((await call('office', 'GET', '/funds/pending')).json().items).toHaveLength(0);
    expect((await call('wushen', 'GET', `/homes/${homeId}/funds`)).statusCode).toBe(404);

    const reversed = await handle.db
      .selectFrom('fundEntries as e')
      .innerJoin('fundEntries as r', 'r.id', 'e.reversedById')
      .select(['e.amountFen as amount', 'r.amountFen as reversal', 'r.reversesId'])
      .execute();
    expect(reversed).toHaveLength(1);
    expect(Number(reversed[0]!.amount) + Number(reversed[0]!.reversal)).toBe(0);
    const homes = await handle.db.selectFrom('fundEntries').select('homeId').distinct().execute();
    expect(homes.length).toBeGreaterThanOrEqual(5);
  });

  it('has last year’s 东胜区 round published with a document number, its notice and certificates printable', async () => {
    const year = yearOf(new Date()) - 1;
    const rounds = (await call('dongsheng', 'GET', `/evaluation-rounds?year=${year}`)).json().items as Array<{
      id: string;
      status: string;
    }>;
    expect(rounds).toHaveLength(1);
    const { id } = rounds[0]!;
    expect(rounds[0]!.status).toBe('published');
    const round = (await call('dongsheng', 'GET', `/evaluation-rounds/${id}`)).json();
    const grades = new Set((round.homeEntries as Array<{ grade: Grade }>).map((e) => e.grade));
    expect(grades.size).toBeGreaterThanOrEqual(3);
    const publication = (await call('dongsheng', 'GET', `/evaluation-rounds/${id}/publication`)).json();
    expect(publication.documentNumber).toBe(`东政协发〔${year + 1}〕3号`);
    expect(publication.homes.some((h: { commended: boolean }) => h.commended)).toBe(true);
    expect(publication.members.length).toBeGreaterThan(0);
    expect(new Date(publication.publishedAt).getTime()).toBeLessThan(Date.now());

    const notice = printed(await call('dongsheng', 'GET', `/evaluation-rounds/${id}/notice.pdf`));
    const text = notice.text.replace(/\s+/g, '');
    expect(text).toContain(`东政协发〔${year + 1}〕3号`);
    expect(text).toContain('特此通报');
    expect(text).toContain(publication.homes[0].name);
    const certificates = printed(await call('dongsheng', 'GET', `/evaluation-rounds/${id}/certificates.pdf`));
    expect(certificates.pages).toBe(
      publication.homes.filter((h: { commended: boolean }) => h.commended).length +
        publication.members.length,
    );
    // a banner's staff learn nothing of it
    expect((await call('wushen', 'GET', `/evaluation-rounds/${id}/notice.pdf`)).statusCode).toBe(404);
  });

  it('grades last year’s municipal homes five-star to rectify when reviewers score them alike', async () => {
    const year = yearOf(new Date()) - 1;
    const created = await call('office', 'POST', '/evaluation-rounds', { year, level: 'municipal' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(
      (
        await call('office', 'PUT', `/evaluation-rounds/${id}/reviewers`, {
          userIds: [sessions.committee!.userId],
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await call('office', 'POST', `/evaluation-rounds/${id}/transitions`, { action: 'start_review' }))
        .statusCode,
    ).toBe(200);
    const round = (await call('office', 'GET', `/evaluation-rounds/${id}`)).json();
    for (const entry of round.homeEntries as Array<{ homeId: string }>) {
      const scored = await call('committee', 'PUT', `/evaluation-rounds/${id}/homes/${entry.homeId}/scores`, {
        items: [
          { item: 'effect', score: 20 },
          { item: 'bonus', score: 0 },
        ],
      });
      expect(scored.statusCode).toBe(200);
    }
    const confirmed = await call('office', 'POST', `/evaluation-rounds/${id}/transitions`, {
      action: 'confirm',
    });
    expect(confirmed.statusCode).toBe(200);
    const grades = new Set((confirmed.json().homeEntries as Array<{ grade: Grade }>).map((e) => e.grade));
    expect([...grades].map((g) => GRADE_LABELS[g]).sort()).toEqual(
      ['三星', '四星', '五星', '限期整改'].sort(),
    );
  });

  it('has opinions in every state for the demo accounts, each with a history the pipeline allows', async () => {
    const opinions = await handle.db.selectFrom('opinions').select(['id', 'status', 'homeId']).execute();
    expect(new Set(opinions.map((o) => o.status)).size).toBeGreaterThanOrEqual(9);
    const steps = await handle.db
      .selectFrom('opinionSteps')
      .select(['opinionId', 'action', 'fromStatus', 'toStatus'])
      .orderBy('id')
      .execute();
    for (const o of opinions) {
      const history = steps.filter((s) => s.opinionId === o.id);
      expect(history[0]?.toStatus).toBe('received');
      for (const s of history.slice(1)) {
        expect(nextOpinionStatus(s.fromStatus as OpinionStatus, s.action as OpinionAction)).toBe(s.toStatus);
      }
      expect(history.at(-1)?.toStatus).toBe(o.status);
    }
    const director = await handle.db
      .selectFrom('userRoles')
      .innerJoin('users', 'users.id', 'userRoles.userId')
      .select('userRoles.scopeId')
      .where('users.username', '=', 'director')
      .executeTakeFirstOrThrow();
    const ofDirector = opinions.filter((o) => o.homeId === director.scopeId).map((o) => o.status);
    expect(ofDirector).toEqual(expect.arrayContaining(['received', 'accepted']));
  });

  it('gives the demo member proposals and reports that count in this year’s duty record', async () => {
    const { entriesQuery } = await import('../src/modules/records/repo/compute.js');
    const member = await handle.db
      .selectFrom('users')
      .select('memberId')
      .where('username', '=', 'member')
      .executeTakeFirstOrThrow();
    const year = new Date().getUTCFullYear();
    const entries = (await entriesQuery(year, member.memberId!).execute(handle.db)).rows as Array<{
      item: string;
    }>;
    expect(entries.map((e) => e.item)).toEqual(
      expect.arrayContaining(['proposal_submitted', 'proposal_filed', 'research_report']),
    );
  });
});
