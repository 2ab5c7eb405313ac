import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDateRange } from '../src/print/certificate.js';
import {
  as,
  errorOf,
  makeMember,
  type Session,
  signedInAs,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';
import { CERTIFICATE_CHINESE, inkBox, isBlack, isRed, pdfFontNames, printed, rasterOf } from './pdf.js';

/** 培训证明 (API.md, Prints): A4, one per person, once the training has ended and attendance is recorded. */
let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let bystander: Session;
const trainees: Array<Session & { name: string }> = [];

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen } = await signInCast(t));
  // enrolled out of name order; the last one never attends
  for (const name of ['王建国', '阿拉坦', '张晓梅', '李未到']) {
    const member = await makeMember(t.db, { name });
    trainees.push({ ...(await signedInAs(t.app, t.db, [], member.id)), name });
  }
  bystander = await signedInAs(t.app, t.db, [], (await makeMember(t.db)).id);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/** A Dongsheng session at the given times, the four trainees enrolled, all but the last attended. */
async function heldSession(startsAt: string, endsAt: string, title = '委员之家工作人员业务培训') {
  const res = await call(dongsheng, 'POST', '/trainings', {
    title,
    startsAt,
    endsAt,
    place: '东胜区政协二楼会议室',
  });
  expect(res.statusCode).toBe(201);
  const id = res.json().id as string;
  await call(dongsheng, 'PUT', `/trainings/${id}/enrolments`, { userIds: trainees.map((s) => s.userId) });
  for (const trainee of trainees.slice(0, 3)) {
    const marked = await call(dongsheng, 'POST', `/trainings/${id}/attendance`, {
      userId: trainee.userId,
      attended: true,
    });
    expect(marked.statusCode).toBe(200);
  }
  return id;
}

const flat = (text: string) => text.replace(/\s+/g, '');
const trainee = (i: number) => () => trainees[i]!;
const [wang, altan, zhang, absent] = [trainee(0), trainee(1), trainee(2), trainee(3)];

