import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import {
  dialogOf,
  expectFits,
  expectNoSidewaysScroll,
  journeys,
  markMongolianText,
  mongolianFonts,
  outcome,
} from './journey.js';

/**
 * The translators' workbench: a translator writes a home's Mongolian name and marks it reviewed,
 * the home's page in the admin and on the portal show it in the product's Mongolian font, and a
 * UI string is corrected on a phone; the office reads the workbench without a button to change it.
 */
const j = journeys();

interface NamePage {
  items: { kind: string; id: string; name: string; nameMn: string | null; state: string }[];
}

// a test text of Mongolian letters, not a translation of the home's name
const NAME_MN = 'ᠲᠡᠰᠲ ᠭᠡᠷ';

describe.runIf(browserAvailable)('蒙古文译文: the translators’ workbench', () => {
  it('a translator writes a home’s Mongolian name, reviewed; the admin and the portal show it in our font', async () => {
    const translator = await j.as('translator', 'desktop');
    const { page } = translator;
    const homes = await translator.get<NamePage>(
      `/translations/names?kind=home&q=${encodeURIComponent('交通街道')}`,
    );
    const home = homes.items[0]!;
    expect(home).toBeTruthy();

    await page.goto(`${j.product.url}/translations`);
    await page.getByRole('tab', { name: '名称' }).click();
    const names = page.getByRole('tabpanel', { name: '名称' });
    await names.getByRole('columnheader', { name: '中文名称' }).waitFor();
    await names.getByPlaceholder('搜索中文或蒙古文').fill(home.name);
    await names.getByPlaceholder('搜索中文或蒙古文').press('Enter');
    const row = page.locator('.ant-table-row').filter({ hasText: home.name }).first();
    await row.waitFor();
    await row.getByRole('button', { name: /^(翻\s*译|编\s*辑)$/ }).click();
    const dialog = dialogOf(page);
    await dialog.getByText(`中文原文：${home.name}`).waitFor();
    const input = dialog.locator('textarea[lang="mn-Mong"]');
    // the textarea is set vertically, as the portal sets the text
    expect(await input.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    await input.fill(NAME_MN);
    await dialog.getByLabel(/已审校/).check();
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, '已保存，立即生效', '蒙古文名称');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('已审校').waitFor();
    await row.locator('.mn-vertical').getByText(NAME_MN).waitFor();
    expect(await row.locator('.mn-vertical').evaluate((el) => getComputedStyle(el).writingMode)).toBe(
      'vertical-lr',
    );
    const fonts = await mongolianFonts(page);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.custom && /Mongolian/.test(font.family))).toBe(true);
    await translator.shot('translations-desktop-names');

    // the public page of the home shows it, in the product's font only
    const citizen = await j.anonymous('phone');
    await citizen.page.goto(`${j.product.url}/portal/homes/${home.id}`);
    await citizen.page.locator('[lang="mn-Mong"]').getByText(NAME_MN).waitFor();
    const portalFonts = await mongolianFonts(citizen.page);
    expect(portalFonts.every((font) => font.custom && /Mongolian/.test(font.family))).toBe(true);
  });

  it('on a phone, a translator corrects a string of the members’ pages; the workbench fits the screen', async () => {
    const translator = await j.as('translator', 'phone');
    const { page } = translator;
    await page.goto(`${j.product.url}/translations?q=${encodeURIComponent('活动签到')}`);
    const row = page.locator('.ant-table-row').filter({ hasText: 'phone.checkin.title' }).first();
    await row.waitFor();
    await expectNoSidewaysScroll(page, 'the workbench on a phone');
    await row.getByRole('button', { name: /^(翻\s*译|编\s*辑)$/ }).click();
    const dialog = dialogOf(page);
    await expectFits(page, dialog, 'the translation dialog');
    // a text that drops nothing but is not Mongolian is refused, and says why
    await dialog.locator('textarea').fill('签到');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.getByText('蒙古文译文须含传统蒙古文字母').waitFor();
    await dialog.locator('textarea').fill(NAME_MN);
    await dialog.getByText('蒙古文译文须含传统蒙古文字母').first().waitFor({ state: 'hidden' });
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, '已保存，立即生效', '界面译文');
    await dialog.waitFor({ state: 'hidden' });
    await row.getByText('草稿').waitFor();
    await translator.shot('translations-phone-strings');
  });

  it('the office reads the workbench, with no button to change it', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    await page.goto(`${j.product.url}/translations`);
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByText('只有翻译审校人员可以修改译文').waitFor();
    expect(await page.getByRole('button', { name: /^(翻\s*译|编\s*辑)$/ }).count()).toBe(0);
  });

  it('a member on a phone chooses Mongolian: the record stands vertical, in our font, within the screen; 中文 brings it back', async () => {
    const member = await j.as('member', 'phone');
    const { page } = member;
    await page.goto(`${j.product.url}/my/record`);
    await page.locator('html[data-phone-ready]').waitFor({ state: 'attached' });
    await page.getByRole('button', { name: 'ᠮᠣᠩᠭᠣᠯ' }).click();
    const card = page.locator('main.phone-mn .phone-card');
    await card.waitFor();
    expect(await card.evaluate((el) => getComputedStyle(el).writingMode)).toBe('vertical-lr');
    await page.getByText('译文待审校').waitFor();
    expect(await markMongolianText(page)).toBeGreaterThan(3);
    const fonts = await mongolianFonts(page, '[data-mn-text]');
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.custom && /Mongolian/.test(font.family))).toBe(true);
    // long columns scroll inside the card, never the page
    await expectNoSidewaysScroll(page, 'the record in Mongolian');
    await member.shot('phone-record-mongolian');
    expect((await member.get<{ language: string }>('/auth/me')).language).toBe('mn');

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByText('履职积分').first().waitFor();
    expect(await page.locator('main.phone-mn').count()).toBe(0);
    expect((await member.get<{ language: string }>('/auth/me')).language).toBe('zh');
  });
});
