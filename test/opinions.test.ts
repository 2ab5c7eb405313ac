import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  OPINION_ACTIONS,
  OPINION_STATUSES,
  OPINION_WORKFLOW,
  type OpinionActorKind,
} from '../src/domain/opinion-workflow.js';
import { runReminders } from '../src/modules/operations/reminders.js';
import { makeOpinion, VALID_STEP_DATA } from './fixtures/opinions.js';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  makeMember,
  type Session,
  sheetRows,
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
let home: HomeFixture;
let director: Session;
let assignee: { id: string; name: string };
let assigneeSession: Session;
let otherMember: Session;
let viceChair: Session;

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  home = await makeHome(t.db, { name: '意见测试之家' });
  director = await signedInAs(t.app, t.db, [], home.directorMemberId!);
  assignee = await makeMember(t.db, { name: '撰稿委员' });
  await t.db.insertInto('homeMembers').values({ homeId: home.id, memberId: assignee.id }).execute();
  assigneeSession = await signedInAs(t.app, t.db, [], assignee.id);
  otherMember = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
  viceChair = await signedInAs(t.app, t.db, [{ role: 'vice_chair', scopeId: 'district-150602' }]);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const step = (s: Session, id: string, action: string, data: object = {}) =>
  call(s, 'POST', `/opinions/${id}/transitions`, { action, data });

const publicView = async (code: string) => (await call(null, 'GET', `/public/opinions/${code}`)).json();

