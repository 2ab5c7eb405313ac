import fs from 'node:fs';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { beijingDate, yearQuarterName } from '../src/domain/calendar.js';
import { pdfFacts } from '../test/pdf.js';
import { browserAvailable } from './browser.js';
import { expectNoSidewaysScroll, journeys, openPage, type User } from './journey.js';

/**
 * What office staff found trying the admin on a desktop and a 360-px phone: the dashboard's charts
 * stack on a phone, its 经费 card and its Excel speak in 元; a closed year's summary offers no
 * 填写; the user list stays readable on a phone; the compliance print says what the page says; the
 * audit log's export keeps the seconds.
 */
const j = journeys();

const open = (user: User, path: string) => openPage(user, `${j.product.url}${path}`, { spinners: true });
const thisYear = () => Number(beijingDate(new Date()).slice(0, 4));

/** Saves the file a click on `button` downloads and opens it as a workbook. */
async function downloadWorkbook(page: Page, button: Locator) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  return { workbook, filename: download.suggestedFilename() };
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

describe.runIf(browserAvailable)('the dashboard on a phone', () => {
  it('stacks its charts one under another within the screen, and its 经费 card speaks of 元', async () => {
    const office = await j.as('office', 'phone');
    const { page } = office;
    // the figures counted now, not at the next hourly count after the start
    await office.send('POST', '/dashboard/refresh');
    await open(office, '/dashboard');
    await page.getByTestId('dashboard-funds').waitFor();
    // the charts (not the icons, which are images too)
    const charts = page.locator('main div[role="img"]');
    await expect.poll(() => charts.count()).toBeGreaterThanOrEqual(6);
    // ECharts draws after the layout: give the last resize its frame
    await page.waitForTimeout(500);
    const boxes: Box[] = [];
    for (const chart of await charts.all()) {
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      const scrolled = await page.evaluate(() => window.scrollY);
      boxes.push({ ...box, y: box.y + scrolled });
    }
    for (const [index, box] of boxes.entries()) {
      expect(box.x, `chart ${index} starts on the screen`).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `chart ${index} ends on the screen`).toBeLessThanOrEqual(360 + 0.5);
      for (const other of boxes.slice(index + 1)) {
        expect(overlap(box, other), `chart ${index} overlaps another`).toBe(false);
      }
    }
    for (const chart of await charts.all()) {
      const label = await chart.getAttribute('aria-label');
      const drawing = () =>
        chart.evaluate((el) => {
          const svg = el.querySelector('svg');
          const texts = Array.from(el.querySelectorAll('svg text'))
            .map((text) => {
              const r = text.getBoundingClientRect();
              return {
                text: text.textContent ?? '',
                // a paged legend's entries are clipped to its strip
                legend: text.closest('[clip-path]') !== null,
                x: r.x,
                y: r.y,
                width: r.width,
                height: r.height,
              };
            })
            .filter((text) => text.width > 0 && text.text.trim() !== '');
          return {
            width: svg?.getBoundingClientRect().width ?? 0,
            own: el.getBoundingClientRect().width,
            texts,
          };
        });
      await expect
        .poll(async () => (await drawing()).texts.length, { message: `${label}: its words` })
        .toBeGreaterThan(1);
      const drawn = await drawing();
      // the drawing is as wide as its box (not left at the width it had before stacking)
      expect(Math.abs(drawn.width - drawn.own), `${label}: drawn at its width`).toBeLessThanOrEqual(1);
      // no word of a chart (a legend entry, an axis label, a bar's figure) is drawn over another;
      // a legend entry cut off at the pager's arrows is not drawn over them
      const pager = (text: { text: string }) => /^\d+\/\d+$/.test(text.text);
      for (const [index, text] of drawn.texts.entries()) {
        for (const other of drawn.texts.slice(index + 1)) {
          if ((text.legend && pager(other)) || (other.legend && pager(text))) continue;
          expect(overlap(text, other), `${label}: “${text.text}” over “${other.text}”`).toBe(false);
        }
      }
    }
    await expectNoSidewaysScroll(page, 'the dashboard on a phone');
    const funds = page.getByTestId('dashboard-funds');
    await expect.poll(() => funds.textContent()).toMatch(/单位为元/);
    expect(await funds.textContent()).not.toMatch(/单位为分/);
    await page.evaluate(() => window.scrollTo(0, 0));
    await office.shot('trial-office-dashboard-phone');
  });
});

