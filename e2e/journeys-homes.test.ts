import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { beijingDate } from '../src/domain/calendar.js';
import type { HomeDetail } from '../src/web/api/types.js';
import { browserAvailable } from './browser.js';
import { dialogOf, fact, headerTag, journeys, outcome, pick, typeDate, type User } from './journey.js';

/**
 * Journeys through 委员之家: district staff register one through 新建 and edit it; its
 * establishment procedure taken step by step by whoever the policy gives each step (a district's
 * home by that district's staff; a municipal one by the owning committee up to review, then the
 * office), a director found by editing before review; a director editing their own home on a
 * phone and offered nothing on another; the read-only vice chair offered no buttons.
 */
const j = journeys();

interface Member {
  id: string;
  name: string;
  sector: string | null;
}
interface Page_<T> {
  items: T[];
  total: number;
}

const TRANSITION_BUTTONS = [
  '完成调研',
  '提交建设方案',
  '审核通过',
  '退回修改',
  '主席会议批准',
  '主席会议不予批准',
  '授牌',
  '暂停',
  '恢复运行',
  '撤销',
];

/** Today's date in Beijing, as the date pickers start from it. */
const today = () => beijingDate(new Date());

/** Members the user may pick whose name no other member shares (so a search finds just them). */
async function uniqueMembers(user: User, query: string, count: number): Promise<Member[]> {
  const list = await user.get<Page_<Member>>(`/members?${query}&pageSize=60`);
  const found: Member[] = [];
  for (const m of list.items) {
    const same = await user.get<Page_<Member>>(`/members?q=${encodeURIComponent(m.name)}&pageSize=5`);
    if (same.items.filter((x) => x.name === m.name).length === 1) found.push(m);
    if (found.length === count) return found;
  }
  throw new Error(`fewer than ${count} members with a name of their own`);
}

/** Picks a member in a MemberSelect by searching their name. */
async function pickMember(page: Page, scope: Page | Locator, label: string, member: Member) {
  await pick(page, scope, label, member.name, member.name);
}

/** The home form's item of a field, so that a label such as 类型 names one control. */
const item = (page: Page, field: string) =>
  page.locator('.ant-form-item', { has: page.locator(`#home_${field}`) });

/** Opens a tab of the home's detail page. */
async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name, exact: true }).click();
}

/** The last step of 流程记录 (the tab must be open). */
const lastStep = (page: Page) => page.locator('.ant-timeline-item').last();

/**
 * One step of the procedure through the UI: the header's button, the step's fields, the dialog's
 * button of the same name; the success message, or the form's error at once.
 */
async function step(page: Page, action: string, fill: (dialog: Locator) => Promise<void> = async () => {}) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = dialogOf(page);
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await outcome(page, `已完成：${action}`, action);
  await dialog.waitFor({ state: 'hidden' });
}

/** After a step, what anyone reopening the page sees: the status tag, and the step in 流程记录. */
async function expectAfter(page: Page, status: string, action: string, actor: string, facts: string[] = []) {
  await page.reload();
  await headerTag(page)
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor();
  await openTab(page, '流程记录');
  const last = lastStep(page);
  await last.getByText(action, { exact: true }).waitFor();
  await last.locator('.ant-tag', { hasText: new RegExp(`^${status}$`) }).waitFor();
  await last.getByText(`办理人：${actor}`).waitFor();
  for (const f of facts) await last.getByText(f, { exact: false }).first().waitFor();
}

/** The transition buttons the header offers now. */
async function offeredSteps(page: Page): Promise<string[]> {
  const offered: string[] = [];
  for (const name of TRANSITION_BUTTONS) {
    if ((await page.getByRole('button', { name, exact: true }).count()) > 0) offered.push(name);
  }
  return offered;
}

const HOME = {
  name: '端到端·伊煤路街道委员之家',
  brand: '邻里议事厅',
  address: '东胜区伊煤路 18 号社区服务中心二楼',
  openingHours: '每周二、周四 9:00—12:00',
};

