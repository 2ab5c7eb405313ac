import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar.js';
import { browserAvailable } from './browser.js';
import {
  arrived,
  dialogOf,
  fact,
  headerTag,
  journeys,
  outcome,
  pick,
  typeDate,
  type User,
} from './journey.js';

/**
 * Journeys through 履职档案 and what counts in it: the member reads their record on a phone and
 * flags a missing entry, the district's staff answer the flag, add the entry and correct another,
 * the office changes the points rules and the records follow; staff register proposals and research
 * reports with their members, and those members' records list them; the office issues a rule of the
 * 制度库 and a new version of it; and what a plain member and the vice chair are not offered.
 */
const j = journeys();

interface DutyEntry {
  item: string;
  itemLabel: string;
  title: string;
  points: number;
  rawPoints: number;
  sourceType: string;
}
interface DutyRecord {
  memberName: string;
  total: number;
  entries: DutyEntry[];
}
interface Ruleset {
  rules: { item: string; label: string; points: number; unit: string }[];
}
interface MemberRow {
  id: string;
  name: string;
}

/** Today's date in Beijing, as the date pickers start from it. */
const today = () => beijingDate(new Date());
const YEAR = new Date().getFullYear();

/** Signed-in users, reused across the journeys of this file (sign-ins are rate-limited). */
const signedIn = new Map<string, Promise<User>>();
function as(username: string, device: 'desktop' | 'phone' = 'desktop'): Promise<User> {
  const key = `${username}:${device}`;
  if (!signedIn.has(key)) signedIn.set(key, j.as(username, device));
  return signedIn.get(key)!;
}

// when a journey fails, what each signed-in page showed
afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const [key, user] of signedIn) {
    const u = await user.catch(() => null);
    await u?.shot(`failed-${context.task.name.slice(0, 24)}-${key.replace(':', '-')}`).catch(() => {});
  }
});

const recordOf = (user: User, memberId: string) =>
  user.get<DutyRecord>(`/members/${memberId}/duty-record?year=${YEAR}`);

/** The total a record page shows. */
const shownTotal = async (page: Page) =>
  Number(await page.locator('.ant-statistic-content-value').first().textContent());

/** Waits until the record page shows that total. */
async function expectTotal(page: Page, total: number) {
  await expect.poll(() => shownTotal(page), { timeout: 30_000 }).toBe(total);
}

/** One entry of a record page, by its title (and item label when given). */
const entry = (page: Page, title: string, itemLabel?: string) => {
  let row = page.getByTestId('duty-entry').filter({ hasText: title });
  if (itemLabel) row = row.filter({ hasText: itemLabel });
  return row.first();
};

/** The 分 an entry row shows as counted (the struck-through raw value aside). */
const entryPoints = async (row: Locator) =>
  (await row.locator('strong').last().textContent())?.replace(/\s/g, '');

/** Members the district's staff manage, with a name only one of them has, other than `except`. */
async function otherMembers(staff: User, except: string[], count: number): Promise<MemberRow[]> {
  const page = await staff.get<{ items: MemberRow[] }>('/members?pageSize=60');
  const picked: MemberRow[] = [];
  for (const m of page.items) {
    if (except.includes(m.id) || picked.some((p) => p.name === m.name)) continue;
    const same = await staff.get<{ total: number }>(`/members?q=${encodeURIComponent(m.name)}&pageSize=1`);
    if (same.total !== 1) continue;
    picked.push(m);
    if (picked.length === count) break;
  }
  expect(picked).toHaveLength(count);
  return picked;
}

/** Picks members in a multiple member select, one after the other, searching each by name. */
async function pickMembers(page: Page, scope: Page | Locator, label: string, names: string[]) {
  for (const name of names) await pick(page, scope, label, name, name);
  await page.keyboard.press('Escape');
}

/** Removes a chosen member from a multiple select. */
async function unpick(scope: Locator, label: string, name: string) {
  await scope
    .locator('.ant-form-item', { has: scope.page().getByText(label, { exact: true }) })
    .locator(`.ant-select-selection-item[title="${name}"] .ant-select-selection-item-remove`)
    .click();
}

