import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GRADE_LABELS, gradeOf } from '../src/domain/evaluation.js';
import { browserAvailable } from './browser.js';
import { card, dialogOf, headerTag, journeys, outcome, pick, type User } from './journey.js';

/**
 * The year's evaluation of the municipal homes, through the round's page: the office starts the
 * round and chooses its reviewers, two reviewers (one on a phone) score a home, the office
 * confirms the results, settles the commendations and publishes them, then revises and
 * republishes; each step's scores, places, grades and status as the page shows them at once.
 */
const j = journeys();

interface RoundHome {
  homeId: string;
  name: string;
  items: Record<string, number>;
  total: number | null;
  rank: number | null;
  grade: string | null;
  commended: boolean;
  reviewersDone: number;
}
interface Round {
  id: string;
  status: string;
  homeEntries: RoundHome[];
  memberCommendations: { memberId: string; name: string; points: number; rank: number; confirmed: boolean }[];
}

const YEAR = new Date().getFullYear();
const TITLE = `${YEAR} 年度市级委员之家评比（端到端）`;
const REVIEWER_ITEMS = ['effect', 'bonus'];

const expectStatus = (page: Page, status: string) =>
  headerTag(page)
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor();

/** 公布结果 from the header: the dialog asks for the notice's document number, then publishes. */
async function publish(page: Page, documentNumber: string) {
  await page.getByRole('button', { name: '公布结果', exact: true }).click();
  const dialog = dialogOf(page);
  await dialog.getByLabel('通报文号').fill(documentNumber);
  await dialog.getByRole('button', { name: '公布结果', exact: true }).click();
  await outcome(page, '已公布结果', '公布结果');
  await dialog.waitFor({ state: 'hidden' });
}

/** A print the page links to, fetched with the page's session: a PDF. */
async function printedFrom(page: Page, link: string) {
  const href = await page.getByRole('link', { name: link, exact: true }).first().getAttribute('href');
  expect(href).toMatch(/\.pdf/);
  const res = await page.request.get(new URL(href!, page.url()).toString());
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('application/pdf');
  return res.body();
}

/** The row of a home in a card's table. */
const homeRow = (scope: Locator, name: string) =>
  scope.locator('.ant-table-row', { has: scope.page().getByText(name, { exact: true }) }).first();

/** The text of a row's cell under a column title. */
async function cellOf(table: Locator, row: Locator, column: string): Promise<string> {
  await row.waitFor();
  const titles = await table.locator('thead th').allTextContents();
  const index = titles.findIndex((title) => title.trim().startsWith(column));
  if (index < 0) throw new Error(`no column ${column} in ${titles.join('|')}`);
  return ((await row.locator('td').nth(index).textContent()) ?? '').trim();
}

/**
 * A step of the round from its header: the button, asked again (with the warning the dialog must
 * give, when told), and the success message.
 */
async function roundStep(page: Page, action: string, warning?: RegExp) {
  await page.getByRole('button', { name: action, exact: true }).click();
  const confirm = page.locator('.ant-modal-confirm');
  if (warning) await confirm.getByText(warning).waitFor();
  const ok = confirm.getByRole('button', { name: action, exact: true });
  await ok.click();
  // a click while the confirmation still zooms in can miss; its button ignores clicks while it works
  const done = page
    .locator('.ant-message-success')
    .filter({ hasText: `已${action}` })
    .first();
  if (
    !(await done.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    )) &&
    (await ok.isVisible())
  )
    await ok.click();
  await outcome(page, `已${action}`, action);
  await confirm.waitFor({ state: 'hidden' });
}

/** A reviewer scores a home in its drawer: each reviewer item with a comment. */
async function score(page: Page, home: string, effect: number, bonus: number, comment: string) {
  const table = card(page, '各委员之家得分');
  await homeRow(table, home).getByRole('button', { name: '打分', exact: true }).click();
  const drawer = dialogOf(page);
  await drawer.getByText('我的打分', { exact: true }).waitFor();
  await drawer.getByLabel('履职成效（评审打分）（0–25 分）').fill(String(effect));
  await drawer.getByLabel('特色创新加分（0–10 分）').fill(String(bonus));
  await drawer.getByLabel('评语').first().fill(comment);
  await drawer.getByRole('button', { name: '保存', exact: true }).click();
  await outcome(page, '打分已保存', '打分');
  return drawer;
}

const sum = (items: Record<string, number>, keys?: string[]) =>
  Object.entries(items)
    .filter(([key]) => !keys || keys.includes(key))
    .reduce((a, [, v]) => a + v, 0);

