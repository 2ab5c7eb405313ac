import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { dialogOf, journeys, outcome, pick, pickerTime } from './journey.js';

/**
 * Journeys through 培训: the office organises a session and enrols trainees, a member checks in on
 * a phone with the code shown at the session (the certificate waits for the session's end), the
 * office records the attendance of another by hand and removes one enrolled by mistake, then
 * records it as held; the lists and attendance as each of them sees them. Printing the
 * certificates after the end is e2e/trainings-self.test.ts.
 */
const j = journeys();

interface Training {
  id: string;
  organiserUnitName: string;
  enrolments: { userId: string; displayName: string; memberName: string | null; attendedAt: string | null }[];
}

const TITLE = '端到端：社情民意信息撰写培训';
const PLACE = '市政协三楼会议室';

/** The status tags next to the page's title. */
const headerTags = (page: Page) => page.locator('h2').first().locator('xpath=following-sibling::*');

/** The row of a trainee in 报名与出席. */
const traineeRow = (page: Page, name: string) =>
  page
    .locator('.ant-card', { hasText: '报名与出席' })
    .locator('.ant-table-row', { has: page.getByText(name, { exact: false }) })
    .first();

/** The session starts within the hour (so check-in is open) and lasts two hours, on 5-minute steps. */
function sessionTimes() {
  const start = new Date(Date.now() + 30 * 60_000);
  start.setMinutes(Math.ceil(start.getMinutes() / 5) * 5, 0, 0);
  const end = new Date(start.getTime() + 2 * 3600_000);
  const sameDay = pickerTime(start).slice(0, 10) === pickerTime(end).slice(0, 10);
  const range = sameDay
    ? `${pickerTime(start)}–${pickerTime(end).slice(11)}`
    : `${pickerTime(start)} – ${pickerTime(end)}`;
  return { start, end, range };
}

