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

const WAIT = { timeout: 30_000 };

async function signedIn(username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${product.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor(WAIT);
  return page;
}

/** One of the homes the signed-in user may see, through the API with the page's session. */
async function firstHomeId(page: Page): Promise<string> {
  // one with no money yet (the demo year gives some homes a ledger), so the balance is ours alone
  return page.evaluate(async () => {
    const get = async <T>(url: string) =>
      (await (await fetch(url, { headers: { accept: 'application/json' } })).json()) as T;
    const homes = await get<{ items: { id: string }[] }>('/api/v1/homes?status=operating&pageSize=200');
    for (const home of homes.items) {
      const ledger = await get<{ entries: unknown[] }>(`/api/v1/homes/${home.id}/funds`);
      if (ledger.entries.length === 0) return home.id;
    }
    throw new Error('every home has a ledger');
  });
}

describe.runIf(browserAvailable)('duty funds and the dashboard of a district', () => {
  it('allocates to a home, records an expenditure, shows the balance, then the district’s dashboard', async () => {
    const page = await signedIn('dongsheng');
    const homeId = await firstHomeId(page);

    // 经费 tab of a Dongsheng home: 拨款 1000.00, then 登记支出 250.50
    await page.goto(`${product.url}/homes/${homeId}?tab=funds`);
    await page.getByRole('button', { name: '拨款', exact: true }).click();
    const allocation = page.getByRole('dialog');
    await allocation.getByLabel('金额（元）').fill('1000.00');
    await allocation.getByLabel('说明').fill('端到端：年度履职经费');
    await allocation.getByRole('button', { name: '拨款', exact: true }).click();
    await allocation.waitFor({ state: 'hidden', ...WAIT });
    await page.getByTestId('funds-balance').getByText('1,000.00').waitFor(WAIT);

    await page.getByRole('button', { name: '登记支出', exact: true }).click();
    const expenditure = page.getByRole('dialog');
    await expenditure.getByLabel('金额（元）').fill('250.50');
    await expenditure.getByLabel('用途').fill('端到端：协商议事会茶歇');
    await expenditure.getByRole('button', { name: '登记支出', exact: true }).click();
    await expenditure.waitFor({ state: 'hidden', ...WAIT });
    await page.getByTestId('funds-balance').getByText('749.50').waitFor(WAIT);
    expect(await page.getByTestId('funds-spent').textContent()).toContain('250.50');

    // 工作看板: the district's own figures, named by its unit
    await page.goto(`${product.url}/dashboard`);
    await page.getByTestId('dashboard-homes').waitFor(WAIT);
    await page.getByTestId('dashboard-scope').getByText('东胜区').waitFor(WAIT);

    await page.context().close();
  });
});