describe('a trainee’s certificate (培训证明)', () => {
  let id: string;
  beforeAll(async () => {
    // 2025-03-02 09:00 to 2025-03-04 17:00, Beijing time
    id = await heldSession('2025-03-02T01:00:00Z', '2025-03-04T09:00:00Z');
  });

  it('is one A4 page with the name, the training, the days written once in Chinese and 特发此证', async () => {
    const pdf = printed(
      await call(zhang(), 'GET', `/trainings/${id}/certificates/${zhang().userId}.pdf`),
      CERTIFICATE_CHINESE,
    );
    expect(pdf).toMatchObject({ pages: 1, width: 297, height: 210 });
    const text = flat(pdf.text);
    expect(text).toContain('培训证明');
    expect(text).toContain(
      '张晓梅同志于2025年3月2日至4日参加东胜区政协举办的“委员之家工作人员业务培训”（东胜区政协二楼会议室），完成全部培训课程。',
    );
    expect(text).toContain('特发此证。');
    // the issuer and the last day at the foot, the number at the head
    expect(text).toMatch(/东胜区政协2025年3月4日$/);
    expect(text).toMatch(/编号：PX2025-[0-9A-F]{4}-[0-9A-F]{6}/);
  });

  it('is printed for the organisers too, with the same number', async () => {
    const own = printed(await call(zhang(), 'GET', `/trainings/${id}/certificates/${zhang().userId}.pdf`));
    const theirs = printed(
      await call(dongsheng, 'GET', `/trainings/${id}/certificates/${zhang().userId}.pdf`),
    );
    const number = (text: string) => /PX\d{4}-\w{4}-\w{6}/.exec(text)?.[0];
    expect(number(theirs.text)).toBe(number(own.text));
    expect(
      flat(
        printed(
          await call(office, 'GET', `/trainings/${id}/certificates/${wang().userId}.pdf`),
          CERTIFICATE_CHINESE,
        ).text,
      ),
    ).toContain('王建国同志于');
  });

  it('writes a span over a month’s end once: 2025年3月30日至4月2日; one day as one date', async () => {
    const across = await heldSession(
      '2025-03-30T01:00:00Z',
      '2025-04-02T09:00:00Z',
      '社情民意信息撰写培训班',
    );
    const text = flat(
      printed(
        await call(altan(), 'GET', `/trainings/${across}/certificates/${altan().userId}.pdf`),
        CERTIFICATE_CHINESE,
      ).text,
    );
    // a title that names itself a course is not followed by 培训 again
    expect(text).toContain('阿拉坦同志于2025年3月30日至4月2日参加东胜区政协举办的“社情民意信息撰写培训班”（');
    expect(chineseDateRange('2025-05-06T01:00:00Z', '2025-05-06T09:00:00Z')).toBe('2025年5月6日');
    expect(chineseDateRange('2025-12-30T01:00:00Z', '2026-01-02T09:00:00Z')).toBe(
      '2025年12月30日至2026年1月2日',
    );
    // Beijing days, not UTC ones: 23:30 UTC on 1 March is already 2 March in Beijing
    expect(chineseDateRange('2025-03-01T23:30:00Z', '2025-03-02T09:00:00Z')).toBe('2025年3月2日');
  });

  it('is refused for a trainee whose attendance is not recorded (409)', async () => {
    for (const s of [absent(), dongsheng]) {
      const res = await call(s, 'GET', `/trainings/${id}/certificates/${absent().userId}.pdf`);
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).error.message).toBe('该学员未登记出勤，不能出具培训证明');
    }
  });

  it('is refused before the training has ended, attended or not (409)', async () => {
    const now = Date.now();
    const running = await heldSession(
      new Date(now - 3600_000).toISOString(),
      new Date(now + 3600_000).toISOString(),
    );
    for (const [s, userId] of [
      [zhang(), zhang().userId],
      [dongsheng, zhang().userId],
    ] as const) {
      const res = await call(s, 'GET', `/trainings/${running}/certificates/${userId}.pdf`);
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).error.message).toBe('培训尚未结束，结束并登记出勤后才能打印证明');
    }
    const bulk = await call(dongsheng, 'GET', `/trainings/${running}/certificates.pdf`);
    expect(bulk.statusCode).toBe(409);
    const page = (await call(zhang(), 'GET', `/trainings/${running}`)).json();
    expect(page.allowedActions).not.toContain('print_certificate');
    expect((await call(dongsheng, 'GET', `/trainings/${running}`)).json().allowedActions).not.toContain(
      'print_certificates',
    );
  });

  it('shows the print only where it is allowed: ended and attended', async () => {
    expect((await call(zhang(), 'GET', `/trainings/${id}`)).json().allowedActions).toEqual([
      'print_certificate',
    ]);
    expect((await call(absent(), 'GET', `/trainings/${id}`)).json().allowedActions).toEqual([]);
    expect((await call(dongsheng, 'GET', `/trainings/${id}`)).json().allowedActions).toContain(
      'print_certificates',
    );
    const mine = (await call(zhang(), 'GET', '/trainings?enrolment=mine&pageSize=200')).json();
    expect(mine.items.find((i: { id: string }) => i.id === id).allowedActions).toEqual(['print_certificate']);
  });

  it('is not shown to another trainee, another district or a bystander (404), nor to unknown ids', async () => {
    for (const s of [wang(), wushen, bystander]) {
      const res = await call(s, 'GET', `/trainings/${id}/certificates/${zhang().userId}.pdf`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toContain('application/json');
    }
    expect(
      (await call(bystander, 'GET', `/trainings/${id}/certificates/${bystander.userId}.pdf`)).statusCode,
    ).toBe(404);
    expect(
      (await call(dongsheng, 'GET', `/trainings/${id}/certificates/${bystander.userId}.pdf`)).statusCode,
    ).toBe(404);
    expect((await call(dongsheng, 'GET', `/trainings/${id}/certificates/nobody.pdf`)).statusCode).toBe(404);
    expect(
      (await call(dongsheng, 'GET', `/trainings/nothing/certificates/${zhang().userId}.pdf`)).statusCode,
    ).toBe(404);
    expect((await call(null, 'GET', `/trainings/${id}/certificates/${zhang().userId}.pdf`)).statusCode).toBe(
      401,
    );
  });
});

