import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';

const ADMIN_PASSWORD = 'e2e-admin-2026';
let product: Product;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  product = await startProduct({ ADMIN_PASSWORD, SEED_DEMO: 'true' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

describe.runIf(browserAvailable)('signing in through the browser', () => {
  it('signs in, shows the shell with the 9 district CPPCCs and 8 sector groups, and signs out', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/`);
    await page.waitForURL(/\/login/);

    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('用户名或密码错误').waitFor();

    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await page.getByRole('banner').textContent()).toContain('系统管理员');

    const districts = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '旗区政协' }) });
    for (const name of ['东胜区政协', '康巴什区政协', '鄂托克前旗政协', '伊金霍洛旗政协']) {
      await districts.getByText(name, { exact: true }).waitFor();
    }
    const groups = page
      .locator('.ant-card')
      .filter({ has: page.getByRole('heading', { name: '界别活动组' }) });
    await groups.getByText('经济界别活动组').waitFor();

    // the administrator's menu offers user management and the audit log
    await page.getByRole('menuitem', { name: /用户管理/ }).click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByRole('cell', { name: 'office', exact: true }).waitFor();

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    const me = await page.request.get(`${product.url}/api/v1/auth/me`);
    expect(me.status()).toBe(401);
    await page.close();
  });

  it('shows a district clerk only what the role allows', async () => {
    const page = await browser.newPage();
    await page.goto(`${product.url}/login`);
    await page.getByLabel('用户名').fill('dongsheng');
    await page.getByLabel('密码').fill('demo2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(await page.getByRole('menuitem', { name: /用户管理/ }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /审计日志/ }).count()).toBe(0);
    await page.close();
  });
});
