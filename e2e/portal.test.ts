import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';

let product: Product;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  product = await startProduct({ ADMIN_PASSWORD: 'e2e-admin-2026', SEED_DEMO: 'true' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const rootFontSize = (page: Page) =>
  page.evaluate(() => Number.parseFloat(getComputedStyle(document.documentElement).fontSize));

describe.runIf(browserAvailable)('the public portal on a phone', () => {
  it('finds a home and opens its page, at 360 px, with large text', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(r.url());
    });
    await page.goto(`${product.url}/portal/`);
    await page.getByRole('heading', { level: 1, name: '查找委员之家' }).waitFor();
    const card = page.getByTestId('home-card').first();
    await card.waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // the light bundle: no admin UI, no antd, no router of the admin UI
    expect(scripts.filter((url) => /admin-|router-vendor|antd/.test(url))).toEqual([]);

    // every control in the header is a comfortable touch target
    const controls = page.locator('header a, header button');
    expect(await controls.count()).toBeGreaterThanOrEqual(2);
    for (const control of await controls.all()) {
      expect((await control.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    }

    const name = (await card.getByRole('link').textContent())!;
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(page.url()).toMatch(/\/portal\/homes\//);
    await page.getByRole('link', { name: '反映意见', exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 大字: the root font grows, survives a reload, and the page still fits the phone
    const normal = await rootFontSize(page);
    const largeText = page.getByRole('button', { name: '大字' });
    await largeText.click();
    expect(await largeText.getAttribute('aria-pressed')).toBe('true');
    expect(await rootFontSize(page)).toBeGreaterThanOrEqual(normal * 1.2);
    await page.reload();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    expect(await rootFontSize(page)).toBeGreaterThanOrEqual(normal * 1.2);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: '大字' }).click();
    expect(await rootFontSize(page)).toBe(normal);

    // the commendations, from the footer: a touch-sized link, and the demo's one published round
    const commendations = page.getByRole('link', { name: '年度表彰' });
    expect((await commendations.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await commendations.click();
    await page.getByRole('heading', { level: 1, name: '年度表彰' }).waitFor();
    await page.getByRole('heading', { level: 2, name: /东胜区政协 · \d{4} 年度/ }).waitFor();
    await page.getByRole('heading', { level: 3, name: '受表彰的委员之家' }).waitFor();
    expect(await page.getByText('尚无已公布的表彰').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();
  });

  it('serves the portal at /portal and its deep links, and the admin UI elsewhere', async () => {
    for (const path of ['/portal', '/portal/track/1234-5678-9012']) {
      const res = await fetch(`${product.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/assets\/portal-/);
    }
    const admin = await (await fetch(`${product.url}/portal-x`)).text();
    expect(admin).not.toMatch(/assets\/portal-/);
  });
});
