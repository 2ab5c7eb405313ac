import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';
import { choose } from './journey.js';

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

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };

describe.runIf(browserAvailable)('a citizen’s opinion from a phone to a public reply', () => {
  it('is sent from the portal, accepted by the director, written up by a member, adopted and answered', async () => {
    // the home the `director` account leads; the `member` account belongs to it
    const { context: directorContext, page: director } = await signedIn('director');
    const directorMe = await api<{ user: { roles: { role: string; scopeId: string }[] } }>(
      director,
      '/auth/me',
    );
    const homeId = directorMe.user.roles.find((r) => r.role === 'home_director')!.scopeId;

    // a citizen on a phone opens the home's public page and sends an opinion with a hostile title
    const citizenContext = await browser.newContext(PHONE);
    const citizen = await citizenContext.newPage();
    await citizen.goto(`${product.url}/portal/homes/${homeId}`);
    await citizen.getByRole('link', { name: '反映意见' }).first().click();
    await citizen.getByLabel('标题').fill(HOSTILE_TITLE);
    await citizen.getByLabel('具体内容').fill('小区门口的路灯坏了三个月。\n晚上出行很不方便。');
    await citizen.getByLabel('姓名（选填）').fill('端到端群众');
    await citizen.getByLabel('联系电话（选填）').fill('13900009999');
    // a phone without the consent is refused, and nothing typed is lost
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByText('请勾选下方', { exact: false }).first().waitFor();
    expect(await citizen.getByLabel('标题').inputValue()).toBe(HOSTILE_TITLE);
    await citizen.getByLabel('同意工作人员通过此电话与我联系').check();
    await citizen.getByRole('button', { name: '提交意见' }).click();
    await citizen.getByRole('heading', { name: '意见已提交' }).waitFor();
    const trackingCode = (await citizen.locator('output.code-box').textContent())!.trim();
    expect(trackingCode).toMatch(/^\d{4}-\d{4}-\d{4}$/);

    // the office finds it by the code; the hostile title is text on the detail page and in the list
    const { context: officeContext, page: office } = await signedIn('office');
    const found = await api<{ items: { id: string }[] }>(office, `/opinions?q=${trackingCode}`);
    const opinionId = found.items[0]!.id;
    const opinionUrl = `${product.url}/opinions/${opinionId}`;
    await office.goto(opinionUrl);
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
      await choose(
        director,
        dialog.getByLabel('承办委员'),
        [assignee.name, assignee.sector].filter(Boolean).join(' · '),
      );
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

    // the citizen follows the code on the phone: the reply, the title as text, no personal data
    await citizen.goto(`${product.url}/portal/track/${trackingCode}`);
    await citizen.getByText('已交由街道办事处修复路灯。').waitFor();
    await citizen.getByRole('heading', { name: HOSTILE_TITLE }).waitFor();
    await expectNoScriptRan(citizen);
    const html = await citizen.content();
    expect(html).not.toContain('端到端群众');
    expect(html).not.toContain('13900009999');

    // 代录: staff can also enter one received on paper, and the citizen gets a code
    const home = await api<{ name: string }>(office, `/homes/${homeId}`);
    await office.goto(`${product.url}/opinions/new`);
    const homeSelect = office.locator('#opinion_homeId');
    await homeSelect.click();
    await homeSelect.fill(home.name);
    await office.getByTitle(home.name, { exact: true }).click();
    await office.getByLabel('书面').check();
    await office.getByLabel('标题').fill('来信：社区需要老年食堂');
    await office.getByLabel('反映内容').fill('希望社区开办老年助餐点。');
    await office.getByRole('button', { name: '保存' }).click();
    await office.getByText(/^\d{4}-\d{4}-\d{4}$/).waitFor();

    await Promise.all([
      directorContext.close(),
      memberContext.close(),
      officeContext.close(),
      citizenContext.close(),
    ]);
  });
});
