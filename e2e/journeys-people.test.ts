import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable } from './browser.js';
import {
  choose,
  dialogOf,
  directorHome,
  expectFits,
  expectNoSidewaysScroll,
  fact,
  journeys,
  outcome,
} from './journey.js';

/**
 * Journeys through 委员名录 and 用户管理, and what each role is offered: district staff register
 * and correct a member, a director reads their home's members, the system administrator gives an
 * account its roles (every scope and member by name), and a plain member, a read-only vice chair
 * and a director each see only what the server lets them do.
 */
const j = journeys();

interface StoredMember {
  id: string;
  name: string;
  title: string | null;
  employer: string | null;
  sector: string | null;
  orgUnitId: string;
}
interface AdminUser {
  id: string;
  username: string;
  disabled: boolean;
  memberId: string | null;
  roles: { role: string; scopeId: string | null; scopeName: string | null }[];
  pendingRoles: { role: string; scopeId: string | null; scopeName: string | null }[] | null;
}
interface Page_<T> {
  items: T[];
  total: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The side menu's entries: label (without a count badge) and address; also while the phone's menu is folded away. */
async function menuLinks(page: Page): Promise<{ label: string; href: string }[]> {
  const nav = page.getByRole('navigation', { name: '导航菜单' });
  await nav.locator('.ant-menu-item a').first().waitFor({ state: 'attached' });
  return nav.locator('.ant-menu-item a').evaluateAll((links) =>
    links.map((a) => ({
      label: (a.firstChild?.textContent ?? '').trim(),
      href: a.getAttribute('href') ?? '',
    })),
  );
}

/** The labels of the side menu's entries. */
const menuEntries = async (page: Page) => (await menuLinks(page)).map((link) => link.label);

/** A table's rows once it has loaded (or its empty state). */
async function rowsOf(scope: Page | Locator): Promise<Locator> {
  await scope.locator('.ant-table-row, .ant-empty').first().waitFor();
  await scope.locator('.ant-spin-spinning').first().waitFor({ state: 'detached' });
  return scope.locator('.ant-table-row');
}

describe.runIf(browserAvailable)(
  '委员名录: district staff register and correct a member; a director reads theirs',
  () => {
    const name = '端到端·乌兰';
    const phone = '13900005555';

    it('district staff register a member with no 职务, find them in 委员名录 and on their page, then correct them', async () => {
      const dongsheng = await j.as('dongsheng', 'desktop');
      const { page } = dongsheng;
      await page.goto(`${j.product.url}/members`);
      await page.getByRole('button', { name: '新增委员' }).click();
      const drawer = dialogOf(page);
      await drawer.getByText('新增委员', { exact: true }).waitFor();
      await drawer.getByLabel('姓名').fill(name);
      await drawer.getByLabel('女', { exact: true }).check();
      await drawer.getByLabel('民族').fill('蒙古族');
      // the suggestions would cover the next field
      await drawer.getByLabel('民族').press('Escape');
      await page.locator('.ant-select-dropdown:visible').first().waitFor({ state: 'hidden' });
      await choose(page, drawer.getByLabel('层级'), '旗区政协委员');
      await choose(page, drawer.getByLabel('所属政协'), '东胜区政协');
      await drawer.getByLabel('界别', { exact: true }).fill('农业界');
      await drawer.getByLabel('工作单位').fill('东胜区罕台镇农牧业服务中心');
      // 职务 left blank: optional
      await drawer.getByLabel('手机号').fill(phone);
      await drawer.getByRole('button', { name: /保\s*存/ }).click();
      await outcome(page, `已新增委员 ${name}`, '新增委员');
      await drawer.waitFor({ state: 'hidden' });

      // the list finds them by name, with the unit and the employer
      await page.getByPlaceholder('搜索姓名、工作单位、专长').fill(name);
      await page.getByPlaceholder('搜索姓名、工作单位、专长').press('Enter');
      const rows = await rowsOf(page);
      await rows.filter({ hasText: name }).first().waitFor();
      expect(await rows.count()).toBe(1);
      const row = rows.first();
      await row.getByText('东胜区政协').waitFor();
      await row.getByText('东胜区罕台镇农牧业服务中心', { exact: true }).waitFor();
      await row.getByText(phone).waitFor();

      // the blank 职务 is stored as nothing, not as an empty text
      const found = await dongsheng.get<Page_<StoredMember>>(`/members?q=${encodeURIComponent(name)}`);
      expect(found.items).toHaveLength(1);
      const stored = found.items[0]!;
      expect(stored.title).toBeNull();
      expect(stored.employer).toBe('东胜区罕台镇农牧业服务中心');

      // their page shows what was entered
      await row.getByRole('link', { name }).click();
      await page.getByRole('heading', { name }).waitFor();
      expect((await fact(page, '民族').textContent())!.trim()).toBe('蒙古族');
      expect((await fact(page, '层级').textContent())!.trim()).toBe('旗区政协委员');
      expect((await fact(page, '所属政协').textContent())!.trim()).toBe('东胜区政协');
      expect((await fact(page, '界别').textContent())!.trim()).toBe('农业界');
      expect((await fact(page, '职务').textContent())!.trim()).toBe('-');

      // corrected: a 职务 added, the 界别 changed
      await page.getByRole('button', { name: '编辑' }).click();
      const edit = dialogOf(page);
      await edit.getByText(`编辑委员：${name}`).waitFor();
      expect(await edit.getByLabel('工作单位').inputValue()).toBe('东胜区罕台镇农牧业服务中心');
      await edit.getByLabel('职务').fill('主任');
      await edit.getByLabel('界别', { exact: true }).fill('农业和农村界');
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await outcome(page, `已保存委员 ${name}`, '编辑委员');
      await edit.waitFor({ state: 'hidden' });
      await page.reload();
      await page.getByRole('heading', { name }).waitFor();
      await fact(page, '职务').getByText('主任', { exact: true }).waitFor();
      expect((await fact(page, '界别').textContent())!.trim()).toBe('农业和农村界');
      await dongsheng.shot('members-desktop-edited');

      // and the list shows the change
      await page.goto(`${j.product.url}/members?q=${encodeURIComponent(name)}`);
      const after = await rowsOf(page);
      await after.first().getByText('东胜区罕台镇农牧业服务中心 主任').waitFor();

      // clearing the 职务 again stores nothing
      await page.getByRole('button', { name: '编辑', exact: true }).first().click();
      const again = dialogOf(page);
      await again.getByLabel('职务').fill('');
      await again.getByRole('button', { name: /保\s*存/ }).click();
      await outcome(page, `已保存委员 ${name}`, '编辑委员');
      expect((await dongsheng.get<StoredMember>(`/members/${stored.id}`)).title).toBeNull();
      await dongsheng.close();
    });

    it('a director on a phone reads the members of their home, without buttons to change them', async () => {
      const director = await j.as('director', 'phone');
      const { page } = director;
      const home = await directorHome(director);
      expect(await menuEntries(page)).toContain('委员名录');
      await page.goto(`${j.product.url}/members`);
      await page.getByRole('heading', { name: '委员名录' }).waitFor();
      const rows = await rowsOf(page);
      // every member of the home, and nobody else
      const listed = await firstCells(rows);
      expect(listed.sort()).toEqual(home.members.map((m) => m.name).sort());
      expect(await page.getByRole('button', { name: '新增委员' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^导\s*入$/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);
      await expectFits(page, page.locator('main, .ant-layout-content').first(), 'members list');

      // a member's page lists the home they share
      const other = home.members.find((m) => m.role === 'member')!;
      await rows.filter({ hasText: other.name }).first().getByRole('link', { name: other.name }).click();
      await page.getByRole('heading', { name: other.name }).waitFor();
      await page.getByRole('link', { name: home.name }).first().waitFor();
      expect(await page.getByRole('button', { name: '编辑' }).count()).toBe(0);
      await director.shot('members-phone-director');
      await director.close();
    });
  },
);

/** The names in the first column of the rows. */
async function firstCells(rows: Locator): Promise<string[]> {
  const names: string[] = [];
  for (const row of await rows.all()) names.push((await row.locator('td').first().textContent())!.trim());
  return names;
}

describe.runIf(browserAvailable)(
  '用户管理: accounts by the system administrator, roles by the security administrator',
  () => {
    it('creates an account asking for a district and a home, has the roles granted, asks again, is refused, and disables it', async () => {
      const director = await j.as('director', 'desktop');
      const home = await directorHome(director);
      // the director's own role tag on the home page names the home
      await director.page.goto(`${j.product.url}/`);
      await director.page.getByText(`委员之家负责人 · ${home.name}`).waitFor();
      expect(await director.page.locator('.ant-tag').allTextContents()).not.toContainEqual(
        expect.stringMatching(UUID),
      );
      await director.close();

      const admin = await j.as('admin', 'desktop', 'e2e-admin-2026');
      const { page } = admin;
      // a member of that home whose account is not yet made
      const linked = new Set(
        (await admin.get<Page_<AdminUser>>('/users?pageSize=100')).items.map((u) => u.memberId),
      );
      const dongshengMember = home.members.find((m) => m.role === 'member' && !linked.has(m.id))!;
      await page.goto(`${j.product.url}/admin/users`);
      // no row of the list shows an id
      const first = await rowsOf(page);
      await first.first().waitFor();
      expect(await page.locator('.ant-table-tbody').textContent()).not.toMatch(UUID);
      await page
        .getByRole('row', { name: /director/ })
        .getByText(`委员之家负责人 · ${home.name}`)
        .waitFor();

      await page.getByRole('button', { name: '新建用户' }).click();
      const form = dialogOf(page);
      await form.getByText('新建用户', { exact: true }).waitFor();
      await form.getByLabel('用户名').fill('e2e-helper');
      await form.getByLabel('姓名').fill('端到端·联络员');
      await form.getByLabel('密码').fill('e2eHelper2026');
      await choose(page, form.getByLabel('关联委员'), dongshengMember.name, dongshengMember.name);
      const roleRows = form.locator('.ant-form-item-control').getByLabel('角色', { exact: true });
      const scopes = form.getByLabel('范围', { exact: true });
      await choose(page, roleRows.nth(0), '旗区政协工作人员');
      await choose(page, scopes.nth(0), '乌审旗政协');
      await form.getByRole('button', { name: '添加角色' }).click();
      await choose(page, roleRows.nth(1), '委员之家负责人');
      await choose(page, scopes.nth(1), home.name, home.name.slice(0, 4));
      await form.getByText('所选角色提交后须由安全管理员授予才生效（三权分立）').waitFor();
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await outcome(page, '已创建用户 端到端·联络员', '新建用户');
      await form.waitFor({ state: 'hidden' });

      await page.getByPlaceholder('搜索用户名或姓名').fill('e2e-helper');
      await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
      const rows = await rowsOf(page);
      await rows.filter({ hasText: 'e2e-helper' }).first().waitFor();
      const row = rows.filter({ hasText: 'e2e-helper' }).first();
      // the roles wait for the security administrator (三权分立)
      await row.getByText('待授权', { exact: true }).waitFor();
      await row.getByText('旗区政协工作人员 · 乌审旗政协').waitFor();
      await row.getByText(`委员之家负责人 · ${home.name}`).waitFor();
      await row.getByText(dongshengMember.name, { exact: true }).waitFor();
      await row.getByText('正常', { exact: true }).waitFor();
      expect(await row.textContent()).not.toMatch(UUID);
      const stored = (await admin.get<Page_<AdminUser>>('/users?q=e2e-helper')).items[0]!;
      expect(stored.memberId).toBe(dongshengMember.id);
      expect(stored.roles).toEqual([]);
      expect(stored.pendingRoles!.map((r) => [r.role, r.scopeName]).sort()).toEqual(
        [
          ['district_staff', '乌审旗政协'],
          ['home_director', home.name],
        ].sort(),
      );
      // the system administrator grants nothing: no 授权 button
      expect(await row.getByRole('button', { name: /授权角色|处理申请/ }).count()).toBe(0);
      await admin.shot('users-desktop-requested');

      // the security administrator finds the request in the queue and grants it
      const security = await j.as('security', 'desktop');
      const sp = security.page;
      await sp.goto(`${j.product.url}/admin/users`);
      await sp.getByRole('checkbox', { name: '只看待授权' }).click();
      await sp.waitForURL(/pendingRoles=true/);
      const queued = (await rowsOf(sp)).filter({ hasText: 'e2e-helper' }).first();
      await queued.getByRole('button', { name: '处理申请' }).click();
      const grant = dialogOf(sp);
      await grant.getByText('授权角色：端到端·联络员').waitFor();
      await grant.getByText('系统管理员申请').waitFor();
      expect(await grant.textContent()).not.toMatch(UUID);
      await security.shot('users-desktop-grant');
      await grant.getByRole('button', { name: '授权角色' }).click();
      await outcome(sp, '已更新 端到端·联络员 的角色', '授权角色');
      await grant.waitFor({ state: 'hidden' });
      const granted = await security.get<AdminUser>(`/users/${stored.id}`);
      expect(granted.pendingRoles).toBeNull();
      expect(granted.roles.map((r) => r.role).sort()).toEqual(['district_staff', 'home_director']);
      // the security administrator edits no account and reads no audit log
      expect(await sp.getByRole('button', { name: '新建用户' }).count()).toBe(1);
      expect(await sp.getByRole('button', { name: '编辑' }).count()).toBe(0);

      // the system administrator asks for a change: the district role goes, 委员 comes
      await page.reload();
      await page.getByPlaceholder('搜索用户名或姓名').fill('e2e-helper');
      await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
      await row.getByText('待授权', { exact: true }).waitFor({ state: 'detached' });
      await row.getByRole('button', { name: '编辑' }).click();
      const edit = dialogOf(page);
      await edit.getByText('编辑用户：端到端·联络员').waitFor();
      expect(await edit.textContent()).not.toMatch(UUID);
      for (const name of [home.name, dongshengMember.name, '乌审旗政协']) {
        await edit.getByText(name, { exact: true }).first().waitFor();
      }
      await edit.getByRole('button', { name: '删除该角色' }).first().click();
      await edit.getByRole('button', { name: '添加角色' }).click();
      await choose(page, edit.getByLabel('角色', { exact: true }).last(), '委员');
      await edit.getByText('全市范围').waitFor();
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await outcome(page, '已保存用户 端到端·联络员', '编辑用户');
      await edit.waitFor({ state: 'hidden' });
      await row.getByText('待授权', { exact: true }).waitFor();
      const edited = await admin.get<AdminUser>(`/users/${stored.id}`);
      expect(edited.roles.map((r) => r.role).sort()).toEqual(['district_staff', 'home_director']);
      expect(edited.pendingRoles!.map((r) => r.role).sort()).toEqual(['home_director', 'member']);
      await admin.shot('users-desktop-edited');

      // the security administrator refuses that request, after a confirmation
      await sp.reload();
      const again = (await rowsOf(sp)).filter({ hasText: 'e2e-helper' }).first();
      await again.getByRole('button', { name: '处理申请' }).click();
      const review = dialogOf(sp);
      await review.getByRole('button', { name: '驳回申请' }).click();
      const sure = sp.locator('.ant-popover:visible, .ant-popconfirm:visible').last();
      await sure.getByText('驳回后该账号保持现有角色，系统管理员可重新申请。').waitFor();
      await sure.getByRole('button', { name: '驳回申请' }).click();
      await outcome(sp, '已驳回 端到端·联络员 的角色申请', '驳回申请');
      const refused = await security.get<AdminUser>(`/users/${stored.id}`);
      expect(refused.pendingRoles).toBeNull();
      expect(refused.roles.map((r) => r.role).sort()).toEqual(['district_staff', 'home_director']);
      await security.close();

      // disabled after the confirmation
      await page.reload();
      await page.getByPlaceholder('搜索用户名或姓名').fill('e2e-helper');
      await page.getByPlaceholder('搜索用户名或姓名').press('Enter');
      await row.getByText('待授权', { exact: true }).waitFor({ state: 'detached' });
      await row.getByRole('button', { name: /^停\s*用$/ }).click();
      const confirm = page.locator('.ant-popover:visible, .ant-popconfirm:visible').last();
      await confirm.getByText('停用后该用户的所有会话将立即失效，确定停用？').waitFor();
      await confirm.getByRole('button', { name: /^停\s*用$/ }).click();
      await outcome(page, '已停用用户 端到端·联络员', '停用');
      await row.getByText('已停用', { exact: true }).waitFor();
      await row.getByRole('button', { name: /^启\s*用$/ }).waitFor();
      expect((await admin.get<AdminUser>(`/users/${stored.id}`)).disabled).toBe(true);
      await admin.close();
    });

    it('on a phone, the user form fits the screen', async () => {
      const admin = await j.as('admin', 'phone', 'e2e-admin-2026');
      const { page } = admin;
      await page.goto(`${j.product.url}/admin/users`);
      await rowsOf(page);
      await page.getByRole('button', { name: '新建用户' }).click();
      const form = dialogOf(page);
      await form.getByLabel('用户名').waitFor();
      await expectFits(page, page.locator('.ant-modal:visible').last(), 'user form');
      await admin.shot('users-phone-form');
      await form.getByRole('button', { name: /取\s*消/ }).click();
      await admin.close();
    });
  },
);

describe.runIf(browserAvailable)('The UI fits the role', () => {
  it('hands over a one-time password when an account becomes an administrator, and its holder sets their own', async () => {
    const admin = await j.as('admin', 'desktop', 'e2e-admin-2026');
    const typed = 'Typed-by-admin-2031';
    const created = await admin.send<AdminUser>('POST', '/users', {
      username: 'e2e-auditor',
      password: typed,
      displayName: '端到端·审计员',
      roles: [{ role: 'auditor' }],
    });
    expect(created.pendingRoles!.map((r) => r.role)).toEqual(['auditor']);

    const security = await j.as('security', 'phone');
    const sp = security.page;
    await sp.goto(`${j.product.url}/admin/users?pendingRoles=true`);
    const queued = (await rowsOf(sp)).filter({ hasText: 'e2e-auditor' }).first();
    await queued.getByRole('button', { name: '处理申请' }).click();
    const grant = dialogOf(sp);
    await grant.getByText('授权角色：端到端·审计员').waitFor();
    await grant.getByRole('button', { name: '授权角色' }).click();
    const handOver = sp.getByRole('dialog').filter({ hasText: '端到端·审计员 的初始密码' });
    await handOver.waitFor();
    const initial = (await handOver.getByTestId('initial-password').textContent())!.trim();
    expect(initial).toMatch(/^(?=.*\d)(?=.*[A-Za-z]).{12,}$/);
    await handOver.getByText('此密码只显示这一次').waitFor();
    await expectNoSidewaysScroll(sp, 'the one-time password on a phone');
    await security.shot('users-phone-hand-over');
    await handOver.getByRole('button', { name: '我已记下' }).click();
    await handOver.waitFor({ state: 'hidden' });

    // the password the system administrator typed no longer opens the account
    const refused = await admin.page.request.post(`${j.product.url}/api/v1/auth/login`, {
      data: { username: 'e2e-auditor', password: typed },
    });
    expect(refused.status()).toBe(401);
    // the holder signs in with what was handed over and first chooses their own
    const holder = await j.anonymous('phone');
    const hp = holder.page;
    await hp.goto(`${j.product.url}/login`);
    await hp.getByLabel('用户名').fill('e2e-auditor');
    await hp.getByLabel('密码').fill(initial);
    await hp.getByRole('button', { name: /登\s*录/ }).click();
    await hp.getByText('请先设置新密码').waitFor();
    await hp.waitForURL(/\/me\/security/);
  });

  it('gives each of the three administrators their own screens and nothing of the others (三权分立)', async () => {
    const cases = [
      { who: 'admin', password: 'e2e-admin-2026', offered: ['用户管理'], not: ['审计日志'] },
      {
        who: 'security',
        offered: ['用户管理'],
        not: ['审计日志', '委员名录', '工作看板', '经费', '委员之家'],
      },
      {
        who: 'auditor',
        offered: ['审计日志'],
        not: ['用户管理', '委员名录', '工作看板', '经费', '委员之家'],
      },
    ];
    for (const c of cases) {
      for (const device of ['desktop', 'phone'] as const) {
        const session = await j.as(c.who, device, c.password);
        const menu = await menuEntries(session.page);
        for (const entry of c.offered) expect(menu, `${c.who} ${entry}`).toContain(entry);
        for (const entry of c.not) expect(menu, `${c.who} ${entry}`).not.toContain(entry);
        await session.page.goto(`${j.product.url}/`);
        await session.page.getByText('系统管理', { exact: true }).waitFor();
        await session.shot(`rolefit-${device}-${c.who}`);
        if (c.who === 'auditor') {
          await session.page.goto(`${j.product.url}/admin/users`);
          await session.page.getByText('无权访问').first().waitFor();
        }
        await session.close();
      }
    }
  });

  it('a plain member sees only their own things, and the server refuses what the UI does not offer', async () => {
    const member = await j.as('member', 'phone');
    const { page } = member;
    const menu = await menuEntries(page);
    expect(menu).toContain('我的');
    expect(menu).toContain('我的履职档案');
    // nor what only those who run a home would find filled: 经费 and 年度评价 of the homes they direct
    const notOffered = [
      '委员名录',
      '用户管理',
      '工作看板',
      '合规情况',
      '覆盖情况',
      '审计日志',
      '履职档案',
      '经费',
      '年度评价',
    ];
    for (const entry of notOffered) {
      expect(menu, entry).not.toContain(entry);
    }
    // every entry opens (none leads to 无权访问)
    for (const [index, link] of (await menuLinks(page)).entries()) {
      await page.goto(`${j.product.url}${link.href}`);
      await page.locator('.ant-layout-content h2, .ant-layout-content .ant-result').first().waitFor();
      expect(await page.getByText('无权访问').count(), link.label).toBe(0);
      await member.shot(`rolefit-phone-member-${index}`);
    }

    // 委员名录 would list only themselves: the address leads to 我的
    await page.goto(`${j.product.url}/members`);
    await page.waitForURL(/\/me$/);

    // their own record: only the phone is theirs to change, in a drawer that fits the phone
    await page.getByRole('button', { name: '修改手机号' }).click();
    const drawer = dialogOf(page);
    await drawer.getByText('您只能修改自己的手机号', { exact: false }).waitFor();
    await expectFits(page, page.locator('.ant-drawer-content-wrapper:visible').last(), 'phone drawer');
    expect(await drawer.getByLabel('姓名').count()).toBe(0);
    await drawer.getByLabel('手机号').fill('13900006666');
    await member.shot('rolefit-phone-member-contact');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await outcome(page, /已保存委员/, '修改手机号');
    await drawer.waitFor({ state: 'hidden' });
    await page.reload();
    await fact(page, '手机号').getByText('13900006666').waitFor();

    await page.goto(`${j.product.url}/activities?view=list`);
    await page.getByRole('heading', { name: '活动' }).waitFor();
    await rowsOf(page);
    expect(await page.getByRole('button', { name: '新建活动' }).count()).toBe(0);

    await page.goto(`${j.product.url}/funds`);
    await page.getByRole('heading', { name: '经费' }).waitFor();
    await page.locator('.ant-card').first().waitFor();
    expect(await page.getByText('待我审批的支出').count()).toBe(0);
    await member.shot('rolefit-phone-member-funds');

    // 代录 is not offered to a member who only belongs to a home: the server refuses it too
    const homes = await member.get<Page_<{ id: string }>>(`/homes?memberId=${member.me.user.memberId}`);
    const homeId = homes.items[0]!.id;
    await expect(
      member.send('POST', '/opinions', {
        homeId,
        channel: 'paper',
        title: '代录检查',
        content: '群众来信。',
      }),
    ).rejects.toThrow(/→ 403/);
    await expect(
      member.send('POST', '/activities', {
        title: '越权活动',
        kind: 'study',
        hostHomeIds: [homeId],
        startsAt: '2026-01-05T09:00:00+08:00',
        endsAt: '2026-01-05T11:00:00+08:00',
      }),
    ).rejects.toThrow(/→ 403/);
    await member.close();
  });

  it('a read-only vice chair is offered no button that the server would refuse', async () => {
    const vicechair = await j.as('vicechair', 'desktop');
    const { page } = vicechair;
    const menu = await menuEntries(page);
    expect(menu).toContain('委员名录');
    expect(menu).not.toContain('用户管理');

    await page.goto(`${j.product.url}/members`);
    const rows = await rowsOf(page);
    await rows.first().waitFor();
    const rowOrgUnit = (await vicechair.get<Page_<StoredMember>>('/members?pageSize=1')).items[0]!.orgUnitId;
    for (const name of ['新增委员', '编辑']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    expect(await page.getByRole('button', { name: /^导\s*入$/ }).count()).toBe(0);
    await rows.first().getByRole('link').first().click();
    await page.locator('.ant-descriptions').waitFor();
    expect(await page.getByRole('button', { name: '编辑', exact: true }).count()).toBe(0);

    await page.goto(`${j.product.url}/activities?view=list`);
    const activities = await rowsOf(page);
    await activities.first().waitFor();
    expect(await page.getByRole('button', { name: '新建活动' }).count()).toBe(0);
    await activities.first().getByRole('link').first().click();
    await page.getByText('签到二维码').first().waitFor();
    for (const name of ['编辑', '标记为已举办', '编辑举办情况', '取消活动']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }

    await page.goto(`${j.product.url}/funds`);
    await page.getByRole('heading', { name: '经费' }).waitFor();
    await page.locator('.ant-card').first().waitFor();
    expect(await page.getByText('待我审批的支出').count()).toBe(0);
    // what the server says agrees
    await expect(
      vicechair.send('POST', '/members', {
        name: '越权委员',
        gender: 'male',
        level: 'municipal',
        orgUnitId: rowOrgUnit,
      }),
    ).rejects.toThrow(/→ 403/);
    await vicechair.shot('rolefit-desktop-vicechair');
    await vicechair.close();
  });

  it('a director gets their own home’s 合规情况 and 工作看板', async () => {
    const director = await j.as('director', 'desktop');
    const { page } = director;
    const home = await directorHome(director);
    const menu = await menuEntries(page);
    expect(menu).toContain('合规情况');
    expect(menu).toContain('工作看板');

    await page.goto(`${j.product.url}/compliance`);
    await page.getByRole('heading', { name: '合规情况' }).waitFor();
    const rows = await rowsOf(page.locator('.ant-table').first());
    await rows.first().waitFor();
    const names = await firstCells(rows);
    expect(names).toEqual([home.name]);

    await page.goto(`${j.product.url}/dashboard`);
    await page.getByTestId('dashboard-scope').getByText(home.name, { exact: false }).waitFor();
    await director.shot('rolefit-desktop-director-dashboard');
    await director.close();
  });
});
