import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE_STRINGS_MN } from '../src/db/reference/mongolian-strings.js';
import { hasMongolianLetters } from '../src/domain/mongolian.js';
import { CATALOGUE, CATALOGUE_BY_KEY, placeholdersOf } from '../src/modules/translations/catalogue.js';
import {
  as,
  errorOf,
  type HomeFixture,
  makeHome,
  type Session,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';
import { printed } from './pdf.js';

let t: TestApp;
let translator: Session;
let office: Session;
let dongsheng: Session;
let member: Session;
let systemAdmin: Session;
let home: HomeFixture;

const api = (s: Session | null, method: 'GET' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, payload });
const words = (text: string) => text.replace(/\s+/g, '');

type Item = { key: string; source: string; text: string | null; state: string; sourceChanged: boolean };
async function stringOf(key: string): Promise<Item> {
  const res = await api(translator, 'GET', `/translations?q=${encodeURIComponent(key)}&pageSize=200`);
  expect(res.statusCode).toBe(200);
  return (res.json().items as Item[]).find((item) => item.key === key)!;
}

// 签到 and 活动 are not in the glossary: these are test texts, not translations
const TEXT = 'ᠲᠡᠰᠲ ᠦᠭᠡ';

beforeAll(async () => {
  t = await startTestApp();
  ({ dongsheng } = await signInCast(t));
  systemAdmin = await signedInAs(t.app, t.db, [{ role: 'system_admin', scopeId: null }]);
  office = await signedInAs(t.app, t.db, [{ role: 'office_admin', scopeId: null }]);
  translator = await signedInAs(t.app, t.db, [{ role: 'translator', scopeId: null }]);
  member = await signedInAs(t.app, t.db, [{ role: 'member', scopeId: null }]);
  home = await makeHome(t.db, { name: '译名测试委员之家' });
});
afterAll(() => t.close());

describe('the strings', () => {
  it('lists every string of the catalogue with its Chinese and its state, 200 a page', async () => {
    const res = await api(translator, 'GET', '/translations?pageSize=200');
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(CATALOGUE.length);
    const notOpen = await stringOf('phone.checkin.notOpen');
    expect(notOpen).toMatchObject({
      source: '签到未开放',
      text: null,
      state: 'missing',
      sourceChanged: false,
    });
    // the shipped drafts are there, as drafts, by no one
    const title = await stringOf('phone.checkin.title');
    expect(title).toMatchObject({ text: PHONE_STRINGS_MN['phone.checkin.title'], state: 'draft' });
    const heading = await stringOf('print.boards.members');
    expect(heading).toMatchObject({ source: '委员信息', state: 'missing' });
  });

  it('saves a draft, then the reviewed text, and records both in the audit trail', async () => {
    const draft = await api(translator, 'PUT', '/translations/phone.checkin.title', {
      text: TEXT,
      reviewed: false,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ text: TEXT, state: 'draft', reviewedAt: null });
    const reviewed = await api(translator, 'PUT', '/translations/phone.checkin.title', {
      text: `  ${TEXT}  `,
      reviewed: true,
    });
    expect(reviewed.json()).toMatchObject({ text: TEXT, state: 'reviewed' });
    expect(reviewed.json().reviewedByName).toBeTruthy();
    const filtered = await api(office, 'GET', '/translations?state=reviewed&pageSize=200');
    expect(filtered.json().items.map((item: Item) => item.key)).toContain('phone.checkin.title');
    const audit = await t.db
      .selectFrom('auditEvents')
      .select(['action', 'objectId'])
      .where('action', '=', 'translation.save')
      .where('objectId', '=', 'phone.checkin.title')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('finds Mongolian by its normalised key: a look-alike spelling matches', async () => {
    await api(translator, 'PUT', '/translations/phone.auth.title', { text: 'ᠬᠤᠰᠢᠭᠤ', reviewed: false });
    // ᠣ for ᠤ: the same picture, other code points
    const res = await api(translator, 'GET', `/translations?q=${encodeURIComponent('ᠬᠣᠰᠢᠭᠣ')}`);
    expect(res.json().items.map((item: Item) => item.key)).toEqual(['phone.auth.title']);
  });

  it('is a draft again once its Chinese has changed', async () => {
    await api(translator, 'PUT', '/translations/phone.auth.submit', { text: TEXT, reviewed: true });
    await t.db
      .updateTable('translations')
      .set({ source: '旧的原文' })
      .where('key', '=', 'phone.auth.submit')
      .execute();
    expect(await stringOf('phone.auth.submit')).toMatchObject({ state: 'draft', sourceChanged: true });
  });

  it('keeps the placeholders of its source, and refuses text that is not Mongolian, changing nothing', async () => {
    const lost = await api(translator, 'PUT', '/translations/phone.checkin.signedInAs', {
      text: TEXT,
      reviewed: false,
    });
    expect(lost.statusCode).toBe(400);
    expect(errorOf(lost).error.fields?.text).toContain('{{name}}');
    const kept = await api(translator, 'PUT', '/translations/phone.checkin.signedInAs', {
      text: `${TEXT} {{name}}`,
      reviewed: false,
    });
    expect(kept.statusCode).toBe(200);
    const chinese = await api(translator, 'PUT', '/translations/phone.checkin.notLinked', {
      text: '签到',
      reviewed: false,
    });
    expect(chinese.statusCode).toBe(400);
    expect(errorOf(chinese).error.fields?.text).toBe('蒙古文译文须含传统蒙古文字母');
    expect(await stringOf('phone.checkin.notLinked')).toMatchObject({ state: 'missing' });
  });

  it('answers 404 for a string the product does not have', async () => {
    const res = await api(translator, 'PUT', '/translations/phone.nothing', { text: TEXT, reviewed: false });
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).error.code).toBe('NOT_FOUND');
  });
});

