import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  errorOf,
  makeMember,
  multipartFile,
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
let groupStaff: Session;
let auditor: Session;
beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  groupStaff = await signedInAs(t.app, t.db, [{ role: 'committee_staff', scopeId: 'sector-group-1' }]);
});
afterAll(() => t.close());

const post = (s: Session, url: string, payload: unknown) =>
  as(t.app, s)({ method: 'POST', url, payload: payload as object });

async function sectorGroupHome(extra: Record<string, unknown> = {}) {
  const director = await makeMember(t.db, { level: 'municipal', sectorGroupId: 'sector-group-1' });
  const deputy = await makeMember(t.db, { level: 'municipal', sectorGroupId: 'sector-group-1' });
  const res = await post(office, '/api/v1/homes', {
    name: `经济界别委员之家${Math.random().toString(36).slice(2, 6)}`,
    kind: 'sector_group',
    level: 'municipal',
    ownerUnitId: 'sector-group-1',
    brand: `经济议事厅${Math.random().toString(36).slice(2, 6)}`,
    specialty: '围绕营商环境建言',
    venueType: 'enterprise',
    address: '东胜区鄂托克西街 1 号',
    directorMemberId: director.id,
    deputyMemberId: deputy.id,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function townshipHome(regionCode = '150602100') {
  const director = await makeMember(t.db, { orgUnitId: 'district-150602' });
  const res = await post(dongsheng, '/api/v1/homes', {
    name: `泊尔江海子镇委员之家${Math.random().toString(36).slice(2, 6)}`,
    kind: 'township',
    level: 'district',
    ownerUnitId: 'district-150602',
    regionCode,
    brand: '连心议站',
    venueType: 'party_mass_center',
    address: '泊尔江海子镇政府院内',
    directorMemberId: director.id,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const step = (s: Session, id: string, action: string, data: object = {}, comment?: string) =>
  post(s, `/api/v1/homes/${id}/transitions`, { action, data, ...(comment ? { comment } : {}) });

const STEPS: Array<[string, object]> = [
  ['survey', { report: '实地走访 3 家企业，群众需求强烈' }],
  ['plan', { plan: '依托企业会议室建设', address: '东胜区鄂托克西街 1 号' }],
  ['review', { conditionsMet: true, opinion: '符合六有基本条件' }],
  ['approve', { meeting: '市政协第十五届第 12 次主席会议', meetingDate: '2026-03-10' }],
  ['award_plaque', { plaqueNo: '', awardedOn: '2026-03-20' }],
];

describe('registering homes', () => {
  it('offers each clerk only the units they may register a home under, as the server decides', async () => {
    const units = async (s: Session) =>
      (
        (await as(t.app, s)({ method: 'GET', url: '/api/v1/homes/owner-units' })).json().items as {
          id: string;
        }[]
      ).map((unit) => unit.id);
    expect(await units(dongsheng)).toEqual(['district-150602']);
    expect(await units(wushen)).toEqual(['district-150626']);
    expect(await units(groupStaff)).toEqual(['sector-group-1']);
    const office_ = await units(office);
    expect(office_).toContain('office');
    expect(office_.some((id) => id.startsWith('district-'))).toBe(false);
    // and what it offers is what the server takes
    for (const ownerUnitId of await units(dongsheng)) {
      const made = await post(dongsheng, '/api/v1/homes', {
        name: `东胜区选单测试之家${Math.random().toString(36).slice(2, 6)}`,
        kind: 'township',
        level: 'district',
        ownerUnitId,
        regionCode: '150602001',
      });
      expect(made.statusCode).toBe(201);
    }
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/homes/owner-units' })).statusCode).toBe(
      403,
    );
  });

  it('starts a home in proposed, with director and deputy among its members and a history entry', async () => {
    const home = await sectorGroupHome();
    expect(home).toMatchObject({
      status: 'proposed',
      level: 'municipal',
      kind: 'sector_group',
      plaqueNo: null,
    });
    expect(home.memberIds).toEqual(expect.arrayContaining([home.directorMemberId, home.deputyMemberId]));
    expect(home.members.find((m: { role: string }) => m.role === 'deputy').id).toBe(home.deputyMemberId);
    const history = await as(t.app, office)({ method: 'GET', url: `/api/v1/homes/${home.id}/history` });
    expect(history.json().map((h: { toStatus: string }) => h.toStatus)).toEqual(['proposed']);
  });

  it("requires a sector-group home's deputy to belong to that group (六有 ①)", async () => {
    const outsider = await makeMember(t.db, { level: 'municipal', sectorGroupId: 'sector-group-2' });
    const res = await post(office, '/api/v1/homes', {
      name: '界别之家',
      kind: 'sector_group',
      level: 'municipal',
      ownerUnitId: 'sector-group-1',
      deputyMemberId: outsider.id,
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields?.deputyMemberId).toMatch(/活动组/);
    const home = await sectorGroupHome();
    const patch = await as(
      t.app,
      office,
    )({
      method: 'PATCH',
      url: `/api/v1/homes/${home.id}`,
      payload: { deputyMemberId: home.directorMemberId },
    });
    expect(patch.statusCode).toBe(400);
    expect(errorOf(patch).error.fields?.deputyMemberId).toMatch(/同一人/);
  });

  it('places a township home inside its own district only', async () => {
    const home = await townshipHome();
    expect(home).toMatchObject({ level: 'district', regionCode: '150602100', regionName: '泊尔江海子镇' });
    const elsewhere = await post(dongsheng, '/api/v1/homes', {
      name: '越界之家',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150626100',
    });
    expect(elsewhere.statusCode).toBe(400);
    expect(errorOf(elsewhere).error.fields?.regionCode).toBeDefined();
    const village = await post(dongsheng, '/api/v1/homes', {
      name: '乡镇层级不对',
      kind: 'village',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150602100',
    });
    expect(errorOf(village).error.fields?.regionCode).toMatch(/嘎查村/);
  });

  it("refuses a home in another unit's name (403)", async () => {
    const res = await post(dongsheng, '/api/v1/homes', {
      name: '不属于我',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150626',
      regionCode: '150626100',
    });
    expect(res.statusCode).toBe(403);
    const municipal = await post(dongsheng, '/api/v1/homes', {
      name: '市级',
      kind: 'industry',
      level: 'municipal',
      ownerUnitId: 'office',
    });
    expect(municipal.statusCode).toBe(403);
    expect((await post(auditor, '/api/v1/homes', { name: 'x', kind: 'industry' })).statusCode).toBe(403);
  });

  it('lets a member propose a studio of their own, which lands in their district CPPCC queue', async () => {
    const me = await makeMember(t.db, { orgUnitId: 'district-150626' });
    const member = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], me.id);
    const res = await post(member, '/api/v1/homes', {
      name: '草原之声委员工作室',
      kind: 'member_studio',
      online: true,
      onlineUrl: 'https://example.org/studio/1',
      brand: '草原之声',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'proposed',
      level: 'district',
      ownerUnitId: 'district-150626',
      directorMemberId: me.id,
      // the founder edits the proposal, but takes no step of the procedure
      allowedActions: ['update'],
    });
    const queue = await as(t.app, wushen)({ method: 'GET', url: '/api/v1/homes?status=proposed' });
    expect(queue.json().items.map((h: { id: string }) => h.id)).toContain(res.json().id);
    const notTheirs = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/homes/${res.json().id}` });
    expect(notTheirs.statusCode).toBe(404);
    const township = await post(member, '/api/v1/homes', { name: 'x', kind: 'township' });
    expect(township.statusCode).toBe(403);
  });

  it('warns when a brand repeats within the district (一家一特色、一室一品牌)', async () => {
    const first = await townshipHome('150602101');
    const second = await townshipHome('150602102');
    expect(first.brand).toBe(second.brand);
    expect(second.warnings).toEqual([expect.objectContaining({ code: 'BRAND_REPEATED' })]);
  });
});

describe('the establishment procedure', () => {
  it('takes a municipal home from proposed to operating, step by step, recording each', async () => {
    const home = await sectorGroupHome();
    const plaqueNo = `鄂政协委家〔2026〕${Math.floor(Math.random() * 1e6)}号`;
    let current = home;
    for (const [action, data] of STEPS) {
      const payload = action === 'award_plaque' ? { ...data, plaqueNo } : data;
      const res = await step(office, home.id, action, payload, `${action} 意见`);
      expect(res.statusCode, res.body).toBe(200);
      current = res.json();
    }
    expect(current).toMatchObject({ status: 'operating', plaqueNo, plaqueAwardedOn: '2026-03-20' });
    expect(current.allowedActions).toEqual(['suspend', 'close', 'update']);
    const history = (
      await as(t.app, office)({ method: 'GET', url: `/api/v1/homes/${home.id}/history` })
    ).json();
    expect(history.map((h: { action: string }) => h.action)).toEqual(['propose', ...STEPS.map(([a]) => a)]);
    expect(history[4]).toMatchObject({
      fromStatus: 'reviewed',
      toStatus: 'approved',
      actorId: office.userId,
      comment: 'approve 意见',
      data: { meeting: '市政协第十五届第 12 次主席会议', meetingDate: '2026-03-10' },
    });
  });

  it('refuses a step out of order with 409 INVALID_TRANSITION, changing nothing', async () => {
    const home = await sectorGroupHome();
    const res = await step(office, home.id, 'approve', { meeting: '主席会议', meetingDate: '2026-01-01' });
    expect(res.statusCode).toBe(409);
    expect(errorOf(res).error.code).toBe('INVALID_TRANSITION');
    const again = (await as(t.app, office)({ method: 'GET', url: `/api/v1/homes/${home.id}` })).json();
    expect(again.status).toBe('proposed');
  });

  it("requires each step's data (400)", async () => {
    const home = await sectorGroupHome();
    const res = await step(office, home.id, 'survey', {});
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields?.['data.report']).toBeDefined();
    const extra = await step(office, home.id, 'survey', { report: 'ok', hacked: true });
    expect(
      errorOf(extra).error.fields?.['data._'] ?? errorOf(extra).error.fields?.['data.hacked'],
    ).toBeDefined();
  });

  it('refuses review while the director, venue or brand is missing', async () => {
    const res = await post(office, '/api/v1/homes', {
      name: '缺条件的家',
      kind: 'industry',
      level: 'municipal',
      ownerUnitId: 'office',
    });
    const id = res.json().id;
    await step(office, id, 'survey', { report: 'r' });
    await step(office, id, 'plan', { plan: 'p', address: '某地' });
    const review = await step(office, id, 'review', { conditionsMet: true, opinion: 'ok' });
    expect(review.statusCode).toBe(400);
    expect(Object.keys(errorOf(review).error.fields!).sort()).toEqual([
      'brand',
      'directorMemberId',
      'venueType',
    ]);
  });

  it('keeps plaque numbers unique and the award date on or after the approval', async () => {
    const [a, b] = [await sectorGroupHome(), await sectorGroupHome()];
    for (const home of [a, b])
      for (const [action, data] of STEPS.slice(0, 4)) await step(office, home.id, action, data);
    const early = await step(office, a.id, 'award_plaque', { plaqueNo: 'P-1', awardedOn: '2026-03-09' });
    expect(early.statusCode).toBe(400);
    expect(errorOf(early).error.fields?.['data.awardedOn']).toMatch(/批准日期/);
    expect(
      (await step(office, a.id, 'award_plaque', { plaqueNo: 'P-UNIQUE', awardedOn: '2026-03-10' }))
        .statusCode,
    ).toBe(200);
    const dup = await step(office, b.id, 'award_plaque', { plaqueNo: 'P-UNIQUE', awardedOn: '2026-04-01' });
    expect(dup.statusCode).toBe(409);
    expect(errorOf(dup).error.code).toBe('CONFLICT');
  });

  it("lets the owning group's staff take a municipal home up to review, and no further (403)", async () => {
    const home = await sectorGroupHome();
    for (const [action, data] of STEPS.slice(0, 3)) {
      const res = await step(groupStaff, home.id, action, data);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    }
    const approve = await step(groupStaff, home.id, 'approve', STEPS[3]![1]);
    expect(approve.statusCode).toBe(403);
  });

  it.each([
    ['another district', () => wushen, 404],
    ['the district that does not own a municipal home', () => dongsheng, 404],
    ['an auditor', () => auditor, 403],
  ])('refuses %s', async (_label, who, status) => {
    const home = await sectorGroupHome();
    const res = await step(who(), home.id, 'survey', { report: 'r' });
    expect(res.statusCode).toBe(status);
  });

  it("gives a district home's procedure to that district CPPCC alone; the office only reads it", async () => {
    const home = await townshipHome();
    const officeTry = await step(office, home.id, 'survey', { report: 'r' });
    expect(officeTry.statusCode).toBe(403);
    const officeRead = await as(t.app, office)({ method: 'GET', url: `/api/v1/homes/${home.id}` });
    expect(officeRead.json().allowedActions).toEqual([]);
    expect((await step(wushen, home.id, 'survey', { report: 'r' })).statusCode).toBe(404);
    const own = await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/homes/${home.id}` });
    expect(own.json().allowedActions).toEqual(['survey', 'update']);
    for (const [action, data] of STEPS.slice(0, 4))
      expect((await step(dongsheng, home.id, action, data)).statusCode).toBe(200);
  });

  it('suspends, resumes and closes an operating home', async () => {
    const home = await sectorGroupHome();
    for (const [action, data] of STEPS) {
      await step(
        office,
        home.id,
        action,
        action === 'award_plaque' ? { ...data, plaqueNo: `S-${home.id}` } : data,
      );
    }
    expect((await step(office, home.id, 'suspend', { reason: '场地维修' })).json().status).toBe('suspended');
    expect((await step(office, home.id, 'resume')).json().status).toBe('operating');
    const closed = (await step(office, home.id, 'close', { reason: '合并' })).json();
    expect(closed).toMatchObject({ status: 'closed', allowedActions: [] });
  });
});

describe('attachments', () => {
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const uploadTo = (s: Session, homeId: string, buffer: Buffer, filename: string) => {
    return as(
      t.app,
      s,
    )({
      method: 'POST',
      url: `/api/v1/homes/${homeId}/attachments`,
      ...multipartFile(filename, buffer, 'application/pdf'),
    });
  };

  it("stores a step's files, checks their type by content, and serves them only within scope", async () => {
    const home = await townshipHome();
    const up = await uploadTo(dongsheng, home.id, pdf, '调研报告.pdf');
    expect(up.statusCode, up.body).toBe(201);
    expect(up.json()).toMatchObject({
      filename: '调研报告.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    const fake = await uploadTo(dongsheng, home.id, Buffer.from('just text pretending'), 'fake.pdf');
    expect(fake.statusCode).toBe(400);

    const res = await post(dongsheng, `/api/v1/homes/${home.id}/transitions`, {
      action: 'survey',
      data: { report: '见附件' },
      attachmentIds: [up.json().id],
    });
    expect(res.statusCode).toBe(200);
    const history = (
      await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/homes/${home.id}/history` })
    ).json();
    expect(history[1].attachments.map((a: { id: string }) => a.id)).toEqual([up.json().id]);

    const download = await as(
      t.app,
      dongsheng,
    )({ method: 'GET', url: `/api/v1/attachments/${up.json().id}` });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/filename\*=UTF-8''/);
    expect(
      (await as(t.app, wushen)({ method: 'GET', url: `/api/v1/attachments/${up.json().id}` })).statusCode,
    ).toBe(404);
    expect((await uploadTo(wushen, home.id, pdf, 'x.pdf')).statusCode).toBe(404);

    // a file already used by one step cannot be claimed by another
    const reuse = await post(dongsheng, `/api/v1/homes/${home.id}/transitions`, {
      action: 'plan',
      data: { plan: 'p', address: 'a' },
      attachmentIds: [up.json().id],
    });
    expect(reuse.statusCode).toBe(400);
    expect(
      (await as(t.app, dongsheng)({ method: 'GET', url: `/api/v1/homes/${home.id}` })).json().status,
    ).toBe('surveyed');
  });
});

describe('listing homes', () => {
  it("never shows a district clerk another district's homes", async () => {
    const home = await townshipHome();
    const theirs = await as(t.app, wushen)({ method: 'GET', url: '/api/v1/homes?pageSize=200' });
    expect(theirs.json().items.map((h: { id: string }) => h.id)).not.toContain(home.id);
    expect((await as(t.app, wushen)({ method: 'GET', url: `/api/v1/homes/${home.id}` })).statusCode).toBe(
      404,
    );
    const byRegion = await as(
      t.app,
      office,
    )({ method: 'GET', url: '/api/v1/homes?regionCode=150602&pageSize=200' });
    expect(
      byRegion.json().items.every((h: { regionCode: string }) => h.regionCode.startsWith('150602')),
    ).toBe(true);
    expect(byRegion.json().items.map((h: { id: string }) => h.id)).toContain(home.id);
  });

  it('filters by kind, level, status and owner, and searches name and brand', async () => {
    const res = await as(
      t.app,
      office,
    )({
      method: 'GET',
      url: '/api/v1/homes?kind=sector_group&level=municipal&ownerUnitId=sector-group-1&pageSize=5',
    });
    expect(res.json().total).toBeGreaterThan(0);
    expect(res.json().items.every((h: { kind: string }) => h.kind === 'sector_group')).toBe(true);
    expect((await as(t.app, office)({ method: 'GET', url: '/api/v1/homes?status=flying' })).statusCode).toBe(
      400,
    );
  });
});

describe('coverage', () => {
  it('lists the 8 sector groups and the 77 township-level units, counting village homes under their township', async () => {
    const director = await makeMember(t.db);
    const village = await post(dongsheng, '/api/v1/homes', {
      name: '村级之家',
      kind: 'village',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150602102200',
      directorMemberId: director.id,
    });
    expect(village.statusCode, village.body).toBe(201);
    const res = await as(t.app, office)({ method: 'GET', url: '/api/v1/coverage' });
    expect(res.statusCode).toBe(200);
    const cov = res.json();
    expect(cov.sectorGroups).toHaveLength(8);
    expect(cov.townships).toHaveLength(77);
    const tongchuan = cov.townships.find((x: { code: string }) => x.code === '150602102');
    expect(tongchuan.inProgress).toBeGreaterThanOrEqual(2);
    const group1 = cov.sectorGroups.find((g: { orgUnitId: string }) => g.orgUnitId === 'sector-group-1');
    expect(group1.operating).toBeGreaterThanOrEqual(1);
    expect(cov.gaps.sectorGroups).not.toContain('sector-group-1');
    expect(cov.gaps.sectorGroups).toContain('sector-group-8');
    expect(cov.gaps.townships).toContain('150626100');
    expect(cov.townships.some((x: { code: string }) => x.code === '150602405')).toBe(false);
  });

  it('is for staff only', async () => {
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/coverage' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/coverage' })).statusCode).toBe(401);
  });
});
