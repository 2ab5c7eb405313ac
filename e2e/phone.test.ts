import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { DEVICES, directorHome, journeys } from './journey.js';

// The members' phone pages in Chromium on a 360-px phone: from an activity's QR code to 签到, signed
// out first; a check-in without a signal kept and sent when the phone is back online, exactly once
// and counted when it was pressed; a check-in page never opened before coming up without a signal;
// 签到 without the page's script; and the member's record and homes opened without a signal.

const j = journeys();
const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();

async function activityUnderWay(title: string) {
  const director = await j.as('director');
  const home = await directorHome(director);
  const activity = await director.send<{ id: string; checkinCode: string }>('POST', '/activities', {
    title,
    kind: 'consultation',
    hostHomeIds: [home.id],
    startsAt: minutes(-10),
    endsAt: minutes(120),
    place: '嘎查党群服务中心',
  });
  return { director, activity };
}

describe.runIf(browserAvailable)('the members’ phone pages', () => {
  it('takes a member from the QR code through signing in to 签到, on a phone', async () => {
    const { activity } = await activityUnderWay('牧区委员座谈会（扫码）');
    const { page } = await j.anonymous('phone');
    await page.goto(`${j.product.url}/checkin/${activity.checkinCode.toLowerCase()}`);
    await page.getByRole('heading', { level: 1, name: '牧区委员座谈会（扫码）' }).waitFor();
    await page.getByRole('link', { name: '登录后签到' }).click();
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入用户名').waitFor();
    await page.getByLabel('用户名').fill('member');
    await page.getByLabel('密码').fill('demo2026');
    await page.getByRole('button', { name: '登录' }).click();
    // back on the page the QR code opened (the code as it was in the link)
    await page.waitForURL(new RegExp(`/checkin/${activity.checkinCode}$`, 'i'));
    await page.getByText('当前账号：').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: 'e2e-screenshots/phone-checkin-ready.png' });
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('签到成功').waitFor();
    await page.reload();
    await page.getByText('您已签到').waitFor();
  });

  it('keeps a check-in made without a signal and sends it once when the phone is back', async () => {
    const { director, activity } = await activityUnderWay('牧区委员座谈会（离线）');
    const member = await j.as('member', 'phone');
    const { page, context } = member;
    await page.goto(`${j.product.url}/checkin/${activity.checkinCode}`);
    await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
    // the service worker keeps the check-in pages for a weak signal
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await context.setOffline(true);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('签到已保存在手机上').waitFor();
    await page.screenshot({ path: 'e2e-screenshots/phone-checkin-kept.png' });
    // still without a signal, the page opens from the phone and says what waits
    await page.reload();
    await page.getByText('有 1 条签到等待联网提交').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await context.setOffline(false);
    await page.getByText(/离线签到已提交：牧区委员座谈会（离线）/).waitFor({ timeout: 30_000 });
    await page.getByText('签到成功').waitFor();
    await page.screenshot({ path: 'e2e-screenshots/phone-checkin-sent.png' });

    // once, as a check-in (when it counts, at the moment pressed, is the API's test: activities.test.ts)
    const held = await director.get<{ attendance: { memberId: string; source: string }[] }>(
      `/activities/${activity.id}`,
    );
    expect(held.attendance.filter((a) => a.memberId === member.me.user.memberId)).toEqual([
      { memberId: member.me.user.memberId, source: 'checkin' },
    ]);
    // written down: the note goes, nothing waits, and a reload sends nothing more
    await page.getByRole('button', { name: '知道了' }).click();
    await page.reload();
    await page.getByText('您已签到').waitFor();
    expect(await page.getByText('等待联网提交').count()).toBe(0);
  });

  it('sends a kept check-in after signing in again when the session ended meanwhile, and says so', async () => {
    const { director, activity } = await activityUnderWay('牧区委员座谈会（登录失效）');
    const member = await j.as('member', 'phone');
    const { page, context } = member;
    await page.goto(`${j.product.url}/checkin/${activity.checkinCode}`);
    await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('签到已保存在手机上').waitFor();
    // the session ends elsewhere (signed out on another device, or expired) while the phone is offline
    await member.send('POST', '/auth/logout');
    await context.setOffline(false);
    await page.getByText('登录已失效，请重新登录，保存的签到将随后自动提交').waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: '登录后签到' }).click();
    await page.getByLabel('用户名').fill('member');
    await page.getByLabel('密码').fill('demo2026');
    await page.getByRole('button', { name: '登录' }).click();
    // back on the check-in page it came from (not a second copy of it), and the kept one goes
    await page.getByText(/离线签到已提交：牧区委员座谈会（登录失效）/).waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe(`/checkin/${activity.checkinCode}`);
    const held = await director.get<{ attendance: { memberId: string }[] }>(`/activities/${activity.id}`);
    expect(held.attendance.map((a) => a.memberId)).toContain(member.me.user.memberId);

    // pressed with a session that has ended: said so, nothing counted
    const other = await activityUnderWay('牧区委员座谈会（按下时已失效）');
    await page.goto(`${j.product.url}/checkin/${other.activity.checkinCode}`);
    await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
    const session = await (await page.request.get(`${j.product.url}/api/v1/auth/me`)).json();
    await page.request.post(`${j.product.url}/api/v1/auth/logout`, {
      headers: { 'x-csrf-token': session.csrfToken },
    });
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('登录已失效，这次签到没有提交').waitFor();
    await page.getByRole('link', { name: '登录后签到' }).waitFor();
  });

  it('opens a check-in page never opened before without a signal, and keeps the check-in by its code', async () => {
    const { activity } = await activityUnderWay('牧区委员座谈会（未打开过）');
    const other = await activityUnderWay('另一场活动');
    const member = await j.as('member', 'phone');
    const { page, context } = member;
    await page.goto(`${j.product.url}/checkin/${other.activity.checkinCode}`);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await context.setOffline(true);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${j.product.url}/checkin/${activity.checkinCode}`);
    await page.getByText('网络不可用，暂时无法读取活动信息').waitFor();
    await page.getByRole('button', { name: '签到', exact: true }).click();
    await page.getByText('签到已保存在手机上').waitFor();
    expect(errors).toEqual([]);
    await context.setOffline(false);
    await page.getByText(/离线签到已提交：签到码/).waitFor({ timeout: 30_000 });
  });

  it('opens the member’s record and homes without a signal, as the phone last saw them', async () => {
    const member = await j.as('member', 'phone');
    const { page, context } = member;
    await page.goto(`${j.product.url}/my/record`);
    await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
    const total = await page.locator('.phone-total strong').textContent();
    expect(Number(total)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: 'e2e-screenshots/phone-my-record.png' });
    await page.getByRole('link', { name: '委员之家', exact: true }).click();
    await page.waitForURL(/\/my\/homes$/);
    const homes = await page.locator('.phone-list li strong').allTextContents();
    expect(homes.length).toBeGreaterThan(0);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // what the worker keeps once it controls the page: the record seen again with it
    await page.goto(`${j.product.url}/my/record`);
    await page.locator('.phone-total strong').waitFor();

    await context.setOffline(true);
    await page.reload();
    await page.getByText('网络不可用：显示的是上次联网时保存在手机上的内容').waitFor();
    expect(await page.locator('.phone-total strong').textContent()).toBe(total);
    await page.goto(`${j.product.url}/my/homes`);
    await page.locator('.phone-list li').first().waitFor();
    expect(await page.locator('.phone-list li strong').allTextContents()).toEqual(homes);
    await context.setOffline(false);
  });

  it('signs in and checks in with the page’s script off', async () => {
    const { activity } = await activityUnderWay('牧区委员座谈会（无脚本）');
    const context = await j.browser.newContext({ ...DEVICES.phone, javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      // signed in by the form itself, the server answering it
      await page.goto(`${j.product.url}/login?next=${encodeURIComponent('/checkin')}`);
      await page.getByLabel('用户名').fill('member');
      await page.getByLabel('密码').fill('wrong-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page.getByText('用户名或密码错误').waitFor();
      expect(await page.getByLabel('用户名').inputValue()).toBe('member');
      await page.getByLabel('密码').fill('demo2026');
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL(/\/checkin$/);
      await page.getByLabel('签到码').fill(activity.checkinCode.toLowerCase());
      await page.getByRole('button', { name: '下一步' }).click();
      await page.waitForURL(new RegExp(`/checkin/${activity.checkinCode}$`));
      await page.getByRole('button', { name: '签到', exact: true }).click();
      await page.getByText('签到成功').waitFor();
      await page.screenshot({ path: 'e2e-screenshots/phone-checkin-noscript.png' });
    } finally {
      await context.close();
    }
  });
});