describe('the shipped drafts and the pages’ words', () => {
  it('are strings of the catalogue, in Mongolian, keeping their placeholders', () => {
    for (const [key, text] of Object.entries(PHONE_STRINGS_MN)) {
      const entry = CATALOGUE_BY_KEY.get(key);
      expect(entry, key).toBeDefined();
      expect(hasMongolianLetters(text), key).toBe(true);
      expect(placeholdersOf(text), key).toEqual(placeholdersOf(entry!.source));
    }
  });

  it('gives anyone an area’s Mongolian and how much of it is not reviewed; a correction shows at once', async () => {
    const phone = CATALOGUE.filter((entry) => entry.area === 'phone').length;
    const before = await api(null, 'GET', '/translations/mn?area=phone');
    expect(before.statusCode).toBe(200);
    const words = before.json() as { strings: Record<string, string>; unreviewed: number };
    expect(words.strings['phone.mine.recordTitle']).toBe(PHONE_STRINGS_MN['phone.mine.recordTitle']);
    expect(words.strings['phone.checkin.notOpen']).toBeUndefined();
    expect(words.strings['phone.mine.total']).toBe(PHONE_STRINGS_MN['phone.mine.total']);
    await api(translator, 'PUT', '/translations/phone.mine.total', { text: TEXT, reviewed: true });
    const after = (await api(null, 'GET', '/translations/mn?area=phone')).json();
    expect(after.strings['phone.mine.total']).toBe(TEXT);
    // a draft became reviewed
    expect(after.unreviewed).toBe(words.unreviewed - 1);
    expect(after.unreviewed).toBeLessThan(phone);
    const bad = await api(null, 'GET', '/translations/mn?area=portal');
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('who may', () => {
  it('lets the office read but not write, and no one else either', async () => {
    expect((await api(office, 'GET', '/translations')).statusCode).toBe(200);
    const write = await api(office, 'PUT', '/translations/phone.checkin.offline', {
      text: TEXT,
      reviewed: true,
    });
    expect(write.statusCode).toBe(403);
    // 三权分立: the system administrator keeps accounts, not the product's words
    for (const outsider of [dongsheng, member, systemAdmin]) {
      expect((await api(outsider, 'GET', '/translations')).statusCode).toBe(403);
      expect((await api(outsider, 'GET', '/translations/names')).statusCode).toBe(403);
      const name = await api(outsider, 'PUT', `/translations/names/home/${home.id}`, {
        nameMn: TEXT,
        reviewed: true,
      });
      expect(name.statusCode).toBe(403);
    }
    expect((await api(null, 'GET', '/translations')).statusCode).toBe(401);
    expect(await stringOf('phone.checkin.offline')).toMatchObject({ state: 'missing' });
  });
});

describe('the names', () => {
  type Name = { kind: string; id: string; name: string; nameMn: string | null; state: string };
  const nameOf = async (kind: string, q: string) => {
    const res = await api(translator, 'GET', `/translations/names?kind=${kind}&q=${encodeURIComponent(q)}`);
    expect(res.statusCode).toBe(200);
    return res.json().items as Name[];
  };

  it('lists the banners with their shipped drafts, townships and homes', async () => {
    const dalad = await nameOf('region', '达拉特旗');
    expect(dalad.find((name) => name.id === '150621')).toMatchObject({
      nameMn: 'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ',
      state: 'draft',
    });
    // and its townships, placed by the banner
    const townships = dalad.filter((name) => name.id.length === 9);
    expect(townships.length).toBeGreaterThan(5);
    expect(townships.every((name) => (name as Name & { context: string }).context === '达拉特旗')).toBe(true);
    expect(await nameOf('home', '译名测试')).toEqual([
      expect.objectContaining({ id: home.id, nameMn: null, state: 'missing' }),
    ]);
  });

  it("writes a home's name reviewed: its page says so and its sign prints unmarked; clearing it asks for one again", async () => {
    const saved = await api(translator, 'PUT', `/translations/names/home/${home.id}`, {
      nameMn: 'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ',
      reviewed: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ state: 'reviewed' });
    const page = await api(dongsheng, 'GET', `/homes/${home.id}`);
    expect(page.json()).toMatchObject({ nameMn: 'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ', nameMnReviewed: true });
    const sign = printed(await api(dongsheng, 'GET', `/homes/${home.id}/plaque.pdf`));
    expect(words(sign.text)).not.toMatch(/蒙古文未审校|蒙古文名称待录入/);

    const refused = await api(translator, 'PUT', `/translations/names/home/${home.id}`, {
      nameMn: null,
      reviewed: true,
    });
    expect(refused.statusCode).toBe(400);
    const cleared = await api(translator, 'PUT', `/translations/names/home/${home.id}`, {
      nameMn: null,
      reviewed: false,
    });
    expect(cleared.json()).toMatchObject({ nameMn: null, state: 'missing' });
    const again = printed(await api(dongsheng, 'GET', `/homes/${home.id}/plaque.pdf`));
    expect(words(again.text)).toContain('蒙古文名称待录入');
  });

  it('lets a translator print any home’s sign and boards to check them, and read nothing else of it', async () => {
    const sign = await api(translator, 'GET', `/homes/${home.id}/plaque.pdf?layout=vertical`);
    expect(printed(sign)).toMatchObject({ pages: 1, width: 400, height: 1200 });
    expect(printed(await api(translator, 'GET', `/homes/${home.id}/boards.pdf`)).pages).toBe(2);
    expect((await api(translator, 'GET', `/homes/${home.id}`)).statusCode).toBe(403);
    expect((await api(translator, 'GET', '/homes')).statusCode).toBe(403);
    // an unknown home is not found
    const unknown = await api(translator, 'GET', `/homes/${crypto.randomUUID()}/plaque.pdf`);
    expect(unknown.statusCode).toBe(404);
  });

  it('answers 404 for a name it does not list', async () => {
    for (const url of ['/translations/names/home/not-a-uuid', '/translations/names/region/150602001001999']) {
      const res = await api(translator, 'PUT', url, { nameMn: TEXT, reviewed: false });
      expect(res.statusCode).toBe(404);
    }
    const kind = await api(translator, 'PUT', '/translations/names/member/1', {
      nameMn: TEXT,
      reviewed: false,
    });
    expect(kind.statusCode).toBe(400);
  });
});

describe('the boards print their headings’ Mongolian', () => {
  it('sets a heading once translated, marked until it is reviewed', async () => {
    const before = words(printed(await api(dongsheng, 'GET', `/homes/${home.id}/boards.pdf`)).text);
    expect(before.match(/蒙古文标题待录入/g)).toHaveLength(2);
    await api(translator, 'PUT', '/translations/print.boards.members', { text: TEXT, reviewed: false });
    const draft = printed(await api(dongsheng, 'GET', `/homes/${home.id}/boards.pdf`));
    expect(draft.pages).toBe(2);
    const text = words(draft.text);
    expect(text.match(/蒙古文标题待录入/g)).toHaveLength(1);
    expect(text).toContain('「蒙古文未审校」');
    await api(translator, 'PUT', '/translations/print.boards.members', { text: TEXT, reviewed: true });
    const reviewed = words(printed(await api(dongsheng, 'GET', `/homes/${home.id}/boards.pdf`)).text);
    expect(reviewed).not.toContain('蒙古文未审校');
  });
});