describe.runIf(browserAvailable)('the dashboard’s Excel', () => {
  it('has Chinese headings, quarters in words, amounts in 元 and counts as numbers', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    const year = thisYear();
    await open(office, `/dashboard?year=${year}`);
    const d = await office.get<{
      compliance: {
        quarter: string;
        operating: number;
        previousQuarter: { quarter: string; missed: number };
      };
      funds: { allocatedFen: number; spentFen: number; pendingFen: number };
      definitions: Record<string, string>;
    }>(`/dashboard?year=${year}`);
    const { workbook, filename } = await downloadWorkbook(
      page,
      page.getByTestId('dashboard-funds').getByRole('link', { name: /数据/ }),
    );
    expect(filename).toBe(`${year}年度工作看板.xlsx`);
    const about = workbook.getWorksheet('说明')!;
    const topics: string[] = [];
    about.eachRow((row, number) => {
      if (number > 3) topics.push(String(row.getCell(1).value));
    });
    expect(topics.length).toBe(Object.keys(d.definitions).length);
    for (const topic of topics) expect(topic).toMatch(/^[\u4e00-\u9fa5（）]+$/);
    for (const sheet of workbook.worksheets) {
      sheet.getRow(3).eachCell((cell) => expect(String(cell.value)).not.toMatch(/[A-Za-z]{3,}/));
    }

    const quarters = workbook.getWorksheet('季度开展')!;
    const [qYear, q] = d.compliance.quarter.split('-Q').map(Number);
    expect(quarters.getCell('A4').value).toBe(yearQuarterName(qYear!, q!));
    expect(quarters.getCell('A4').value).toMatch(/^\d{4}年第[一二三四]季度$/);
    expect(quarters.getCell('A5').value).not.toMatch(/Q/);
    expect(quarters.getCell('B4').type).toBe(ExcelJS.ValueType.Number);
    expect(quarters.getCell('B4').value).toBe(d.compliance.operating);
    expect(quarters.getCell('F5').value).toBe(d.compliance.previousQuarter.missed);

    const funds = workbook.getWorksheet('经费')!;
    expect(funds.getCell('A3').value).toBe('拨款（元）');
    const amounts = [d.funds.allocatedFen, d.funds.spentFen, d.funds.pendingFen];
    for (const [index, fen] of amounts.entries()) {
      const cell = funds.getRow(4).getCell(index + 1);
      expect(cell.type).toBe(ExcelJS.ValueType.Number);
      expect(cell.value).toBe(fen / 100);
      expect(cell.numFmt).toBe('#,##0.00');
    }
    expect(amounts[0]).toBeGreaterThan(0);
    expect(funds.getCell('A1').value).toMatch(/单位为元/);

    const homes = workbook.getWorksheet('委员之家')!;
    expect(homes.getCell('C4').type).toBe(ExcelJS.ValueType.Number);
  });
});

describe.runIf(browserAvailable)('a closed year’s summary', () => {
  it('offers no 填写 and says why; this year’s still does', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    const last = thisYear() - 1;
    const homes = await office.get<{ items: Array<{ id: string; status: string }> }>(
      '/homes?status=operating&pageSize=200',
    );
    let homeId: string | undefined;
    for (const home of homes.items) {
      const detail = await office.get<{ documents: { summaries: number[] } }>(`/homes/${home.id}`);
      if (!detail.documents.summaries.includes(last)) {
        homeId = home.id;
        break;
      }
    }
    expect(homeId, `a demo home without a ${last} summary`).toBeDefined();
    const window = await office.get<{ year: number; open: boolean; allowedActions: string[] }>(
      `/homes/${homeId}/summaries/${last}/window`,
    );
    expect(window).toMatchObject({ year: last, open: false, allowedActions: [] });

    await open(office, `/homes/${homeId}?tab=summary&year=${last}`);
    await page.getByText(`尚未提交${last}年度工作总结`).waitFor();
    await page.getByText('该年度已结束，不能再填写').waitFor();
    expect(await page.getByRole('button', { name: /填写年度总结|修改/ }).count()).toBe(0);
    await office.shot('trial-office-summary-closed-year');

    await open(office, `/homes/${homeId}?tab=summary&year=${thisYear()}`);
    await page.getByRole('button', { name: '填写年度总结' }).waitFor();
    expect(await page.getByText('该年度已结束，不能再填写').count()).toBe(0);
  });
});

