import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  makeHome,
  makeMember,
  makeUser,
  type Session,
  signedInAs,
  startTestApp,
  type TestApp,
} from './helpers.js';

// The members' phone pages (plugins/phone-page.tsx): sign-in and check-in arrive with their first
// screen in them, and 签到 works as a plain form before the page's script has come.

const TEMPLATE = `<!doctype html>
<html lang="zh-CN">
  <head>
    <title>委员之家</title>
    <script type="module" crossorigin src="/assets/phone-x.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/phone-x.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

let t: TestApp;
let webDir: string;
let member: { id: string; session: Session };
let staff: Session;
let director: Session;
let homeId: string;

const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

beforeAll(async () => {
  webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-phone-page-'));
  fs.mkdirSync(path.join(webDir, 'phone'));
  fs.mkdirSync(path.join(webDir, 'portal'));
  fs.mkdirSync(path.join(webDir, 'assets'));
  fs.writeFileSync(path.join(webDir, 'index.html'), '<html>admin</html>');
  fs.writeFileSync(path.join(webDir, 'portal/index.html'), '<html><div id="root"></div></html>');
  fs.writeFileSync(path.join(webDir, 'phone/index.html'), TEMPLATE);
  fs.writeFileSync(path.join(webDir, 'assets/phone-x.css'), '.card{color:red}');
  fs.writeFileSync(path.join(webDir, 'assets/phone-x.js'), 'console.log(1)');
  t = await startTestApp({ webDir });
  const home = await makeHome(t.db, { name: '签到页测试之家', regionCode: '150602100' });
  homeId = home.id;
  director = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
  const m = await makeMember(t.db);
  member = { id: m.id, session: await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], m.id) };
  staff = await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDir, { recursive: true, force: true });
});

async function activity(startsIn: number, endsIn: number, title = '牧区委员座谈会') {
  const res = await as(
    t.app,
    director,
  )({
    method: 'POST',
    url: '/api/v1/activities',
    payload: {
      title,
      kind: 'consultation',
      hostHomeIds: [homeId],
      startsAt: at(startsIn),
      endsAt: at(endsIn),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; checkinCode: string };
}

const page = (url: string, s: Session | null = null) =>
  t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

const dataOf = (html: string) =>
  JSON.parse(/<script id="page-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}');

const checkinForm = (code: string, s: Session | null, csrf: string | undefined) =>
  t.app.inject({
    method: 'POST',
    url: `/checkin/${code}`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(s ? { cookie: s.cookie } : {}),
    },
    payload: csrf === undefined ? '' : `csrf=${encodeURIComponent(csrf)}`,
  });

const attendance = (activityId: string) =>
  t.db.selectFrom('attendance').select(['memberId', 'at']).where('activityId', '=', activityId).execute();

describe('the phone pages as the server sends them', () => {
  it('sends the sign-in form, its stylesheet inlined, for nobody in particular', async () => {
    const res = await page('/login?next=%2Fhomes');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(res.body).toContain('<style>.card{color:red}</style>');
    expect(res.body).toContain('<title>用户登录 - 委员之家</title>');
    expect(res.body).toMatch(/<input[^>]*id="login_username"/);
    expect(res.body).toMatch(/<form[^>]*method="post"/);
    expect(dataOf(res.body)).toEqual({ account: null });
  });

  it('shows the activity behind a QR code, as the member signed in sees it, with the check-in form', async () => {
    const a = await activity(-10, 60, '社区议事<script>会');
    const signedOut = await page(`/checkin/${a.checkinCode.toLowerCase()}`);
    expect(signedOut.statusCode).toBe(200);
    expect(signedOut.body).toContain('社区议事&lt;script&gt;会');
    expect(signedOut.body).toContain('登录后签到');
    expect(signedOut.body).not.toContain('<script>会');

    const res = await page(`/checkin/${a.checkinCode}`, member.session);
    const data = dataOf(res.body);
    expect(data.account).toMatchObject({ memberId: member.id, csrfToken: member.session.csrf });
    expect(data[`checkin:${a.checkinCode}`]).toMatchObject({
      activityId: a.id,
      open: true,
      checkedIn: false,
    });
    expect(res.body).toMatch(new RegExp(`<form[^>]*action="/checkin/${a.checkinCode}"`));
    expect(res.body).toContain(`name="csrf" value="${member.session.csrf}"`);
  });

  it('answers an unknown code with 404 and the code form', async () => {
    const res = await page('/checkin/ZZZZ99', member.session);
    expect(res.statusCode).toBe(404);
    expect(res.body).toContain('签到码无效');
    expect(res.body).toMatch(/<input[^>]*id="checkin_code"/);
  });

  it('opens the page of a code typed into the form without its script, and says what is wrong with a short one', async () => {
    const ok = await page('/checkin?code=ab-cd9');
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe('/checkin/ABCD9');
    const short = await page('/checkin?code=a1');
    expect(short.statusCode).toBe(200);
    expect(short.body).toContain('签到码至少 4 位');
    expect(short.body).toContain('value="A1"');
    expect((await page('/checkin?code=')).body).toContain('请输入签到码');
  });

  it('sends a visitor without a session from the admin UI straight to the sign-in page', async () => {
    const root = await page('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/login');
    const deep = await page('/homes?status=operating');
    expect(deep.headers.location).toBe(`/login?next=${encodeURIComponent('/homes?status=operating')}`);
    // a signed-in user gets the admin UI; a missing file stays missing
    expect((await page('/homes', staff)).body).toBe('<html>admin</html>');
    expect((await page('/missing-file.png')).headers.location).toBeUndefined();
  });
});

describe('the member’s own pages', () => {
  it('sends the signed-in member’s record and homes in the page, and nobody else’s', async () => {
    await t.db.insertInto('homeMembers').values({ homeId, memberId: member.id }).execute();
    const record = await page('/my/record', member.session);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('<title>我的履职档案 - 委员之家</title>');
    const data = dataOf(record.body);
    expect(data['my-record']).toMatchObject({ memberId: member.id, year: new Date().getFullYear() });
    expect(record.body).toContain('履职积分');
    const homes = dataOf((await page('/my/homes', member.session)).body)['my-homes'];
    expect(homes.items.map((h: { id: string }) => h.id)).toEqual([homeId]);
    expect((await page('/my/homes', member.session)).body).toContain('签到页测试之家');
    // the page names no one: a member id in the address is not whose record it shows
    const other = await makeMember(t.db);
    const asked = dataOf((await page(`/my/record?memberId=${other.id}`, member.session)).body);
    expect(asked['my-record'].memberId).toBe(member.id);
  });

  it('asks a visitor without a session to sign in, and says so to an account without a member', async () => {
    const signedOut = await page('/my/record');
    expect(signedOut.statusCode).toBe(200);
    expect(dataOf(signedOut.body)).toEqual({ account: null });
    expect(signedOut.body).toContain('href="/login?next=%2Fmy%2Frecord"');
    const noMember = await page('/my/homes', staff);
    expect(dataOf(noMember.body)['my-homes']).toBeUndefined();
    expect(noMember.body).toContain('当前账号未关联委员');
  });
});

describe('the pages in Mongolian, for a member who chooses it', () => {
  const choose = (s: Session | null, language: unknown) =>
    as(t.app, s)({ method: 'PUT', url: '/api/v1/auth/me/language', payload: { language } });

  it('keeps the choice in the profile, refusing a language it does not have', async () => {
    const m = await makeMember(t.db);
    const s = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], m.id);
    const me = () => as(t.app, s)({ method: 'GET', url: '/api/v1/auth/me' });
    expect((await me()).json().language).toBe('zh');
    const bad = await choose(s, 'en');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.language).toBe('语言只能是 zh（中文）或 mn（蒙古文）');
    expect((await me()).json().language).toBe('zh');
    expect((await choose(null, 'mn')).statusCode).toBe(401);
    const chosen = await choose(s, 'mn');
    expect(chosen.statusCode, chosen.body).toBe(200);
    expect((await me()).json().language).toBe('mn');
  });

  it('sends the record vertical in Mongolian, with the translators’ words and 译文待审校, Chinese where there are none', async () => {
    const m = await makeMember(t.db);
    const s = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }], m.id);
    const zh = await page('/my/record', s);
    expect(zh.body).not.toContain('class="phone-mn"');
    // the switch to Mongolian, named in Mongolian
    expect(zh.body).toContain('lang="mn-Mong">ᠮᠣᠩᠭᠣᠯ</button>');
    expect(dataOf(zh.body).words).toBeUndefined();
    await choose(s, 'mn');
    const mn = await page('/my/record', s);
    expect(mn.statusCode).toBe(200);
    const words = dataOf(mn.body).words as { strings: Record<string, string>; unreviewed: number };
    const title = words.strings['phone.mine.recordTitle']!;
    expect(title).toMatch(/[\u1820-\u18AA]/u);
    expect(mn.body).toContain(`<title>${title} - ${words.strings['phone.app.shortName']}</title>`);
    expect(mn.body).toContain('<main id="main" lang="mn-Mong" class="phone-mn">');
    // the page's title heads the vertical card (the header names only the platform, in Chinese)
    expect(mn.body).toContain(`<h1 class="phone-mn-title">${title}</h1>`);
    expect(mn.body).toContain('译文待审校');
    // a string with no Mongolian yet shows in Chinese
    expect(words.strings['phone.mine.noEntries']).toBeUndefined();
    expect(mn.body).toContain('本年度还没有履职记录');
  });
});

describe('签到 as a plain form', () => {
  it('checks the member in once and comes back to the page with the moment counted', async () => {
    const a = await activity(-10, 60);
    const res = await checkinForm(a.checkinCode, member.session, member.session.csrf);
    expect(res.statusCode).toBe(303);
    const location = res.headers.location as string;
    expect(location).toMatch(new RegExp(`^/checkin/${a.checkinCode}\\?at=`));
    const rows = await attendance(a.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.at.toISOString()).toBe(new URL(location, 'http://x').searchParams.get('at'));
    // the page it comes back to says so
    expect((await page(location, member.session)).body).toContain('签到成功');
    // sent again (a reload): the page, nothing more
    const again = await checkinForm(a.checkinCode, member.session, member.session.csrf);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/checkin/${a.checkinCode}`);
    expect(await attendance(a.id)).toHaveLength(1);
  });

  it('refuses without the session token, outside the window and for an account without a member, changing nothing', async () => {
    const a = await activity(-10, 60);
    const later = await activity(24 * 60, 25 * 60);
    const forged = await checkinForm(a.checkinCode, member.session, 'not-the-token');
    expect(forged.statusCode).toBe(403);
    expect(forged.body).toMatch(/<p>安全校验失败[^<]*<\/p>/);
    expect(forged.body).not.toContain('当前账号未关联委员');
    const noToken = await checkinForm(a.checkinCode, member.session, undefined);
    expect(noToken.statusCode).toBe(403);
    const closed = await checkinForm(later.checkinCode, member.session, member.session.csrf);
    expect(closed.statusCode).toBe(400);
    expect(closed.body).toContain('签到未开放');
    const notMember = await checkinForm(a.checkinCode, staff, staff.csrf);
    expect(notMember.statusCode).toBe(403);
    expect(notMember.body).toContain('当前账号未关联委员');
    expect(await attendance(a.id)).toEqual([]);
    expect(await attendance(later.id)).toEqual([]);
  });

  it('sends a visitor whose session is gone to the sign-in page, back here after', async () => {
    const a = await activity(-10, 60);
    const res = await checkinForm(a.checkinCode, null, '');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/login?next=${encodeURIComponent(`/checkin/${a.checkinCode}`)}`);
    expect(await attendance(a.id)).toEqual([]);
  });

  it('refuses a body too large or without the form, changing nothing', async () => {
    const a = await activity(-10, 60);
    const huge = await t.app.inject({
      method: 'POST',
      url: `/checkin/${a.checkinCode}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: member.session.cookie },
      payload: `csrf=${'x'.repeat(10_000)}`,
    });
    expect(huge.statusCode).toBe(413);
    const text = await t.app.inject({
      method: 'POST',
      url: `/checkin/${a.checkinCode}`,
      headers: { 'content-type': 'text/plain', cookie: member.session.cookie },
      payload: `csrf=${member.session.csrf}`,
    });
    expect(text.statusCode).toBe(403);
    expect(await attendance(a.id)).toEqual([]);
  });
});