describe.runIf(browserAvailable)('委员之家 registered, edited and taken to 运行中 by those who do it', () => {
  let dongsheng: User;
  let homeId: string;
  let director: Member;

  it('district staff register a home through 新建 (blank optional fields accepted), find it in the list, and edit it', async () => {
    dongsheng = await j.as('dongsheng', 'desktop');
    const { page } = dongsheng;
    const township = (
      await dongsheng.get<Page_<{ code: string; name: string }>>('/regions?parentCode=150602')
    ).items[0]!;
    director = (await uniqueMembers(dongsheng, 'orgUnitId=district-150602', 1))[0]!;

    await page.goto(`${j.product.url}/homes`);
    await page.getByRole('button', { name: '新建委员之家' }).click();
    await page.waitForURL(/\/homes\/new$/);
    await page.getByLabel('名称', { exact: true }).fill(HOME.name);
    await pick(page, item(page, 'kind'), '类型', '苏木乡镇（街道）委员之家');
    await pick(page, item(page, 'level'), '层级', '旗区级');
    await pick(page, item(page, 'ownerUnitId'), '所属单位', '东胜区政协');
    await page.getByLabel('所在地').click();
    const cascader = page.locator('.ant-cascader-dropdown:visible');
    await cascader.getByTitle('东胜区', { exact: true }).click();
    await cascader.getByTitle(township.name, { exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByLabel('品牌', { exact: true }).fill(HOME.brand);
    // 特色, 蒙古文名称, 共建场所, 设施设备 stay blank
    await pick(page, item(page, 'venueType'), '场所类型', '社区');
    await page.getByLabel('地址', { exact: true }).fill(HOME.address);
    await page.getByLabel('开放时间').fill(HOME.openingHours);
    await dongsheng.shot('homes-desktop-create-form');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已创建委员之家 ${HOME.name}`, '新建委员之家');
    await page.waitForURL(/\/homes\/[^/]+$/);
    homeId = page.url().split('/').pop()!;

    // the detail shows what was typed, blanks as "-"
    await page.getByRole('heading', { name: HOME.name }).waitFor();
    expect(await headerTag(page).textContent()).toBe('已申请');
    expect(await fact(page, '类型').textContent()).toBe('苏木乡镇（街道）委员之家');
    expect(await fact(page, '层级').textContent()).toBe('旗区级');
    expect(await fact(page, '所属单位').textContent()).toBe('东胜区政协');
    await fact(page, '所在地').getByText(township.name).waitFor();
    expect(await fact(page, '品牌').textContent()).toBe(HOME.brand);
    expect(await fact(page, '特色').textContent()).toBe('-');
    expect(await fact(page, '场所类型').textContent()).toBe('社区');
    expect(await fact(page, '地址').textContent()).toBe(HOME.address);
    expect(await fact(page, '开放时间').textContent()).toBe(HOME.openingHours);
    expect(await fact(page, '负责人').textContent()).toBe('-');
    const stored = await dongsheng.get<HomeDetail>(`/homes/${homeId}`);
    expect(stored.specialty).toBeNull();
    expect(stored.nameMn).toBeNull();
    expect(stored.sharedWith).toBeNull();

    // the list has it
    await page.goto(`${j.product.url}/homes`);
    await page.getByPlaceholder('搜索名称、品牌').fill('伊煤路街道');
    await page.getByPlaceholder('搜索名称、品牌').press('Enter');
    const row = page.locator('.ant-table-row', { has: page.getByRole('link', { name: HOME.name }) });
    await row.waitFor();
    await row.getByText('已申请', { exact: true }).waitFor();
    await row.getByText(HOME.brand, { exact: true }).waitFor();

    // 编辑 → change the specialty and the opening hours → 保存
    await row.getByRole('link', { name: HOME.name }).click();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel('特色', { exact: true }).fill('社区协商议事');
    await page.getByLabel('开放时间').fill('每周三 14:30—17:30');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存 ${HOME.name}`, '编辑');
    await page.waitForURL(new RegExp(`/homes/${homeId}$`));
    await page.reload();
    expect(await fact(page, '特色').textContent()).toBe('社区协商议事');
    expect(await fact(page, '开放时间').textContent()).toBe('每周三 14:30—17:30');
    expect(await fact(page, '品牌').textContent()).toBe(HOME.brand);
    expect(await fact(page, '地址').textContent()).toBe(HOME.address);
    await dongsheng.shot('homes-desktop-edited');
  });

  it('the district’s staff take it through each step; review waits for a director, given by editing', async () => {
    const { page } = dongsheng;
    await page.goto(`${j.product.url}/homes/${homeId}`);
    await headerTag(page)
      .filter({ hasText: /^已申请$/ })
      .waitFor();
    expect(await offeredSteps(page)).toEqual(['完成调研']);

    await step(page, '完成调研', async (dialog) => {
      await dialog
        .getByLabel('调研报告')
        .fill('社区有固定议事场所，委员 6 名常驻，群众需求集中在养老与停车。');
    });
    await expectAfter(page, '已调研', '完成调研', '示例·东胜区政协', ['调研报告：社区有固定议事场所']);

    await step(page, '提交建设方案', async (dialog) => {
      await dialog.getByLabel('建设方案').fill('依托社区服务中心二楼设议事厅，每月一次协商议事。');
      // the address comes from the home's record
      expect(await dialog.getByLabel('选址地址').inputValue()).toBe(HOME.address);
    });
    await expectAfter(page, '已制定方案', '提交建设方案', '示例·东胜区政协', [
      '建设方案：依托社区服务中心二楼设议事厅',
      `选址地址：${HOME.address}`,
    ]);

    // no director yet: review is refused with the reason, in the dialog
    await page.getByRole('button', { name: '审核通过', exact: true }).click();
    const dialog = dialogOf(page);
    await dialog.getByLabel('符合基本条件').check();
    await dialog.getByLabel('审核意见').fill('场所、品牌均已落实。');
    await dialog.getByRole('button', { name: '审核通过', exact: true }).click();
    await dialog.locator('.ant-alert-error').getByText('尚未确定负责人').waitFor();
    await dongsheng.shot('homes-desktop-review-no-director');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await headerTag(page).textContent()).toBe('已制定方案');

    // 编辑 → 负责人 → 保存
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(/\/edit$/);
    await pickMember(page, item(page, 'directorMemberId'), '负责人', director);
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存 ${HOME.name}`, '编辑');
    await page.waitForURL(new RegExp(`/homes/${homeId}$`));
    await fact(page, '负责人').getByText(director.name).waitFor();

    await step(page, '审核通过', async (d) => {
      await d.getByLabel('符合基本条件').check();
      await d.getByLabel('审核意见').fill('场所、品牌、负责人均已落实。');
    });
    await expectAfter(page, '已审核', '审核通过', '示例·东胜区政协', [
      '符合基本条件：是',
      '审核意见：场所、品牌、负责人均已落实。',
    ]);
    expect(await offeredSteps(page)).toEqual(['退回修改', '主席会议批准', '主席会议不予批准']);

    await step(page, '主席会议批准', async (d) => {
      await d.getByLabel('主席会议名称').fill('东胜区政协第十二届主席会议第八次会议');
      await typeDate(d, '会议日期', today());
    });
    await expectAfter(page, '已批准', '主席会议批准', '示例·东胜区政协', [
      '主席会议名称：东胜区政协第十二届主席会议第八次会议',
      `会议日期：${today()}`,
    ]);

    await step(page, '授牌', async (d) => {
      await d.getByLabel('牌匾编号').fill('DS-E2E-001');
      expect(await d.getByLabel('授牌日期').inputValue()).toBe(today());
    });
    await expectAfter(page, '运行中', '授牌', '示例·东胜区政协', ['牌匾编号：DS-E2E-001']);
    await openTab(page, '基本信息');
    expect(await fact(page, '牌匾编号').textContent()).toBe('DS-E2E-001');
    expect(await fact(page, '授牌日期').textContent()).toBe(today());
    expect(await offeredSteps(page)).toEqual(['暂停', '撤销']);

    // the whole procedure, oldest first
    await openTab(page, '流程记录');
    const steps = await page.locator('.ant-timeline-item').allTextContents();
    const names = ['提交申请', '完成调研', '提交建设方案', '审核通过', '主席会议批准', '授牌'];
    expect(steps).toHaveLength(names.length);
    for (const [i, name] of names.entries()) expect(steps[i]).toContain(name);
    await dongsheng.shot('homes-desktop-operating-history');
    await dongsheng.close();
  });

  it('a municipal home: the owning committee takes it to review, the office approves it and awards the plaque', async () => {
    const committee = await j.as('committee', 'desktop');
    const office = await j.as('office', 'desktop');
    const [head] = await uniqueMembers(committee, 'level=municipal', 1);
    const unit = committee.me.user.roles.find((r) => r.role === 'committee_staff')!.scopeId!;
    const created = await committee.send<HomeDetail>('POST', '/homes', {
      name: '端到端·经济界别行业委员之家',
      kind: 'industry',
      level: 'municipal',
      ownerUnitId: unit,
      brand: '经济论坛',
      venueType: 'enterprise',
      address: '康巴什区北区金融大厦 12 层',
      directorMemberId: head!.id,
    });
    const url = `${j.product.url}/homes/${created.id}`;

    const { page } = committee;
    await page.goto(url);
    await headerTag(page)
      .filter({ hasText: /^已申请$/ })
      .waitFor();
    await step(page, '完成调研', async (d) => {
      await d.getByLabel('调研报告').fill('园区企业委员 9 名，具备活动场所。');
    });
    await expectAfter(page, '已调研', '完成调研', '示例·经济委员会');
    await step(page, '提交建设方案', async (d) => {
      await d.getByLabel('建设方案').fill('每季度举办一次经济形势协商会。');
    });
    await expectAfter(page, '已制定方案', '提交建设方案', '示例·经济委员会');
    await step(page, '审核通过', async (d) => {
      await d.getByLabel('符合基本条件').check();
      await d.getByLabel('审核意见').fill('同意报主席会议。');
    });
    await expectAfter(page, '已审核', '审核通过', '示例·经济委员会', ['审核意见：同意报主席会议。']);
    // the decision is the office's
    expect(await offeredSteps(page)).toEqual([]);
    await committee.close();

    const o = office.page;
    await o.goto(url);
    await headerTag(o)
      .filter({ hasText: /^已审核$/ })
      .waitFor();
    expect(await offeredSteps(o)).toEqual(['退回修改', '主席会议批准', '主席会议不予批准']);
    await step(o, '主席会议批准', async (d) => {
      await d.getByLabel('主席会议名称').fill('市政协主席会议第二十次会议');
      await typeDate(d, '会议日期', today());
    });
    await expectAfter(o, '已批准', '主席会议批准', '示例·市政协办公室', [
      '主席会议名称：市政协主席会议第二十次会议',
    ]);
    await step(o, '授牌', async (d) => {
      await d.getByLabel('牌匾编号').fill('SZX-E2E-002');
    });
    await expectAfter(o, '运行中', '授牌', '示例·市政协办公室', ['牌匾编号：SZX-E2E-002']);
    await office.close();
  });

  it('the director edits their own home on a phone; another home they only belong to offers no 编辑 and refuses the edit', async () => {
    const staff = await j.as('dongsheng', 'desktop');
    const me = await j.as('director', 'phone');
    const ownId = me.me.user.roles.find((r) => r.role === 'home_director')!.scopeId!;
    const own = await me.get<HomeDetail>(`/homes/${ownId}`);
    // another 东胜区 home the director's member belongs to but does not lead
    const other = await staff.send<HomeDetail>('POST', '/homes', {
      name: '端到端·另一社区委员之家',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: (await staff.get<Page_<{ code: string }>>('/regions?parentCode=150602')).items[0]!.code,
      brand: '睦邻',
      memberIds: [me.me.user.memberId!],
    });
    await staff.close();

    const { page } = me;
    await page.goto(`${j.product.url}/homes/${ownId}`);
    await page.getByRole('heading', { name: own.name }).waitFor();
    expect(await offeredSteps(page)).toEqual([]);
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    await page.waitForURL(/\/edit$/);
    // where the home belongs is fixed
    expect(await page.locator('#home_kind').isDisabled()).toBe(true);
    await page.getByLabel('特色', { exact: true }).fill('牧区调解 · 流动议事');
    await page.getByLabel('开放时间').fill('每周一至周五 8:30—17:30');
    await page.getByLabel('设施设备').fill('投影仪 1 台\n会议桌椅 20 套');
    await me.shot('homes-phone-director-edit');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, `已保存 ${own.name}`, '编辑');
    await page.waitForURL(new RegExp(`/homes/${ownId}$`));
    await page.reload();
    expect(await fact(page, '特色').textContent()).toBe('牧区调解 · 流动议事');
    expect(await fact(page, '开放时间').textContent()).toBe('每周一至周五 8:30—17:30');
    expect(await fact(page, '设施设备').textContent()).toBe('投影仪 1 台\n会议桌椅 20 套');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    await me.shot('homes-phone-director-own');

    await page.goto(`${j.product.url}/homes/${other.id}`);
    await page.getByRole('heading', { name: '端到端·另一社区委员之家' }).waitFor();
    await page.getByRole('button', { name: /打印建设档案/ }).waitFor();
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(await offeredSteps(page)).toEqual([]);
    await expect(me.send('PATCH', `/homes/${other.id}`, { specialty: '越权修改' })).rejects.toThrow(/403/);
    await me.close();
  });

  it('the read-only vice chair gets no 新建, no 编辑 and no steps', async () => {
    const vicechair = await j.as('vicechair', 'desktop');
    const { page } = vicechair;
    await page.goto(`${j.product.url}/homes`);
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('button', { name: '新建委员之家' }).count()).toBe(0);

    // the home taken to 运行中 above: the district's staff may suspend or close it; the vice chair not
    await page.goto(`${j.product.url}/homes/${homeId}`);
    await page.getByRole('heading', { name: HOME.name }).waitFor();
    expect(await headerTag(page).textContent()).toBe('运行中');
    await page.getByRole('button', { name: /打印建设档案/ }).waitFor();
    expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
    expect(await offeredSteps(page)).toEqual([]);
    // nor on a home waiting for its survey
    const waiting = await vicechair.get<Page_<HomeDetail>>('/homes?status=proposed&pageSize=1');
    if (waiting.items[0]) {
      await page.goto(`${j.product.url}/homes/${waiting.items[0].id}`);
      await page.getByRole('heading', { name: waiting.items[0].name }).waitFor();
      await page.getByRole('button', { name: /打印建设档案/ }).waitFor();
      expect(await page.getByRole('button', { name: /编\s*辑/ }).count()).toBe(0);
      expect(await offeredSteps(page)).toEqual([]);
    }
    const detail = await vicechair.get<HomeDetail>(`/homes/${homeId}`);
    expect(detail.allowedActions).toEqual([]);
    await vicechair.shot('homes-desktop-vicechair');
    await vicechair.close();
  });
});