describe.runIf(browserAvailable)(
  '履职档案: the member’s own record, a flag, corrections and the points rules',
  () => {
    it('a member on a phone flags a missing entry; district staff answer it, add the entry, correct and restore another', async () => {
      const member = await as('member', 'phone');
      const dongsheng = await as('dongsheng', 'desktop');
      const memberId = member.me.user.memberId!;
      const before = await recordOf(member, memberId);
      const description = '11月参加了市政协组织的委员履职培训，档案中没有这一条。';

      // 我的: this year's points, and the way to the whole record
      const { page } = member;
      await page.goto(`${j.product.url}/me`);
      const card = page.locator('.ant-card', { hasText: '我的履职档案' });
      await card.getByText(`共 ${before.entries.length} 条履职记录`).waitFor();
      expect(Number(await card.locator('.ant-statistic-content-value').textContent())).toBe(before.total);
      await card.getByRole('link', { name: '查看档案' }).click();
      await page.waitForURL(/\/me\/duty-record/);
      await page.getByRole('heading', { name: '我的履职档案' }).waitFor();
      await expectTotal(page, before.total);
      await page.getByText(`履职记录（${before.entries.length} 条）`).waitFor();
      const lead = before.entries.find((e) => e.item === 'proposal_submitted')!;
      expect(lead).toBeTruthy();
      await entry(page, lead.title, lead.itemLabel).getByText(`${lead.points} 分`).waitFor();
      // a member reads: no correcting, adding or printing
      for (const name of ['补录', '更正积分', '撤销更正', '打印']) {
        expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }

      // 反映遗漏
      await page.getByRole('button', { name: '反映遗漏' }).click();
      const flagDialog = dialogOf(page);
      await flagDialog.getByLabel('遗漏情况说明').fill(description);
      await flagDialog.getByRole('button', { name: '提交', exact: true }).click();
      await outcome(page, '已提交', '反映遗漏');
      const flag = page.getByTestId('duty-flag').filter({ hasText: description });
      await flag.getByText('待处理', { exact: true }).waitFor();
      await member.shot('records-phone-flagged');

      // the district's staff answer it in 遗漏反映
      const staff = dongsheng.page;
      await staff.goto(`${j.product.url}/duty-flags`);
      const row = staff.getByRole('row').filter({ hasText: description });
      await row.getByText('待处理', { exact: true }).waitFor();
      await row.getByRole('button', { name: '处理', exact: true }).click();
      const resolve = dialogOf(staff);
      await resolve.getByText(description).waitFor();
      expect(await resolve.getByLabel('已处理').isChecked()).toBe(true);
      await resolve.getByLabel('处理意见').fill('已核实，已补录培训一次。');
      await resolve.getByRole('button', { name: '处理', exact: true }).click();
      await outcome(staff, '已处理', '处理遗漏反映');
      await row.getByText('已处理', { exact: true }).waitFor();
      await row.getByText('已核实，已补录培训一次。').waitFor();
      expect(await row.getByRole('button', { name: '处理', exact: true }).count()).toBe(0);

      // …and add the entry in the member's record (the flag's row links to it)
      await row.getByRole('link', { name: before.memberName }).click();
      await staff.waitForURL(new RegExp(`/members/${memberId}/duty-record`));
      await staff.getByRole('heading', { name: `${before.memberName}的履职档案` }).waitFor();
      await expectTotal(staff, before.total);
      await staff.getByRole('button', { name: '补录', exact: true }).click();
      const add = dialogOf(staff);
      await pick(staff, add, '积分项目', '参加培训');
      await add.getByLabel('事项').fill('市政协委员履职培训班（补录）');
      await typeDate(add, '日期', today());
      await add.getByLabel('分值').fill('2');
      await add.getByLabel('理由').fill('委员反映遗漏，经核实培训签到表补录。');
      await add.getByRole('button', { name: '保存', exact: true }).click();
      await outcome(staff, '已补录', '补录');
      const added = entry(staff, '市政协委员履职培训班（补录）', '参加培训');
      await added.getByText('示例·东胜区政协补录；理由：委员反映遗漏，经核实培训签到表补录。').waitFor();
      expect(await entryPoints(added)).toBe('2分');
      await expectTotal(staff, before.total + 2);
      await staff.getByText(`履职记录（${before.entries.length + 1} 条）`).waitFor();

      // …and correct the points of the member's proposal, with a reason
      const leadRow = entry(staff, lead.title, lead.itemLabel);
      await leadRow.getByRole('button', { name: '更正积分' }).click();
      const correct = dialogOf(staff);
      await correct.getByText(lead.title).waitFor();
      await correct.getByLabel('分值').fill(String(lead.points - 4));
      await correct.getByLabel('理由').fill('该提案为合并提案，按规定减计。');
      await correct.getByRole('button', { name: '保存', exact: true }).click();
      await outcome(staff, '已更正积分', '更正积分');
      await leadRow.getByText('示例·东胜区政协更正；理由：该提案为合并提案，按规定减计。').waitFor();
      expect(await entryPoints(leadRow)).toBe(`${lead.points - 4}分`);

      await expectTotal(staff, before.total + 2 - 4);
      await dongsheng.shot('records-desktop-corrected');

      // the member sees the answer, the added entry and the corrected one
      await page.reload();
      await flag.getByText('已处理', { exact: true }).waitFor();
      await flag.getByText('处理意见：已核实，已补录培训一次。').waitFor();
      await entry(page, '市政协委员履职培训班（补录）').waitFor();
      expect(await entryPoints(entry(page, lead.title, lead.itemLabel))).toBe(`${lead.points - 4}分`);
      await expectTotal(page, before.total - 2);
      await member.shot('records-phone-answered');

      // the staff undo the correction, with a reason: the proposal counts in full again
      await leadRow.getByRole('button', { name: '撤销更正' }).click();
      const revoke = dialogOf(staff);
      await revoke.getByLabel('撤销理由').fill('经复核，不属于合并提案。');
      await revoke.getByRole('button', { name: '撤销更正', exact: true }).click();
      await outcome(staff, '已撤销更正', '撤销更正');
      await expect.poll(() => entryPoints(leadRow)).toBe(`${lead.points}分`);
      expect(await leadRow.getByRole('button', { name: '更正积分' }).count()).toBe(1);
      await expectTotal(staff, before.total + 2);
      expect((await recordOf(dongsheng, memberId)).total).toBe(before.total + 2);
    });

    it('the office raises the points of a research report from this year; the rules and the records show it', async () => {
      const office = await as('office', 'desktop');
      const member = await as('member', 'phone');
      const memberId = member.me.user.memberId!;
      const rules = await office.get<Ruleset>(`/point-rules?year=${YEAR}`);
      const index = rules.rules.findIndex((r) => r.item === 'research_report');
      const rule = rules.rules[index]!;
      const before = await recordOf(office, memberId);
      const reports = before.entries.filter((e) => e.item === 'research_report');
      expect(reports.length).toBeGreaterThan(0);
      const raised = rule.points + 3;

      const { page } = office;
      await page.goto(`${j.product.url}/point-rules`);
      await page.getByText(`${YEAR}年度适用的规则`, { exact: false }).waitFor();
      await page.getByRole('button', { name: '编辑规则' }).click();
      const form = page.locator('form#ruleset');
      await form.waitFor();
      expect(await form.locator('#ruleset_fromYear').inputValue()).toBe(String(YEAR));
      expect(await form.locator(`#ruleset_rules_${index}_label`).inputValue()).toBe(rule.label);
      await form.locator(`#ruleset_rules_${index}_points`).fill(String(raised));
      await form.getByLabel('说明').fill(`${YEAR} 年起调研报告加分`);
      await form.getByRole('button', { name: '保存', exact: true }).click();
      await page
        .locator('.ant-modal-confirm')
        .filter({ hasText: `保存自 ${YEAR} 年起适用的积分规则？` })
        .getByRole('button', { name: '保存', exact: true })
        .click();
      await outcome(page, '积分规则已保存', '保存积分规则');
      await page.getByText(`已保存，并按新规则重新统计了 ${YEAR} 年度的档案`).waitFor();
      // the rules in force and the versions
      const ruleRow = page.getByRole('row').filter({ hasText: rule.label });
      await ruleRow.getByText(`每${rule.unit} ${raised} 分`).waitFor();
      await page.getByText(`${YEAR}年度适用的规则（自 ${YEAR} 年起）`).waitFor();
      const version = page.getByRole('row').filter({ hasText: `自 ${YEAR} 年起` });
      await version.getByText(`${YEAR} 年起调研报告加分`).waitFor();
      await office.shot('records-desktop-point-rules');

      // the member's record counts the report with the new points
      await member.page.goto(`${j.product.url}/me/duty-record`);
      for (const r of reports) {
        await expect.poll(() => entryPoints(entry(member.page, r.title, rule.label))).toBe(`${raised}分`);
      }
      await expectTotal(member.page, before.total + 3 * reports.length);
      // and so does the list of records the office reads
      await page.goto(`${j.product.url}/duty-records?q=${encodeURIComponent(before.memberName)}`);
      const listed = page.getByRole('row').filter({ hasText: before.memberName }).first();
      await listed
        .getByRole('cell', { name: String(before.total + 3 * reports.length), exact: true })
        .waitFor();
    });
  },
);

