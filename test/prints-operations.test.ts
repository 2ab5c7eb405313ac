import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDate, yearOf } from '../src/domain/calendar.js';
import { type HomeFixture, makeActivity, makeHome } from './fixtures/operations.js';
import { as, errorOf, type Session, signedInAs, signInCast, startTestApp, type TestApp } from './helpers.js';
import { printed } from './pdf.js';

let t: TestApp;
let office: Session;
let dongsheng: Session;
let wushen: Session;
let auditor: Session;
let home: HomeFixture;
let director: Session;
const YEAR = yearOf(new Date());

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, wushen, auditor } = await signInCast(t));
  home = await makeHome(t.db, { name: '打印测试幸福街道委员之家', regionCode: '150602100' });
  director = await signedInAs(t.app, t.db, [{ role: 'home_director', scopeId: home.id }]);
});
afterAll(() => t.close());

const call = (s: Session | null, method: 'GET' | 'PUT', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/** The text of a print without the spaces and line breaks the layout puts in. */
const words = (text: string) => text.replace(/\s+/g, '');

const PLAN = {
  content: '围绕乡村振兴开展协商议事。\n组织委员进社区宣讲政策。',
  items: [
    { title: '春季基层协商议事会', quarter: 1, kind: 'grassroots_consultation' },
    { title: '政策宣讲进社区', quarter: 2, kind: 'policy_talk' },
  ],
};

describe('the annual plan print', () => {
  it('prints the title, the unit, the text, the planned activities and a late submission on A4', async () => {
    const saved = await call(director, 'PUT', `/homes/${home.id}/plans/2020`, PLAN);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().late).toBe(true);

    const pdf = printed(await call(director, 'GET', `/homes/${home.id}/plans/2020.pdf`));
    expect(pdf).toMatchObject({ pages: 1, width: 210, height: 297 });
    const text = words(pdf.text);
    expect(text).toContain('打印测试幸福街道委员之家2020年度工作计划');
    expect(text).toContain('所属单位：东胜区政协');
    expect(text).toContain('围绕乡村振兴开展协商议事。');
    expect(text).toContain('第一季度春季基层协商议事会基层协商议事');
    expect(text).toContain('第二季度政策宣讲进社区政策宣讲');
    expect(text).toContain(`打印测试幸福街道委员之家${chineseDate(saved.json().submittedAt)}`);
    expect(text).toContain('逾期提交');
  });

  it('does not say 逾期提交 of a plan submitted in time', async () => {
    const next = YEAR + 1;
    expect((await call(director, 'PUT', `/homes/${home.id}/plans/${next}`, PLAN)).json().late).toBe(false);
    const text = words(printed(await call(director, 'GET', `/homes/${home.id}/plans/${next}.pdf`)).text);
    expect(text).toContain(`${next}年度工作计划`);
    expect(text).not.toContain('逾期提交');
  });

  it('runs a long plan over numbered pages', async () => {
    const paragraph =
      '组织委员深入嘎查村开展调研视察、协商议事和政策宣讲，推动委员履职活动制度化、规范化、常态化。';
    const content = Array.from({ length: Math.ceil(15000 / (paragraph.length + 1)) }, () => paragraph)
      .join('\n')
      .slice(0, 15000);
    const res = await call(director, 'PUT', `/homes/${home.id}/plans/2021`, { ...PLAN, content });
    expect(res.statusCode, res.body).toBe(200);
    const pdf = printed(await call(director, 'GET', `/homes/${home.id}/plans/2021.pdf`));
    expect(pdf.pages).toBeGreaterThan(3);
    expect(pdf).toMatchObject({ width: 210, height: 297 });
    expect(pdf.text).toContain(`第 1 页 共 ${pdf.pages} 页`);
    expect(pdf.text).toContain(`第 ${pdf.pages} 页 共 ${pdf.pages} 页`);
    // the planned activities and the foot come after the text
    expect(words(pdf.text)).toContain('政策宣讲进社区');
  });

  it('keeps the JSON route beside it: 2020 is the plan, 2020.pdf its print', async () => {
    const json = await call(director, 'GET', `/homes/${home.id}/plans/2020`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json().items).toHaveLength(2);
    const file = await call(director, 'GET', `/homes/${home.id}/plans/2020.pdf`);
    expect(file.headers['content-type']).toBe('application/pdf');
  });

  it('answers a year without a plan with 404 and a bad year with 400', async () => {
    const missing = await call(director, 'GET', `/homes/${home.id}/plans/2019.pdf`);
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).error.message).toBe('该年度尚未提交工作计划');
    const word = await call(director, 'GET', `/homes/${home.id}/plans/abc.pdf`);
    expect(word.statusCode).toBe(400);
    expect(JSON.stringify(word.json())).toContain('年度应为数字');
    expect((await call(director, 'GET', `/homes/${home.id}/plans/1999.pdf`)).statusCode).toBe(400);
    expect((await call(director, 'GET', `/homes/not-a-home/plans/2020.pdf`)).statusCode).toBe(404);
  });

  it('is printed for whoever reads the home, and not for others', async () => {
    expect(printed(await call(dongsheng, 'GET', `/homes/${home.id}/plans/2020.pdf`)).pages).toBe(1);
    expect(printed(await call(office, 'GET', `/homes/${home.id}/plans/2020.pdf`)).pages).toBe(1);
    const outside = await call(wushen, 'GET', `/homes/${home.id}/plans/2020.pdf`);
    expect(outside.statusCode).toBe(404);
    expect(outside.headers['content-type']).toContain('application/json');
    expect((await call(auditor, 'GET', `/homes/${home.id}/plans/2020.pdf`)).statusCode).toBe(403);
    expect((await call(null, 'GET', `/homes/${home.id}/plans/2020.pdf`)).statusCode).toBe(401);
  });
});

