import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import { card, dialogOf, directorHome, headerTag, journeys, outcome, pick, type User } from './journey.js';

/**
 * Journeys through 社情民意 and 解难纾困: every step of an opinion's workflow as the person who
 * takes it on the job (the home's director, the member who writes it up, the office, the
 * district's staff), 代录 of one received on paper or by phone, problems made from an opinion or
 * directly and rated by the citizen, and what readers and plain members are not offered.
 * e2e/opinions.test.ts follows the portal → accept → draft → submit → adopt → reply path.
 */
const j = journeys();

interface Opinion {
  id: string;
  status: string;
  assignableMembers: { id: string; name: string; sector: string | null }[];
}

const DRAFT = {
  reporter: '市政协委员（端到端）',
  situation: '嘎查通往苏木的道路雨季无法通行。',
  analysis: '道路等级低，养护资金不足。',
  suggestion: '纳入农村公路提升计划。',
};

/** How an assignable member is listed in the 承办委员 picker. */
const memberOption = (m: { name: string; sector: string | null }) =>
  [m.name, m.sector].filter(Boolean).join(' · ');

/** The last entry of 办理过程. */
const lastStep = (page: Page) =>
  page
    .locator('.ant-card', { has: page.getByText('办理过程', { exact: true }) })
    .locator('.ant-timeline-item')
    .last();

/**
 * One workflow step through the UI: the header's button, the step's form filled by `fill`, the
 * dialog's button of the same name, and — for steps asked again — the confirmation.
 */
async function step(
  page: Page,
  action: string,
  fill: (dialog: Locator) => Promise<void> = async () => {},
  confirm = false,
) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = dialogOf(page);
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  if (confirm) {
    await page.locator('.ant-modal-confirm').getByRole('button', { name: action, exact: true }).click();
  }
  await outcome(page, `已完成：${action}`, action);
  await page.locator('.ant-modal:visible').first().waitFor({ state: 'hidden' });
}

/**
 * After a step, what anyone reopening the page sees: the status tag, and the step at the end of
 * 办理过程 with who took it and what it recorded.
 */
async function expectAfter(page: Page, status: string, action: string, actor: string, facts: string[] = []) {
  await page.reload();
  await headerTag(page)
    .filter({ hasText: new RegExp(`^${status}$`) })
    .waitFor();
  const last = lastStep(page);
  await last.getByText(action, { exact: true }).waitFor();
  await last.getByText(actor).first().waitFor();
  for (const fact of facts) await last.getByText(fact).first().waitFor();
}

const WORKFLOW_BUTTONS = [
  '受理并指派委员',
  '改派委员',
  '撰写社情民意信息',
  '报送政协办公室',
  '退回修改',
  '采用',
  '转交部门',
  '记录领导批示',
  '不予采用',
  '答复群众',
  '不予受理',
  '办结',
  '转为解难纾困',
];

/** Staff enter an opinion through the API (when 代录 is not the form under test). */
async function enterOpinion(user: User, homeId: string, title: string, extra: object = {}) {
  const created = await user.send<{ id: string; trackingCode: string }>('POST', '/opinions', {
    homeId,
    channel: 'paper',
    title,
    content: `${title}：群众来信反映的情况。`,
    ...extra,
  });
  return created;
}

