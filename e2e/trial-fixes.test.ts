import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { beijingDate, beijingDateTime } from '../src/domain/calendar.js';
import { browserAvailable } from './browser.js';
import {
  arrived,
  choose,
  DEMO_PASSWORD,
  type Device,
  directorHome,
  expectNoSidewaysScroll,
  fact,
  journeys,
  openPage,
  pick,
  pickerTime,
  type User,
} from './journey.js';

/**
 * What a trial of the admin by new users found, each seen in the real UI: times in Beijing time
 * whatever the browser's zone; tab counts beside their labels; nothing wider than a phone, menu
 * open or not; the new-home form offering a clerk only what they may choose; the audit log in
 * words; no page with the browser's 8-px margin.
 */
const j = journeys();

const NEW_YORK = { timezoneId: 'America/New_York' };
const BEIJING = { timezoneId: 'Asia/Shanghai' };

/** The texts of a list's column, by its header (the rows shown). */
async function column(page: Page, header: string): Promise<string[]> {
  const table = page.locator('.ant-table').first();
  await table.locator('tr.ant-table-row').first().waitFor();
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.findIndex((text) => text.trim() === header);
  expect(index, `column ${header} among ${headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table
    .locator('tr.ant-table-row')
    .evaluateAll((rows, i) => rows.map((row) => row.children[i]?.textContent?.trim() ?? ''), index);
}

/** Opens a page of the product and waits for its content. */
const open = (user: User, path: string) => openPage(user, `${j.product.url}${path}`);

describe.runIf(browserAvailable)('times follow Beijing time, whatever zone the browser is in', () => {
  it('shows the same times in New York as in Beijing, the times the server stored', async () => {
    const ny = await j.as('office', 'desktop', DEMO_PASSWORD, NEW_YORK);
    const bj = await j.as('office', 'desktop', DEMO_PASSWORD, BEIJING);
    expect(await ny.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    const opinions = await ny.get<{ items: Array<{ receivedAt: string }> }>('/opinions?pageSize=20');

    for (const user of [ny, bj]) await open(user, '/opinions');
    const inNewYork = await column(ny.page, '收到时间');
    expect(await column(bj.page, '收到时间')).toEqual(inNewYork);
    expect(inNewYork).toEqual(opinions.items.map((o) => beijingDateTime(o.receivedAt)));
    await ny.shot('trial-times-new-york-opinions');

    // an activity's time, in its detail and in the calendar's day list
    const [activity] = (
      await ny.get<{ items: Array<{ id: string; startsAt: string; endsAt: string }> }>(
        '/activities?pageSize=1',
      )
    ).items;
    const shown = `${beijingDateTime(activity!.startsAt)}–${beijingDateTime(activity!.endsAt).slice(11)}`;
    for (const user of [ny, bj]) {
      await open(user, `/activities/${activity!.id}`);
      await expect.poll(async () => (await fact(user.page, '时间').textContent())?.trim()).toContain(shown);
    }
  });

  it('takes a typed time as Beijing time in New York, and starts a date on Beijing’s today', async () => {
    const director = await j.as('director', 'desktop', DEMO_PASSWORD, NEW_YORK);
    const { page } = director;
    const home = await directorHome(director);
    const startsAt = new Date(Date.now() + 3 * 86_400_000);
    startsAt.setUTCHours(1, 30, 0, 0); // 09:30 in Beijing, 20:30 the evening before in New York

    await open(director, `/activities/new?homeId=${home.id}`);
    const form = page.locator('form#activity');
    await form.getByLabel('活动名称').fill('时区检验：委员接待日');
    await pick(page, form, '活动类型', '委员活动日', '委员活动');
    const start = form.getByLabel('开始时间', { exact: true });
    await start.click();
    await start.fill(pickerTime(startsAt));
    await start.press('Enter');
    expect(pickerTime(startsAt).slice(11)).toBe('09:30');
    await expect.poll(() => form.getByLabel('结束时间', { exact: true }).inputValue()).toMatch(/11:30$/);
    await form.getByLabel('地点').fill('委员之家会议室');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await arrived(page, /\/activities\/[0-9a-f-]{36}$/, '新建活动');
    const id = page.url().split('/').pop()!;
    const saved = await director.get<{ startsAt: string; endsAt: string }>(`/activities/${id}`);
    expect(saved.startsAt).toBe(startsAt.toISOString());
    expect(Date.parse(saved.endsAt) - Date.parse(saved.startsAt)).toBe(2 * 3_600_000);
    await expect
      .poll(async () => (await fact(page, '时间').textContent())?.trim())
      .toContain(`${pickerTime(startsAt)}–11:30`);

    // in the evening in New York it is already the next morning in Beijing: a new date starts there
    const evening = new Date(`${beijingDate(new Date())}T09:00:00+08:00`);
    const clerk = await j.as('dongsheng', 'desktop', DEMO_PASSWORD, NEW_YORK);
    await clerk.page.clock.setFixedTime(evening);
    await open(clerk, '/proposals/new');
    expect(await clerk.page.evaluate(() => new Date().getDate())).not.toBe(
      Number(beijingDate(evening).slice(8)),
    );
    await expect
      .poll(() => clerk.page.locator('form#proposal').getByLabel('提交日期').inputValue())
      .toBe(beijingDate(evening));
  });
});

describe.runIf(browserAvailable)('tab counts stand after their labels', () => {
  it.each(['desktop', 'phone'] as Device[])('on the opinions page (%s)', async (device) => {
    const office = await j.as('office', device);
    await open(office, '/opinions');
    const tabs = office.page.locator('.ant-tabs-tab');
    await tabs.filter({ hasText: '待我处理' }).waitFor();
    await office.page.locator('.ant-tabs-tab .ant-badge-count').first().waitFor({ state: 'attached' });
    const overlaps = await tabs.evaluateAll((all) =>
      all.flatMap((tab) => {
        const badge = tab.querySelector('.ant-badge-count');
        const text = [...tab.querySelectorAll('span')]
          .flatMap((span) => [...span.childNodes])
          .find((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim());
        if (!badge || !text) return [];
        const range = document.createRange();
        range.selectNodeContents(text);
        const label = range.getBoundingClientRect();
        const count = badge.getBoundingClientRect();
        return count.left < label.right - 0.5 ? [`${text.textContent}: ${label.right} > ${count.left}`] : [];
      }),
    );
    expect(overlaps).toEqual([]);
    expect(await tabs.locator('.ant-badge-count').count()).toBeGreaterThan(0);
    await office.shot(`trial-opinion-tabs-${device}`);
  });
});

describe.runIf(browserAvailable)('nothing is wider than a 360-px phone, with the menu open or closed', () => {
  it('keeps the home page, the lists and the forms within the screen, and the menu over the page', async () => {
    const office = await j.as('office', 'phone');
    const { page } = office;
    const toggle = page.getByRole('button', { name: /展开菜单|收起菜单/ });
    for (const path of ['/', '/homes', '/opinions', '/members', '/funds', '/homes/new', '/activities/new']) {
      await open(office, path);
      await expectNoSidewaysScroll(page, `${path}, menu closed`);
      await toggle.click();
      const menu = page.getByRole('navigation', { name: '导航菜单' });
      await menu.getByRole('menuitem').first().waitFor();
      await expectNoSidewaysScroll(page, `${path}, menu open`);
      const box = (await page.locator('.ant-layout-sider').boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      if (path === '/opinions') await office.shot('trial-phone-menu-open');
      // a tap beside the menu closes it
      await page.mouse.click(350, 400);
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      await expectNoSidewaysScroll(page, `${path}, menu closed again`);
    }
  });
});

describe.runIf(browserAvailable)('the new-home form offers what the user may choose', () => {
  /** The first column of the open region picker. */
  const regionColumn = (page: Page) =>
    page
      .locator('.ant-cascader-dropdown:visible .ant-cascader-menu')
      .first()
      .locator('.ant-cascader-menu-item');

  const selected = (form: Locator, label: string) =>
    form
      .locator('.ant-form-item', { has: form.page().getByLabel(label, { exact: true }) })
      .locator('.ant-select-content');

  it('offers a district clerk their own district only, preselected, and keeps the unit as the kind changes', async () => {
    const clerk = await j.as('dongsheng');
    const { page } = clerk;
    await open(clerk, '/homes/new');
    const form = page.locator('form#home');
    await expect.poll(() => selected(form, '所属单位').textContent()).toBe('东胜区政协');
    await expect.poll(() => selected(form, '所在地').textContent()).toBe('东胜区');

    // no sector group's home for a district
    await form.getByLabel('类型', { exact: true }).click();
    const kinds = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await kinds.first().waitFor();
    expect(await kinds.allTextContents()).not.toContain('界别活动组委员之家');
    await page.keyboard.press('Escape');
    for (const kind of [
      '行业委员之家',
      '苏木乡镇（街道）委员之家',
      '委员工作室',
      '苏木乡镇（街道）委员之家',
    ]) {
      await choose(page, form.getByLabel('类型', { exact: true }), kind);
      expect(await selected(form, '所属单位').textContent()).toBe('东胜区政协');
    }

    await form.getByLabel('所在地', { exact: true }).click();
    await expect.poll(() => regionColumn(page).allTextContents()).toEqual(['东胜区']);
    await regionColumn(page).first().click();
    const townships = page.locator('.ant-cascader-dropdown:visible .ant-cascader-menu').nth(1);
    await townships.locator('.ant-cascader-menu-item').first().waitFor();
    const township = (await townships.locator('.ant-cascader-menu-item').first().textContent())!.trim();
    await townships.locator('.ant-cascader-menu-item').first().click();
    await page.keyboard.press('Escape');
    await clerk.shot('trial-new-home-district');
    await form.getByLabel('名称', { exact: true }).fill(`${township}委员之家（试用）`);
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await arrived(page, /\/homes\/[0-9a-f-]{36}$/, '新建委员之家');
    const home = await clerk.get<{ regionCode: string; ownerUnitId: string }>(
      `/homes/${page.url().split('/').pop()}`,
    );
    expect(home.ownerUnitId).toBe('district-150602');
    expect(home.regionCode).toMatch(/^150602\d{3}$/);
  });

  it('offers the office every district, and keeps a sector group as the unit of a sector group’s home', async () => {
    const office = await j.as('office');
    const { page } = office;
    await open(office, '/homes/new');
    const form = page.locator('form#home');
    await pick(page, form, '层级', '市级');
    await pick(page, form, '所属单位', '经济界别活动组', '经济');
    await choose(page, form.getByLabel('类型', { exact: true }), '界别活动组委员之家');
    expect(await selected(form, '所属单位').textContent()).toBe('经济界别活动组');
    await choose(page, form.getByLabel('类型', { exact: true }), '行业委员之家');
    expect(await selected(form, '所属单位').textContent()).toBe('经济界别活动组');
    await form.getByLabel('所在地', { exact: true }).click();
    await expect.poll(async () => (await regionColumn(page).allTextContents()).length).toBe(9);
    await page.keyboard.press('Escape');
  });
});

describe.runIf(browserAvailable)('the audit log speaks in words', () => {
  it.each(['desktop', 'phone'] as Device[])(
    'shows an expenditure and what it recorded (%s)',
    async (device) => {
      const clerk = await j.as('dongsheng');
      const [home] = (
        await clerk.get<{ items: Array<{ id: string; name: string }> }>('/homes?status=operating')
      ).items;
      await clerk.send('POST', `/homes/${home!.id}/funds/allocations`, {
        amount: '20000',
        occurredOn: '2026-03-01',
        description: '年度履职经费',
      });
      await clerk.send('POST', `/homes/${home!.id}/funds/expenditures`, {
        amount: '1200',
        occurredOn: '2026-03-02',
        category: 'activity',
        description: '协商座谈会茶歇',
      });
      const auditor = await j.as('auditor', device);
      const { page } = auditor;
      await open(auditor, '/audit?action=funds.spend');
      const row = page.locator('tr.ant-table-row').first();
      await row.getByText(`${home!.name} 支出 1,200.00 元 2026-03-02`).waitFor();
      await row.getByRole('button', { name: '展开行' }).click();
      const changes = page.getByRole('table', { name: '变更内容' }).first();
      await changes.waitFor();
      const text = (await changes.textContent())!;
      for (const words of [
        '字段',
        '内容',
        '金额',
        '1,200.00 元',
        '类别',
        '活动',
        '委员之家',
        home!.name,
        '已生效',
      ])
        expect(text).toContain(words);
      expect(text).not.toMatch(/[{}"]|homeId|fen\b/);
      await expectNoSidewaysScroll(page, 'the audit log');
      const box = (await changes.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
      await auditor.shot(`trial-audit-${device}`);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '导出 Excel' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('审计日志.xlsx');
    },
  );
});

describe.runIf(browserAvailable)('no page keeps the browser’s 8-px margin', () => {
  it('on the admin, its print pages and the portal', async () => {
    const director = await j.as('director', 'phone');
    const home = await directorHome(director);
    const [activity] = (await director.get<{ items: Array<{ id: string }> }>(`/activities?homeId=${home.id}`))
      .items;
    const pages = ['/', '/homes', `/homes/${home.id}/record`, '/portal/', '/checkin', '/login'];
    if (activity) pages.push(`/activities/${activity.id}/qr`);
    for (const path of pages) {
      await director.page.goto(`${j.product.url}${path}`);
      await director.page.locator('#root > *').first().waitFor();
      expect(
        await director.page.evaluate(() => getComputedStyle(document.body).margin),
        `the body's margin on ${path}`,
      ).toBe('0px');
      await expectNoSidewaysScroll(director.page, path);
    }
  });
});