describe('the year-end summary print', () => {
  // the words of the home's 六有 page
  const STATE = {
    met: '已开展',
    missed: '未开展',
    open: '进行中',
    at_risk: '有风险',
    not_judged: '不考核',
  } as const;

  it('prints the summary and the year the platform holds: quarters and the 六有 as the scorecard has them', async () => {
    await makeActivity(t.db, [home.id], `${YEAR}-02-10T10:00:00+08:00`, 'held');
    const saved = await call(director, 'PUT', `/homes/${home.id}/summaries/${YEAR}`, {
      content: '全年开展协商议事活动，收集社情民意。',
    });
    expect(saved.statusCode, saved.body).toBe(200);

    const pdf = printed(await call(director, 'GET', `/homes/${home.id}/summaries/${YEAR}.pdf`));
    expect(pdf).toMatchObject({ width: 210, height: 297 });
    const text = words(pdf.text);
    expect(text).toContain(`打印测试幸福街道委员之家${YEAR}年度工作总结`);
    expect(text).toContain('全年开展协商议事活动，收集社情民意。');
    expect(text).toContain(`打印测试幸福街道委员之家${chineseDate(saved.json().submittedAt)}`);

    const card = (await call(director, 'GET', `/homes/${home.id}/scorecard?year=${YEAR}`)).json();
    const names = ['第一季度', '第二季度', '第三季度', '第四季度'];
    for (const q of card.quarters as Array<{
      quarter: number;
      dueOn: string;
      activities: number;
      state: keyof typeof STATE;
    }>) {
      expect(text).toContain(
        `${names[q.quarter - 1]}${chineseDate(q.dueOn)}${q.activities}次${STATE[q.state]}`,
      );
    }
    expect(card.quarters[0].activities).toBe(1);
    const labels = ['有组织机构', '有标牌标识', '有工作场所', '有规章制度', '有操作模式', '有效果评价'];
    for (const [index, item] of (card.items as Array<{ ok: boolean }>).entries()) {
      expect(text).toContain(`${labels[index]}${item.ok ? '达标' : '未达标'}`);
    }
    expect(text).toContain('尚未参加年度评价');
  });

  it('answers a year without a summary with 404, a bad year with 400, an outsider with 404 or 403', async () => {
    const missing = await call(director, 'GET', `/homes/${home.id}/summaries/2020.pdf`);
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).error.message).toBe('该年度尚未提交工作总结');
    const word = await call(director, 'GET', `/homes/${home.id}/summaries/abc.pdf`);
    expect(word.statusCode).toBe(400);
    expect(JSON.stringify(word.json())).toContain('年度应为数字');
    expect((await call(wushen, 'GET', `/homes/${home.id}/summaries/${YEAR}.pdf`)).statusCode).toBe(404);
    expect((await call(auditor, 'GET', `/homes/${home.id}/summaries/${YEAR}.pdf`)).statusCode).toBe(403);
    const json = await call(director, 'GET', `/homes/${home.id}/summaries/${YEAR}`);
    expect(json.headers['content-type']).toContain('application/json');
  });
});

