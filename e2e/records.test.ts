import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** The member reads their record on a phone. */
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 900 } };
const WAIT = { timeout: 30_000 };

async function signedIn(username: string, options: object): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${product.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor(WAIT);
  return { context, page };
}

describe.runIf(browserAvailable)('a member’s duty record', () => {
  it('shows the member their points and entries, and carries a missing entry to the district staff', async () => {
    const description = `端到端：${Date.now()} 参加了社区协商议事，档案中没有`;

    // the demo member attended activities of this year: 我的履职档案 shows a total and entries
    const { context: memberContext, page: member } = await signedIn('member', PHONE);
    await member.goto(`${product.url}/me`);
    await member.getByRole('link', { name: '查看档案' }).click();
    await member.waitForURL(/\/me\/duty-record/);
    await member.getByText('总积分').waitFor(WAIT);
    await member.getByTestId('duty-entry').first().waitFor(WAIT);
    const total = await member.locator('.ant-statistic-content-value').first().textContent();
    expect(Number(total)).toBeGreaterThan(0);
    await member.getByTestId('duty-entry').filter({ hasText: '参加活动' }).first().waitFor(WAIT);

    // 反映遗漏: the flag appears on the record, waiting
    await member.getByRole('button', { name: '反映遗漏' }).click();
    const dialog = member.getByRole('dialog');
    await dialog.getByLabel('遗漏情况说明').fill(description);
    await dialog.getByRole('button', { name: '提交' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    const flag = member.getByTestId('duty-flag').filter({ hasText: description });
    await flag.getByText('待处理').waitFor(WAIT);

    // the district staff see it under 遗漏反映 and answer it
    const { context: staffContext, page: staff } = await signedIn('dongsheng', DESKTOP);
    await staff.goto(`${product.url}/duty-flags`);
    const row = staff.getByRole('row').filter({ hasText: description });
    await row.waitFor(WAIT);
    await row.getByRole('button', { name: '处理' }).click();
    const resolve = staff.getByRole('dialog');
    await resolve.getByLabel('处理意见').fill('已核实并补录。');
    await resolve.getByRole('button', { name: '处理' }).click();
    await resolve.waitFor({ state: 'hidden', ...WAIT });
    await row.getByText('已处理').waitFor(WAIT);

    // the member sees the answer
    await member.reload();
    await flag.getByText('处理意见：已核实并补录。').waitFor(WAIT);

    await Promise.all([memberContext.close(), staffContext.close()]);
  });
});
