import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar.js';
import { pdfFacts } from '../test/pdf.js';
import { browserAvailable } from './browser.js';
import {
  DEMO_PASSWORD,
  type Device,
  directorHome,
  expectNoSidewaysScroll,
  fact,
  journeys,
  openPage,
  SHOTS,
  type User,
} from './journey.js';

/**
 * The last findings of a clerk's day with the demo, each seen in the real UI: the desktop menu
 * scrolls in its own column and its collapse button covers no entry; the sign-in page and a home
 * without this year's summary log nothing in the console; an activity's attendance tells a
 * member's own check-in from the organiser's record; the demo has trainings, fund ledgers and last
 * year's published evaluation to try. (Its own product: trial-fixes.test.ts signs in as often as
 * the sign-in limit allows.)
 */
const j = journeys();

/** Opens a page of the product and waits for its content. */
const open = (user: User, path: string) => openPage(user, `${j.product.url}${path}`, { spinners: true });

/** What the window shows now (a full-page shot would resize the window, and with it the menu). */
async function windowShot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

describe.runIf(browserAvailable)('the desktop menu scrolls in its own column', () => {
  it('shows the last entry above the collapse button, on a short window and a long page', async () => {
    const office = await j.as('office', 'desktop', DEMO_PASSWORD, { viewport: { width: 1366, height: 600 } });
    const { page } = office;
    await open(office, '/homes');
    const nav = page.getByRole('navigation', { name: '导航菜单' });
    const toggle = page.getByRole('button', { name: '收起菜单' });
    await toggle.waitFor();
    // the office's menu is longer than the window: it scrolls inside its column, not with the page
    expect(await nav.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    await nav.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const last = nav.getByRole('menuitem').last();
    const entry = (await last.boundingBox())!;
    const button = (await toggle.boundingBox())!;
    expect(entry.y + entry.height).toBeLessThanOrEqual(button.y + 0.5);
    expect(button.y + button.height).toBeLessThanOrEqual(600 + 0.5);
    // the page scrolls, the menu and its button stay where they are
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    expect((await toggle.boundingBox())!.y).toBeCloseTo(button.y, 0);
    expect((await page.locator('.ant-layout-sider').boundingBox())!.y).toBeCloseTo(64, 0);
    await windowShot(page, 'trial-menu-scrolled-desktop');
    await toggle.click();
    const expand = page.getByRole('button', { name: '展开菜单' });
    await expect.poll(() => expand.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(async () => (await page.locator('.ant-layout-sider').boundingBox())!.width).toBe(64);
    await windowShot(page, 'trial-menu-collapsed-desktop');
    await expand.click();
    await expect.poll(async () => (await page.locator('.ant-layout-sider').boundingBox())!.width).toBe(208);
  });
});

describe.runIf(browserAvailable)('the console stays quiet', () => {
  /** Every error or warning the page logs, the browser's failed requests among them. */
  const logOf = (page: Page) => {
    const log: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') log.push(`${m.text()} ${m.location().url}`);
    });
    page.on('pageerror', (error) => log.push(String(error)));
    return log;
  };

  it.each(['desktop', 'phone'] as Device[])(
    'on the sign-in page, and on the summary tab of a home without this year’s summary (%s)',
    async (device) => {
      const { page } = await j.anonymous(device);
      const log = logOf(page);
      await page.goto(`${j.product.url}/login`);
      await page.getByLabel('用户名').waitFor();
      await page.waitForLoadState('networkidle');
      expect(log).toEqual([]);
      await page.getByLabel('用户名').fill('director');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByRole('button', { name: '退出登录' }).waitFor();
      const me = await (await page.request.get(`${j.product.url}/api/v1/auth/me`)).json();
      const homeId = me.user.roles.find((r: { role: string }) => r.role === 'home_director').scopeId;
      const year = Number(beijingDate(new Date()).slice(0, 4));
      await page.goto(`${j.product.url}/homes/${homeId}?tab=summary&year=${year}`);
      await page.getByText(`尚未提交${year}年度工作总结`).waitFor();
      await page.getByRole('button', { name: '填写年度总结' }).waitFor();
      await page.waitForLoadState('networkidle');
      await windowShot(page, `trial-summary-empty-${device}`);
      expect(log).toEqual([]);
      // signed out, the next visit to the sign-in page asks for no session either
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.getByLabel('用户名').waitFor();
      await page.reload();
      await page.getByLabel('用户名').waitFor();
      await page.waitForLoadState('networkidle');
      expect(log).toEqual([]);
    },
  );
});