describe('the compliance report print', () => {
  beforeAll(async () => {
    const missed = await makeHome(t.db, { name: '合规打印未达标之家', regionCode: '150602101' });
    const met = await makeHome(t.db, { name: '合规打印达标之家', regionCode: '150602101' });
    await makeHome(t.db, {
      name: '合规打印乌审之家',
      ownerUnitId: 'district-150626',
      regionCode: '150626100',
    });
    await makeHome(t.db, { name: '合规打印嘎查村之家', kind: 'village', regionCode: '150602100201' });
    for (const quarter of ['02', '05', '08', '11']) {
      await makeActivity(t.db, [met.id], `2025-${quarter}-10T10:00:00+08:00`, 'held');
    }
    await makeActivity(t.db, [missed.id], '2025-02-10T10:00:00+08:00', 'held');
  });

  it('prints the homes of GET /compliance with the same filters, A4 landscape', async () => {
    for (const [session, query] of [
      [dongsheng, 'year=2025'],
      [office, 'year=2025&regionCode=150602'],
      [office, 'year=2025&kind=village'],
      [office, 'year=2025&ownerUnitId=district-150626'],
    ] as const) {
      const json = (await call(session, 'GET', `/compliance?${query}`)).json();
      const pdf = printed(await call(session, 'GET', `/compliance.pdf?${query}`));
      expect(pdf).toMatchObject({ width: 297, height: 210 });
      const text = words(pdf.text);
      expect(text).toContain(`共${json.rows.length}个委员之家`);
      const shown = ['合规打印未达标之家', '合规打印达标之家', '合规打印乌审之家', '合规打印嘎查村之家'];
      for (const name of shown) {
        const listed = json.rows.some((row: { name: string }) => row.name === name);
        expect(text.includes(name), `${query}: ${name}`).toBe(listed);
      }
      expect(json.rows.length).toBeGreaterThan(0);
    }
  });

  it('names the year, the filters, the time, the issuing unit and the quarters in words', async () => {
    const pdf = printed(
      await call(dongsheng, 'GET', '/compliance.pdf?year=2025&kind=township&regionCode=150602'),
    );
    const text = words(pdf.text);
    expect(text).toContain('2025年度委员之家活动开展情况');
    // the 合规情况 page's title and columns, in its order (COMPLIANCE_COLUMNS), then its quarters
    expect(text).not.toContain('合规报告');
    expect(text).toContain('委员之家所属单位所在地类型第一季度第二季度第三季度第四季度');
    expect(text).not.toContain('序号');
    expect(text).toContain('所在地东胜区');
    expect(text).toContain('类型苏木乡镇（街道）委员之家');
    expect(text).toMatch(/统计时间：\d{4}-\d{2}-\d{2}\d{2}:\d{2}（北京时间）/);
    expect(text).toContain('出具单位：东胜区政协');
    expect(text).toContain('合规打印达标之家东胜区政协东胜区罕台镇');
    // the words of the 合规情况 page's cells, not 达标 / 未达标
    expect(text).toContain('已开展1次已开展1次已开展1次已开展1次');
    expect(text).toContain('已开展1次未开展0次未开展0次未开展0次');
    expect(text.replace(/合规打印(未)?达标之家/g, '')).not.toContain('达标');
    expect(text).toContain('已到期季度均开展活动1个，有季度未开展活动');
    expect(text).toContain('2025年12月31日');
    // the office issues in its own name
    const byOffice = words(printed(await call(office, 'GET', '/compliance.pdf?year=2025')).text);
    expect(byOffice).toContain('出具单位：政协鄂尔多斯市委员会办公室');
    expect(byOffice).toContain('筛选条件：无');
  });

  it('is for staff only, and refuses bad filters', async () => {
    expect((await call(auditor, 'GET', '/compliance.pdf?year=2025')).statusCode).toBe(403);
    expect((await call(null, 'GET', '/compliance.pdf?year=2025')).statusCode).toBe(401);
    const bad = await call(office, 'GET', '/compliance.pdf?year=abc');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('年度应为数字');
    expect((await call(office, 'GET', '/compliance.pdf?regionCode=15')).statusCode).toBe(400);
    expect((await call(office, 'GET', '/compliance.pdf?kind=castle')).statusCode).toBe(400);
  });

  it('gives a home director the homes they direct, issued by the home', async () => {
    const pdf = printed(await call(director, 'GET', '/compliance.pdf?year=2025'));
    const text = words(pdf.text);
    expect(text).toContain('共1个委员之家');
    expect(text).toContain('出具单位：打印测试幸福街道委员之家');
    expect(text).not.toContain('合规打印达标之家');
  });
});
