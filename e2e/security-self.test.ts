import { Secret, TOTP } from 'otpauth';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { DEMO_PASSWORD, journeys } from './journey.js';

/**
 * 账户安全: a member changes their password on a phone and signs in with it; on an installation
 * that requires a second factor, the office's account is sent to 账户安全 first, enrols with the
 * QR code's secret, and from then on signs in with its code.
 */
const j = journeys({ REQUIRE_SECOND_FACTOR: 'true' });

/** The code an authenticator app shows `steps` time steps (30 s) from now. */
const codeAt = (secret: string, steps = 0) =>
  TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: Date.now() + steps * 30_000 });

async function signInOnPage(page: Page, username: string, password: string) {
  await page.goto(`${j.product.url}/login`);
  // the page's script has taken the form over: the code is then asked for in the same form (sent
  // before, the form is answered by the server, which asks for the password again with the code)
  await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe.runIf(browserAvailable)("账户安全: one's own password and second factor", () => {
  it('a member changes their password on a phone and signs in with the new one', async () => {
    const member = await j.as('member', 'phone');
    const { page } = member;
    await page.getByRole('link', { name: '账户安全' }).click();
    await page.waitForURL(/\/me\/security$/);

    const fill = async (current: string, next: string) => {
      await page.getByLabel('当前密码', { exact: true }).fill(current);
      await page.getByLabel('新密码', { exact: true }).fill(next);
      await page.getByLabel('确认新密码', { exact: true }).fill(next);
      await page.getByRole('button', { name: '修改密码' }).click();
    };
    await fill(DEMO_PASSWORD, 'Password1');
    await page.getByText('这是常见密码，容易被猜中，请换一个').waitFor();
    await fill('not-mine-2031', 'Caoyuan-2031');
    await page.getByText('当前密码不正确').waitFor();
    await member.shot('security-password-phone');

    await fill(DEMO_PASSWORD, 'Caoyuan-2031');
    await page.getByText('密码已修改').waitFor();
    // on a phone the notice lies over the header's 退出登录 until it fades
    await page.locator('.ant-message-notice').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);

    await signInOnPage(page, 'member', DEMO_PASSWORD);
    await page.getByText('用户名或密码错误').waitFor();
    await signInOnPage(page, 'member', 'Caoyuan-2031');
    await page.getByRole('button', { name: '退出登录' }).waitFor();
  });

  it('the office enrols a second factor before anything else, then signs in with its code', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    // sent to 账户安全, with no other menu
    await page.waitForURL(/\/me\/security$/);
    await page.getByText('请先启用动态验证码').waitFor();
    expect(await page.getByRole('navigation', { name: '导航菜单' }).getByRole('menuitem').count()).toBe(0);
    await page.goto(`${j.product.url}/members`);
    await page.waitForURL(/\/me\/security$/);

    await page.getByRole('button', { name: '开始设置' }).click();
    await page.getByRole('img', { name: '动态验证码设置二维码' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent())
      ?.replace(/\s/g, '')
      .match(/[A-Z2-7]{32}/)?.[0];
    expect(secret).toBeTruthy();
    await office.shot('security-enrol-desktop');
    const enable = page.getByRole('button', { name: /启\s*用/ });

    await page.getByLabel('动态验证码', { exact: true }).fill(codeAt(secret!, 10));
    await enable.click();
    await page.getByText('动态验证码不正确或已使用过').first().waitFor();
    await page.getByLabel('动态验证码', { exact: true }).fill(codeAt(secret!));
    await enable.click();
    await page.getByText('已启用', { exact: true }).waitFor();
    // the menu works again
    await page
      .getByRole('navigation', { name: '导航菜单' })
      .getByRole('link', { name: '委员名录' })
      .waitFor();
    await office.shot('security-enabled-desktop');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL(/\/login/);
    await signInOnPage(page, 'office', DEMO_PASSWORD);
    const otp = page.getByLabel('动态验证码', { exact: true });
    await otp.waitFor();
    await page.getByText('该账号已启用动态验证码').waitFor();
    await office.shot('security-login-otp-desktop');
    await otp.fill(codeAt(secret!, 1));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    expect(new URL(page.url()).pathname).not.toBe('/me/security');
  });

  it('shows the enrolment on a phone too', async () => {
    const security = await j.as('security', 'phone');
    const { page } = security;
    await page.waitForURL(/\/me\/security$/);
    await page.getByRole('button', { name: '开始设置' }).click();
    await page.getByRole('img', { name: '动态验证码设置二维码' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await security.shot('security-enrol-phone');
  });
});
