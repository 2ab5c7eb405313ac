import { describe, expect, it } from 'vitest';
import type { HomeDetail } from '../src/web/api/types.js';
import { browserAvailable } from './browser.js';
import { directorHome, journeys, type User } from './journey.js';

/**
 * The signs a home hangs (R9), printed from its page: district staff at a desk open the outdoor
 * sign in both layouts, a director on a phone opens the indoor boards; each answers a PDF.
 */
const j = journeys();

interface Page_<T> {
  items: T[];
}

/**
 * Opens an item of the home page's 打印标牌 menu: the print opens in a new tab, and the address it
 * opens answers a PDF for the same session.
 */
async function openPrint(user: User, item: string, file: RegExp) {
  const { page } = user;
  await page.getByRole('button', { name: /打印标牌/ }).click();
  const link = page.getByRole('menuitem', { name: item });
  await link.waitFor();
  const [tab] = await Promise.all([user.context.waitForEvent('page'), link.click()]);
  await tab.waitForURL(file);
  const res = await page.request.get(tab.url());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
  await tab.close();
}

describe.runIf(browserAvailable)('a home’s signs printed from its page', () => {
  it('district staff at a desk open the outdoor sign, horizontal and vertical', async () => {
    const staff = await j.as('dongsheng', 'desktop');
    const [home] = (await staff.get<Page_<HomeDetail>>('/homes?status=operating&pageSize=1')).items;
    await staff.page.setViewportSize({ width: 1280, height: 860 });
    await staff.page.goto(`${j.product.url}/homes/${home!.id}`);
    await staff.page.getByRole('heading', { name: home!.name }).waitFor();
    await openPrint(staff, '标识牌（横式）', /\/plaque\.pdf\?layout=horizontal$/);
    await staff.shot('prints-home-desktop');
    await openPrint(staff, '标识牌（竖式）', /\/plaque\.pdf\?layout=vertical$/);
    await staff.close();
  });

  it('a director on a phone opens the indoor boards of their home', async () => {
    const director = await j.as('director', 'phone');
    const home = await directorHome(director);
    await director.page.goto(`${j.product.url}/homes/${home.id}`);
    await director.page.getByRole('heading', { name: home.name }).waitFor();
    await openPrint(director, '室内展板', /\/boards\.pdf$/);
    await director.shot('prints-home-phone');
    await director.close();
  });
});