describe('every attendee’s certificates, for the organisers', () => {
  let id: string;
  beforeAll(async () => {
    id = await heldSession('2025-06-10T01:00:00Z', '2025-06-10T09:00:00Z', '履职能力提升');
  });

  it('prints one A4 page per attendee, in name order, and none for the absent', async () => {
    const pdf = printed(
      await call(dongsheng, 'GET', `/trainings/${id}/certificates.pdf`),
      CERTIFICATE_CHINESE,
    );
    expect(pdf).toMatchObject({ pages: 3, width: 297, height: 210 });
    const pages = pdf.text.split('\f').map(flat).filter(Boolean);
    const collator = new Intl.Collator('zh-CN');
    const names = ['王建国', '阿拉坦', '张晓梅'].sort(collator.compare);
    expect(pages.map((page) => names.find((name) => page.includes(`${name}同志于2025年6月10日`)))).toEqual(
      names,
    );
    expect(pdf.text).not.toContain('李未到');
    for (const page of pages) {
      expect(page).toContain('“履职能力提升”培训（东胜区政协二楼会议室），完成全部培训课程。特发此证。');
      expect(page).toMatch(/东胜区政协2025年6月10日$/);
    }
    expect(
      printed(await call(office, 'GET', `/trainings/${id}/certificates.pdf`), CERTIFICATE_CHINESE).pages,
    ).toBe(3);
  });

  it('is refused when nobody attended (409)', async () => {
    const res = await call(dongsheng, 'POST', '/trainings', {
      title: '无人出勤',
      startsAt: '2025-06-11T01:00:00Z',
      endsAt: '2025-06-11T03:00:00Z',
    });
    const empty = res.json().id as string;
    await call(dongsheng, 'PUT', `/trainings/${empty}/enrolments`, { userIds: [absent().userId] });
    const bulk = await call(dongsheng, 'GET', `/trainings/${empty}/certificates.pdf`);
    expect(bulk.statusCode).toBe(409);
    expect(errorOf(bulk).error.message).toContain('尚无学员登记出勤');
  });

  it('is for the organisers only: a trainee is refused (403), another district and a bystander 404', async () => {
    const trainee = await call(zhang(), 'GET', `/trainings/${id}/certificates.pdf`);
    expect(trainee.statusCode).toBe(403);
    for (const s of [wushen, bystander]) {
      expect((await call(s, 'GET', `/trainings/${id}/certificates.pdf`)).statusCode).toBe(404);
    }
    expect((await call(dongsheng, 'GET', '/trainings/nothing/certificates.pdf')).statusCode).toBe(404);
  });

  it('keeps a long name, title and place inside one page', async () => {
    const long = await makeMember(t.db, { name: '长'.repeat(40) });
    const s = await signedInAs(t.app, t.db, [], long.id);
    const res = await call(dongsheng, 'POST', '/trainings', {
      title: '题'.repeat(100),
      startsAt: '2025-12-30T01:00:00Z',
      endsAt: '2026-01-02T09:00:00Z',
      place: '地'.repeat(200),
    });
    const training = res.json().id as string;
    await call(dongsheng, 'PUT', `/trainings/${training}/enrolments`, { userIds: [s.userId] });
    await call(dongsheng, 'POST', `/trainings/${training}/attendance`, { userId: s.userId, attended: true });
    const pdf = printed(
      await call(s, 'GET', `/trainings/${training}/certificates/${s.userId}.pdf`),
      CERTIFICATE_CHINESE,
    );
    expect(pdf.pages).toBe(1);
    const text = flat(pdf.text);
    expect(text).toContain(`${'长'.repeat(40)}同志于2025年12月30日至2026年1月2日`);
    expect(text).toContain(`${'地'.repeat(200)}），完成全部培训课程。特发此证。`);
  });
});