describe('the 社情民意 pipeline, end to end through the API', () => {
  it('goes from a citizen to a member, the office and back to the citizen, each step recorded', async () => {
    const sent = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '牧区道路年久失修',
      content: '嘎查通往苏木的道路坑洼，雨季无法通行。',
      name: '巴特尔',
      phone: '13947700001',
      contactConsent: true,
    });
    expect(sent.statusCode).toBe(201);
    const code = sent.json().trackingCode as string;
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);

    // the director sees it waiting to be accepted, and was told
    const queue = await call(director, 'GET', '/opinions?queue=to_accept');
    const listed = queue.json().items.find((o: { trackingCode: string }) => o.trackingCode === code);
    expect(listed).toMatchObject({ title: '牧区道路年久失修', status: 'received', channel: 'online' });
    const bell = await call(director, 'GET', '/notifications');
    expect(JSON.stringify(bell.json())).toContain('收到一条群众意见');
    const id = listed.id as string;

    expect((await step(director, id, 'accept', { memberId: assignee.id })).json().status).toBe('accepted');
    expect((await call(assigneeSession, 'GET', '/opinions/queues')).json().mine).toBeGreaterThanOrEqual(1);
    const draft = VALID_STEP_DATA(assignee.id).draft!;
    expect((await step(assigneeSession, id, 'draft', draft)).json().draft).toEqual(draft);
    expect((await step(assigneeSession, id, 'submit')).json().status).toBe('submitted');
    // returned for revision, it comes back to the member as a draft
    expect((await step(office, id, 'return', { reason: '请补充受影响的户数' })).json().status).toBe(
      'drafted',
    );
    await step(assigneeSession, id, 'draft', { ...draft, situation: '涉及 46 户牧民' });
    await step(assigneeSession, id, 'submit');
    const adopted = await step(office, id, 'adopt', { level: 'regional' });
    expect(adopted.json()).toMatchObject({
      status: 'adopted',
      decision: { kind: 'adopted', level: 'regional' },
    });
    const instructed = await step(office, id, 'instruct', VALID_STEP_DATA('').instruct!);
    // the instruction keeps the adoption it followed
    expect(instructed.json().decision).toMatchObject({
      kind: 'instructed',
      level: 'regional',
      leader: '市政协主席',
    });

    // before the reply, the citizen sees progress but no answer
    const before = await publicView(code);
    expect(before.reply).toBeNull();
    expect(before.history.map((h: { status: string }) => h.status)).toEqual([
      'received',
      'accepted',
      'drafted',
      'submitted',
      'drafted',
      'submitted',
      'adopted',
      'instructed',
    ]);

    await step(director, id, 'reply', { reply: '已列入明年农村公路计划。', public: true });
    const after = await publicView(code);
    expect(after).toMatchObject({
      status: 'replied',
      reply: '已列入明年农村公路计划。',
      homeName: home.name,
    });
    expect((await step(director, id, 'close')).json().status).toBe('closed');

    const detail = (await call(office, 'GET', `/opinions/${id}`)).json();
    expect(detail.steps.map((s: { action: string }) => s.action)).toEqual([
      'receive',
      'accept',
      'draft',
      'submit',
      'return',
      'draft',
      'submit',
      'adopt',
      'instruct',
      'reply',
      'close',
    ]);
    expect(detail.steps.every((s: { at: string }) => !Number.isNaN(Date.parse(s.at)))).toBe(true);
    expect(detail.submissions[0]).toMatchObject({
      name: '巴特尔',
      phone: '13947700001',
      contactConsent: true,
    });
  });

  it('keeps a reply off the tracking page until it is marked public', async () => {
    const o = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'not_adopted',
    });
    await step(director, o.id, 'reply', { reply: '已电话告知', public: false });
    expect(await publicView(o.trackingCode)).toMatchObject({ status: 'replied', reply: null });
    await step(director, o.id, 'reply', { reply: '已电话告知，并在此公开', public: true });
    expect((await publicView(o.trackingCode)).reply).toBe('已电话告知，并在此公开');
  });

  it('assigns only a member of the home, with the reason on the field', async () => {
    const o = await makeOpinion(t.db, { homeId: home.id, ownerUnitId: 'district-150602' });
    const stranger = await makeMember(t.db);
    const res = await step(director, o.id, 'accept', { memberId: stranger.id });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty(['data.memberId']);
    expect((await call(office, 'GET', `/opinions/${o.id}`)).json().status).toBe('received');
  });

  it('refuses a step without its data, naming each missing field, and changes nothing', async () => {
    const o = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'accepted',
      assignedMemberId: assignee.id,
    });
    const res = await step(assigneeSession, o.id, 'draft', { reporter: '张三' });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorOf(res).error.fields!)).toEqual(
      expect.arrayContaining(['data.situation', 'data.analysis', 'data.suggestion']),
    );
    expect((await call(office, 'GET', `/opinions/${o.id}`)).json()).toMatchObject({
      status: 'accepted',
      draft: null,
    });
  });

  it('sends an opinion for a region to that district CPPCC, and one for nowhere to the office', async () => {
    const toRegion = await call(null, 'POST', '/public/opinions', {
      regionCode: '150626',
      title: '乌审旗草场围栏',
      content: '围栏补贴发放慢',
      contactConsent: false,
    });
    const toNobody = await call(null, 'POST', '/public/opinions', {
      title: '全市公交',
      content: '希望延长末班车',
    });
    expect([toRegion.statusCode, toNobody.statusCode]).toEqual([201, 201]);
    const wushenQueue = (await call(wushen, 'GET', '/opinions?queue=to_accept')).json();
    expect(wushenQueue.items.map((o: { title: string }) => o.title)).toContain('乌审旗草场围栏');
    expect(wushenQueue.items.map((o: { title: string }) => o.title)).not.toContain('全市公交');
    const dongshengAll = (await call(dongsheng, 'GET', '/opinions?pageSize=200')).json();
    expect(dongshengAll.items.map((o: { title: string }) => o.title)).not.toContain('乌审旗草场围栏');
    const officeQueue = (await call(office, 'GET', '/opinions?queue=to_accept&q=全市公交')).json();
    expect(officeQueue.total).toBe(1);
  });
});

