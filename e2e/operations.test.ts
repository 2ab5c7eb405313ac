import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';
import { clickAndClose, pickerTime } from './journey.js';

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

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

async function phoneAs(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(`${product.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return { context, page };
}

async function typeInto(page: Page, label: string, value: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe.runIf(browserAvailable)('a quarter turns green', () => {
  it('a director on a phone creates an activity, a member checks in by its link, the compliance page shows the quarter met', async () => {
    const { context: directorContext, page: director } = await phoneAs('director');
    const me = await (await director.request.get(`${product.url}/api/v1/auth/me`)).json();
    const homeId = me.user.roles.find((r: { role: string }) => r.role === 'home_director').scopeId as string;

    // the compliance page before: this quarter has no held activity yet
    const { context: officeContext, page: office } = await phoneAs('office');
    const before = await (await office.request.get(`${product.url}/api/v1/homes/${homeId}/scorecard`)).json();
    const quarter = before.quarters.find(
      (q: { state: string }) => q.state === 'open' || q.state === 'at_risk',
    );
    expect(quarter?.activities).toBe(0);

    await director.goto(`${product.url}/activities/new?homeId=${homeId}`);
    await director.getByLabel('活动名称').fill('端到端政策宣讲会');
    await director.getByLabel('活动类型').click();
    await director.getByTitle('政策宣讲').click();
    const now = Date.now();
    await typeInto(director, '开始时间', pickerTime(new Date(now - 10 * 60_000)));
    await typeInto(director, '结束时间', pickerTime(new Date(now + 2 * 3600_000)));
    await director.getByLabel('地点').fill('委员之家会议室');
    await director.getByRole('button', { name: '保存' }).click();
    await director.waitForURL(/\/activities\/[0-9a-f-]{36}$/);
    const activityId = director.url().split('/').pop()!;
    const activity = await (
      await director.request.get(`${product.url}/api/v1/activities/${activityId}`)
    ).json();
    await director.getByText(activity.checkinCode, { exact: true }).first().waitFor();

    // a member without a camera opens /checkin on their phone, types the poster's code in small
    // letters, and checks in
    const { context: memberContext, page: member } = await phoneAs('member');
    await member.goto(`${product.url}/checkin`);
    await member.getByRole('button', { name: '下一步' }).click();
    await member.getByText('请输入签到码').waitFor();
    await member.getByLabel('签到码').fill(activity.checkinCode.toLowerCase());
    await expect.poll(() => member.getByLabel('签到码').inputValue()).toBe(activity.checkinCode);
    await member.screenshot({ path: 'e2e-screenshots/checkin-code-phone.png' });
    await member.getByRole('button', { name: '下一步' }).click();
    await member.waitForURL(new RegExp(`/checkin/${activity.checkinCode}$`));
    await member.getByRole('button', { name: '签到', exact: true }).click();
    await member.getByText('签到成功').waitFor();
    const memberMe = await (await member.request.get(`${product.url}/api/v1/auth/me`)).json();

    // the director records the activity as held, with the checked-in member among the attendees
    await director.reload();
    await director.getByRole('button', { name: '标记为已举办' }).first().click();
    const dialog = director.getByRole('dialog');
    await clickAndClose(dialog, dialog.getByRole('button', { name: '标记为已举办' }));
    const held = await (await director.request.get(`${product.url}/api/v1/activities/${activityId}`)).json();
    expect(held.status).toBe('held');
    expect(held.attendeeMemberIds).toContain(memberMe.user.memberId);

    // and the compliance page now shows the quarter as met for that home
    const home = await (await office.request.get(`${product.url}/api/v1/homes/${homeId}`)).json();
    await office.setViewportSize({ width: 1366, height: 900 });
    await office.goto(`${product.url}/compliance?regionCode=150602`);
    const row = office.locator('tr', { hasText: home.name });
    await row.first().waitFor();
    await row.first().getByText('已开展').first().waitFor();
    const after = await (await office.request.get(`${product.url}/api/v1/homes/${homeId}/scorecard`)).json();
    expect(after.quarters.find((q: { quarter: number }) => q.quarter === quarter.quarter)).toMatchObject({
      activities: 1,
      ok: true,
      state: 'met',
    });

    await Promise.all([directorContext.close(), memberContext.close(), officeContext.close()]);
  });
});
