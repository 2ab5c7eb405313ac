import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate, chineseDate } from '../src/domain/calendar.js';
import { boardsOf, plaqueOf } from '../src/modules/homes/prints.js';
import { type SummaryData, summaryPdf } from '../src/print/summary.js';
import { actorOf } from './fixtures/operations.js';
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
import { inkBox, isBlack, isRed, pdfFacts, pdfFontNames, printed, rasterOf } from './pdf.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let home: HomeFixture;
let crowded: HomeFixture;
const MEMBERS = Array.from({ length: 40 }, (_, i) => `展板委员${String(i + 1).padStart(2, '0')}`);
const LONG_RULE = '委员之家（委员工作室）每季度至少组织一次委员履职活动，活动情况及时录入工作平台。';

const get = (s: Session | null, url: string) => as(t.app, s)({ method: 'GET', url: `/api/v1${url}` });
const post = (s: Session, url: string, payload: object) =>
  as(t.app, s)({ method: 'POST', url: `/api/v1${url}`, payload });
/** A PDF's text with the spaces and line breaks of its layout taken out. */
const words = (text: string) => text.replace(/\s+/g, '');

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen } = await signInCast(t));
  home = await makeHome(t.db, { name: '富兴街道标牌测试委员之家' });
  await t.db
    .updateTable('homes')
    .set({ brand: '暖心驿站', plaqueNo: '东政协家〔2024〕3号' })
    .where('id', '=', home.id)
    .execute();

  crowded = await makeHome(t.db, { name: '展板满员测试委员之家' });
  const members = [];
  for (const name of MEMBERS.slice(1)) members.push(await makeMember(t.db, { name }));
  await t.db
    .updateTable('members')
    .set({ name: MEMBERS[0]! })
    .where('id', '=', crowded.directorMemberId!)
    .execute();
  await t.db
    .insertInto('homeMembers')
    .values(members.map((m) => ({ homeId: crowded.id, memberId: m.id })))
    .execute();

  const today = beijingDate(new Date());
  const rule = (title: string, body: string, homeId?: string) =>
    post(homeId ? dongsheng : office, '/rules', {
      title,
      body,
      version: '2025 版',
      effectiveOn: today,
      homeId,
    });
  expect((await rule('委员之家工作制度', '坚持党的领导，围绕中心、服务大局。')).statusCode).toBe(201);
  expect(
    (await rule('群众意见办理制度', LONG_RULE.repeat(Math.ceil(3000 / LONG_RULE.length)).slice(0, 3000)))
      .statusCode,
  ).toBe(201);
  expect((await rule('委员值班接待补充制度', '每周二、周四上午委员轮流值班。', crowded.id)).statusCode).toBe(
    201,
  );
});
afterAll(() => t.close());

