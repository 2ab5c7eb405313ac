import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPhone } from '../src/lib/personal-data.js';
import { buildApp } from '../src/server/app.js';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  makeMember,
  type Session,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
let office: Session;
let home: HomeFixture;
let directorPhone: string;

beforeAll(async () => {
  t = await startTestApp();
  ({ office } = await signInCast(t));
  home = await makeHome(t.db, { name: '公开测试之家', regionCode: '150602100' });
  await t.db
    .updateTable('homes')
    .set({ brand: '草原议事厅', openingHours: '每周三 9:00–12:00' })
    .where('id', '=', home.id)
    .execute();
  const director = await t.db
    .selectFrom('members')
    .select('phoneSealed')
    .where('id', '=', home.directorMemberId!)
    .executeTakeFirstOrThrow();
  directorPhone = openPhone(director.phoneSealed)!;
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

const opinion = (fields: object = {}) =>
  call(null, 'POST', '/public/opinions', { homeId: home.id, title: '标题', content: '内容', ...fields });

describe('finding a home without signing in', () => {
  it('lists only operating homes, with names of people and never a phone number', async () => {
    const proposed = await makeHome(t.db, { name: '筹建中的之家', status: 'approved' });
    const list = await call(null, 'GET', '/public/homes?pageSize=200');
    expect(list.statusCode).toBe(200);
    const names = list.json().items.map((h: { name: string }) => h.name);
    expect(names).toContain('公开测试之家');
    expect(names).not.toContain('筹建中的之家');
    expect((await call(null, 'GET', `/public/homes/${proposed.id}`)).statusCode).toBe(404);
    expect((await call(null, 'GET', '/public/homes/not-an-id')).statusCode).toBe(404);

    const item = list.json().items.find((h: { id: string }) => h.id === home.id);
    expect(item).toMatchObject({
      brand: '草原议事厅',
      openingHours: '每周三 9:00–12:00',
      districtName: '东胜区',
      ownerUnitName: expect.any(String),
      directorName: expect.any(String),
    });
    const detail = await call(null, 'GET', `/public/homes/${home.id}`);
    expect(detail.json().director).toEqual({ name: expect.any(String), sector: '教育' });
    expect(detail.body).not.toContain(directorPhone);
    expect(list.body).not.toContain(directorPhone);
  });

  it('filters by district, township, kind, sector group and name', async () => {
    const wushenHome = await makeHome(t.db, {
      name: '乌审旗牧区之家',
      ownerUnitId: 'district-150626',
      regionCode: '150626100',
      kind: 'village',
    });
    const names = async (query: string) =>
      (await call(null, 'GET', `/public/homes?pageSize=200&${query}`))
        .json()
        .items.map((h: { name: string }) => h.name);
    expect(await names('regionCode=150626')).toEqual(['乌审旗牧区之家']);
    expect(await names('regionCode=150626100')).toEqual(['乌审旗牧区之家']);
    expect(await names('kind=village')).toContain('乌审旗牧区之家');
    expect(await names('kind=village')).not.toContain('公开测试之家');
    expect(await names(`q=${encodeURIComponent('牧区')}`)).toEqual(['乌审旗牧区之家']);
    const group = await makeHome(t.db, {
      name: '界别组之家',
      kind: 'sector_group',
      level: 'municipal',
      ownerUnitId: 'sector-group-3',
      regionCode: null,
    });
    expect(await names('ownerUnitId=sector-group-3')).toEqual(['界别组之家']);
    const bad = await call(null, 'GET', '/public/homes?regionCode=15');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.fields).toHaveProperty('regionCode');

    const options = (await call(null, 'GET', '/public/options')).json();
    const wushen = options.districts.find((d: { code: string }) => d.code === '150626');
    expect(wushen.homes).toBe(1);
    expect(wushen.townships.find((x: { code: string }) => x.code === '150626100').homes).toBe(1);
    expect(options.districts).toHaveLength(9);
    expect(options.sectorGroups).toHaveLength(8);
    expect(options.sectorGroups.find((g: { id: string }) => g.id === 'sector-group-3').homes).toBe(1);
    expect(options.kinds.find((k: { kind: string }) => k.kind === 'village').homes).toBeGreaterThanOrEqual(1);
    void wushenHome;
    void group;
  });

  it('shows the rules in force, the coming rota and activities on a home’s page', async () => {
    const member = await makeMember(t.db, { name: '值班的委员' });
    const day = 86_400_000;
    const soon = new Date(Date.now() + 2 * day);
    await t.db
      .insertInto('dutyShifts')
      .values([
        {
          homeId: home.id,
          memberId: member.id,
          startsAt: soon,
          endsAt: new Date(soon.getTime() + 3_600_000),
        },
        // beyond the coming 30 days
        {
          homeId: home.id,
          memberId: member.id,
          startsAt: new Date(Date.now() + 40 * day),
          endsAt: new Date(Date.now() + 40 * day + 3_600_000),
        },
      ])
      .execute();
    const clerk = (await signInCast(t)).dongsheng;
    await call(clerk, 'POST', '/activities', {
      title: '政策宣讲进牧区',
      kind: 'policy_talk',
      hostHomeIds: [home.id],
      startsAt: new Date(Date.now() + 5 * day).toISOString(),
      endsAt: new Date(Date.now() + 5 * day + 7_200_000).toISOString(),
      place: '嘎查活动室',
    });
    const rule = await call(office, 'POST', '/rules', {
      title: '委员之家工作制度',
      body: '每季度至少开展一次活动。',
      version: '2026',
      effectiveOn: '2026-01-01',
    });
    expect(rule.statusCode).toBe(201);
    const page = (await call(null, 'GET', `/public/homes/${home.id}`)).json();
    expect(page.dutyShifts).toEqual([expect.objectContaining({ memberName: '值班的委员' })]);
    expect(page.activities.map((a: { title: string }) => a.title)).toContain('政策宣讲进牧区');
    expect(page.rules.map((r: { title: string }) => r.title)).toContain('委员之家工作制度');
  });
});

describe('sending an opinion', () => {
  it('refuses a phone without consent to be contacted, and stores nothing', async () => {
    const before = await t.db
      .selectFrom('opinions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const res = await opinion({ phone: '13900001111', contactConsent: false });
    expect(res.statusCode).toBe(400);
    expect(errorOf(res).error.fields).toHaveProperty('phone');
    const noFlag = await opinion({ phone: '13900001111' });
    expect(noFlag.statusCode).toBe(400);
    const after = await t.db
      .selectFrom('opinions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    // consent without a phone is harmless
    expect((await opinion({ title: '只同意不留电话', contactConsent: true })).statusCode).toBe(201);
  });

  it('answers bad input with the fields named', async () => {
    const res = await call(null, 'POST', '/public/opinions', {
      title: '',
      content: 'x'.repeat(5001),
      phone: 'abc',
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorOf(res).error.fields!)).toEqual(
      expect.arrayContaining(['title', 'content', 'phone']),
    );
    const closed = await makeHome(t.db, { status: 'closed' });
    const toClosed = await opinion({ homeId: closed.id });
    expect(toClosed.statusCode).toBe(400);
    expect(errorOf(toClosed).error.fields).toHaveProperty('homeId');
    const unknownRegion = await call(null, 'POST', '/public/opinions', {
      regionCode: '150699',
      title: 'a',
      content: 'b',
    });
    expect(errorOf(unknownRegion).error.fields).toHaveProperty('regionCode');
  });

  it('refuses a body far beyond an opinion’s size with 413', async () => {
    const res = await call(null, 'POST', '/public/opinions', { title: '长', content: '字'.repeat(40_000) });
    expect(res.statusCode).toBe(413);
    expect(errorOf(res).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('merges the same text sent twice within a day, each sender keeping their own code', async () => {
    const text = { title: '路灯不亮', content: '幸福街路灯坏了三个月' };
    const first = (await opinion({ ...text, name: '甲' })).json().trackingCode;
    // the same words with other spacing and punctuation are the same opinion
    const second = (
      await opinion({ title: '路灯不亮！', content: '幸福街 路灯坏了三个月。', name: '乙' })
    ).json().trackingCode;
    expect(second).not.toBe(first);
    const elsewhere = await makeHome(t.db);
    const third = (await opinion({ ...text, homeId: elsewhere.id })).json().trackingCode;

    const rows = await t.db
      .selectFrom('opinionSubmissions')
      .innerJoin('opinions', 'opinions.id', 'opinionSubmissions.opinionId')
      .select(['opinionSubmissions.trackingCode', 'opinions.id', 'opinions.submissionCount'])
      .where('opinionSubmissions.trackingCode', 'in', [first, second, third])
      .execute();
    const byCode = Object.fromEntries(rows.map((r) => [r.trackingCode, r]));
    expect(byCode[first]!.id).toBe(byCode[second]!.id);
    expect(byCode[first]!.submissionCount).toBe(2);
    expect(byCode[third]!.id).not.toBe(byCode[first]!.id);
    // both senders follow the same progress
    expect((await call(null, 'GET', `/public/opinions/${second}`)).json().title).toBe('路灯不亮');
  });

  it('merges two identical opinions sent at the same moment', async () => {
    const text = { title: '同时提交', content: '两个人同时提交同一内容' };
    const [a, b] = await Promise.all([opinion(text), opinion(text)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const ids = await t.db
      .selectFrom('opinionSubmissions')
      .select('opinionId')
      .where('trackingCode', 'in', [a.json().trackingCode, b.json().trackingCode])
      .execute();
    expect(new Set(ids.map((r) => r.opinionId)).size).toBe(1);
  });
});

describe('sending an opinion again after a dropped connection (Idempotency-Key)', () => {
  const sendWithKey = (key: string, fields: object = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/opinions',
      headers: { 'idempotency-key': key },
      payload: { homeId: home.id, title: '牧道积雪', content: '冬季牧道积雪无人清理', ...fields },
    });
  const submissionsOf = async (opinionId: string) =>
    t.db
      .selectFrom('opinionSubmissions')
      .innerJoin('opinions', 'opinions.id', 'opinionSubmissions.opinionId')
      .select(['opinionSubmissions.trackingCode', 'opinions.submissionCount'])
      .where('opinionSubmissions.opinionId', '=', opinionId)
      .execute();
  const opinionOf = async (code: string) =>
    (
      await t.db
        .selectFrom('opinionSubmissions')
        .select('opinionId')
        .where('trackingCode', '=', code)
        .executeTakeFirstOrThrow()
    ).opinionId;

  it('answers the same key with the first sending’s code, stored once', async () => {
    const key = crypto.randomUUID();
    const first = await sendWithKey(key);
    expect(first.statusCode).toBe(201);
    const again = await sendWithKey(key);
    expect(again.statusCode).toBe(201);
    expect(again.json().trackingCode).toBe(first.json().trackingCode);
    const rows = await submissionsOf(await opinionOf(first.json().trackingCode));
    expect(rows).toEqual([{ trackingCode: first.json().trackingCode, submissionCount: 1 }]);
  });

  it('stores the same key sent twice at the same moment once', async () => {
    const key = crypto.randomUUID();
    const [a, b] = await Promise.all([
      sendWithKey(key, { title: '同时重发' }),
      sendWithKey(key, { title: '同时重发' }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().trackingCode).toBe(a.json().trackingCode);
    expect(await submissionsOf(await opinionOf(a.json().trackingCode))).toHaveLength(1);
  });

  it('treats another key with the same words as another sender, merged into one opinion', async () => {
    const a = await sendWithKey(crypto.randomUUID(), { title: '两部手机' });
    const b = await sendWithKey(crypto.randomUUID(), { title: '两部手机' });
    expect(b.json().trackingCode).not.toBe(a.json().trackingCode);
    expect(await opinionOf(b.json().trackingCode)).toBe(await opinionOf(a.json().trackingCode));
  });

  it('refuses a malformed key with a clear message, storing nothing', async () => {
    const before = await t.db
      .selectFrom('opinionSubmissions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const key of ['short', 'x'.repeat(65), '含中文的标识含中文的标识含中文的标识']) {
      const res = await sendWithKey(key, { title: '坏标识' });
      expect(res.statusCode, key).toBe(400);
      expect(Object.values(errorOf(res).error.fields ?? {}).join()).toMatch(/Idempotency-Key/);
    }
    const after = await t.db
      .selectFrom('opinionSubmissions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });
});

describe('following an opinion by its code', () => {
  it('shows status and history, never the sender’s name or phone', async () => {
    const code = (
      await opinion({
        title: '隐私测试',
        content: '内容里没有个人信息',
        name: '乌云其其格',
        phone: '13512345678',
        contactConsent: true,
      })
    ).json().trackingCode as string;
    const res = await call(null, 'GET', `/public/opinions/${code}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      trackingCode: code,
      status: 'received',
      history: [{ status: 'received', at: expect.any(String) }],
      reply: null,
    });
    expect(res.body).not.toContain('乌云其其格');
    expect(res.body).not.toContain('13512345678');
    expect(res.body).not.toContain('5678');
    // typed without dashes, with spaces or full-width digits, it is the same code
    const digits = code.replaceAll('-', '');
    expect((await call(null, 'GET', `/public/opinions/${digits}`)).statusCode).toBe(200);
    const wide = digits.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect((await call(null, 'GET', `/public/opinions/${encodeURIComponent(wide)}`)).statusCode).toBe(200);
  });

  it('answers 404 for a code nobody was given', async () => {
    const res = await call(null, 'GET', '/public/opinions/0000-0000-0000');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).error.code).toBe('NOT_FOUND');
    expect((await call(null, 'GET', '/public/opinions/hello')).statusCode).toBe(404);
    expect((await call(null, 'GET', '/public/problems/0000-0000-0000')).statusCode).toBe(404);
  });
});

/** An opinion to no home in particular, sent from `address` through `app`'s own limits. */
const opinionFrom = (app: Awaited<ReturnType<typeof buildApp>>, address: string, title: string) =>
  app.inject({
    method: 'POST',
    url: '/api/v1/public/opinions',
    remoteAddress: address,
    payload: { title, content: `${title}的内容` },
  });

describe('the per-address limits as buckets', () => {
  const limits = {
    signIn: { max: 100, windowMs: 60_000 },
    public: { max: 100, windowMs: 60_000 },
    // two at once, then one every half second
    opinionSubmit: { max: 2, windowMs: 1_000 },
  };

  it('refills evenly: a refused client gets in again as soon as one request fits, not at a window’s end', async () => {
    const app = await buildApp({ db: t.db, logLevel: 'silent', webDir: null, rateLimits: limits });
    try {
      const send = (n: number) => opinionFrom(app, '198.51.100.7', `令牌桶${n}`);
      expect((await send(1)).statusCode).toBe(201);
      expect((await send(2)).statusCode).toBe(201);
      const over = await send(3);
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBe(1);
      // refused requests charge nothing: knocking again does not push the wait out
      expect((await send(4)).statusCode).toBe(429);
      await new Promise((r) => setTimeout(r, 600));
      expect((await send(5)).statusCode).toBe(201);
      expect((await send(6)).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it('lets fifty people behind one home’s Wi-Fi find the home, read it, send and track', async () => {
    const app = await buildApp({ db: t.db, logLevel: 'silent', webDir: null });
    try {
      const statuses: number[] = [];
      const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
        const res = await app.inject({
          method,
          url,
          remoteAddress: '192.0.2.50',
          ...(payload ? { payload } : {}),
        });
        statuses.push(res.statusCode);
        return res;
      };
      for (let person = 1; person <= 50; person += 1) {
        await call('GET', '/api/v1/public/homes?pageSize=20');
        await call('GET', `/api/v1/public/homes?q=${encodeURIComponent(home.name)}`);
        await call('GET', `/api/v1/public/homes/${home.id}`);
        const sent = await call('POST', '/api/v1/public/opinions', {
          homeId: home.id,
          title: `排队反映${person}`,
          content: `第${person}位群众的意见`,
        });
        await call('GET', `/api/v1/public/opinions/${sent.json().trackingCode}`);
        await call('GET', `/api/v1/public/opinions/${sent.json().trackingCode}`);
      }
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      expect(new Set(statuses)).toEqual(new Set([200, 201]));
    } finally {
      await app.close();
    }
  });
});

describe('the per-address limit on sending opinions', () => {
  it('answers the request over the limit with 429 and Retry-After, and stores nothing for it', async () => {
    const limits = {
      signIn: { max: 100, windowMs: 60_000 },
      public: { max: 100, windowMs: 60_000 },
      opinionSubmit: { max: 3, windowMs: 60_000 },
    };
    const app = await buildApp({ db: t.db, logLevel: 'silent', webDir: null, rateLimits: limits });
    try {
      const send = (n: number) => opinionFrom(app, '203.0.113.9', `限流测试${n}`);
      for (let n = 1; n <= 3; n += 1) expect((await send(n)).statusCode).toBe(201);
      const over = await send(4);
      expect(over.statusCode).toBe(429);
      expect(errorOf(over).error.code).toBe('RATE_LIMITED');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      const stored = await t.db
        .selectFrom('opinions')
        .select('id')
        .where('title', '=', '限流测试4')
        .execute();
      expect(stored).toEqual([]);
      // another address is not held back
      const other = await app.inject({
        method: 'POST',
        url: '/api/v1/public/opinions',
        remoteAddress: '203.0.113.10',
        payload: { title: '另一个地址', content: '不受影响' },
      });
      expect(other.statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });
});
