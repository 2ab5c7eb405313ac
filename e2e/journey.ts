import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { beijingDateTime } from '../src/domain/calendar.js';
import type { HomeDetail } from '../src/web/api/types.js';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';

/** The viewports a journey runs on: an office desktop and a cheap 360-px phone. */
export const DEVICES = {
  desktop: { viewport: { width: 1366, height: 860 } },
  phone: { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
} as const;
export type Device = keyof typeof DEVICES;

/** Every demo account signs in with this password (src/db/seed/demo-users.ts). */
export const DEMO_PASSWORD = 'demo2026';

/** Screenshots of journeys land here for a person to look at (not committed). */
export const SHOTS = path.resolve(import.meta.dirname, '..', 'e2e-screenshots');

/** One signed-in person in their own browser context, with the API at hand through their session. */
export interface User {
  context: BrowserContext;
  page: Page;
  /** GET of /api/v1<path> with this user's session, parsed; throws on a non-2xx answer. */
  get<T = unknown>(apiPath: string): Promise<T>;
  /** A write to /api/v1<path> with this user's session and CSRF token; throws on a non-2xx answer. */
  send<T = unknown>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', apiPath: string, data?: unknown): Promise<T>;
  /** The user's session as /auth/me answers it. */
  me: { user: { id: string; memberId: string | null; roles: { role: string; scopeId: string | null }[] } };
  /** Saves a screenshot of the page under e2e-screenshots/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface Journeys {
  readonly product: Product;
  readonly browser: Browser;
  /**
   * Signs in as a demo account (office, dongsheng, wushen, committee, vicechair, director, member,
   * admin…); `context` adds browser context options (e.g. another `timezoneId`).
   */
  as(username: string, device?: Device, password?: string, context?: BrowserContextOptions): Promise<User>;
  /** A citizen on the public side: no session. */
  anonymous(device?: Device): Promise<{ context: BrowserContext; page: Page }>;
}

/**
 * Starts the product with demo data and Chromium once for a test file, and hands out signed-in
 * users on a desktop or phone viewport. Contexts left open are closed at the end.
 */
export function journeys(env: Record<string, string> = {}): Journeys {
  let product: Product;
  let browser: Browser;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    if (!browserAvailable) return;
    product = await startProduct({ ADMIN_PASSWORD: 'e2e-admin-2026', SEED_DEMO: 'true', ...env });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await Promise.all(open.map((c) => c.close().catch(() => {})));
    await browser?.close();
    await product?.stop();
  });

  async function newContext(device: Device, options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ ...DEVICES[device], locale: 'zh-CN', ...options });
    open.push(context);
    return context;
  }

  return {
    get product() {
      return product;
    },
    get browser() {
      return browser;
    },
    async anonymous(device = 'phone') {
      const context = await newContext(device);
      return { context, page: await context.newPage() };
    },
    async as(username, device = 'desktop', password = DEMO_PASSWORD, options = {}) {
      const context = await newContext(device, options);
      const page = await context.newPage();
      await page.goto(`${product.url}/login`);
      await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      const base = `${product.url}/api/v1`;
      const me = await (await page.request.get(`${base}/auth/me`)).json();
      const check = async <T>(res: Awaited<ReturnType<Page['request']['get']>>, what: string): Promise<T> => {
        if (!res.ok()) throw new Error(`${what} → ${res.status()} ${await res.text()}`);
        return (res.status() === 204 ? undefined : await res.json()) as T;
      };
      return {
        context,
        page,
        me,
        get: async <T>(apiPath: string) =>
          check<T>(await page.request.get(`${base}${apiPath}`), `GET ${apiPath}`),
        send: async (method, apiPath, data) =>
          check(
            await page.request.fetch(`${base}${apiPath}`, {
              method,
              headers: { 'x-csrf-token': me.csrfToken },
              ...(data === undefined ? {} : { data }),
            }),
            `${method} ${apiPath}`,
          ),
        shot: async (name) => {
          fs.mkdirSync(SHOTS, { recursive: true });
          await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
        },
        close: () => context.close(),
      };
    },
  };
}

/** The home the `director` demo account leads, as the server shows it to them. */
export async function directorHome(director: User): Promise<HomeDetail> {
  const homeId = director.me.user.roles.find((r) => r.role === 'home_director')!.scopeId!;
  return director.get<HomeDetail>(`/homes/${homeId}`);
}