describe('the outdoor sign (标识牌)', () => {
  it('prints horizontally by default, one page of 900 × 600 mm that says its size and asks for the Mongolian', async () => {
    const pdf = printed(await get(dongsheng, `/homes/${home.id}/plaque.pdf`));
    expect(pdf).toMatchObject({ pages: 1, width: 900, height: 600 });
    const text = words(pdf.text);
    expect(text).toContain('富兴街道标牌测试委员之家');
    expect(text).toContain('蒙古文名称待录入（标识牌须蒙汉两种文字并用）');
    expect(text).toContain('标识牌900mm×600mm（横式）');
    expect(text).toContain('暖心驿站');
    expect(text).toContain('东胜区政协');
    expect(text).toContain('东政协家〔2024〕3号');
  });

  it('prints vertically on one page of 400 × 1200 mm', async () => {
    const pdf = printed(await get(dongsheng, `/homes/${home.id}/plaque.pdf?layout=vertical`));
    expect(pdf).toMatchObject({ pages: 1, width: 400, height: 1200 });
  });

  it('keeps a 40-character name on one page in both layouts', async () => {
    const long = await makeHome(t.db, {
      name: '鄂尔多斯市东胜区富兴街道办事处天骄社区党群服务中心政协委员之家（工作室）',
    });
    for (const [layout, size] of [
      ['horizontal', { width: 900, height: 600 }],
      ['vertical', { width: 400, height: 1200 }],
    ] as const) {
      const pdf = printed(await get(office, `/homes/${long.id}/plaque.pdf?layout=${layout}`));
      expect(pdf).toMatchObject({ pages: 1, ...size });
    }
  });

  /** A home with a Mongolian name, reviewed or not, and its sign rendered at 10 dpi. */
  async function signOf(name: string, nameMn: string, layout: 'horizontal' | 'vertical', reviewed = true) {
    const named = await makeHome(t.db, { name });
    await t.db
      .updateTable('homes')
      .set({ nameMn, nameMnReviewed: reviewed })
      .where('id', '=', named.id)
      .execute();
    const res = await get(office, `/homes/${named.id}/plaque.pdf?layout=${layout}`);
    const pdf = printed(res);
    return { home: named, pdf, body: res.rawPayload, raster: rasterOf(res.rawPayload, 10) };
  }
  const DALAD = 'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ';

  it('sets the Mongolian name above the Chinese on the horizontal sign, drawn as outlines', async () => {
    const sign = await signOf('蒙古文横式测试委员之家', DALAD, 'horizontal');
    expect(sign.pdf).toMatchObject({ pages: 1, width: 900, height: 600 });
    expect(words(sign.pdf.text)).not.toContain('蒙古文名称待录入');
    // the Mongolian is shaped glyph outlines, not text in a font the reader might lack
    expect(pdfFontNames(sign.body).every((font) => font.startsWith('NotoSerifSC'))).toBe(true);
    const inside = { x: 40, top: 40, width: 820, height: 420 };
    const chinese = inkBox(sign.raster, inside, isRed)!;
    const above = inkBox(sign.raster, { ...inside, height: chinese.top - inside.top - 1 }, isBlack);
    expect(above?.count).toBeGreaterThan(200);
    // centred over the Chinese name, as wide as a line of it at the same size
    expect(Math.abs((above!.x + above!.right) / 2 - (chinese.x + chinese.right) / 2)).toBeLessThan(15);
    expect(above!.bottom).toBeLessThan(chinese.top);
  });

  it('sets the Mongolian column left of the Chinese on the vertical sign', async () => {
    const sign = await signOf('蒙古文竖式测试委员之家', DALAD, 'vertical');
    expect(sign.pdf).toMatchObject({ pages: 1, width: 400, height: 1200 });
    const inside = { x: 30, top: 30, width: 340, height: 1000 };
    const chinese = inkBox(sign.raster, inside, isRed)!;
    const left = inkBox(sign.raster, { ...inside, width: chinese.x - inside.x - 1 }, isBlack);
    expect(left?.count).toBeGreaterThan(200);
    expect(left!.right).toBeLessThan(chinese.x);
    // running down beside the Chinese, not across it
    expect(left!.bottom - left!.top).toBeGreaterThan((left!.right - left!.x) * 3);
  });

  it('sets both languages at the smaller of their fitted sizes', async () => {
    const short = await signOf('等大测试委员之家', DALAD, 'horizontal');
    const long = await signOf('等大测试委员之家', `${DALAD} `.repeat(5).trim(), 'horizontal');
    const inside = { x: 40, top: 40, width: 820, height: 420 };
    // a name's ink box grows with the square of its size, on one line or two
    const size = (raster: typeof short.raster) => {
      const box = inkBox(raster, inside, isRed)!;
      return Math.sqrt((box.right - box.x) * (box.bottom - box.top));
    };
    // the short Mongolian lets the Chinese set as large as it fits; the long one, five times as
    // long, brings both down to its size
    expect(size(long.raster)).toBeLessThan(size(short.raster) * 0.8);
    const mongolian = inkBox(long.raster, { ...inside, height: 100 }, isBlack)!;
    expect(mongolian.right - mongolian.x).toBeGreaterThan(700);
  });

  it('marks a Mongolian name no translator has reviewed, and an edit of it makes it a draft again', async () => {
    const sign = await signOf('蒙古文待审校测试委员之家', DALAD, 'horizontal', false);
    expect(words(sign.pdf.text)).toContain('「蒙古文未审校」');
    await t.db.updateTable('homes').set({ nameMnReviewed: true }).where('id', '=', sign.home.id).execute();
    const reviewed = printed(await get(office, `/homes/${sign.home.id}/plaque.pdf?layout=vertical`));
    expect(words(reviewed.text)).not.toContain('蒙古文未审校');

    const edited = await as(
      t.app,
      dongsheng,
    )({
      method: 'PATCH',
      url: `/api/v1/homes/${sign.home.id}`,
      payload: { nameMn: 'ᠳᠠᠯᠠᠳ ᠬᠣᠰᠢᠭᠤ' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ nameMn: 'ᠳᠠᠯᠠᠳ ᠬᠣᠰᠢᠭᠤ', nameMnReviewed: false });
  });

  it("names the municipal CPPCC and the group that set a municipal home up, and codes the home's portal page", async () => {
    const group = await makeHome(t.db, {
      name: '界别活动组测试委员之家',
      kind: 'sector_group',
      level: 'municipal',
      ownerUnitId: 'sector-group-1',
      regionCode: null,
    });
    const actor = await actorOf(t.db, dongsheng.userId);
    const plaque = await plaqueOf(
      t.db,
      await actorOf(t.db, office.userId),
      group.id,
      'https://cppcc.example.cn',
    );
    expect(plaque.unit).toBe('政协鄂尔多斯市委员会 经济界别活动组');
    expect(plaque.portalUrl).toBe(`https://cppcc.example.cn/portal/homes/${group.id}`);
    expect((await plaqueOf(t.db, actor, home.id, 'http://x')).unit).toBe('东胜区政协');
  });

  it('refuses a layout it does not know, in the error shape', async () => {
    const res = await get(dongsheng, `/homes/${home.id}/plaque.pdf?layout=diagonal`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/json');
    expect(errorOf(res).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the indoor boards (室内展板)', () => {
  it('prints the members and the rules in force on two A3 pages', async () => {
    const pdf = printed(await get(dongsheng, `/homes/${crowded.id}/boards.pdf`));
    expect(pdf).toMatchObject({ pages: 2, width: 297, height: 420 });
    const text = words(pdf.text);
    for (const heading of ['委员信息', '规章制度', '展板满员测试委员之家']) expect(text).toContain(heading);
    for (const title of ['委员之家工作制度', '群众意见办理制度', '委员值班接待补充制度'])
      expect(text).toContain(title);
    expect(text).not.toContain('篇幅所限');
  });

  it('fits 40 members and a rule of 3,000 characters, each board on its one page', async () => {
    const pdf = printed(await get(dongsheng, `/homes/${crowded.id}/boards.pdf`));
    expect(pdf.pages).toBe(2);
    const text = words(pdf.text);
    for (const name of MEMBERS) expect(text).toContain(name);
  });

  it('puts the director first and names each member’s part', async () => {
    const boards = await boardsOf(t.db, await actorOf(t.db, dongsheng.userId), crowded.id);
    expect(boards.members).toHaveLength(40);
    expect(boards.members[0]).toMatchObject({ name: MEMBERS[0], role: '负责人', sector: '教育' });
    expect(boards.members.slice(1).every((m) => m.role === '成员')).toBe(true);
    // another home's own rules are not on this home's wall
    const other = await boardsOf(t.db, await actorOf(t.db, dongsheng.userId), home.id);
    expect(other.rules.map((r) => r.title)).toEqual(['委员之家工作制度', '群众意见办理制度']);
  });

  it('prints for a member of the home, who reads it', async () => {
    const member = await signedInAs(
      t.app,
      t.db,
      [{ role: 'member', scopeId: null }],
      crowded.directorMemberId!,
    );
    expect(printed(await get(member, `/homes/${crowded.id}/boards.pdf`)).pages).toBe(2);
  });
});

describe('who may print', () => {
  it('answers 404, as the home’s page does, to a district outside the home and for an unknown home', async () => {
    for (const url of [
      `/homes/${home.id}/plaque.pdf`,
      `/homes/${home.id}/plaque.pdf?layout=vertical`,
      `/homes/${home.id}/boards.pdf`,
    ]) {
      expect((await get(wushen, url.replace(/\/[^/]+\.pdf.*$/, ''))).statusCode).toBe(404);
      const res = await get(wushen, url);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
      expect(errorOf(res).error.code).toBe('NOT_FOUND');
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect((await get(office, `/homes/${id}/plaque.pdf`)).statusCode).toBe(404);
      expect((await get(office, `/homes/${id}/boards.pdf`)).statusCode).toBe(404);
    }
  });

  it('asks for a sign-in first', async () => {
    expect((await get(null, `/homes/${home.id}/plaque.pdf`)).statusCode).toBe(401);
    expect((await get(null, `/homes/${home.id}/boards.pdf`)).statusCode).toBe(401);
  });
});

describe('the year-end summary (年度工作总结) at a page end', () => {
  const base: SummaryData = {
    homeName: '富兴街道分页测试委员之家',
    ownerUnit: '东胜区政协',
    year: 2025,
    content: '',
    submittedAt: '2025-12-20T10:00:00+08:00',
    late: false,
    quarters: [1, 2, 3, 4].map((quarter) => ({
      quarter,
      dueOn: `2025-${String(quarter * 3).padStart(2, '0')}-${quarter === 1 || quarter === 4 ? 31 : 30}`,
      activities: 1,
      state: 'met' as const,
    })),
    scorecard: (['organization', 'signage', 'venue', 'rules', 'operation', 'evaluation'] as const).map(
      (key) => ({
        key,
        ok: true,
        issues: [],
      }),
    ),
    countedAt: new Date('2026-01-05T09:00:00+08:00'),
  };
  const heading = words(`${base.homeName}2025年度工作总结`);
  const foot = words(`${base.homeName}${chineseDate(base.submittedAt)}`);

  it('never leaves the home’s name and date alone on the last page, however long the summary', async () => {
    let pagesSeen = 0;
    // two more lines of text each time, over a page's worth (the signature is four lines high):
    // the page end falls before, inside and after the signature
    for (let lines = 20; lines <= 48; lines += 2) {
      const content = Array.from({ length: lines }, (_, i) => `第${i + 1}项：开展协商议事活动。`).join('\n');
      const pdf = pdfFacts(await summaryPdf({ ...base, content }));
      const pages = pdf.text.split('\f').filter((page) => page.trim());
      expect(pages).toHaveLength(pdf.pages);
      pagesSeen = Math.max(pagesSeen, pdf.pages);
      const last = words(pages.at(-1)!);
      expect(last, `${lines} lines`).toContain(foot);
      // besides the running title, the page number and the signature, the last page holds body text
      const body = last
        .replace(heading, '')
        .replace(/第\d+页共\d+页/, '')
        .replace(foot, '');
      expect(body.length, `${lines} lines: ${last}`).toBeGreaterThan(0);
    }
    expect(pagesSeen).toBeGreaterThanOrEqual(2);
  });
});