describe.runIf(browserAvailable)('培训, from organising to attendance', () => {
  it('the office organises and enrols; a member checks in on a phone; the office records the rest', async () => {
    const office = await j.as('office', 'desktop');
    const member = await j.as('member', 'phone');
    const director = await j.as('director', 'desktop');
    const { page } = office;
    const times = sessionTimes();

    // 组织培训
    await page.goto(`${j.product.url}/trainings`);
    await page.getByRole('button', { name: '组织培训' }).click();
    const form = dialogOf(page);
    await form.getByLabel('培训名称').fill(TITLE);
    const [from, to] = [
      form.locator('.ant-picker-range input').first(),
      form.locator('.ant-picker-range input').nth(1),
    ];
    await from.click();
    await from.fill(pickerTime(times.start));
    await from.press('Enter');
    await to.click();
    await to.fill(pickerTime(times.end));
    await to.press('Enter');
    await form.getByLabel('地点').fill(PLACE);
    await form.getByLabel('培训内容').fill('如何把群众反映写成一篇社情民意信息。');
    await form.getByRole('button', { name: '创建', exact: true }).click();
    await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/);
    const url = page.url();
    const id = url.split('/').pop()!;
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await headerTags(page).getByText('计划中', { exact: true }).waitFor();
    const facts = page.locator('.ant-descriptions');
    await facts.getByText(times.range, { exact: true }).waitFor();
    await facts.getByText(PLACE, { exact: true }).waitFor();
    await facts.getByText('如何把群众反映写成一篇社情民意信息。').waitFor();
    await facts.getByText('0 / 0', { exact: true }).waitFor();

    // 添加报名: the member, the director, and the committee's staff by mistake
    const enrolments = page.locator('.ant-card', { hasText: '报名与出席' });
    const enrolSelect = '按姓名搜索委员或工作人员并添加';
    const chips = enrolments.locator('.ant-select-selection-item');
    for (const [name, search] of [
      ['示例·委员之家负责人', '负责人'],
      ['示例·经济委员会', '经济'],
      ['示例·委员', '示例·委员'],
    ] as const) {
      // the list answers the search before an option is taken from it
      const input = enrolments.getByLabel(enrolSelect);
      await input.click();
      await input.fill(search);
      const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
      let before = '';
      await expect
        .poll(async () => {
          const titles = JSON.stringify(await options.allTextContents());
          const settled = titles === before && titles.includes(name);
          before = titles;
          return settled;
        })
        .toBe(true);
      await pick(page, enrolments, enrolSelect, name, search);
      await chips.filter({ hasText: new RegExp(`^${name}$`) }).waitFor();
    }
    await page.keyboard.press('Escape');
    expect(await chips.count()).toBe(3);
    await enrolments.getByRole('button', { name: '添加报名', exact: true }).click();
    await outcome(page, '报名人员已保存', '添加报名');
    await page.locator('.ant-card-head-title', { hasText: '报名与出席（3 人）' }).waitFor();
    await facts.getByText('0 / 3', { exact: true }).waitFor();

    // 移出, asked again
    await traineeRow(page, '示例·经济委员会').getByRole('button', { name: '移出', exact: true }).click();
    await page
      .locator('.ant-popconfirm', { hasText: '确定将 示例·经济委员会 移出报名名单？' })
      .getByRole('button', { name: '移出', exact: true })
      .click();
    await outcome(page, '报名人员已保存', '移出');
    await page.locator('.ant-card-head-title', { hasText: '报名与出席（2 人）' }).waitFor();
    expect(await traineeRow(page, '示例·经济委员会').count()).toBe(0);

    const stored = await office.get<Training>(`/trainings/${id}`);
    const memberName = stored.enrolments.find((e) => e.userId === member.me.user.id)!.memberName!;
    const directorName = stored.enrolments.find((e) => e.userId === director.me.user.id)!.memberName!;
    expect(memberName && directorName).toBeTruthy();
    // the enrolled see their name and their member's name
    await traineeRow(page, '示例·委员之家负责人').getByText(directorName, { exact: false }).waitFor();
    const code = ((await page.getByTestId('training-checkin-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^\S{4,}$/);
    await office.shot('trainings-desktop-enrolled');

    // the member, on a phone, finds it in the list as enrolled
    const phone = member.page;
    await phone.goto(`${j.product.url}/trainings`);
    const listed = phone.locator('.ant-table-row', { hasText: TITLE });
    await listed.getByText('已报名', { exact: true }).waitFor();
    await listed.getByText('0 / 2', { exact: true }).waitFor();

    // 签到 with a wrong code first, then the right one
    await phone.getByRole('button', { name: '签到', exact: true }).click();
    await phone.waitForURL(/\/training-checkin$/);
    await phone.getByRole('heading', { name: '培训签到' }).waitFor();
    await phone.getByLabel('签到码').fill('000000');
    await phone.getByRole('button', { name: '签到', exact: true }).click();
    await phone
      .locator('.ant-form-item-explain-error, .ant-alert-error')
      .filter({ hasText: /\S/ })
      .first()
      .waitFor();
    await phone.getByLabel('签到码').fill(code);
    await phone.locator('form#training-checkin button[type="submit"]:not([disabled])').click();
    await phone.waitForURL(url);
    await phone.getByRole('heading', { name: TITLE }).waitFor();
    await headerTags(phone).getByText('已签到', { exact: true }).waitFor();
    const mine = phone.locator('.ant-card', { hasText: '我的报名' });
    await mine.getByText(/^已于 .+ 签到$/).waitFor();
    // a trainee sees no roll and no code
    expect(await phone.getByTestId('training-checkin-code').count()).toBe(0);
    expect(await phone.getByRole('button', { name: '添加报名', exact: true }).count()).toBe(0);
    await member.shot('trainings-phone-checked-in');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // 打印培训证明 waits for the end of the session
    await mine.getByText('培训结束并登记出勤后可打印培训证明。').waitFor();
    expect(await mine.getByRole('link', { name: /打印培训证明/ }).count()).toBe(0);
    const pdfOf = (userId: string) => `${j.product.url}/api/v1/trainings/${id}/certificates/${userId}.pdf`;
    expect((await phone.request.get(pdfOf(member.me.user.id))).status()).toBe(409);

    // the office sees the check-in; the director has none; no certificate before the end
    await page.reload();
    const memberRow = traineeRow(page, memberName);
    await memberRow.getByText('本人签到', { exact: false }).waitFor();
    expect(await memberRow.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    expect(await memberRow.getByRole('link', { name: '培训证明' }).count()).toBe(0);
    const directorRow = traineeRow(page, directorName);
    expect(await directorRow.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    await facts.getByText('1 / 2', { exact: true }).waitFor();
    expect(await page.getByRole('link', { name: /打印全部培训证明/ }).count()).toBe(0);

    // the office records the director's attendance by hand
    await directorRow.getByRole('switch', { name: '示例·委员之家负责人 出席' }).click();
    await directorRow.getByText('人工登记', { exact: false }).waitFor();
    await facts.getByText('2 / 2', { exact: true }).waitFor();
    expect((await director.page.request.get(pdfOf(director.me.user.id))).status()).toBe(409);

    // 标记为已举办, asked again
    await page.goto(url);
    await page.getByRole('button', { name: '标记为已举办' }).click();
    await page
      .locator('.ant-modal-confirm', { hasText: '确定将此培训标记为已举办？' })
      .getByRole('button', { name: '标记为已举办' })
      .click();
    await headerTags(page).getByText('已举办', { exact: true }).waitFor();
    await page.locator('.ant-modal-confirm').waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: '标记为已举办' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '取消培训' }).count()).toBe(0);
    await page.reload();
    await headerTags(page).getByText('已举办', { exact: true }).waitFor();
    await facts.getByText('2 / 2', { exact: true }).waitFor();

    // the list shows it held with its attendance
    await page.goto(`${j.product.url}/trainings`);
    const row = page.locator('.ant-table-row', { hasText: TITLE });
    await row.getByText('已举办', { exact: true }).waitFor();
    await row.getByText('2 / 2', { exact: true }).waitFor();
    await row.getByText(stored.organiserUnitName, { exact: true }).waitFor();
    await office.shot('trainings-desktop-held');
    await Promise.all([office.close(), member.close(), director.close()]);
  });
});