describe.runIf(browserAvailable)('the user list on a phone', () => {
  it('shows every username, with no column fixed over it (the security administrator)', async () => {
    const security = await j.as('security', 'phone');
    const { page } = security;
    await open(security, '/admin/users');
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBeGreaterThan(3);
    expect(await page.locator('.ant-table [class*="-cell-fix"]').count()).toBe(0);
    // what lies on top of each username and name is that cell itself, wherever the table is scrolled
    const scroller = page.locator('.ant-table-content, .ant-table-body').first();
    for (const scrollLeft of [0, 60]) {
      await scroller.evaluate((el, left) => el.scrollTo(left, 0), scrollLeft);
      for (const row of (await rows.all()).slice(0, 6)) {
        for (const column of [0, 1]) {
          const cell = row.locator('td').nth(column);
          const text = (await cell.textContent())!.trim();
          expect(text.length).toBeGreaterThan(0);
          await cell.scrollIntoViewIfNeeded();
          const box = (await cell.boundingBox())!;
          const x = Math.max(box.x, 0) + 8;
          if (x > 352) continue; // scrolled out of sight to the left, not covered
          const onTop = await page.evaluate(
            ([px, py]) => document.elementFromPoint(px!, py!)?.closest('td')?.textContent?.trim() ?? null,
            [x, box.y + box.height / 2],
          );
          expect(onTop, `${text} is covered`).toBe(text);
        }
      }
    }
    await scroller.evaluate((el) => el.scrollTo(0, 0));
    await expectNoSidewaysScroll(page, 'the user list on a phone');
    await security.shot('trial-office-users-phone');
  });
});

describe.runIf(browserAvailable)('the compliance print says what the page says', () => {
  it('has the page’s title, columns in the same order and the quarters in the same words', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    const year = thisYear();
    await open(office, `/compliance?year=${year}`);
    const heading = page.getByTestId('compliance-title');
    await expect.poll(() => heading.textContent()).toBe(`${year}年度委员之家活动开展情况`);
    const headers = (await page.locator('.ant-table-thead th').allTextContents())
      .map((text) => text.replace(/截止.*$/, '').trim())
      .filter((text) => text && text !== '操作');
    expect(headers).toEqual([
      '委员之家',
      '所属单位',
      '所在地',
      '类型',
      '第一季度',
      '第二季度',
      '第三季度',
      '第四季度',
    ]);
    const report = await office.get<{
      rows: Array<{ name: string; quarters: Array<{ quarter: number; activities: number; state: string }> }>;
    }>(`/compliance?year=${year}`);
    const firstRow = page.locator('.ant-table-tbody tr.ant-table-row').first();
    const firstHome = (await firstRow.locator('td').first().textContent())!.trim();
    expect(firstHome).toBe(report.rows[0]!.name);
    // the page's cell: the state over the count; the print's: the same words on one line
    const cell = firstRow.locator('td').nth(4).locator('span');
    const words = [await cell.nth(0).textContent(), `${report.rows[0]!.quarters[0]!.activities} 次`];
    expect(await cell.nth(1).textContent()).toBe(words[1]);
    await office.shot('trial-office-compliance-page');

    const href = await page.getByRole('link', { name: /打\s*印/ }).getAttribute('href');
    const res = await page.request.get(new URL(href!, j.product.url).toString());
    expect(res.status()).toBe(200);
    const pdf = await res.body();
    fs.mkdirSync('e2e-screenshots', { recursive: true });
    fs.writeFileSync('e2e-screenshots/trial-office-compliance.pdf', pdf);
    const text = pdfFacts(pdf).text.replace(/\s+/g, ' ');
    expect(text).toContain(`${year}年度委员之家活动开展情况`);
    // the column headings, in the page's order, on one line of the print
    expect(text).toMatch(new RegExp(headers.join(' ')));
    expect(text).not.toContain('序号');
    expect(text).toContain(firstHome.slice(0, 8));
    expect(text).toContain(`${words[0]} ${words[1]}`);
  });
});

describe.runIf(browserAvailable)('the audit log’s export', () => {
  it('writes each time to the second, as a date cell reading the Beijing time the page shows', async () => {
    const auditor = await j.as('auditor', 'desktop');
    const { page } = auditor;
    await open(auditor, '/audit');
    const cells = await page
      .locator('.ant-table-tbody tr.ant-table-row')
      .first()
      .locator('td')
      .allTextContents();
    const firstTime = cells.map((text) => text.trim()).find((text) => /^\d{4}-/.test(text)) ?? '';
    expect(firstTime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const { workbook } = await downloadWorkbook(page, page.getByRole('button', { name: /导出/ }));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getCell('A1').value).toBe('时间');
    const times: string[] = [];
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      const cell = row.getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      // a date cell has no zone: it holds the Beijing clock's fields
      times.push((cell.value as Date).toISOString().slice(0, 19).replace('T', ' '));
    });
    expect(times.length).toBeGreaterThan(1);
    expect(times).toContain(firstTime);
  });
});
