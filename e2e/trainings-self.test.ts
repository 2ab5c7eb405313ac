import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_CHINESE, pdfFacts } from '../test/pdf.js';
import { browserAvailable } from './browser.js';
import { dialogOf, expectFits, journeys, outcome, pick, pickerTime, SHOTS, type User } from './journey.js';

/**
 * 本人报名 and 培训证明: the office organises a session open to every member and staff of the city
 * with 30 places; a member finds it on 我的 on a 360-px phone, enrols, withdraws (asked again) and
 * enrols again; the session takes place; the office records the attendance and prints every
 * attendee's certificate, and the member prints their own on the phone.
 */
const j = journeys();

const TITLE = '端到端：委员之家负责人履职能力提升培训';
const PLACE = '市政协三楼会议室';

interface Training {
  id: string;
  enrolled: number;
  enrolments: { userId: string; memberName: string | null; selfEnrolled: boolean }[];
}

/** The session on 我的, as one row of 我的培训. */
const myRow = (page: Page) => page.getByTestId('my-training').filter({ hasText: TITLE });

/** Clicks a link that opens a print in a new tab; answers the PDF that came back, read by poppler. */
async function openPrint(user: User, page: Page, name: RegExp, address: RegExp, shot: string) {
  const link = page.getByRole('link', { name }).first();
  await link.waitFor();
  expect(await link.getAttribute('target')).toBe('_blank');
  const href = (await link.getAttribute('href'))!;
  expect(href).toMatch(address);
  const answered = user.context.waitForEvent('response', (res) => address.test(res.url()));
  await link.click();
  const response = await answered;
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  const file = await page.request.get(new URL(href, page.url()).toString());
  expect(file.status()).toBe(200);
  const body = await file.body();
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, `${shot}.pdf`), body);
  return pdfFacts(body, CERTIFICATE_CHINESE);
}