describe.runIf(browserAvailable)('an activity’s attendance says how each was recorded', () => {
  it.each(['desktop', 'phone'] as Device[])('扫码签到 apart from 组织者登记 (%s)', async (device) => {
    const director = await j.as('director', device);
    const home = await directorHome(director);
    const held = await director.get<{
      items: Array<{ id: string; attendance: Array<{ memberId: string; source: string }> }>;
    }>(`/activities?homeId=${home.id}&status=held&pageSize=100`);
    const activity = held.items.find(
      (a) =>
        a.attendance.some((x) => x.source === 'checkin') && a.attendance.some((x) => x.source === 'manual'),
    )!;
    expect(activity, 'a demo activity with both kinds of attendance').toBeDefined();
    const names = new Map(home.members.map((m) => [m.id, m.name]));
    await open(director, `/activities/${activity.id}`);
    const cell = fact(director.page, '出勤委员');
    await cell.getByText(`${activity.attendance.length} 人`).waitFor();
    for (const [source, label] of [
      ['checkin', '扫码签到'],
      ['manual', '组织者登记'],
    ] as const) {
      const who = activity.attendance.filter((a) => a.source === source).map((a) => names.get(a.memberId));
      const line = cell.locator(`[data-source="${source}"]`);
      await expect.poll(() => line.textContent()).toBe(`${label} ${who.length}${who.join('、')}`);
    }
    await expectNoSidewaysScroll(director.page, 'the activity page');
    await director.shot(`trial-attendance-${device}`);
  });
});

describe.runIf(browserAvailable)('the demo has training, funds and last year’s published evaluation', () => {
  it.each(['desktop', 'phone'] as Device[])(
    'for the member, the district and its clerk (%s)',
    async (device) => {
      // the member finds the session open to them
      const member = await j.as('member', device);
      await open(member, '/trainings');
      const row = member.page
        .locator('.ant-table-row, .ant-list-item, .ant-card')
        .filter({ hasText: '委员履职平台操作培训' });
      await row.first().waitFor();
      await expect.poll(() => member.page.locator('.ant-spin-spinning').count()).toBe(0);
      await member.shot(`trial-demo-trainings-${device}`);

      // 东胜区政协 has an expenditure waiting and last year's round published, with its 通报
      const clerk = await j.as('dongsheng', device);
      await open(clerk, '/funds');
      const pending = clerk.page.locator('.ant-card', { hasText: '待我审批的支出' });
      await pending.getByText('购置会议室音响和投影设备').waitFor();
      await clerk.shot(`trial-demo-funds-${device}`);
      const year = Number(beijingDate(new Date()).slice(0, 4)) - 1;
      const rounds = await clerk.get<{ items: Array<{ id: string; status: string }> }>(
        `/evaluation-rounds?year=${year}`,
      );
      expect(rounds.items.map((r) => r.status)).toEqual(['published']);
      await open(clerk, `/evaluation/${rounds.items[0]!.id}`);
      const notice = clerk.page.getByRole('link', { name: /打印通报/ });
      const href = new URL((await notice.getAttribute('href'))!, j.product.url).toString();
      const res = await clerk.page.request.get(href);
      expect([res.status(), res.headers()['content-type']]).toEqual([200, 'application/pdf']);
      const text = pdfFacts(await res.body()).text.replace(/\s+/g, '');
      expect(text).toContain(`东政协发〔${year + 1}〕3号`);
      expect(text).toContain('特此通报');
      await clerk.shot(`trial-demo-evaluation-${device}`);
    },
  );
});