describe.runIf(browserAvailable)('社情民意, each step by the one who takes it', () => {
  it('a director enters one received by phone (代录), sees the code and the caller, and dismisses it', async () => {
    const director = await j.as('director', 'desktop');
    const { page } = director;
    const home = await directorHome(director);

    await page.goto(`${j.product.url}/opinions`);
    await page.getByRole('button', { name: '代录意见' }).click();
    await page.waitForURL(/\/opinions\/new$/);
    const homeSelect = page.locator('#opinion_homeId');
    await homeSelect.click();
    await homeSelect.fill(home.name.slice(0, 4));
    await page.locator('.ant-select-dropdown:visible').getByTitle(home.name, { exact: true }).click();
    await page.getByLabel('电话', { exact: true }).check();
    await page.getByLabel('标题').fill('来电：广场舞噪音扰民');
    await page.getByLabel('反映内容').fill('每晚九点后广场舞音响声音过大。');
    await page.getByLabel('姓名').fill('端到端来电人');
    await page.getByLabel('联系电话').fill('13900002222');
    await page.getByLabel('群众同意工作人员通过此电话联系回访').check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const code = page.getByTestId('tracking-code');
    await code.waitFor();
    expect((await code.textContent())!.trim()).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    await page.getByText('意见已录入', { exact: true }).waitFor();

    await page.getByRole('button', { name: '查看详情' }).click();
    await page.getByRole('heading', { name: '来电：广场舞噪音扰民' }).waitFor();
    expect(await headerTag(page).textContent()).toBe('已收到');
    const submissions = card(page, '群众反映');
    await submissions.getByText('端到端来电人').waitFor();
    await submissions.getByText('13900002222').waitFor();
    await submissions.getByText('电话 · 录入：示例·委员之家负责人').waitFor();
    await lastStep(page).getByText('收到意见', { exact: true }).waitFor();

    // nothing to act on: 不予受理 with a reason, asked again
    await step(
      page,
      '不予受理',
      async (dialog) => {
        await dialog.getByLabel('不予受理的理由').fill('属物业管理纠纷，已告知来电人向社区反映。');
      },
      true,
    );
    await expectAfter(page, '已办结', '不予受理', '示例·委员之家负责人', [
      '不予受理的理由：属物业管理纠纷，已告知来电人向社区反映。',
    ]);
    for (const name of WORKFLOW_BUTTONS.slice(0, 12)) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await director.shot('opinions-desktop-dismissed');
    await director.close();
  });

  it('accepted by the director, reassigned by the district, written on a phone, returned, declined, answered and closed', async () => {
    const director = await j.as('director', 'phone');
    const member = await j.as('member', 'phone');
    const office = await j.as('office', 'desktop');
    const dongsheng = await j.as('dongsheng', 'desktop');
    const home = await directorHome(director);
    const { id } = await enterOpinion(office, home.id, '来信：村里缺少健身器材');
    const url = `${j.product.url}/opinions/${id}`;
    const detail = await director.get<Opinion>(`/opinions/${id}`);
    const writer = detail.assignableMembers.find((m) => m.id === member.me.user.memberId)!;
    const other = detail.assignableMembers.find(
      (m) => m.id !== writer.id && m.id !== member.me.user.memberId,
    )!;
    expect(writer && other).toBeTruthy();

    // the director, on a phone, accepts it and assigns a member of the home
    await director.page.goto(url);
    await step(director.page, '受理并指派委员', async (dialog) => {
      await pick(director.page, dialog, '承办委员', memberOption(other));
    });
    await expectAfter(director.page, '已受理', '受理并指派委员', '示例·委员之家负责人', [
      `承办委员：${other.name}`,
    ]);
    await director.shot('opinions-phone-accepted');

    // the district's staff give it to the member who knows the matter
    await dongsheng.page.goto(url);
    await step(dongsheng.page, '改派委员', async (dialog) => {
      await pick(dongsheng.page, dialog, '承办委员', memberOption(writer));
    });
    await expectAfter(dongsheng.page, '已受理', '改派委员', '示例·东胜区政协', [`承办委员：${writer.name}`]);

    // the member writes the 社情民意信息 on a phone and submits it
    await member.page.goto(url);
    await step(member.page, '撰写社情民意信息', async (dialog) => {
      await dialog.getByLabel('反映人及单位').fill(DRAFT.reporter);
      await dialog.getByLabel('情况问题').fill(DRAFT.situation);
      await dialog.getByLabel('原因分析').fill(DRAFT.analysis);
      await dialog.getByLabel('意见建议').fill(DRAFT.suggestion);
    });
    await expectAfter(member.page, '委员撰写中', '撰写社情民意信息', '示例·委员');
    await card(member.page, '社情民意信息').getByText(DRAFT.analysis).waitFor();
    await step(member.page, '报送政协办公室');
    await expectAfter(member.page, '已报送政协', '报送政协办公室', '示例·委员');
    await member.shot('opinions-phone-submitted');

    // the office returns it for more work
    await office.page.goto(url);
    await step(office.page, '退回修改', async (dialog) => {
      await dialog.getByLabel('退回意见').fill('请补充涉及的户数和现有设施情况。');
    });
    await expectAfter(office.page, '委员撰写中', '退回修改', '示例·市政协办公室', [
      '退回意见：请补充涉及的户数和现有设施情况。',
    ]);

    // the member revises the draft (the form opens with what was written) and submits again
    await member.page.goto(url);
    await step(member.page, '撰写社情民意信息', async (dialog) => {
      expect(await dialog.getByLabel('原因分析').inputValue()).toBe(DRAFT.analysis);
      await dialog.getByLabel('情况问题').fill(`${DRAFT.situation}涉及 120 户牧民。`);
    });
    await expectAfter(member.page, '委员撰写中', '撰写社情民意信息', '示例·委员');
    await card(member.page, '社情民意信息').getByText('涉及 120 户牧民。', { exact: false }).waitFor();
    await step(member.page, '报送政协办公室');
    await expectAfter(member.page, '已报送政协', '报送政协办公室', '示例·委员');

    // the office does not adopt it, with its reason, asked again
    await office.page.goto(url);
    await step(
      office.page,
      '不予采用',
      async (dialog) => {
        await dialog.getByLabel('不予采用的理由').fill('已列入苏木年度民生实事，无需另行报送。');
      },
      true,
    );
    await expectAfter(office.page, '未采用', '不予采用', '示例·市政协办公室', [
      '不予采用的理由：已列入苏木年度民生实事，无需另行报送。',
    ]);

    // the district answers the citizen, publicly
    await dongsheng.page.goto(url);
    await step(dongsheng.page, '答复群众', async (dialog) => {
      await dialog.getByLabel('答复内容').fill('健身器材已列入今年民生实事，年内安装。');
      expect(await dialog.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    });
    await expectAfter(dongsheng.page, '已答复', '答复群众', '示例·东胜区政协', [
      '答复内容：健身器材已列入今年民生实事，年内安装。',
    ]);
    await card(dongsheng.page, '办理结果').getByText('已公开', { exact: false }).waitFor();

    // and the director closes it
    await director.page.goto(url);
    await step(director.page, '办结', async () => {}, true);
    await expectAfter(director.page, '已办结', '办结', '示例·委员之家负责人');
    for (const name of WORKFLOW_BUTTONS.slice(0, 12)) {
      expect(await director.page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await director.shot('opinions-phone-closed');
    await Promise.all([director.close(), member.close(), office.close(), dongsheng.close()]);
  });

  it('the office adopts one, forwards it to a department, records the leader’s instruction, answers privately and closes it', async () => {
    const director = await j.as('director', 'desktop');
    const member = await j.as('member', 'desktop');
    const office = await j.as('office', 'desktop');
    const home = await directorHome(director);
    const { id } = await enterOpinion(office, home.id, '来信：牧区小学缺少校车');
    await director.send('POST', `/opinions/${id}/transitions`, {
      action: 'accept',
      data: { memberId: member.me.user.memberId },
    });
    await member.send('POST', `/opinions/${id}/transitions`, { action: 'draft', data: DRAFT });
    await member.send('POST', `/opinions/${id}/transitions`, { action: 'submit' });
    await Promise.all([director.close(), member.close()]);
    const { page } = office;
    await page.goto(`${j.product.url}/opinions/${id}`);

    await step(page, '采用', async (dialog) => {
      await dialog.getByLabel('自治区级').check();
    });
    await expectAfter(page, '已采用', '采用', '示例·市政协办公室', ['采用层级：自治区级']);

    await step(page, '转交部门', async (dialog) => {
      await dialog.getByLabel('转交部门').fill('市教育局');
      expect(await dialog.getByLabel('转交日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });
    await expectAfter(page, '已转交部门', '转交部门', '示例·市政协办公室', ['转交部门：市教育局']);

    await step(page, '记录领导批示', async (dialog) => {
      await dialog.getByLabel('批示领导').fill('市委副书记');
      await dialog.getByLabel('批示内容').fill('请市教育局统筹解决牧区学生上学交通问题。');
    });
    await expectAfter(page, '领导已批示', '记录领导批示', '示例·市政协办公室', [
      '批示领导：市委副书记',
      '批示内容：请市教育局统筹解决牧区学生上学交通问题。',
    ]);
    // the decision keeps what came before: adopted at the regional level, forwarded, instructed
    const outcomeCard = card(page, '办理结果');
    await outcomeCard.getByText('自治区级', { exact: true }).waitFor();
    await outcomeCard.getByText('市教育局', { exact: true }).waitFor();
    await outcomeCard.getByText('市委副书记', { exact: true }).waitFor();

    await step(page, '答复群众', async (dialog) => {
      await dialog.getByLabel('答复内容').fill('已电话告知来信人办理情况。');
      await dialog.getByRole('switch').click();
      expect(await dialog.getByRole('switch').getAttribute('aria-checked')).toBe('false');
    });
    await expectAfter(page, '已答复', '答复群众', '示例·市政协办公室', ['公开答复：否']);
    await outcomeCard.getByText('未公开', { exact: false }).waitFor();

    await step(page, '办结', async () => {}, true);
    await expectAfter(page, '已办结', '办结', '示例·市政协办公室');
    await office.shot('opinions-desktop-instructed-closed');
    await office.close();
  });
});

describe.runIf(browserAvailable)('解难纾困, from an opinion or directly, to the citizen’s rating', () => {
  it('a director turns an opinion into a problem, the member handling it records the actions', async () => {
    const director = await j.as('director', 'phone');
    const member = await j.as('member', 'phone');
    const home = await directorHome(director);
    const { id } = await enterOpinion(director, home.id, '来信：独居老人冬季取暖难', {
      name: '端到端求助人',
      phone: '13900003333',
      contactConsent: true,
    });
    await director.send('POST', `/opinions/${id}/transitions`, {
      action: 'accept',
      data: { memberId: member.me.user.memberId },
    });
    const memberName = home.members.find((m) => m.id === member.me.user.memberId)!.name;

    const { page } = director;
    await page.goto(`${j.product.url}/opinions/${id}`);
    await page.getByRole('button', { name: '转为解难纾困' }).click();
    await page.getByText('由社情民意“来信：独居老人冬季取暖难”转来').waitFor();
    // the form starts from what the opinion says
    expect(await page.getByLabel('问题', { exact: true }).inputValue()).toBe('来信：独居老人冬季取暖难');
    expect(await page.getByLabel('姓名').inputValue()).toBe('端到端求助人');
    expect(await page.getByLabel('联系电话').inputValue()).toBe('13900003333');
    await page.getByLabel('承办部门').fill('街道民政办');
    await director.shot('problems-phone-from-opinion');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已登记', { exact: true }).waitFor();
    await page.getByRole('button', { name: '查看详情' }).click();
    await page.getByRole('heading', { name: '来信：独居老人冬季取暖难' }).waitFor();
    expect(await headerTag(page).textContent()).toBe('待办理');
    await page.getByRole('link', { name: '来信：独居老人冬季取暖难' }).waitFor();
    const problemId = page.url().split('/').pop()!;

    // the opinion lists it
    await page.goto(`${j.product.url}/opinions/${id}`);
    await card(page, '解难纾困').getByRole('link', { name: '来信：独居老人冬季取暖难' }).waitFor();

    // the member it was given to handles it on a phone
    await member.page.goto(`${j.product.url}/problems/${problemId}`);
    const form = member.page.locator('form#problem-handling');
    await form.waitFor();
    await form.getByText(memberName).first().waitFor();
    await pick(member.page, form, '状态', '办理中');
    await form.getByLabel('办理措施').fill('协调供热公司上门检修暖气。');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(member.page, '已保存', '保存');
    await member.page.reload();
    await headerTag(member.page)
      .filter({ hasText: /^办理中$/ })
      .waitFor();
    expect(await member.page.getByLabel('办理措施').inputValue()).toBe('协调供热公司上门检修暖气。');
    await member.shot('problems-phone-member-handling');
    await Promise.all([director.close(), member.close()]);
  });

  it('district staff register one directly, set its handler, resolve and publish it; the citizen rates it by the code', async () => {
    const dongsheng = await j.as('dongsheng', 'desktop');
    const director = await j.as('director', 'desktop');
    const home = await directorHome(director);
    await director.close();
    const handler = home.members.find((m) => m.role === 'member')!;
    const { page } = dongsheng;

    await page.goto(`${j.product.url}/problems`);
    await page.getByRole('button', { name: '新建', exact: true }).click();
    await page.waitForURL(/\/problems\/new$/);
    const homeSelect = page.locator('#problem_homeId');
    await homeSelect.click();
    await homeSelect.fill(home.name.slice(0, 4));
    await page.locator('.ant-select-dropdown:visible').getByTitle(home.name, { exact: true }).click();
    await page.getByLabel('问题', { exact: true }).fill('低保申请材料不会填写');
    await page.getByLabel('问题描述').fill('李大爷不识字，低保复核材料无人帮助填写。');
    await page.getByLabel('姓名').fill('李大爷');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const code = (await page.getByTestId('tracking-code').textContent())!.trim();
    expect(code).toMatch(/^\d{4}-\d{4}-\d{4}$/);
    await page.getByRole('button', { name: '查看详情' }).click();
    await page.getByRole('heading', { name: '低保申请材料不会填写' }).waitFor();
    expect(await headerTag(page).textContent()).toBe('待办理');

    // the handler and what was done
    const form = page.locator('form#problem-handling');
    await pick(page, form, '承办委员', handler.name, handler.name);
    await form.getByLabel('承办部门').fill('社区居委会');
    await pick(page, form, '状态', '办理中');
    await form.getByLabel('办理措施').fill('委员上门帮助填写材料。');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(page, '已保存', '保存');
    await page.reload();
    await headerTag(page)
      .filter({ hasText: /^办理中$/ })
      .waitFor();
    await form.getByText(handler.name).first().waitFor();
    expect(await form.getByLabel('承办部门').inputValue()).toBe('社区居委会');

    // the result, resolved and published
    await form.getByLabel('办理结果', { exact: true }).fill('材料已填写并提交，低保已续办。');
    await pick(page, form, '状态', '已办结');
    await form.getByRole('switch').click();
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(page, '已保存', '保存');
    await page.reload();
    await headerTag(page)
      .filter({ hasText: /^已办结$/ })
      .waitFor();
    expect(await form.getByRole('switch').getAttribute('aria-checked')).toBe('true');
    await dongsheng.shot('problems-desktop-resolved');

    // the citizen, on a phone, finds it by the code and rates it
    const citizen = await j.anonymous('phone');
    await citizen.page.goto(`${j.product.url}/portal/track/${code}`);
    await citizen.page.getByText('材料已填写并提交，低保已续办。').waitFor();
    await citizen.page.getByLabel('想说的话（选填）').fill('委员很耐心。');
    await citizen.page.getByRole('button', { name: '满意', exact: true }).click();
    await citizen.page.getByText('您的评价').waitFor();
    await citizen.page.locator('dd', { hasText: /^满意$/ }).waitFor();
    expect(await citizen.page.getByRole('button', { name: '满意', exact: true }).count()).toBe(0);
    expect(await citizen.page.content()).not.toContain('李大爷');

    // the staff's page, opened before the rating, saves a correction: the rating is kept
    await form.getByLabel('办理措施').fill('委员上门帮助填写材料，并陪同到社区提交。');
    await form.getByRole('button', { name: '保存', exact: true }).click();
    await outcome(page, '已保存', '保存');
    // and the staff see the rating
    await page.reload();
    expect(await form.getByLabel('办理措施').inputValue()).toBe('委员上门帮助填写材料，并陪同到社区提交。');
    await form.locator('.ant-form-item', { hasText: '满意度' }).getByText('满意', { exact: true }).waitFor();
    expect(await form.getByLabel('群众评价').inputValue()).toBe('委员很耐心。');
    await Promise.all([dongsheng.close(), citizen.context.close()]);
  });
});

describe.runIf(browserAvailable)('社情民意 for those who only read it', () => {
  it('a plain member gets no 代录 and no 待受理 queue; the vice chair gets no buttons and no citizen’s name or phone', async () => {
    const director = await j.as('director', 'desktop');
    const home = await directorHome(director);
    const { id } = await enterOpinion(director, home.id, '来信：只读检查的意见', {
      name: '端到端巴雅尔',
      phone: '13900004444',
      contactConsent: true,
    });
    await director.close();

    const member = await j.as('member', 'phone');
    await member.page.goto(`${j.product.url}/opinions`);
    await member.page.getByRole('tab', { name: /我的待撰写/ }).waitFor();
    await member.page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await member.page.getByRole('tab', { name: /待受理/ }).count()).toBe(0);
    expect(await member.page.getByRole('tab', { name: /待答复/ }).count()).toBe(0);
    expect(await member.page.getByRole('button', { name: '代录意见' }).count()).toBe(0);
    await member.page.goto(`${j.product.url}/problems`);
    await member.page.getByRole('heading', { name: '解难纾困' }).waitFor();
    await member.page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await member.page.getByRole('button', { name: '新建', exact: true }).count()).toBe(0);
    await member.shot('opinions-phone-member-list');
    await member.close();

    const vicechair = await j.as('vicechair', 'desktop');
    const { page } = vicechair;
    await page.goto(`${j.product.url}/opinions`);
    await page.getByRole('tab', { name: /全部/ }).waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    expect(await page.getByRole('tab', { name: /待受理/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '代录意见' }).count()).toBe(0);

    await page.goto(`${j.product.url}/opinions/${id}`);
    await page.getByRole('heading', { name: '来信：只读检查的意见' }).waitFor();
    expect(await headerTag(page).textContent()).toBe('已收到');
    const submissions = card(page, '群众反映');
    // the name shows as its first character and a star for each other one
    await submissions.getByText(`端${'*'.repeat(5)}`, { exact: true }).waitFor();
    await submissions.getByText('139****4444').waitFor();
    for (const name of WORKFLOW_BUTTONS) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    const html = await page.content();
    expect(html).not.toContain('端到端巴雅尔');
    expect(html).not.toContain('13900004444');
    await vicechair.shot('opinions-desktop-vicechair');
    await vicechair.close();
  });
});