describe.runIf(browserAvailable)('年度评价, from the round to its revised publication', () => {
  let office: User;
  let committee: User;
  let vicechair: User;
  let page: Page;
  let url: string;
  let roundId: string;
  let target: RoundHome;
  let base: number;
  let total1: number;
  const results = () => card(page, '各委员之家得分');
  const resultsTable = () => results().locator('table');
  const publication = () => card(page, '公布结果');
  const pubTable = () => publication().locator('table').first();

  it('the office starts the round and chooses its reviewers', async () => {
    office = await j.as('office', 'desktop');
    page = office.page;

    // 发起评价: the year's municipal round with a title and three members to commend
    await page.goto(`${j.product.url}/evaluation?year=${YEAR}`);
    await page.getByRole('button', { name: '发起评价' }).click();
    const create = dialogOf(page);
    expect(await create.getByLabel('年度').inputValue()).toBe(String(YEAR));
    expect(await create.getByLabel('市级').isChecked()).toBe(true);
    await create.getByLabel('名称').fill(TITLE);
    await create.getByLabel('表彰委员名额').fill('3');
    await create.getByRole('button', { name: '发起', exact: true }).click();
    await page.waitForURL(/\/evaluation\/[0-9a-f-]{36}$/);
    url = page.url();
    roundId = url.split('/').pop()!;
    await page.getByRole('heading', { name: TITLE }).waitFor();
    await expectStatus(page, '自评中');
    const opened = await office.get<Round>(`/evaluation-rounds/${roundId}`);
    expect(opened.homeEntries.length).toBeGreaterThan(1);
    await page.getByText(`参评委员之家 ${opened.homeEntries.length} 个`, { exact: false }).waitFor();

    // 评审人员: the economic committee's staff and the vice chair
    const reviewers = card(page, '评审人员');
    await pick(page, reviewers, '评审人员', '示例·经济委员会', '经济');
    await pick(page, reviewers, '评审人员', '示例·副主席', '副主席');
    await page.keyboard.press('Escape');
    await reviewers.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(page, '评审人员已保存', '评审人员');
    await page.reload();
    const chosen = card(page, '评审人员').locator('.ant-select-selection-item');
    await chosen.filter({ hasText: '示例·经济委员会' }).waitFor();
    await chosen.filter({ hasText: '示例·副主席' }).waitFor();
    expect(await chosen.count()).toBe(2);

    // 开始评审: the computed items are filled in; the reviewer items wait
    await roundStep(page, '开始评审');
    await expectStatus(page, '评审中');
    const reviewing = await office.get<Round>(`/evaluation-rounds/${roundId}`);
    // the home with the most computed points, to which the reviewers give the most
    target = [...reviewing.homeEntries].sort((a, b) => sum(b.items) - sum(a.items))[0]!;
    base = sum(target.items) - sum(target.items, REVIEWER_ITEMS);
    expect(sum(target.items, REVIEWER_ITEMS)).toBe(0);
    expect(await cellOf(resultsTable(), homeRow(results(), target.name), '评审完成')).toBe('0 / 2');
    // the office is no reviewer: no 打分 for it
    expect(await results().getByRole('button', { name: '打分', exact: true }).count()).toBe(0);
  });

  it('two reviewers score a home, one on a phone; the reviewer items are their mean', async () => {
    committee = await j.as('committee', 'desktop');
    vicechair = await j.as('vicechair', 'phone');
    // the committee's reviewer scores it on a desktop
    await committee.page.goto(url);
    await expectStatus(committee.page, '评审中');
    let drawer = await score(committee.page, target.name, 25, 10, '端到端：服务群众成效显著。');
    const given = card(committee.page, '评审打分');
    await given.locator('.ant-table-row', { hasText: '示例·经济委员会' }).first().waitFor();
    await committee.page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    const theirs = card(committee.page, '各委员之家得分');
    await expect
      .poll(() => cellOf(theirs.locator('table'), homeRow(theirs, target.name), '评审完成'))
      .toBe('1 / 2');
    expect(await cellOf(theirs.locator('table'), homeRow(theirs, target.name), '履职成效')).toBe('25');

    // the vice chair scores it on a phone: the reviewer items are the mean, rounded half up
    await vicechair.page.goto(url);
    drawer = await score(vicechair.page, target.name, 20, 5, '端到端：特色不够突出。');
    await drawer.getByText('23 / 25', { exact: true }).waitFor();
    await drawer.getByText('8 / 10', { exact: true }).waitFor();
    await vicechair.shot('evaluation-phone-scored');
    expect(await vicechair.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );

    // the office's page shows both reviewers done
    await expect
      .poll(async () => {
        await page.reload();
        return cellOf(resultsTable(), homeRow(results(), target.name), '评审完成');
      })
      .toBe('2 / 2');
  });

  it('the office confirms, settles the commendations and publishes', async () => {
    // 确认结果, warned first that the other homes have no reviewer's score: total, grade and place
    // shown at once
    const unscored = (await office.get<Round>(`/evaluation-rounds/${roundId}`)).homeEntries.filter(
      (h) => h.reviewersDone === 0,
    ).length;
    expect(unscored).toBeGreaterThan(0);
    await roundStep(page, '确认结果', new RegExp(`有 ${unscored} 个还没有任何评审打分`));
    await expectStatus(page, '已确认');
    total1 = base + 23 + 8;
    const row = homeRow(results(), target.name);
    await expect.poll(() => cellOf(resultsTable(), row, '总分')).toBe(String(total1));
    expect(await cellOf(resultsTable(), row, '名次')).toBe('1');
    expect(await cellOf(resultsTable(), row, '等次')).toBe(GRADE_LABELS[gradeOf(total1)]);

    // 表彰名单: the home and the first member candidate
    const confirmed = await office.get<Round>(`/evaluation-rounds/${roundId}`);
    expect(confirmed.memberCommendations.length).toBeGreaterThan(0);
    expect(confirmed.memberCommendations.length).toBeLessThanOrEqual(3);
    const candidate = confirmed.memberCommendations[0]!;
    const commendations = card(page, '表彰名单');
    await commendations.getByRole('checkbox', { name: `1. ${target.name}` }).check();
    await commendations.getByRole('checkbox', { name: new RegExp(`^1\\. ${candidate.name}（`) }).check();
    await commendations.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(page, '表彰名单已保存', '表彰名单');
    await row.getByText('表彰', { exact: true }).waitFor();

    // 公布结果: the published ranking, first revision, with the notice's document number
    await page.getByRole('button', { name: '公布结果', exact: true }).click();
    const asked = dialogOf(page);
    await asked.getByRole('button', { name: '公布结果', exact: true }).click();
    await asked.getByText('请填写通报文号').waitFor();
    await asked.getByRole('button', { name: '取消', exact: true }).click();
    await publish(page, `鄂政协办发〔${YEAR}〕21号`);
    await expectStatus(page, '已公布');
    const published = homeRow(publication(), target.name);
    await published.waitFor();
    expect(await cellOf(pubTable(), published, '名次')).toBe('1');
    expect(await cellOf(pubTable(), published, '总分')).toBe(String(total1));
    expect(await cellOf(pubTable(), published, '等次')).toBe(GRADE_LABELS[gradeOf(total1)]);
    await published.getByText('表彰', { exact: true }).waitFor();
    await publication().getByText(`${candidate.name}（${candidate.points} 分）`).waitFor();
    await publication()
      .getByText(/^第 1 版 · /)
      .waitFor();
    for (const name of ['开始评审', '确认结果', '公布结果']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await office.shot('evaluation-desktop-published');
    // the notice and the certificates print as PDFs
    expect((await printedFrom(page, '打印通报')).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await printedFrom(page, '打印奖状')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('the office revises the published results; corrected, confirmed and republished as the second revision', async () => {
    // 修订已公布结果: with its reason, back to review
    await page.getByRole('button', { name: '修订已公布结果', exact: true }).click();
    const revise = dialogOf(page);
    await revise.getByLabel('修订理由').fill('端到端：经济委员会评审人员更正打分。');
    await revise.getByRole('button', { name: '修订已公布结果', exact: true }).click();
    await outcome(page, '已修订已公布结果', '修订');
    await expectStatus(page, '评审中');

    // the committee's reviewer corrects the scores
    await committee.page.goto(url);
    await score(committee.page, target.name, 5, 0, '端到端：更正后的打分。');
    await committee.page.keyboard.press('Escape');

    // confirmed again and republished: the page shows the second revision without a reload
    await page.reload();
    await roundStep(page, '确认结果');
    await expectStatus(page, '已确认');
    const total2 = base + 13 + 3;
    await expect
      .poll(() => cellOf(resultsTable(), homeRow(results(), target.name), '总分'))
      .toBe(String(total2));
    const reconfirmed = await office.get<Round>(`/evaluation-rounds/${roundId}`);
    const rank2 = reconfirmed.homeEntries.find((h) => h.homeId === target.homeId)!.rank!;
    expect(await cellOf(resultsTable(), homeRow(results(), target.name), '名次')).toBe(String(rank2));
    await publish(page, `鄂政协办发〔${YEAR}〕22号`);
    await expectStatus(page, '已公布');
    await publication()
      .getByText(/^第 2 版 · /)
      .waitFor();
    await publication().getByText('修订理由：端到端：经济委员会评审人员更正打分。').waitFor();
    const republished = homeRow(publication(), target.name);
    await expect.poll(() => cellOf(pubTable(), republished, '总分')).toBe(String(total2));
    expect(await cellOf(pubTable(), republished, '名次')).toBe(String(rank2));
    expect(await cellOf(pubTable(), republished, '等次')).toBe(GRADE_LABELS[gradeOf(total2)]);

    // the first revision stays as it was published
    // choose the first revision; a click that lands while the list re-renders is made again
    const revision = publication().getByLabel('修订版');
    const shown = publication().locator('.ant-select').first();
    await expect
      .poll(async () => {
        if (/第 1 版 · /.test((await shown.textContent()) ?? '')) return true;
        await revision.click();
        await page
          .locator('.ant-select-dropdown:visible')
          .getByTitle(/^第 1 版 · /)
          .click({ timeout: 3_000 })
          .catch(() => undefined);
        return false;
      })
      .toBe(true);
    await expect
      .poll(() => cellOf(pubTable(), homeRow(publication(), target.name), '总分'))
      .toBe(String(total1));
    expect(
      await publication()
        .getByText(/^修订理由：/)
        .count(),
    ).toBe(0);
    await office.shot('evaluation-desktop-republished');
    await Promise.all([office.close(), committee.close(), vicechair.close()]);
  });
});