describe('who may take each step, in every state (the workflow table)', () => {
  /**
   * For each state and each actor, every action: 403 when the actor's part does not allow it,
   * 409 when the state does not, otherwise it succeeds. Expected outcomes come from the table in
   * src/domain/opinion-workflow.ts; the server must enforce exactly that table.
   */
  it('enforces OPINION_WORKFLOW for the director, the assigned member, the office, the district and a vice chair', async () => {
    const actors: { name: string; session: Session; kinds: OpinionActorKind[] }[] = [
      { name: 'director', session: director, kinds: ['home'] },
      { name: 'assignee', session: assigneeSession, kinds: ['assignee'] },
      { name: 'office', session: office, kinds: ['office'] },
      { name: 'district staff', session: dongsheng, kinds: ['home'] },
      { name: 'vice chair', session: viceChair, kinds: [] },
    ];
    const data = VALID_STEP_DATA(assignee.id);
    const mismatches: string[] = [];
    for (const status of OPINION_STATUSES) {
      const fixed = await makeOpinion(t.db, {
        homeId: home.id,
        ownerUnitId: 'district-150602',
        status,
        assignedMemberId: status === 'received' ? null : assignee.id,
      });
      for (const actor of actors) {
        for (const action of OPINION_ACTIONS) {
          const rule = OPINION_WORKFLOW[action];
          const permitted = rule.by.some((k) => actor.kinds.includes(k));
          // before assignment the member has no part in it and does not see it
          const assigned = status !== 'received';
          const expected =
            actor.name === 'assignee' && !assigned
              ? 404
              : !permitted
                ? 403
                : rule.from.includes(status)
                  ? 200
                  : 409;
          // a success changes the opinion: take it on a fresh one in the same state
          const target =
            expected === 200
              ? await makeOpinion(t.db, {
                  homeId: home.id,
                  ownerUnitId: 'district-150602',
                  status,
                  assignedMemberId: assigned ? assignee.id : null,
                })
              : fixed;
          const res = await step(actor.session, target.id, action, data[action]!);
          if (res.statusCode !== expected) {
            mismatches.push(`${status} × ${actor.name} × ${action}: ${res.statusCode}, expected ${expected}`);
          }
        }
      }
      // the refused attempts left the fixed one as it was
      const after = (await call(office, 'GET', `/opinions/${fixed.id}`)).json();
      expect(after.status).toBe(status);
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('hides an opinion from those outside its scope (404) and refuses readers (403)', async () => {
    const o = await makeOpinion(t.db, { homeId: home.id, ownerUnitId: 'district-150602' });
    expect((await call(wushen, 'GET', `/opinions/${o.id}`)).statusCode).toBe(404);
    expect((await call(otherMember, 'GET', `/opinions/${o.id}`)).statusCode).toBe(404);
    expect((await step(wushen, o.id, 'accept', { memberId: assignee.id })).statusCode).toBe(404);
    expect((await call(auditor, 'GET', '/opinions')).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/opinions/queues')).statusCode).toBe(403);
    expect(
      (await call(auditor, 'POST', '/opinions', { title: 'x', content: 'y', channel: 'paper' })).statusCode,
    ).toBe(403);
    expect((await call(null, 'GET', '/opinions')).statusCode).toBe(401);
    // a vice chair reads the district's opinions but cannot act or see the citizen's phone
    expect((await call(viceChair, 'GET', `/opinions/${o.id}`)).statusCode).toBe(200);
    expect((await step(viceChair, o.id, 'accept', { memberId: assignee.id })).statusCode).toBe(403);
  });

  it('masks the citizen’s name and phone for readers and shows them to those who act', async () => {
    const sent = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '电话可见性',
      content: '只给办理的人看电话',
      name: '乌云其其格',
      phone: '13800001234',
      contactConsent: true,
    });
    const list = (await call(office, 'GET', `/opinions?q=${sent.json().trackingCode}`)).json();
    const id = list.items[0].id as string;
    const toDirector = (await call(director, 'GET', `/opinions/${id}`)).json();
    expect(toDirector.submissions[0]).toMatchObject({ name: '乌云其其格', phone: '13800001234' });
    const toViceChair = (await call(viceChair, 'GET', `/opinions/${id}`)).json();
    expect(toViceChair.submissions[0]).toMatchObject({ name: '乌****', phone: '138****1234' });
    expect(JSON.stringify(toViceChair)).not.toContain('乌云其其格');
    // and a reader is offered nothing to do with it
    expect(toViceChair.allowedActions).toEqual([]);
    expect(toDirector.allowedActions).toEqual(['accept', 'dismiss', 'create_problem']);
  });
});

describe('queues and deadlines', () => {
  it('flags an opinion not accepted within 7 days and one unanswered after 30 and 90', async () => {
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    const late = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      receivedAt: days(8),
      title: '八天未受理',
    });
    const month = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'submitted',
      assignedMemberId: assignee.id,
      receivedAt: days(31),
      title: '一月未答复',
    });
    const quarter = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'forwarded',
      assignedMemberId: assignee.id,
      receivedAt: days(95),
      title: '九十天未答复',
    });
    const answered = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'replied',
      assignedMemberId: assignee.id,
      receivedAt: days(95),
      title: '已答复的旧意见',
    });
    const overdue = (await call(director, 'GET', '/opinions?queue=overdue&pageSize=200')).json();
    const flags = Object.fromEntries(
      overdue.items.map((o: { id: string; flags: string[] }) => [o.id, o.flags]),
    ) as Record<string, string[]>;
    expect(flags[late.id]).toEqual(['accept_overdue']);
    expect(flags[month.id]).toEqual(['unanswered_30']);
    expect(flags[quarter.id]).toEqual(['unanswered_90']);
    expect(flags[answered.id]).toBeUndefined();
    const queues = (await call(director, 'GET', '/opinions/queues')).json();
    expect(queues.overdue).toBe(overdue.total);
    // only the office decides
    expect((await call(office, 'GET', '/opinions/queues')).json().toDecide).toBeGreaterThanOrEqual(1);
    expect((await call(director, 'GET', '/opinions/queues')).json().toDecide).toBe(0);
  });

  it('counts in 待我处理 (the menu badge) exactly the opinions of the caller’s queues, each once', async () => {
    for (const who of [director, office]) {
      const queues = (await call(who, 'GET', '/opinions/queues')).json();
      const ids = async (queue: string) =>
        (await call(who, 'GET', `/opinions?queue=${queue}&pageSize=200`))
          .json()
          .items.map((o: { id: string }) => o.id) as string[];
      const waiting = await ids('waiting');
      const parts = new Set([
        ...(await ids('mine')),
        ...(await ids('to_accept')),
        ...(await ids('to_decide')),
        ...(await ids('to_reply')),
      ]);
      expect(waiting.length).toBe(queues.waiting);
      expect(new Set(waiting)).toEqual(parts);
      expect(queues.waiting).toBeGreaterThan(0);
    }
  });
});