describe('the certificate by the regional rule: the Mongolian block left of the Chinese', () => {
  // test texts of Mongolian letters with the source's marks, not translations
  const TITLE_MN = 'ᠲᠡᠰᠲ ᠭᠠᠷᠴᠠᠭ';
  const WORDS_MN = '{{name}} ᠲᠡᠰᠲ {{dates}} ᠲᠡᠰᠲ {{organiser}} ᠲᠡᠰᠲ {{title}} {{place}} ᠲᠡᠰᠲ ᠦᠭᠡ ᠲᠡᠰᠲ ᠦᠭᠡ᠃';
  let id: string;
  let translator: Session;
  const certificate = () => call(altan(), 'GET', `/trainings/${id}/certificates/${altan().userId}.pdf`);

  beforeAll(async () => {
    id = await heldSession('2025-09-01T01:00:00Z', '2025-09-02T09:00:00Z', '蒙汉双语证书测试培训');
    translator = await signedInAs(t.app, t.db, [{ role: 'translator', scopeId: null }]);
  });

  it('keeps the block’s place, saying the Mongolian is to be written, until it is', async () => {
    const text = flat(printed(await certificate()).text);
    expect(text).toContain('蒙古文待录入');
  });

  it('sets the translation there, vertical, left of the Chinese; marked until it is reviewed', async () => {
    for (const [key, text] of [
      ['print.certificates.training.title', TITLE_MN],
      ['print.certificates.training.words', WORDS_MN],
    ] as const) {
      const saved = await call(translator, 'PUT', `/translations/${key}`, { text, reviewed: false });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const res = await certificate();
    const pdf = printed(res);
    expect(pdf).toMatchObject({ pages: 1, width: 297, height: 210 });
    const text = flat(pdf.text);
    expect(text).not.toContain('蒙古文待录入');
    expect(text).toContain('「蒙古文未审校」');
    // the Chinese is all there, on its side
    expect(flat(printed(res, CERTIFICATE_CHINESE).text)).toContain('阿拉坦同志于2025年9月1日至2日参加');
    // the Mongolian is outlines, and the name stands in it upright, in the Chinese font
    expect(pdfFontNames(res.rawPayload).every((font) => font.startsWith('NotoSerifSC'))).toBe(true);
    const raster = rasterOf(res.rawPayload, 24);
    const inside = { x: 20, top: 20, width: 257, height: 165 };
    const chineseTitle = inkBox(raster, { ...inside, x: 115, width: 160, height: 30 }, isRed)!;
    const mongolianTitle = inkBox(raster, { ...inside, width: 95 }, isRed)!;
    expect(mongolianTitle.right).toBeLessThan(chineseTitle.x);
    // a column: far longer than wide
    expect(mongolianTitle.bottom - mongolianTitle.top).toBeGreaterThan(
      (mongolianTitle.right - mongolianTitle.x) * 3,
    );
    const words = inkBox(
      raster,
      { ...inside, x: mongolianTitle.right + 2, width: 110 - mongolianTitle.right },
      isBlack,
    );
    expect(words?.count).toBeGreaterThan(100);

    await call(translator, 'PUT', '/translations/print.certificates.training.title', {
      text: TITLE_MN,
      reviewed: true,
    });
    await call(translator, 'PUT', '/translations/print.certificates.training.words', {
      text: WORDS_MN,
      reviewed: true,
    });
    expect(flat(printed(await certificate()).text)).not.toContain('蒙古文未审校');
  });
});
