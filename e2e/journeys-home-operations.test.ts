import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar.js';
import type { HomeDetail } from '../src/web/api/types.js';
import { browserAvailable } from './browser.js';
import {
  card,
  dialogOf,
  directorHome,
  fact,
  journeys,
  outcome,
  pick,
  typeDate,
  type User,
} from './journey.js';

/**
 * Journeys through running a home (the operation tabs of its detail page), as its director on a
 * phone and at a desk: the year's plan and summary, the duty rota, the home's own rules and the
 * posting of the unified ones, the signs; the district's staff reading what the director wrote;
 * and 新建活动 offered to those who run the home only.
 */
const j = journeys();

const p2 = (n: number) => String(n).padStart(2, '0');
const ymd = (d: Date) => `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  return d;
};
const thisYear = new Date().getFullYear();

/** A 1×1 PNG: a photo of a sign, as far as the server can tell. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Opens a tab of the home's detail page and waits for it to be shown. */
async function openTab(page: Page, name: string) {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await page.getByRole('tab', { name, exact: true, selected: true }).waitFor();
}

/** The visible tab panel. */
const panel = (page: Page) => page.getByRole('tabpanel');

/** The table row that contains a text. */
const rowWith = (scope: Page | Locator, text: string) => scope.locator('.ant-table-row', { hasText: text });

describe.runIf(browserAvailable)('running a home: plan, summary, rota, rules and signs', () => {
  let director: User;
  let home: HomeDetail;
  let url: string;

  it('the director on a phone writes next year’s plan with its items, sees it after a reload, and revises it', async () => {
    director = await j.as('director', 'phone');
    home = await directorHome(director);
    url = `${j.product.url}/homes/${home.id}`;
    const year = thisYear + 1;
    const { page } = director;
    await page.goto(`${url}?tab=plan&year=${year}`);
    const tab = panel(page);
    await tab.getByText(`尚未提交${year}年度工作计划`).waitFor();
    await tab.getByRole('button', { name: '填写年度计划' }).click();
    await tab.getByLabel('计划内容').fill('围绕牧区养老、草原生态两项重点，全年开展协商议事和委员值班。');
    await tab.getByRole('button', { name: '添加事项' }).click();
    await tab.getByRole('textbox', { name: '事项', exact: true }).first().fill('草原生态补奖政策宣讲');
    await pick(
      page,
      tab.locator('.ant-form-item', { has: page.getByLabel('季度') }).first(),
      '季度',
      '第二季度',
    );
    await pick(
      page,
      tab.locator('.ant-form-item', { has: page.getByLabel('活动类型') }).first(),
      '活动类型',
      '政策宣讲',
    );
    await tab.getByRole('button', { name: '添加事项' }).click();
    await tab.getByRole('textbox', { name: '事项', exact: true }).nth(1).fill('养老服务协商议事会');
    await pick(
      page,
      tab.locator('.ant-form-item', { has: page.getByLabel('季度') }).nth(1),
      '季度',
      '第三季度',
    );
    await pick(
      page,
      tab.locator('.ant-form-item', { has: page.getByLabel('活动类型') }).nth(1),
      '活动类型',
      '基层协商议事',
    );
    await director.shot('home-ops-phone-plan-form');
    await tab.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存${year}年度工作计划`, '年度计划');

    // after a reload: the text and both items, in quarter order, not yet carried out
    await page.reload();
    const shown = panel(page);
    await fact(shown, '计划内容').getByText('围绕牧区养老、草原生态两项重点').waitFor();
    const rows = shown.locator('.ant-table-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(0).textContent()).toContain('Q2');
    expect(await rows.nth(0).textContent()).toContain('草原生态补奖政策宣讲');
    expect(await rows.nth(0).textContent()).toContain('政策宣讲');
    expect(await rows.nth(0).textContent()).toContain('尚未开展');
    expect(await rows.nth(1).textContent()).toContain('Q3');
    expect(await rows.nth(1).textContent()).toContain('养老服务协商议事会');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await director.shot('home-ops-phone-plan');

    // 修改计划: one item dropped, the text changed
    await shown.getByRole('button', { name: '修改计划' }).click();
    await shown.getByLabel('计划内容').fill('全年重点：草原生态。');
    await shown.getByRole('button', { name: '删除该事项' }).nth(1).click();
    await shown.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存${year}年度工作计划`, '修改计划');
    await fact(panel(page), '计划内容').getByText('全年重点：草原生态。', { exact: true }).waitFor();
    await panel(page).locator('.ant-table-row').first().waitFor();
    expect(await panel(page).locator('.ant-table-row').count()).toBe(1);
    expect(await panel(page).locator('.ant-table-row').first().textContent()).toContain(
      '草原生态补奖政策宣讲',
    );
  });

  it('the director writes this year’s summary on a phone, and the district’s staff read it and the plan', async () => {
    const { page } = director;
    await page.goto(`${url}?tab=summary`);
    const tab = panel(page);
    const write = tab.getByRole('button', { name: '填写年度总结' });
    const revise = tab.getByRole('button', { name: '修改总结' });
    await write.or(revise).first().waitFor();
    await ((await write.isVisible()) ? write : revise).click();
    const text = `${thisYear}年共开展协商议事 6 次，委员值班 48 人次，收集社情民意 12 条。`;
    await tab.getByLabel('总结内容').fill(text);
    await tab.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存${thisYear}年度工作总结`, '年度总结');
    await fact(panel(page), '总结内容').getByText(text, { exact: true }).waitFor();
    await page.reload();
    await fact(panel(page), '总结内容').getByText(text, { exact: true }).waitFor();
    await director.shot('home-ops-phone-summary');

    // the district's staff, at a desk, read both (writing them stays with who runs the home)
    const staff = await j.as('dongsheng', 'desktop');
    await staff.page.goto(`${url}?tab=summary`);
    await fact(panel(staff.page), '总结内容').getByText(text, { exact: true }).waitFor();
    await staff.page.goto(`${url}?tab=plan&year=${thisYear + 1}`);
    await fact(panel(staff.page), '计划内容').getByText('全年重点：草原生态。', { exact: true }).waitFor();
    await staff.close();
  });

  it('the director puts a member on the rota and records the turn as served, which links its duty-day activity', async () => {
    const { page } = director;
    const member = home.members.find((m) => m.role === 'member')!;
    await page.goto(`${url}?tab=duty`);
    const tab = panel(page);
    const form = tab.locator('form#duty-shift');
    await pick(
      page,
      form.locator('.ant-form-item', { has: page.locator('#duty-shift_memberId') }),
      '值班委员',
      member.name,
      member.name,
    );
    const day = daysAgo(1);
    // typed, then left for the next field: Enter in it would already submit the form
    await form.getByLabel('日期').click();
    await form.getByLabel('日期').fill(ymd(day));
    await form.getByLabel('备注').click();
    await form.getByLabel('备注').fill('接待来访群众');
    expect(await form.getByLabel('日期').inputValue()).toBe(ymd(day));
    await form.getByRole('button', { name: '排班', exact: true }).click();
    await outcome(page, `已安排 ${member.name} 值班`, '排班');

    const row = rowWith(tab, '接待来访群众');
    await row.waitFor();
    expect(await row.textContent()).toContain(member.name);
    expect(await row.textContent()).toContain(`${p2(day.getMonth() + 1)}-${p2(day.getDate())}`);
    expect(await row.textContent()).toContain('09:00–17:00');
    await row.getByText('待值班', { exact: true }).waitFor();
    await director.shot('home-ops-phone-duty');

    // the turn was yesterday: the director records it as served, and it becomes a duty-day activity
    await row.getByRole('button', { name: '标记已值班' }).click();
    await outcome(page, '已更新值班状态', '标记已值班');
    await row.getByText('已值班', { exact: true }).waitFor();
    await row.getByRole('link', { name: '查看' }).waitFor();
    await page.reload();
    const again = rowWith(panel(page), '接待来访群众');
    await again.getByText('已值班', { exact: true }).waitFor();
    expect(await again.getByRole('button', { name: '标记已值班' }).count()).toBe(0);
  });

  it('at a desk, the director adds a rule of the home’s own and issues a new version; marks the unified rules posted', async () => {
    await director.close();
    // the office has issued a unified rule every home is to post
    const office = await j.as('office', 'desktop');
    await office.send('POST', '/rules', {
      title: '委员之家工作制度（端到端）',
      version: `${thisYear} 版`,
      effectiveOn: `${thisYear}-01-01`,
      body: '委员之家实行负责人负责制。',
    });
    await office.close();
    director = await j.as('director', 'desktop');
    const { page } = director;
    await page.goto(`${url}?tab=rules`);
    const own = card(page, '补充制度');
    await own.getByRole('button', { name: '添加补充制度' }).click();
    let dialog = dialogOf(page);
    await dialog.getByLabel('制度名称').fill('委员接待群众制度');
    await dialog.getByLabel('版本').fill('2026 版');
    await typeDate(dialog, '施行日期', `${thisYear}-01-01`);
    await dialog.getByLabel('正文').fill('一、委员每月至少接待群众一次。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, '已发布制度 委员接待群众制度', '添加补充制度');
    await dialog.waitFor({ state: 'hidden' });
    let first = rowWith(own, '2026 版');
    await first.waitFor();
    expect(await first.textContent()).toContain('委员接待群众制度');
    await first.getByText('现行', { exact: true }).waitFor();

    // a new version of it, in force from today: the old one is superseded
    await first.getByRole('button', { name: '发布新版本' }).click();
    dialog = dialogOf(page);
    expect(await dialog.getByLabel('制度名称').inputValue()).toBe('委员接待群众制度');
    expect(await dialog.getByLabel('正文').inputValue()).toBe('一、委员每月至少接待群众一次。');
    await dialog.getByLabel('版本').fill('2026 修订版');
    await dialog.getByLabel('正文').fill('一、委员每月至少接待群众两次。\n二、接待情况当日登记。');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, '已发布制度 委员接待群众制度', '发布新版本');
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    const revised = rowWith(card(page, '补充制度'), '2026 修订版');
    await revised.getByText('现行', { exact: true }).waitFor();
    // in force from today as Beijing counts days
    expect(await revised.textContent()).toContain(beijingDate(new Date()));
    first = rowWith(card(page, '补充制度'), '2026 版');
    await first.getByText('已替代', { exact: true }).waitFor();
    expect(await card(page, '补充制度').getByRole('button', { name: '发布新版本' }).count()).toBe(1);

    // the unified rules: mark those not yet up as posted today
    const unified = card(page, '统一制度');
    const mark = unified.getByRole('button', { name: '标记为已上墙' });
    await unified.locator('.ant-table-row, .ant-empty').first().waitFor();
    if ((await mark.count()) > 0) {
      await mark.click();
      dialog = dialogOf(page);
      await dialog.getByRole('checkbox').first().waitFor();
      await dialog.getByRole('button', { name: '标记为已上墙' }).click();
      await outcome(page, /已标记 \d+ 项制度上墙/, '标记为已上墙');
      await dialog.waitFor({ state: 'hidden' });
      await page.reload();
    }
    await director.shot('home-ops-desktop-rules');
    await card(page, '统一制度').getByText('现行统一制度均已上墙').waitFor();
    const posted = card(page, '统一制度').locator('.ant-table-row', { hasText: '现行' });
    const count = await posted.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++)
      await posted
        .nth(i)
        .getByText(/^已上墙/)
        .waitFor();
    await director.shot('home-ops-desktop-rules');
  });

  it('the director records the outdoor sign with its day and photo and sees it after a reload', async () => {
    const { page } = director;
    await page.goto(`${url}?tab=rules`);
    const signs = card(page, '标牌标识');
    await signs.getByRole('button', { name: '登记户外标牌' }).click();
    const dialog = dialogOf(page);
    const day = ymd(daysAgo(3));
    await dialog.getByLabel('悬挂/上墙日期').click();
    await dialog.getByLabel('悬挂/上墙日期').fill(day);
    // left by a click, not Enter: Enter in the form's only field would save it at once
    await dialog.locator('.ant-modal-title').click();
    expect(await dialog.getByLabel('悬挂/上墙日期').inputValue()).toBe(day);
    await dialog.locator('input[type=file]').setInputFiles({
      name: '户外标牌.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await director.shot('home-ops-desktop-signage-upload');
    await dialog
      .locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)')
      .first()
      .waitFor();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, '已登记户外标牌', '登记户外标牌');
    await dialog.waitFor({ state: 'hidden' });
    await page.reload();
    const outdoor = card(page, '标牌标识').locator('.ant-col', { hasText: '户外标牌' });
    await outdoor.getByText(`悬挂/上墙日期：${day}`).waitFor();
    await outdoor.getByRole('img', { name: '户外标牌' }).waitFor();
    // the photo is also one of the home's attachments
    await openTab(page, '附件');
    await panel(page)
      .getByRole('link', { name: /户外标牌\.png/ })
      .waitFor();
    await director.shot('home-ops-desktop-signage');
  });

  it('新建活动 is offered to the director and the district’s staff, not to a plain member of the home', async () => {
    const { page } = director;
    await page.goto(`${url}?tab=activities`);
    await panel(page).getByRole('button', { name: '新建活动' }).waitFor();
    await panel(page).getByRole('button', { name: '新建活动' }).click();
    await page.waitForURL(/\/activities\/new\?homeId=/);
    await director.close();

    const member = await j.as('member', 'phone');
    await member.page.goto(`${url}?tab=activities`);
    await panel(member.page).locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await panel(member.page).getByRole('button', { name: '新建活动' }).count()).toBe(0);
    const detail = await member.get<{ allowedActions: string[] }>(`/homes/${home.id}`);
    expect(detail.allowedActions).not.toContain('update');
    // nor the other tabs' writing buttons
    await member.page.goto(`${url}?tab=rules`);
    await card(member.page, '补充制度').waitFor();
    expect(await member.page.getByRole('button', { name: '添加补充制度' }).count()).toBe(0);
    expect(await member.page.getByRole('button', { name: /^登记/ }).count()).toBe(0);
    await member.close();

    const staff = await j.as('dongsheng', 'desktop');
    await staff.page.goto(`${url}?tab=activities`);
    await panel(staff.page).getByRole('button', { name: '新建活动' }).waitFor();
    await staff.close();
  });
});