describe.runIf(browserAvailable)('培训: a member enrols themselves; the certificates after the end', () => {
  it('a member enrols on a phone, withdraws and enrols again; the office records attendance after the end and prints', async () => {
    const office = await j.as('office', 'desktop');
    const member = await j.as('member', 'phone');
    const { page } = office;

    // 组织培训, open to everyone in the city, 30 places, the day after tomorrow
    const start = new Date(Date.now() + 2 * 86400_000);
    start.setMinutes(0, 0, 0);
    const end = new Date(start.getTime() + 8 * 3600_000);
    await page.goto(`${j.product.url}/trainings`);
    await page.getByRole('button', { name: '组织培训' }).click();
    const form = dialogOf(page);
    await form.getByLabel('培训名称').fill(TITLE);
    const [from, to] = [
      form.locator('.ant-picker-range input').first(),
      form.locator('.ant-picker-range input').nth(1),
    ];
    await from.click();
    await from.fill(pickerTime(start));
    await from.press('Enter');
    await to.click();
    await to.fill(pickerTime(end));
    await to.press('Enter');
    await form.getByLabel('地点').fill(PLACE);
    await pick(page, form, '报名范围', '本地区委员和工作人员可自行报名');
    await form.getByLabel('名额').fill('30');
    await form.getByRole('button', { name: '创建', exact: true }).click();
    await page.waitForURL(/\/trainings\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByText('本地区委员和工作人员可自行报名', { exact: true }).waitFor();
    await page.getByText('0 / 30 人', { exact: true }).waitFor();

    // the member finds it on 我的, on a phone, and enrols
    const phone = member.page;
    await phone.goto(`${j.product.url}/me`);
    const row = myRow(phone);
    await row.waitFor();
    await row.getByText('名额 0 / 30 人', { exact: false }).waitFor();
    await expectFits(phone, row, '我的培训');
    await member.shot('trainings-self-phone-open');
    await row.getByRole('button', { name: '报名', exact: true }).click();
    await outcome(phone, '报名成功', '报名');
    await row.getByText('已报名', { exact: true }).waitFor();
    await row.getByText('名额 1 / 30 人', { exact: false }).waitFor();
    expect(await row.getByRole('button', { name: '报名', exact: true }).count()).toBe(0);

    // 取消报名, asked again: 保留报名 keeps the enrolment, 取消报名 withdraws it
    await row.getByRole('button', { name: '取消报名', exact: true }).click();
    let confirm = phone.locator('.ant-modal-confirm', { hasText: `确定取消报名“${TITLE}”？` });
    await confirm.waitFor();
    await expectFits(phone, confirm, 'the confirmation');
    await member.shot('trainings-self-phone-withdraw');
    await confirm.getByRole('button', { name: '保留报名', exact: true }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row.getByText('已报名', { exact: true }).waitFor();
    await row.getByRole('button', { name: '取消报名', exact: true }).click();
    confirm = phone.locator('.ant-modal-confirm', { hasText: `确定取消报名“${TITLE}”？` });
    await confirm.getByRole('button', { name: '取消报名', exact: true }).click();
    await outcome(phone, '已取消报名', '取消报名');
    await row.getByRole('button', { name: '报名', exact: true }).waitFor();
    expect((await office.get<Training>(`/trainings/${id}`)).enrolled).toBe(0);
    await row.getByRole('button', { name: '报名', exact: true }).click();
    await outcome(phone, '报名成功', '报名');
    await row.getByText('已报名', { exact: true }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await member.shot('trainings-self-phone-enrolled');

    // the office sees who enrolled themselves; nothing to print before the end
    await page.reload();
    const roll = page.locator('.ant-card', { hasText: '报名与出席' });
    const traineeRow = roll.locator('.ant-table-row').filter({ hasText: '本人报名' }).first();
    await traineeRow.waitFor();
    const stored = await office.get<Training>(`/trainings/${id}`);
    expect(stored.enrolments).toEqual([
      expect.objectContaining({ userId: member.me.user.id, selfEnrolled: true }),
    ]);
    const memberName = stored.enrolments[0]!.memberName!;
    expect(await page.getByRole('link', { name: /打印全部培训证明/ }).count()).toBe(0);

    // the session takes place: its days pass (the office moves its times into the past)
    const heldStart = new Date(Date.now() - 3 * 86400_000);
    heldStart.setMinutes(0, 0, 0);
    const heldEnd = new Date(heldStart.getTime() + 2 * 86400_000 + 8 * 3600_000);
    await office.send('PATCH', `/trainings/${id}`, {
      startsAt: heldStart.toISOString(),
      endsAt: heldEnd.toISOString(),
    });

    // the office records the attendance, then prints every attendee's certificate
    await page.reload();
    await traineeRow.getByRole('switch').click();
    await traineeRow.getByText('人工登记', { exact: false }).waitFor();
    await traineeRow.getByRole('link', { name: '培训证明', exact: true }).waitFor();
    await office.shot('trainings-self-desktop-attended');
    const all = await openPrint(
      office,
      page,
      /打印全部培训证明/,
      new RegExp(`/api/v1/trainings/${id}/certificates\\.pdf$`),
      'trainings-self-certificates',
    );
    expect(all).toMatchObject({ pages: 1, width: 297, height: 210 });
    const words = all.text.replace(/\s+/g, '');
    expect(words).toContain(`${memberName}同志于`);
    expect(words).toContain(`“${TITLE}”（${PLACE}），完成全部培训课程。`);
    expect(words).toContain('特发此证。');
    const one = await openPrint(
      office,
      page,
      /^培训证明$/,
      new RegExp(`/certificates/${member.me.user.id}\\.pdf$`),
      'trainings-self-certificate-office',
    );
    expect(one.pages).toBe(1);

    // the member prints their own on the phone, from 我的
    await phone.goto(`${j.product.url}/me`);
    await myRow(phone).getByText('已签到', { exact: true }).waitFor();
    expect(await myRow(phone).getByRole('button', { name: '取消报名', exact: true }).count()).toBe(0);
    await member.shot('trainings-self-phone-certificate');
    const own = await openPrint(
      member,
      phone,
      /打印培训证明/,
      new RegExp(`/certificates/${member.me.user.id}\\.pdf$`),
      'trainings-self-certificate-own',
    );
    expect(own).toMatchObject({ pages: 1, width: 297, height: 210 });
    expect(own.text.replace(/\s+/g, '')).toContain(`${memberName}同志于`);
    await Promise.all([office.close(), member.close()]);
  });
});