/** The open dialog (antd Modal or Drawer). */
export const dialogOf = (page: Page) => page.getByRole('dialog').last();

/**
 * Takes one workflow step through the UI: the action's button, its form filled by `fill`, and the
 * dialog's button of the same name (or `confirm`); waits for the dialog to close.
 */
export async function takeStep(
  page: Page,
  action: string,
  fill: (dialog: Locator) => Promise<void> = async () => {},
  confirm: string | RegExp = action,
) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = dialogOf(page);
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: confirm, exact: typeof confirm === 'string' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Types into an antd date or time picker and confirms it. */
export async function typeDate(scope: Page | Locator, label: string, value: string) {
  const input = scope.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Opens an antd Select by its label and picks the option with that title (typing to search first). */
export async function pick(
  page: Page,
  scope: Page | Locator,
  label: string,
  option: string,
  search?: string,
) {
  await choose(page, scope.getByLabel(label), option, search);
}

/** Picks an option of the antd Select `select` (typing `search` first), as `pick` does by its label. */
export async function choose(page: Page, select: Locator, option: string, search?: string) {
  await select.click();
  if (search !== undefined) await select.fill(search);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.getByTitle(option, { exact: true }).first().click();
  // A click that landed while the list re-rendered (its options loading) chose nothing: choose again.
  if (await select.evaluate((el) => el.closest('.ant-select-multiple') !== null)) {
    // a multiple choice shows the option as a tag; clicking a chosen option again would unchoose it
    const tag = select
      .locator('xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]')
      .locator(`.ant-select-selection-item[title="${option}"]`);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await tag.waitFor({ timeout: 3_000 });
        return;
      } catch {
        await select.click();
        if (search !== undefined) await select.fill(search);
        await dropdown.getByTitle(option, { exact: true }).first().click();
      }
    }
    await tag.waitFor();
    return;
  }
  // A single choice closes the list; one that left it open over the dialog chose nothing.
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await dropdown.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch {
      // still open on a busy machine: closing with the choice made (gone by now), or open over
      // the dialog, the choice not made (click it again; an option closing away takes no click)
      if ((await dropdown.count()) === 0) return;
      await dropdown
        .getByTitle(option, { exact: true })
        .first()
        .click({ timeout: 5_000 })
        .catch(() => undefined);
    }
  }
  await dropdown.waitFor({ state: 'hidden' });
}

/** An instant as the date-time pickers show and take it: Beijing time, whatever the browser's zone. */
export const pickerTime = (date: Date): string => beijingDateTime(date);

/** Waits for an antd success message with that text (or any). */
export async function saved(page: Page, text: string | RegExp = /成功|已保存/) {
  await page.locator('.ant-message-success').filter({ hasText: text }).first().waitFor();
}

/**
 * Waits for the antd success message with that text, or fails at once with what the form or the
 * server said instead (a field's error, the form's error list, an error message).
 */
export async function outcome(page: Page, success: string | RegExp, what: string) {
  const ok = page.locator('.ant-message-success').filter({ hasText: success }).first();
  const refused = page
    .locator('.ant-alert-error, .ant-form-item-explain-error, .ant-message-error')
    .filter({ hasText: /\S/ })
    .first();
  await ok.or(refused).waitFor();
  if (await refused.isVisible()) throw new Error(`${what} refused: ${await refused.textContent()}`);
}

/** The status tag next to a detail page's title. */
export const headerTag = (page: Page) =>
  page
    .locator('h2')
    .first()
    .locator('xpath=following-sibling::*[1]/descendant-or-self::*[contains(@class, "ant-tag")]')
    .first();

/** An antd Card by its title (exactly that title). */
export const card = (scope: Page | Locator, title: string) =>
  scope.locator('.ant-card', {
    has: scope.locator('.ant-card-head-title', { hasText: new RegExp(`^${title}$`) }),
  });

/** The value a bordered antd Descriptions shows next to a label (exactly that label). */
export const fact = (scope: Page | Locator, label: string) =>
  scope
    .locator('th.ant-descriptions-item-label')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .first()
    .locator('xpath=following-sibling::td[1]');

/**
 * After a form page's 保存: waits for the page it leads to (its URL), or fails at once with what
 * the form or the server said instead.
 */