describe('reminders of overdue opinions (the hourly job)', () => {
  it('reminds the director of one not accepted in 7 days and alarms the office at 90, once each', async () => {
    const quiet = await makeHome(t.db, { name: '提醒测试之家' });
    const quietDirector = await signedInAs(t.app, t.db, [], quiet.directorMemberId!);
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    const late = await makeOpinion(t.db, {
      homeId: quiet.id,
      ownerUnitId: 'district-150602',
      receivedAt: days(8),
    });
    const fresh = await makeOpinion(t.db, {
      homeId: quiet.id,
      ownerUnitId: 'district-150602',
      receivedAt: days(2),
    });
    const ancient = await makeOpinion(t.db, {
      homeId: quiet.id,
      ownerUnitId: 'district-150602',
      status: 'submitted',
      assignedMemberId: assignee.id,
      receivedAt: days(91),
    });
    const links = async (s: Session) =>
      (
        (await call(s, 'GET', '/notifications?pageSize=200')).json().items as {
          link: string;
          title: string;
        }[]
      ).map((n) => n.link);
    const hour = new Date(Date.now() + 3 * 3600_000);
    expect((await runReminders(t.db, hour)).notified).toBeGreaterThan(0);
    const toDirector = await links(quietDirector);
    expect(toDirector).toContain(`/opinions/${late.id}`);
    expect(toDirector).not.toContain(`/opinions/${fresh.id}`);
    expect(await links(office)).toContain(`/opinions/${ancient.id}`);
    // the next hour sends nothing new about the same opinions
    await runReminders(t.db, new Date(hour.getTime() + 3600_000));
    expect((await links(quietDirector)).filter((l) => l === `/opinions/${late.id}`)).toHaveLength(1);
  });
});

