import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';
import { SHOTS } from './journey.js';

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

/** The portal's script has taken over the page the server rendered (its switches answer now). */
const ready = (page: Page) => page.locator('html[data-portal-ready]').waitFor({ state: 'attached' });

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
    await ready(page);
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
    // the server renders the page at that size already, before its script
    expect(await rootFontSize(page)).toBeGreaterThanOrEqual(normal * 1.2);
    await ready(page);
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

  it('shows the homes before its script arrives, keeps what was typed meanwhile, and works without it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    // a slow line: every script arrives three seconds late
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/assets/*.js', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto(`${product.url}/portal/`, { waitUntil: 'commit' });
    await page.getByTestId('home-card').first().waitFor();
    expect(await page.locator('html[data-portal-ready]').count()).toBe(0);
    expect(await page.getByText(/^共 \d+ 个委员之家$/).count()).toBe(1);
    // the home's Chinese name, without the Mongolian one above it
    const target = await page
      .getByTestId('home-card')
      .nth(1)
      .getByRole('link')
      .evaluate((a) =>
        [...a.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent)
          .join(''),
      );
    await page.getByLabel('按名称搜索').fill(target);
    await page.screenshot({ path: path.join(SHOTS, 'portal-phone-before-script.png') });
    release();
    await ready(page);
    expect(await page.getByLabel('按名称搜索').inputValue()).toBe(target);
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\?q=/);
    await page.getByTestId('home-card').getByRole('link', { name: target }).first().waitFor();
    await page.close();

    // a browser that runs no script at all: search by name, open the home
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      javaScriptEnabled: false,
    });
    const bare = await context.newPage();
    await bare.goto(`${product.url}/portal/`);
    // (Chromium's switch turns scripts off but still parses <noscript> as if they ran: no notice here)
    await bare.getByLabel('按名称搜索').fill(target);
    await bare.getByRole('button', { name: '搜索' }).click();
    await bare.waitForURL(/\?q=/);
    await bare.getByTestId('home-card').getByRole('link', { name: target }).first().click();
    await bare.getByRole('heading', { level: 1, name: target }).waitFor();
    expect(await bare.title()).toBe(`${target} - 鄂尔多斯市政协委员之家`);
    expect(await bare.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await bare.screenshot({ path: path.join(SHOTS, 'portal-phone-no-script-home.png') });
    await context.close();
  });

  it('comes back from a home to the list as it was left: every page loaded, at the same place', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 } });
    await page.goto(`${product.url}/portal/`);
    await ready(page);
    await page.getByRole('button', { name: /^加载更多/ }).click();
    await expect.poll(() => page.getByTestId('home-card').count()).toBeGreaterThan(20);
    const loaded = await page.getByTestId('home-card').count();
    const card = page.getByTestId('home-card').nth(loaded - 1);
    await card.scrollIntoViewIfNeeded();
    const name = (await card.getByRole('link').textContent())!;
    await card.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '查找委员之家' }).waitFor();
    expect(await page.getByTestId('home-card').count()).toBe(loaded);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    expect(await page.getByTestId('home-card').getByRole('link', { name }).isVisible()).toBe(true);

    // the page's own back link keeps a search too
    await page.getByLabel(/名称/).first().fill('东胜');
    await page.getByLabel(/名称/).first().press('Enter');
    await page.waitForURL(/[?&]q=/);
    const found = page.getByTestId('home-card').first().getByRole('link');
    const foundName = (await found.textContent())!;
    await found.click();
    await page.getByRole('heading', { level: 1, name: foundName }).waitFor();
    await page.getByRole('link', { name: /返回委员之家列表/ }).click();
    await page.getByRole('heading', { level: 1, name: '查找委员之家' }).waitFor();
    expect(new URL(page.url()).searchParams.get('q')).toBe('东胜');
    expect(await page.getByLabel(/名称/).first().inputValue()).toBe('东胜');
    await page.close();
  });

  it('keeps a typed opinion on the phone, and sends it exactly once when the network is back', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    await page.goto(`${product.url}/portal/`);
    await ready(page);
    // the service worker keeps the portal for a weak signal
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.getByTestId('home-card').first().getByRole('link').click();
    await page.getByRole('link', { name: '反映意见', exact: true }).click();
    await page.getByLabel('标题').fill('牧道积雪无人清理');
    await page.getByLabel('具体内容').fill('冬季转场的牧道积雪很深，希望协调清理。');

    // a reload (or the browser closed) keeps what was typed
    await page.reload();
    await page.getByText('已恢复您上次没有提交的内容').waitFor();
    expect(await page.getByLabel('标题').inputValue()).toBe('牧道积雪无人清理');

    // the signal drops just as the opinion is sent: the server stores it, the phone never hears back
    let storedCode = '';
    await page.route('**/api/v1/public/opinions', async (route) => {
      const answer = await route.fetch();
      storedCode = ((await answer.json()) as { trackingCode: string }).trackingCode;
      await context.setOffline(true);
      await route.abort('internetdisconnected');
    });
    await page.getByRole('button', { name: '提交意见' }).click();
    await page.getByRole('heading', { level: 1, name: '意见已保存在本机' }).waitFor();
    await page.unroute('**/api/v1/public/opinions');
    expect(storedCode).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    await page.screenshot({ path: path.join(SHOTS, 'portal-phone-opinion-kept.png') });

    // still offline, the portal opens from the phone and says what waits
    await page.reload();
    await page.getByText('有 1 条意见保存在这部手机上').waitFor();
    // a page never opened before comes up too, drawn by the script on the kept bare page
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${product.url}/portal/track`);
    await page.getByRole('heading', { level: 1, name: /查询/ }).waitFor();
    await page.getByText('有 1 条意见保存在这部手机上').waitFor();
    expect(errors).toEqual([]);

    // back online: it goes out by itself, and the code is the one the server gave the first time
    await context.setOffline(false);
    await page.getByText(/已发送。查询码/).waitFor({ timeout: 45_000 });
    expect(await page.locator('.outbox .code-inline').textContent()).toBe(storedCode);
    await page.screenshot({ path: path.join(SHOTS, 'portal-phone-opinion-sent.png') });
    const tracked = await fetch(`${product.url}/api/v1/public/opinions/${storedCode}`);
    expect(tracked.status).toBe(200);
    expect(((await tracked.json()) as { title: string }).title).toBe('牧道积雪无人清理');

    // written down: the notice goes, and nothing waits any more
    await page.getByRole('button', { name: '我已记下' }).click();
    expect(await page.locator('.outbox').count()).toBe(0);
    expect(await page.evaluate(() => localStorage.getItem('portal.opinionOutbox'))).toBeNull();
    await context.close();
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