export async function arrived(page: Page, url: RegExp, what: string) {
  const refused = page
    .locator('.ant-alert-error, .ant-form-item-explain-error, .ant-message-error')
    .filter({ hasText: /\S/ })
    .first();
  const done = page.waitForURL(url).then(() => 'arrived' as const);
  done.catch(() => {});
  const failed = refused.waitFor().then(
    () => 'refused' as const,
    () => 'gone' as const,
  );
  const first = await Promise.race([done, failed]);
  if (first === 'refused') throw new Error(`${what} refused: ${await refused.textContent()}`);
  await done;
}

/**
 * Fails unless `scope` (a dialog, a drawer, a page's content) lies within the viewport's width and
 * the page does not scroll sideways: what a 360-px phone needs.
 */
export async function expectFits(page: Page, scope: Locator, what: string) {
  const width = page.viewportSize()!.width;
  await scope.waitFor();
  // once it has stopped moving (a drawer slides in, a dialog zooms in)
  let box = await scope.boundingBox();
  for (let tries = 0; tries < 50; tries++) {
    await page.waitForTimeout(100);
    const next = await scope.boundingBox();
    const same = next && box && ['x', 'y', 'width', 'height'].every((k) => next[k as 'x'] === box![k as 'x']);
    box = next;
    if (same) break;
  }
  if (!box) throw new Error(`${what}: not shown`);
  if (box.x < -1 || box.x + box.width > width + 1) {
    throw new Error(
      `${what} spans ${Math.round(box.x)}–${Math.round(box.x + box.width)} px of a ${width}-px screen`,
    );
  }
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  if (scrollWidth > width)
    throw new Error(`${what}: the page is ${scrollWidth} px wide on a ${width}-px screen`);
}

/**
 * Clicks a dialog's button and waits for the dialog to close. A click that lands while the dialog
 * still zooms in can miss; the button ignores clicks while its request is under way, so it is
 * clicked again when the dialog is still open after a while.
 */
export async function clickAndClose(dialog: Locator, button: Locator) {
  await button.click();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
      return;
    } catch {
      if (await button.isVisible()) await button.click();
    }
  }
  await dialog.waitFor({ state: 'hidden' });
}

/** The page is no wider than the screen: nothing scrolls sideways. */
export async function expectNoSidewaysScroll(page: Page, what: string) {
  const width = page.viewportSize()!.width;
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth), { message: what })
    .toBeLessThanOrEqual(width);
}

/**
 * Opens `url` and waits for the page's content and for no 加载中 left; `spinners` waits for
 * antd's spinners to stop too.
 */
export async function openPage(user: User, url: string, { spinners = false } = {}) {
  await user.page.goto(url);
  await user.page.locator('main, .ant-layout-content, .print-sheet, .checkin-sheet').first().waitFor();
  await expect.poll(() => user.page.getByText('加载中').count()).toBe(0);
  if (spinners) await expect.poll(() => user.page.locator('.ant-spin-spinning').count()).toBe(0);
}

/**
 * The fonts Chromium renders every `[lang^=mn]` element's own text with (CDP
 * `CSS.getPlatformFontsForNode`), with whether each is a web font: a Mongolian text shaped by any
 * font but the product's loses its joins (MONGOLIAN.md).
 */
export async function mongolianFonts(
  page: Page,
  selector = '[lang^=mn]',
): Promise<{ family: string; custom: boolean }[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector,
    });
    const fonts = new Map<string, { family: string; custom: boolean }>();
    for (const nodeId of nodeIds) {
      const found = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const font of found.fonts) {
        fonts.set(`${font.familyName}:${font.isCustomFont}`, {
          family: font.familyName,
          custom: font.isCustomFont,
        });
      }
    }
    return [...fonts.values()];
  } finally {
    await cdp.detach();
  }
}

/**
 * Marks (data-mn-text) the elements inside `[lang^=mn]` whose own text is Mongolian only (letters,
 * controls, spaces): on a page in Mongolian whose strings fall back to Chinese here and there, those
 * are the ones that must be set in the product's font and no other. Answers how many there are.
 */
export function markMongolianText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let count = 0;
    for (const element of document.querySelectorAll('[lang^=mn], [lang^=mn] *')) {
      const own = [...element.childNodes]
        .filter((node) => node.nodeType === Node.TEXT_NODE)
        .map((node) => node.textContent ?? '')
        .join('');
      if (/[\u1820-\u18AA]/u.test(own) && /^(?:[\u1800-\u18AF\u202F\s]|\u200C|\u200D)+$/u.test(own)) {
        element.setAttribute('data-mn-text', '');
        count += 1;
      }
    }
    return count;
  });
}