describe.runIf(browserAvailable)('提案 and 调研报告, registered with their members', () => {
  it('district staff register a proposal with co-signers, record its filing, and the co-signer’s record lists it', async () => {
    const dongsheng = await as('dongsheng', 'desktop');
    const member = await as('member', 'phone');
    const memberId = member.me.user.memberId!;
    const memberName = (await recordOf(member, memberId)).memberName;
    const [leadMember, second] = await otherMembers(dongsheng, [memberId], 2);
    const homes = await dongsheng.get<{ items: { id: string; name: string }[] }>('/homes?pageSize=1');
    const home = homes.items[0]!;
    const title = '关于完善嘎查村级养老互助点运营保障的提案';
    const rules = await dongsheng.get<Ruleset>(`/point-rules?year=${YEAR}`);
    const cosignPoints = rules.rules.find((r) => r.item === 'proposal_cosigned')!.points;

    const { page } = dongsheng;
    await page.goto(`${j.product.url}/proposals`);
    await page.getByRole('button', { name: '登记提案' }).click();
    await page.waitForURL(/\/proposals\/new$/);
    await page.getByRole('heading', { name: '登记提案' }).waitFor();
    const form = page.locator('form#proposal');
    await form.getByLabel('提案标题').fill(title);
    await form.getByLabel('提案号').fill(`${YEAR}-E2E-01`);
    expect(await form.getByLabel('提交日期').inputValue()).toBe(today());
    await pick(page, form, '领衔委员', leadMember!.name, leadMember!.name);
    await pickMembers(page, form, '联名委员', [memberName, second!.name]);
    await pick(page, form, '委员之家', home.name, home.name.slice(0, 6));
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await arrived(page, /\/proposals\/[0-9a-f-]{36}$/, '登记提案');
    const proposalUrl = page.url();

    await page.getByRole('heading', { name: title }).waitFor();
    expect(await headerTag(page).textContent()).toBe('待立案');
    expect(await fact(page, '提案号').textContent()).toBe(`${YEAR}-E2E-01`);
    expect(await fact(page, '提交日期').textContent()).toBe(today());
    expect(await fact(page, '领衔委员').textContent()).toBe(leadMember!.name);
    const cosigners = (await fact(page, '联名委员').textContent())!.split('、').sort();
    expect(cosigners).toEqual([memberName, second!.name].sort());
    expect(await fact(page, '委员之家').textContent()).toBe(home.name);
    expect(await fact(page, '立案审查日期').textContent()).toBe('-');

    // filed: the status, the date, the result; the second co-signer withdrew
    await page.getByRole('button', { name: '编辑' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('heading', { name: '修改提案' }).waitFor();
    expect(await form.getByLabel('提案标题').inputValue()).toBe(title);
    await pick(page, form, '状态', '立案');
    await typeDate(form, '立案审查日期', today());
    await form.getByLabel('办理结果').fill('市民政局已答复，纳入明年民生实事。');
    await unpick(form, '联名委员', second!.name);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await arrived(page, new RegExp(`${proposalUrl}$`), '修改提案');
    await headerTag(page)
      .filter({ hasText: /^立案$/ })
      .waitFor();
    expect(await fact(page, '联名委员').textContent()).toBe(memberName);
    expect(await fact(page, '立案审查日期').textContent()).toBe(today());
    expect(await fact(page, '办理结果').textContent()).toBe('市民政局已答复，纳入明年民生实事。');
    await dongsheng.shot('proposals-desktop-detail');

    // the register lists it
    await page.goto(`${j.product.url}/proposals`);
    await page.getByPlaceholder('搜索标题、提案号').fill('养老互助点');
    await page.getByPlaceholder('搜索标题、提案号').press('Enter');
    const listed = page.getByRole('row').filter({ hasText: title });
    await listed.getByText(leadMember!.name, { exact: true }).waitFor();
    await listed.getByText(memberName, { exact: true }).waitFor();
    await listed.getByText('立案', { exact: true }).waitFor();

    // the lead's record has the proposal and its filing; the one who withdrew has nothing of it
    const leadRecord = await recordOf(dongsheng, leadMember!.id);
    expect(
      leadRecord.entries
        .filter((e) => e.title === title)
        .map((e) => e.itemLabel)
        .sort(),
    ).toEqual(['领衔提出提案', '领衔提案立案'].sort());
    expect((await recordOf(dongsheng, second!.id)).entries.some((e) => e.title === title)).toBe(false);

    // the co-signer, on a phone, finds it in their record and opens it: no 编辑 for a member
    await member.page.goto(`${j.product.url}/me/duty-record`);
    const row = entry(member.page, title, '联名提出提案');
    await row.waitFor();
    expect(await entryPoints(row)).toMatch(new RegExp(`^(${cosignPoints}|0)分$`));
    await row.getByRole('link', { name: title }).click();
    await member.page.getByRole('heading', { name: title }).waitFor();
    expect(await fact(member.page, '领衔委员').textContent()).toBe(leadMember!.name);
    expect(await member.page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await member.shot('proposals-phone-member-detail');
  });

  it('district staff register a research report on a phone with its members and an activity, then change them', async () => {
    const staff = await as('dongsheng', 'phone');
    const member = await as('member', 'phone');
    const memberId = member.me.user.memberId!;
    const memberName = (await recordOf(member, memberId)).memberName;
    const [first, second] = await otherMembers(staff, [memberId], 2);
    const activities = await staff.get<{ items: { id: string; title: string }[] }>('/activities?pageSize=1');
    const activity = activities.items[0]!;
    const title = '关于牧区小学寄宿生营养餐保障情况的调研报告';
    const points = (await staff.get<Ruleset>(`/point-rules?year=${YEAR}`)).rules.find(
      (r) => r.item === 'research_report',
    )!.points;
    const before = await recordOf(staff, memberId);

    const { page } = staff;
    await page.goto(`${j.product.url}/research-reports`);
    await page.getByRole('button', { name: '登记调研报告' }).click();
    await page.waitForURL(/\/research-reports\/new$/);
    await page.getByRole('heading', { name: '登记调研报告' }).waitFor();
    const form = page.locator('form#report');
    await form.getByLabel('报告标题').fill(title);
    expect(await form.getByLabel('完成日期').inputValue()).toBe(today());
    await pickMembers(page, form, '参与委员', [memberName, first!.name]);
    await form.getByLabel('内容摘要').fill('走访 6 所牧区小学，寄宿生营养餐标准偏低。');
    await pick(page, form, '相关活动', activity.title, activity.title.slice(0, 6));
    await staff.shot('reports-phone-form');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await arrived(page, /\/research-reports\/[0-9a-f-]{36}$/, '登记调研报告');
    const reportUrl = page.url();

    await page.getByRole('heading', { name: title }).waitFor();
    expect(await fact(page, '完成日期').textContent()).toBe(today());
    expect((await fact(page, '参与委员').textContent())!.split('、').sort()).toEqual(
      [memberName, first!.name].sort(),
    );
    expect(await fact(page, '内容摘要').textContent()).toBe('走访 6 所牧区小学，寄宿生营养餐标准偏低。');
    await fact(page, '相关活动').getByRole('link', { name: activity.title }).waitFor();
    expect(await fact(page, '委员之家').textContent()).toBe('-');

    // the summary grows; one member leaves it and another joins
    await page.getByRole('button', { name: '编辑' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByRole('heading', { name: '修改调研报告' }).waitFor();
    await form.getByLabel('内容摘要').fill('走访 6 所牧区小学，寄宿生营养餐标准偏低，建议提高补助标准。');
    await unpick(form, '参与委员', first!.name);
    await pickMembers(page, form, '参与委员', [second!.name]);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await arrived(page, new RegExp(`${reportUrl}$`), '修改调研报告');
    await fact(page, '内容摘要').getByText('建议提高补助标准', { exact: false }).waitFor();
    expect((await fact(page, '参与委员').textContent())!.split('、').sort()).toEqual(
      [memberName, second!.name].sort(),
    );
    await staff.shot('reports-phone-detail');

    // the list shows it
    await page.goto(`${j.product.url}/research-reports`);
    await page.getByRole('link', { name: title }).waitFor();

    // the members' records: the member and the one who joined, not the one who left
    await member.page.goto(`${j.product.url}/me/duty-record`);
    const row = entry(member.page, title, '参与调研报告');
    await row.waitFor();
    expect(await entryPoints(row)).toBe(`${points}分`);
    await expectTotal(member.page, before.total + points);
    expect((await recordOf(staff, second!.id)).entries.some((e) => e.title === title)).toBe(true);
    expect((await recordOf(staff, first!.id)).entries.some((e) => e.title === title)).toBe(false);
  });
});

describe.runIf(browserAvailable)('制度库', () => {
  it('the office issues a rule and then a new version of it; the list shows which one is in force', async () => {
    const office = await as('office', 'desktop');
    const { page } = office;
    const title = '委员之家值班接待制度（端到端）';
    await page.goto(`${j.product.url}/rules`);
    await page.getByRole('heading', { name: '制度库' }).waitFor();

    await page.getByRole('button', { name: '发布制度' }).click();
    let dialog = dialogOf(page);
    await dialog.getByLabel('制度名称').fill(title);
    await dialog.getByLabel('版本').fill(`${YEAR} 版`);
    expect(await dialog.getByLabel('施行日期').inputValue()).toBe(today());
    await dialog.getByLabel('正文').fill('一、每周二、四上午安排委员值班接待群众。');
    await dialog.getByRole('button', { name: '发布制度' }).click();
    await outcome(page, title, '发布制度');
    const rows = page.getByRole('row').filter({ hasText: title });
    await rows
      .filter({ hasText: `${YEAR} 版` })
      .getByText('现行', { exact: true })
      .waitFor();

    // the rule revised: a new version of the same title, from its row
    await rows
      .filter({ hasText: `${YEAR} 版` })
      .getByRole('button', { name: '发布新版本' })
      .click();
    dialog = dialogOf(page);
    expect(await dialog.getByLabel('制度名称').inputValue()).toBe(title);
    expect(await dialog.getByLabel('正文').inputValue()).toBe('一、每周二、四上午安排委员值班接待群众。');
    await dialog.getByLabel('版本').fill(`${YEAR} 修订版`);
    await dialog
      .getByLabel('正文')
      .fill('一、每周二、四上午安排委员值班接待群众。\n二、值班委员做好接待记录。');
    await dialog.getByRole('button', { name: '发布制度' }).click();
    await outcome(page, title, '发布新版本');
    await expect.poll(() => rows.count()).toBe(2);
    await rows
      .filter({ hasText: `${YEAR} 修订版` })
      .getByText('现行', { exact: true })
      .waitFor();
    await rows
      .filter({ hasText: `${YEAR} 版` })
      .filter({ hasNotText: '修订版' })
      .getByText('已替代')
      .waitFor();
    // the body of the version in force, opened from its row
    await rows
      .filter({ hasText: `${YEAR} 修订版` })
      .getByText(title)
      .click();
    await page
      .locator('.ant-table-expanded-row')
      .getByText('二、值班委员做好接待记录。', { exact: false })
      .waitFor();
    // only the versions in force
    await page.getByLabel('只看现行版本').check();
    await expect.poll(() => rows.count()).toBe(1);
    await rows.getByText(`${YEAR} 修订版`).waitFor();
    await office.shot('rules-desktop-versions');
  });
});

describe.runIf(browserAvailable)('who reads only', () => {
  it('a plain member sees only their own record and registers nothing; the vice chair reads and changes nothing', async () => {
    const member = await as('member', 'phone');
    const dongsheng = await as('dongsheng', 'desktop');
    const memberId = member.me.user.memberId!;
    const [someone] = await otherMembers(dongsheng, [memberId], 1);
    const proposals = await member.get<{ items: { id: string; title: string }[] }>('/proposals?pageSize=1');
    const proposal = proposals.items[0]!;

    const { page } = member;
    // another member's record is not theirs to read
    await page.goto(`${j.product.url}/members/${someone!.id}/duty-record`);
    await page.getByText('页面不存在', { exact: true }).first().waitFor();
    await page.getByRole('heading', { name: '委员履职档案' }).waitFor();
    expect(await page.getByTestId('duty-entry').count()).toBe(0);
    // proposals: theirs, read only
    await page.goto(`${j.product.url}/proposals`);
    await page.getByRole('link', { name: proposal.title }).first().waitFor();
    expect(await page.getByRole('button', { name: '登记提案' }).count()).toBe(0);
    await page.goto(`${j.product.url}/proposals/${proposal.id}`);
    await page.getByRole('heading', { name: proposal.title }).waitFor();
    expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await page.goto(`${j.product.url}/research-reports`);
    await page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await page.getByRole('button', { name: '登记调研报告' }).count()).toBe(0);
    await page.goto(`${j.product.url}/point-rules`);
    await page.getByText(`${YEAR}年度适用的规则`, { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: '编辑规则' }).count()).toBe(0);
    await member.shot('records-phone-member-point-rules');

    const vicechair = await as('vicechair', 'desktop');
    const v = vicechair.page;
    await v.goto(`${j.product.url}/duty-records`);
    const first = v.locator('.ant-table-row').first();
    await first.waitFor();
    expect(await v.getByRole('button', { name: '重新统计' }).count()).toBe(0);
    expect(await v.getByRole('button', { name: '年度归档' }).count()).toBe(0);
    await first.getByRole('link').first().click();
    await v.waitForURL(/\/duty-record/);
    await v.getByTestId('duty-entry').first().waitFor();
    for (const name of ['补录', '更正积分', '撤销更正', '反映遗漏']) {
      expect(await v.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await v.goto(`${j.product.url}/duty-flags`);
    await v.locator('.ant-table-row').first().waitFor();
    expect(await v.getByRole('button', { name: '处理', exact: true }).count()).toBe(0);
    await v.goto(`${j.product.url}/point-rules`);
    await v.getByText(`${YEAR}年度适用的规则`, { exact: false }).waitFor();
    expect(await v.getByRole('button', { name: '编辑规则' }).count()).toBe(0);
    await v.goto(`${j.product.url}/proposals`);
    await v.locator('.ant-table-row').first().waitFor();
    expect(await v.getByRole('button', { name: '登记提案' }).count()).toBe(0);
    await v.locator('.ant-table-row').first().getByRole('link').first().click();
    await v.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    await headerTag(v).waitFor();
    expect(await v.getByRole('button', { name: '编辑' }).count()).toBe(0);
    await v.goto(`${j.product.url}/research-reports`);
    await v.locator('.ant-table-row').first().waitFor();
    expect(await v.getByRole('button', { name: '登记调研报告' }).count()).toBe(0);
    await v.goto(`${j.product.url}/rules`);
    await v.getByRole('heading', { name: '制度库' }).waitFor();
    await v.locator('.ant-table-row').first().waitFor();
    expect(await v.getByRole('button', { name: '发布制度' }).count()).toBe(0);
    expect(await v.getByRole('button', { name: '发布新版本' }).count()).toBe(0);
    await vicechair.shot('records-desktop-vicechair');
  });
});