describe('staff entering an opinion for a citizen', () => {
  it('records the channel and who entered it, and gives the citizen a code', async () => {
    const res = await call(director, 'POST', '/opinions', {
      homeId: home.id,
      title: '来信：社区养老',
      content: '希望社区增设老年食堂',
      name: '王阿姨',
      channel: 'paper',
    });
    expect(res.statusCode).toBe(201);
    const { id, trackingCode, merged } = res.json();
    expect(merged).toBe(false);
    const detail = (await call(director, 'GET', `/opinions/${id}`)).json();
    expect(detail.channel).toBe('paper');
    expect(detail.submissions[0]).toMatchObject({ trackingCode, channel: 'paper', name: '王阿姨' });
    expect(detail.submissions[0].enteredByName).toBeTruthy();
  });

  it('refuses a member who only belongs to the home (403)', async () => {
    const res = await call(assigneeSession, 'POST', '/opinions', {
      homeId: home.id,
      title: '委员代录',
      content: '只属于该委员之家的委员不能代录',
      channel: 'phone',
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a home the staff member cannot see', async () => {
    const res = await call(wushen, 'POST', '/opinions', {
      homeId: home.id,
      title: '越权代录',
      content: '不应成功',
      channel: 'paper',
    });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty('homeId');
  });
});

describe('citizens’ problems (解难纾困)', () => {
  it('follows a problem from an opinion to its result and the citizen’s satisfaction', async () => {
    const o = await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'accepted',
      assignedMemberId: assignee.id,
    });
    const created = await call(director, 'POST', '/problems', {
      opinionId: o.id,
      title: '冬季取暖困难',
      description: '独居老人家中暖气不热',
      handlerMemberId: assignee.id,
      handlerDepartment: '苏木民政办',
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    expect(p).toMatchObject({
      status: 'open',
      homeId: home.id,
      handlerMemberName: '撰稿委员',
      opinionId: o.id,
      allowedActions: ['update'],
    });
    // the vice chair reads it without acting or seeing who asked
    expect((await call(viceChair, 'GET', `/problems/${p.id}`)).json()).toMatchObject({
      allowedActions: [],
    });

    // the citizen's opinion page lists it, without a result yet
    const early = await publicView(o.trackingCode);
    expect(early.problems).toEqual([
      expect.objectContaining({ title: '冬季取暖困难', result: null, canRate: false }),
    ]);

    // resolving needs a result
    const noResult = await call(assigneeSession, 'PATCH', `/problems/${p.id}`, { status: 'resolved' });
    expect(noResult.statusCode).toBe(400);
    expect(errorOf(noResult).error.fields).toHaveProperty('result');
    const done = await call(assigneeSession, 'PATCH', `/problems/${p.id}`, {
      actions: '协调供热公司上门检修',
      result: '已更换暖气阀门，室温达到 20℃',
      status: 'resolved',
      resultPublic: true,
    });
    expect(done.json()).toMatchObject({ status: 'resolved', resolvedAt: expect.any(String) });

    const rate = (score: number) =>
      call(null, 'POST', `/public/problems/${p.trackingCode}/satisfaction`, { satisfaction: score });
    const rated = await rate(3);
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({
      satisfaction: 3,
      canRate: false,
      result: '已更换暖气阀门，室温达到 20℃',
    });
    expect((await rate(1)).statusCode).toBe(409);
    expect((await call(director, 'GET', `/problems/${p.id}`)).json().satisfaction).toBe(3);
  });

  it('asks for satisfaction only once the result is published', async () => {
    const p = (
      await call(dongsheng, 'POST', '/problems', {
        homeId: home.id,
        title: '直接登记的困难',
        description: '低保申请材料不会填',
        requesterName: '李大爷',
      })
    ).json();
    expect((await call(viceChair, 'GET', `/problems/${p.id}`)).json().requesterName).toBe('李**');
    expect((await call(null, 'GET', `/public/problems/${p.trackingCode}`)).json()).toMatchObject({
      status: 'open',
      canRate: false,
    });
    const early = await call(null, 'POST', `/public/problems/${p.trackingCode}/satisfaction`, {
      satisfaction: 2,
    });
    expect(early.statusCode).toBe(409);
    await call(dongsheng, 'PATCH', `/problems/${p.id}`, { result: '已代为填写并提交', status: 'resolved' });
    // resolved but not published: still nothing to rate, and the result stays private
    expect((await call(null, 'GET', `/public/problems/${p.trackingCode}`)).json()).toMatchObject({
      result: null,
      canRate: false,
    });
  });

  it('keeps problems within scope', async () => {
    const p = (
      await call(director, 'POST', '/problems', {
        homeId: home.id,
        title: '范围测试',
        description: '只本旗区可见',
      })
    ).json();
    expect((await call(wushen, 'GET', `/problems/${p.id}`)).statusCode).toBe(404);
    expect((await call(wushen, 'PATCH', `/problems/${p.id}`, { actions: '越权' })).statusCode).toBe(404);
    expect((await call(viceChair, 'PATCH', `/problems/${p.id}`, { actions: '只读' })).statusCode).toBe(403);
    expect((await call(auditor, 'GET', '/problems')).statusCode).toBe(403);
    expect(
      (await call(wushen, 'POST', '/problems', { homeId: home.id, title: '越权', description: '不应成功' }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await call(otherMember, 'POST', '/problems', {
          regionCode: '150602',
          title: '越权',
          description: '不应成功',
        })
      ).statusCode,
    ).toBe(403);
    const wushenList = (await call(wushen, 'GET', '/problems?pageSize=200')).json();
    expect(wushenList.items.map((i: { id: string }) => i.id)).not.toContain(p.id);
  });
});

describe('the lists exported as workbooks (API.md, Exports)', () => {
  const OPINION_HEADINGS = [
    '查询码',
    '标题',
    '反映至',
    '状态',
    '收到时间',
    '承办委员',
    '超期提醒',
    '来源方式',
    '反映人数',
  ];
  const PROBLEM_HEADINGS = [
    '查询码',
    '问题',
    '所属',
    '状态',
    '承办',
    '满意度',
    '登记时间',
    '求助人',
    '联系电话',
    '来源意见',
    '办理结果',
    '办结时间',
  ];
  const MINUTE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/;
  /** The sheet's rows, each as wide as its headings: sheetRows leaves empty cells out. */
  const file = async (s: Session | null, url: string) => {
    const rows = await sheetRows(await call(s, 'GET', url));
    return rows.map((r) => Array.from({ length: rows[0]!.length }, (_, i) => r[i] ?? ''));
  };
  /** The list's rows for the same filters, all of them (the tests stay under one page). */
  const listed = async (s: Session, url: string) => {
    const body = (await call(s, 'GET', `${url}${url.includes('?') ? '&' : '?'}pageSize=200`)).json();
    expect(body.total).toBeLessThanOrEqual(200);
    return body as { total: number; items: { trackingCode: string; title: string }[] };
  };
  /** A column's cells below the headings. */
  const column = (rows: string[][], i: number) => rows.slice(1).map((r) => r[i]);
  /** The whole list, not one page: as many rows as the list's total. */
  const holdsAll = async (s: Session, list: 'opinions' | 'problems') =>
    expect(await file(s, `/${list}/export.xlsx`)).toHaveLength(
      (await call(s, 'GET', `/${list}?pageSize=1`)).json().total + 1,
    );
  const citizen = { name: '乌兰其其格', phone: '13947700123' };

  it('writes every opinion the list holds for the actor and filters, and no citizen’s name or phone', async () => {
    const sent = await call(null, 'POST', '/public/opinions', {
      homeId: home.id,
      title: '导出意见：牧道积水',
      content: '导出测试：雨后牧道积水无法通行',
      ...citizen,
      contactConsent: true,
    });
    expect(sent.statusCode).toBe(201);
    await makeOpinion(t.db, {
      homeId: home.id,
      ownerUnitId: 'district-150602',
      status: 'accepted',
      assignedMemberId: assignee.id,
      title: '导出意见：草场围栏',
    });
    const theirs = await makeOpinion(t.db, {
      regionCode: '150626',
      ownerUnitId: 'district-150626',
      title: '导出意见：乌审旗的',
    });

    const rows = await file(dongsheng, '/opinions/export.xlsx?q=导出意见');
    expect(rows[0]).toEqual(OPINION_HEADINGS);
    const list = await listed(dongsheng, '/opinions?q=导出意见');
    expect(list.total).toBe(2);
    expect(column(rows, 1)).toEqual(list.items.map((o) => o.title));
    const received = rows.find((r) => r[0] === sent.json().trackingCode)!;
    expect(received).toEqual([
      sent.json().trackingCode,
      '导出意见：牧道积水',
      home.name,
      '已收到',
      expect.stringMatching(MINUTE),
      '',
      '',
      '网上提交',
      '1',
    ]);
    expect(rows.find((r) => r[1] === '导出意见：草场围栏')!.slice(3, 6)).toEqual([
      '已受理',
      expect.stringMatching(MINUTE),
      '撰稿委员',
    ]);

    // the queue and the status filter as the list applies them
    const accepted = await file(dongsheng, '/opinions/export.xlsx?q=导出意见&status=accepted');
    expect(column(accepted, 1)).toEqual(['导出意见：草场围栏']);
    const toAccept = await file(director, '/opinions/export.xlsx?q=导出意见&queue=to_accept');
    expect(column(toAccept, 1)).toEqual(
      (await listed(director, '/opinions?q=导出意见&queue=to_accept')).items.map((o) => o.title),
    );
    expect(column(toAccept, 1)).toEqual(['导出意见：牧道积水']);

    // the whole list, not one page
    await holdsAll(dongsheng, 'opinions');
    await holdsAll(viceChair, 'opinions');

    // the other district sees only theirs
    const wushenRows = await file(wushen, '/opinions/export.xlsx?q=导出意见');
    expect(column(wushenRows, 0)).toEqual([theirs.trackingCode]);

    // the vice chair reads the same opinions, but the file names no citizen, not even masked
    const vice = await file(viceChair, '/opinions/export.xlsx?q=导出意见');
    expect(column(vice, 1)).toEqual(list.items.map((o) => o.title));
    for (const cells of [vice, rows]) {
      const text = cells.flat().join('|');
      expect(text).not.toContain(citizen.name);
      expect(text).not.toContain('乌*');
      expect(text).not.toContain(citizen.phone);
      expect(text).not.toContain('139****0123');
    }
  });

  it('writes every problem the list holds, the requester as the list shows them to the actor', async () => {
    const created = await call(dongsheng, 'POST', '/problems', {
      homeId: home.id,
      title: '导出问题：看病报销',
      description: '异地就医报销流程不清楚',
      requesterName: citizen.name,
      requesterPhone: citizen.phone,
      contactConsent: true,
      handlerMemberId: assignee.id,
      handlerDepartment: '旗医保局',
    });
    expect(created.statusCode).toBe(201);
    const p = created.json();
    const done = await call(dongsheng, 'PATCH', `/problems/${p.id}`, {
      result: '已代办报销',
      status: 'resolved',
      satisfaction: 3,
    });
    expect(done.statusCode).toBe(200);
    await call(dongsheng, 'POST', '/problems', {
      homeId: home.id,
      title: '导出问题：无人求助',
      description: '未留姓名',
    });
    const theirs = (
      await call(wushen, 'POST', '/problems', {
        regionCode: '150626',
        title: '导出问题：乌审旗的',
        description: '乌审旗登记',
      })
    ).json();

    const rows = await file(dongsheng, '/problems/export.xlsx?q=导出问题');
    expect(rows[0]).toEqual(PROBLEM_HEADINGS);
    const list = await listed(dongsheng, '/problems?q=导出问题');
    expect(list.total).toBe(2);
    expect(column(rows, 1)).toEqual(list.items.map((i) => i.title));
    // those who handle it see whom to call back, as on the list
    expect(rows.find((r) => r[0] === p.trackingCode)).toEqual([
      p.trackingCode,
      '导出问题：看病报销',
      home.name,
      '已办结',
      '撰稿委员 · 旗医保局',
      '满意',
      expect.stringMatching(MINUTE),
      citizen.name,
      citizen.phone,
      '',
      '已代办报销',
      expect.stringMatching(MINUTE),
    ]);
    const open = await file(dongsheng, '/problems/export.xlsx?q=导出问题&status=open');
    expect(column(open, 1)).toEqual(['导出问题：无人求助']);
    await holdsAll(dongsheng, 'problems');
    await holdsAll(viceChair, 'problems');

    // the other district: only theirs
    const wushenRows = await file(wushen, '/problems/export.xlsx?q=导出问题');
    expect(column(wushenRows, 0)).toEqual([theirs.trackingCode]);

    // the vice chair who only reads gets the list's masked values, never the name or the number
    const vice = await file(viceChair, '/problems/export.xlsx?q=导出问题');
    expect(column(vice, 1)).toEqual(list.items.map((i) => i.title));
    const viceListed = (await call(viceChair, 'GET', `/problems/${p.id}`)).json();
    expect(vice.find((r) => r[0] === p.trackingCode)!.slice(7, 9)).toEqual([
      viceListed.requesterName,
      viceListed.requesterPhone,
    ]);
    expect(viceListed.requesterName).toBe('乌****');
    const text = vice.flat().join('|');
    expect(text).not.toContain(citizen.name);
    expect(text).not.toContain(citizen.phone);
  });

  it('refuses whoever may not read the lists, and a bad filter, in API.md’s shape', async () => {
    for (const url of ['/opinions/export.xlsx', '/problems/export.xlsx']) {
      const refused = await call(auditor, 'GET', url);
      expect(refused.statusCode).toBe(403);
      expect(errorOf(refused).error.code).toBe('FORBIDDEN');
      expect((await call(null, 'GET', url)).statusCode).toBe(401);
    }
    for (const url of [
      '/opinions/export.xlsx?queue=nope',
      '/opinions/export.xlsx?status=nope',
      '/problems/export.xlsx?status=nope',
    ]) {
      const bad = await call(dongsheng, 'GET', url);
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).error.code).toBe('VALIDATION_FAILED');
    }
  });
});