describe('登录 as a plain form', () => {
  const signInForm = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        ...headers,
      },
      payload: new URLSearchParams(fields).toString(),
    });

  it('signs in, hands on the session and goes on to the page asked for', async () => {
    const user = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const res = await signInForm({
      username: user.username,
      password: user.password,
      next: '/homes?status=operating',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/homes?status=operating');
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    expect(cookie).toMatch(/^cmh_session=/);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    // only this site's own pages as the target
    const away = await signInForm({
      username: user.username,
      password: user.password,
      next: '//evil.example',
    });
    expect(away.headers.location).toBe('/');
  });

  it('shows a wrong password on the page again, with the name typed, and no session', async () => {
    const user = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const res = await signInForm({ username: user.username, password: 'not-the-password-1' });
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('用户名或密码错误');
    expect(res.body).toContain(`value="${user.username}"`);
    const empty = await signInForm({});
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a form another site posts (signing a visitor into an account of its choosing)', async () => {
    const user = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const fields = { username: user.username, password: user.password };
    for (const headers of [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }]) {
      const res = await signInForm(fields, headers);
      expect(res.statusCode).toBe(403);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const byOrigin = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      payload: new URLSearchParams(fields).toString(),
    });
    expect(byOrigin.statusCode).toBe(403);
    expect(byOrigin.headers['set-cookie']).toBeUndefined();
  });
});
