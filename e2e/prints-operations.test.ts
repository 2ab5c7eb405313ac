import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HomeDetail } from '../src/web/api/types.js';
import { pdfFacts } from '../test/pdf.js';
import { browserAvailable } from './browser.js';
import { directorHome, expectFits, journeys, SHOTS, type User } from './journey.js';

/**
 * Printing what a home and an office hand out: the director prints the year's plan on a phone,
 * the district clerk the summary at a desk, the office the compliance report with the filters it
 * has chosen. Each 打印 opens the server's PDF in a new tab.
 */
const j = journeys();
const thisYear = new Date().getFullYear();

/** Clicks 打印 (after a screenshot); returns the PDF that answered in the new tab, read by poppler. */
async function print(user: User, page: Page, address: RegExp, shot: string) {
  const link = page.getByRole('link', { name: /打\s*印/ });
  await link.waitFor();
  if (page.viewportSize()!.width < 400) await expectFits(page, link, '打印');
  await user.shot(shot);
  expect(await link.getAttribute('target')).toBe('_blank');
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(address);
  const answered = user.context.waitForEvent('response', (res) => address.test(res.url()));
  await link.click();
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  // the same address with the same session, read whole
  const file = await page.request.get(new URL(href, page.url()).toString());
  expect(file.status()).toBe(200);
  const body = await file.body();
  // beside the screenshot, for a person to look at
  fs.writeFileSync(path.join(SHOTS, `${shot}.pdf`), body);
  return { href, pdf: pdfFacts(body) };
}

const words = (text: string) => text.replace(/\s+/g, '');

describe.runIf(browserAvailable)('printing plans, summaries and the compliance report', () => {
  let home: HomeDetail;

  it('the director prints this year’s plan from the plan tab on a 360-px phone', async () => {
    const director = await j.as('director', 'phone');
    home = await directorHome(director);
    const plan = await director
      .get<{ items: Array<{ title: string }> }>(`/homes/${home.id}/plans/${thisYear}`)
      .catch(() =>
        director.send<{ items: Array<{ title: string }> }>('PUT', `/homes/${home.id}/plans/${thisYear}`, {
          content: '围绕牧区养老开展协商议事。',
          items: [{ title: '牧区养老协商议事会', quarter: 2, kind: 'grassroots_consultation' }],
        }),
      );
    const { page } = director;
    await page.goto(`${j.product.url}/homes/${home.id}?tab=plan&year=${thisYear}`);
    const { pdf } = await print(director, page, new RegExp(`/plans/${thisYear}\\.pdf$`), 'print-plan-phone');
    expect(pdf).toMatchObject({ width: 210, height: 297 });
    const text = words(pdf.text);
    expect(text).toContain(`${thisYear}年度工作计划`);
    expect(text).toContain(words(home.name));
    if (plan.items[0]) expect(text).toContain(words(plan.items[0].title));
    await director.close();
  });

  it('the district clerk prints the summary at 1280 px', async () => {
    const clerk = await j.as('dongsheng');
    const { page } = clerk;
    await page.setViewportSize({ width: 1280, height: 860 });
    const homes = await clerk.get<{ items: HomeDetail[] }>('/homes?status=operating&pageSize=50');
    // a home of the district with a summary of last year or this one
    let found: { homeId: string; year: number } | undefined;
    for (const candidate of homes.items) {
      for (const year of [thisYear - 1, thisYear]) {
        const res = await page.request.get(`${j.product.url}/api/v1/homes/${candidate.id}/summaries/${year}`);
        if (res.ok()) found = { homeId: candidate.id, year };
        if (found) break;
      }
      if (found) break;
    }
    expect(found, 'a demo home of 东胜区 with a summary').toBeDefined();
    await page.goto(`${j.product.url}/homes/${found!.homeId}?tab=summary&year=${found!.year}`);
    const { pdf } = await print(
      clerk,
      page,
      new RegExp(`/summaries/${found!.year}\\.pdf$`),
      'print-summary-desktop',
    );
    expect(pdf).toMatchObject({ width: 210, height: 297 });
    const text = words(pdf.text);
    expect(text).toContain(`${found!.year}年度工作总结`);
    expect(text).toContain('有组织机构');
    await clerk.close();
  });

  for (const device of ['desktop', 'phone'] as const) {
    it(`the office prints the compliance report with the page’s filters (${device})`, async () => {
      const office = await j.as('office', device);
      const { page } = office;
      if (device === 'desktop') await page.setViewportSize({ width: 1280, height: 860 });
      const query = `year=${thisYear}&regionCode=150602&kind=township`;
      await page.goto(`${j.product.url}/compliance?${query}`);
      await page.locator('.ant-table-row').first().waitFor();
      const { href, pdf } = await print(office, page, /\/compliance\.pdf\?/, `print-compliance-${device}`);
      const params = new URL(href, page.url()).searchParams;
      expect(Object.fromEntries(params)).toEqual({
        year: String(thisYear),
        regionCode: '150602',
        kind: 'township',
      });
      expect(pdf).toMatchObject({ width: 297, height: 210 });
      const text = words(pdf.text);
      const report = await office.get<{ rows: Array<{ name: string }> }>(`/compliance?${query}`);
      expect(report.rows.length).toBeGreaterThan(0);
      expect(text).toContain(`共${report.rows.length}个委员之家`);
      // the shortest name: a long one wraps inside its cell
      const [shortest] = [...report.rows].sort((a, b) => a.name.length - b.name.length);
      expect(text).toContain(words(shortest!.name));
      expect(text).toContain('出具单位：政协鄂尔多斯市委员会办公室');
      await office.close();
    });
  }
});
