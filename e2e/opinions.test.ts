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

const DESKTOP = { viewport: { width: 1366, height: 900 } };

/** A title that would run script if any page rendered it as HTML. */
const HOSTILE_TITLE = '<img src=x onerror="window.__xss=1">';

async function signedIn(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(DESKTOP);
  const page = await context.newPage();
  await page.goto(`${product.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return { context, page };
}

async function api<T>(page: Page, path: string): Promise<T> {
  const response = await page.request.get(`${product.url}/api/v1${path}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as T;
}

/** One workflow step through the UI: the action's button, its form, and the dialog's confirm button. */
async function takeStep(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The hostile title made no element and ran nothing. */
async function expectNoScriptRan(page: Page) {
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
}

describe.runIf(browserAvailable)('a citizen’s opinion from paper to a public reply', () => {
  it('is entered by the office, accepted by the director, written up by a member, adopted and answered', async () => {
    // the home the `director` account leads; the `member` account belongs to it
    const { context: directorContext, page: director } = await signedIn('director');
    const directorMe = await api<{ user: { roles: { role: string; scopeId: string }[] } }>(
      director,
      '/auth/me',
    );
    const homeId = directorMe.user.roles.find((r) => r.role === 'home_director')!.scopeId;

    // 代录: the office enters an opinion received on paper and gets the citizen's tracking code
    const { context: officeContext, page: office } = await signedIn('office');
    const home = await api<{ name: string }>(office, `/homes/${homeId}`);
    await office.goto(`${product.url}/opinions/new`);
    const homeSelect = office.locator('#opinion_homeId');
    await homeSelect.click();
    await homeSelect.fill(home.name);
    await office.getByTitle(home.name, { exact: true }).click();
    await office.getByLabel('书面').check();
    await office.getByLabel('标题').fill(HOSTILE_TITLE);
    await office.getByLabel('反映内容').fill('小区门口的路灯坏了三个月。\n晚上出行很不方便。');
    await office.getByLabel('姓名').fill('端到端群众');
    await office.getByRole('button', { name: '保存' }).click();
    const code = office.getByText(/^\d{4}-\d{4}-\d{4}$/);
    await code.waitFor();
    const trackingCode = (await code.textContent())!.trim();
    await office.getByRole('button', { name: '查看详情' }).click();
    await office.waitForURL(/\/opinions\/[0-9a-f-]{36}$/);
    const opinionUrl = office.url();
    const opinionId = opinionUrl.split('/').pop()!;

    // the hostile title is shown as text on the detail page and in the list, and runs nothing
    await office.getByRole('heading', { name: HOSTILE_TITLE }).waitFor();
    await office.getByText('晚上出行很不方便。', { exact: false }).waitFor();
    await expectNoScriptRan(office);
    await office.goto(`${product.url}/opinions`);
    await office.getByRole('link', { name: HOSTILE_TITLE }).first().waitFor();
    await expectNoScriptRan(office);

    // the director accepts it and assigns the demo member
    const { context: memberContext, page: member } = await signedIn('member');
    const memberMe = await api<{ user: { memberId: string } }>(member, '/auth/me');
    const detail = await api<{ assignableMembers: { id: string; name: string; sector: string | null }[] }>(
      director,
      `/opinions/${opinionId}`,
    );
    const assignee = detail.assignableMembers.find((m) => m.id === memberMe.user.memberId)!;
    expect(assignee).toBeDefined();
    await director.goto(opinionUrl);
    await takeStep(director, '受理并指派委员', async (dialog) => {
      await dialog.getByLabel('承办委员').click();
      await director.getByTitle([assignee.name, assignee.sector].filter(Boolean).join(' · ')).click();
    });
    await director.getByText('已受理').first().waitFor();
    await expectNoScriptRan(director);

    // the member writes the 社情民意信息 and submits it to the office
    await member.goto(opinionUrl);
    await takeStep(member, '撰写社情民意信息', async (dialog) => {
      await dialog.getByLabel('反映人及单位').fill('市政协委员（端到端）');
      await dialog.getByLabel('情况问题').fill('某小区门口路灯损坏已三个月。');
      await dialog.getByLabel('原因分析').fill('维修责任不清。');
      await dialog.getByLabel('意见建议').fill('明确管养单位，限期修复。');
    });
    await member.getByRole('main').getByText('维修责任不清。').waitFor();
    await takeStep(member, '报送政协办公室', async () => {});
    await member.getByText('已报送政协').first().waitFor();

    // the office adopts it and answers the citizen publicly
    await office.goto(opinionUrl);
    await takeStep(office, '采用', async (dialog) => {
      await dialog.getByLabel('市级').check();
    });
    await office.getByText('已采用').first().waitFor();
    await takeStep(office, '答复群众', async (dialog) => {
      await dialog.getByLabel('答复内容').fill('已交由街道办事处修复路灯。');
      expect(await dialog.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    });
    await office.getByText('已答复').first().waitFor();
    await expectNoScriptRan(office);

    // the citizen looks the code up without signing in and sees the reply
    const tracked = await fetch(`${product.url}/api/v1/public/opinions/${trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(await tracked.json()).toMatchObject({
      trackingCode,
      title: HOSTILE_TITLE,
      status: 'replied',
      reply: '已交由街道办事处修复路灯。',
    });

    await Promise.all([directorContext.close(), memberContext.close(), officeContext.close()]);
  });
});
