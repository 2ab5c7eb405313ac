import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFen } from '../src/domain/money.js';
import { browserAvailable } from './browser.js';
import { dialogOf, journeys, outcome, pick, type User } from './journey.js';

/**
 * Journeys through 经费: the owning unit allocates a year's money to a home, the home's director
 * books expenditures on a phone (small ones in force at once, large ones waiting for approval),
 * the owning unit approves one and refuses another with its reason on 待我审批的支出, and reverses
 * a booked entry; the figures and rows the ledger shows after each step. A plain member of the
 * home sees no money and no approvals.
 */
const j = journeys();

interface Ledger {
  homeId: string;
  homeName: string;
  year: number;
  allocatedFen: number;
  spentFen: number;
  pendingFen: number;
  balanceFen: number;
  availableFen: number;
  thresholdFen: number;
}
type Figures = Pick<Ledger, 'allocatedFen' | 'spentFen' | 'pendingFen' | 'balanceFen' | 'availableFen'>;

const YEAR = new Date().getFullYear();
const fundsUrl = (homeId: string) => `${j.product.url}/homes/${homeId}?tab=funds&year=${YEAR}`;
const ledgerOf = (user: User, homeId: string) => user.get<Ledger>(`/homes/${homeId}/funds?year=${YEAR}`);

/** What the ledger's summary card shows, as the five figures (each "1,234.50元"). */
async function expectFigures(page: Page, want: Figures) {
  const shown = {
    allocatedFen: 'allocated',
    spentFen: 'spent',
    pendingFen: 'pending',
    balanceFen: 'balance',
    availableFen: 'available',
  } as const;
  for (const [field, key] of Object.entries(shown) as [keyof Figures, string][]) {
    await expect
      .poll(async () => (await page.getByTestId(`funds-${key}`).textContent())?.replace(/\s/g, ''), {
        message: key,
        timeout: 15_000,
      })
      .toContain(`${formatFen(want[field])}元`);
  }
}

/** The ledger's row of an entry, by its description. */
const entryRow = (scope: Page | Locator, description: string) =>
  scope.locator('.ant-table-row', { hasText: description }).first();

/** Waits until the form's field errors, shown for what was typed before, are gone. */
const noFieldErrors = (dialog: Locator) =>
  expect.poll(() => dialog.locator('.ant-form-item-explain-error').filter({ hasText: /\S/ }).count()).toBe(0);

/** Fills and sends the 登记支出 dialog. */
async function spend(page: Page, amount: string, category: string, purpose: string) {
  await page.getByRole('button', { name: '登记支出', exact: true }).click();
  const dialog = dialogOf(page);
  await dialog.waitFor();
  await dialog.getByLabel('金额（元）').fill(amount);
  await pick(page, dialog, '支出类别', category);
  await dialog.getByLabel('用途').fill(purpose);
  await dialog.getByRole('button', { name: '登记支出', exact: true }).click();
  await outcome(page, '支出已登记', `登记支出 ${amount}`);
  await dialog.waitFor({ state: 'hidden' });
}

describe.runIf(browserAvailable)('经费 of a home, from allocation to reversal', () => {
  it('the district allocates, the director spends on a phone, the district approves, refuses and reverses', async () => {
    const dongsheng = await j.as('dongsheng', 'desktop');
    const director = await j.as('director', 'phone');
    const homeId = director.me.user.roles.find((r) => r.role === 'home_director')!.scopeId!;
    const start = await ledgerOf(dongsheng, homeId);
    expect(start.thresholdFen).toBe(500_000);
    let want: Figures = {
      allocatedFen: start.allocatedFen,
      spentFen: start.spentFen,
      pendingFen: start.pendingFen,
      balanceFen: start.balanceFen,
      availableFen: start.availableFen,
    };
    const change = (d: Partial<Figures>) => {
      want = Object.fromEntries(
        Object.entries(want).map(([k, v]) => [k, v + (d[k as keyof Figures] ?? 0)]),
      ) as unknown as Figures;
    };

    // the owning unit (东胜区政协 for a district home) allocates 20,000 yuan on the home's 经费 tab
    const { page } = dongsheng;
    await page.goto(fundsUrl(homeId));
    await page.getByTestId('funds-allocated').waitFor();
    await expectFigures(page, want);
    await page.getByRole('button', { name: '拨款', exact: true }).click();
    const allocation = dialogOf(page);
    await allocation.getByText(`拨款 · ${start.homeName}（${YEAR}年）`).waitFor();
    await allocation.getByLabel('金额（元）').fill('20,000');
    expect(await allocation.getByLabel('日期').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await allocation.getByLabel('说明').fill('端到端：年度履职经费');
    await allocation.getByRole('button', { name: '拨款', exact: true }).click();
    await outcome(page, '已拨款', '拨款');
    change({ allocatedFen: 2_000_000, balanceFen: 2_000_000, availableFen: 2_000_000 });
    await expectFigures(page, want);
    const allocated = entryRow(page, '端到端：年度履职经费');
    await allocated.getByText('拨款', { exact: true }).waitFor();
    await allocated.getByText('20,000.00', { exact: true }).waitFor();
    await allocated.getByText('已生效', { exact: true }).waitFor();
    await page.reload();
    await expectFigures(page, want);

    // the director, on a phone: one small expenditure (in force at once), two large ones (wait)
    const phone = director.page;
    await phone.goto(fundsUrl(homeId));
    await expectFigures(phone, want);
    expect(await phone.getByRole('button', { name: '拨款', exact: true }).count()).toBe(0);
    await spend(phone, '800', '场地', '端到端：租用会议室');
    change({ spentFen: 80_000, balanceFen: -80_000, availableFen: -80_000 });
    await expectFigures(phone, want);
    const small = entryRow(phone, '端到端：租用会议室');
    await small.getByText('已生效', { exact: true }).waitFor();
    await small.getByText('场地', { exact: true }).waitFor();
    await spend(phone, '6000.50', '设备', '端到端：购置投影仪');
    change({ pendingFen: 600_050, availableFen: -600_050 });
    await spend(phone, '5500', '印刷', '端到端：印制宣传册');
    change({ pendingFen: 550_000, availableFen: -550_000 });
    await expectFigures(phone, want);
    await entryRow(phone, '端到端：购置投影仪').getByText('待审批', { exact: true }).waitFor();
    await entryRow(phone, '端到端：印制宣传册').getByText('待审批', { exact: true }).waitFor();
    // the director decides nothing
    for (const name of ['批准', '不予批准', '冲正']) {
      expect(await phone.getByRole('button', { name, exact: true }).count(), name).toBe(0);
    }
    await director.shot('funds-phone-director-spent');
    const scrollWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(scrollWidth).toBeLessThanOrEqual(360);

    // the owning unit approves one and refuses the other on 待我审批的支出
    await page.goto(`${j.product.url}/funds`);
    const pending = page.locator('.ant-card', { hasText: '待我审批的支出' });
    const projector = entryRow(pending, '端到端：购置投影仪');
    await projector.getByText(start.homeName).waitFor();
    await projector.getByText('6,000.50', { exact: true }).waitFor();
    await projector.getByText('示例·委员之家负责人').waitFor();
    await projector.getByRole('button', { name: '批准', exact: true }).click();
    const approval = dialogOf(page);
    await approval.getByText('端到端：购置投影仪', { exact: false }).waitFor();
    await approval.getByLabel('审批意见').fill('同意购置。');
    await approval.getByRole('button', { name: '批准', exact: true }).click();
    await outcome(page, '已批准', '批准');
    await projector.waitFor({ state: 'detached' });

    const brochure = entryRow(pending, '端到端：印制宣传册');
    await brochure.getByRole('button', { name: '不予批准', exact: true }).click();
    const refusal = dialogOf(page);
    // the refusal's own dialog, not the approval's still closing
    await refusal.getByText('端到端：印制宣传册', { exact: false }).waitFor();
    await refusal.getByRole('button', { name: '不予批准', exact: true }).click();
    // a refusal needs its reason
    await refusal.locator('.ant-form-item-explain-error').filter({ hasText: '审批意见' }).waitFor();
    await refusal.getByLabel('审批意见').fill('宣传册已由市政协统一印制。');
    await noFieldErrors(refusal);
    await refusal.getByRole('button', { name: '不予批准', exact: true }).click();
    await outcome(page, '已不予批准', '不予批准');
    await brochure.waitFor({ state: 'detached' });
    change({ pendingFen: -1_150_050, spentFen: 600_050, balanceFen: -600_050, availableFen: 550_000 });

    // the ledger shows both decisions with their notes
    await page.goto(fundsUrl(homeId));
    await expectFigures(page, want);
    const approved = entryRow(page, '端到端：购置投影仪');
    await approved.getByText('已生效', { exact: true }).waitFor();
    await approved.getByText('审批意见：同意购置。').waitFor();
    const refused = entryRow(page, '端到端：印制宣传册');
    await refused.getByText('不予批准', { exact: true }).waitFor();
    await refused.getByText('审批意见：宣传册已由市政协统一印制。').waitFor();

    // the small expenditure was booked wrongly: reversed, asked again; the original stays
    await entryRow(page, '端到端：租用会议室').getByRole('button', { name: '冲正', exact: true }).click();
    const reversal = dialogOf(page);
    await reversal.getByLabel('冲正理由').fill('会议室由街道免费提供，费用退回。');
    await reversal.getByRole('button', { name: '冲正', exact: true }).click();
    await page
      .locator('.ant-modal-confirm', { hasText: '确定冲正这条记录？' })
      .getByRole('button', { name: '冲正', exact: true })
      .click();
    await outcome(page, '已冲正', '冲正');
    change({ spentFen: -80_000, balanceFen: 80_000, availableFen: 80_000 });
    await expectFigures(page, want);
    const original = entryRow(page, '端到端：租用会议室');
    await original.getByText('800.00', { exact: true }).waitFor();
    await original.getByText(/^冲正于 \d{4}-\d{2}-\d{2}$/).waitFor();
    expect(await original.getByRole('button', { name: '冲正', exact: true }).count()).toBe(0);
    const reversing = entryRow(page, '冲正：会议室由街道免费提供，费用退回。');
    await reversing.getByText('冲正', { exact: true }).first().waitFor();
    await reversing.getByText('-800.00', { exact: true }).waitFor();
    await reversing.getByText(/^冲正 \d{4}-\d{2}-\d{2} 的记录$/).waitFor();
    await dongsheng.shot('funds-desktop-reversed');

    // what the director's phone shows after a reload is what the server holds
    await phone.reload();
    await expectFigures(phone, want);
    const stored = await ledgerOf(director, homeId);
    expect({
      allocatedFen: stored.allocatedFen,
      spentFen: stored.spentFen,
      pendingFen: stored.pendingFen,
      balanceFen: stored.balanceFen,
      availableFen: stored.availableFen,
    }).toEqual(want);

    // the yearly report counts the home the same way
    await page.goto(`${j.product.url}/funds?year=${YEAR}`);
    const reportRow = page
      .locator('.ant-card', { hasText: '经费统计' })
      .locator('.ant-table-row', { has: page.getByRole('link', { name: start.homeName, exact: true }) });
    await reportRow.getByText(formatFen(want.balanceFen), { exact: true }).first().waitFor();
    await Promise.all([dongsheng.close(), director.close()]);
  });

  it('the office allocates to a municipal home; an expenditure beyond the balance is refused with the amount left', async () => {
    const office = await j.as('office', 'desktop');
    const { page } = office;
    const homes = await office.get<{ items: { id: string; name: string }[] }>(
      '/homes?level=municipal&status=operating&pageSize=5',
    );
    const home = homes.items[0]!;
    const start = await ledgerOf(office, home.id);
    await page.goto(fundsUrl(home.id));
    await page.getByTestId('funds-allocated').waitFor();
    await page.getByRole('button', { name: '拨款', exact: true }).click();
    const allocation = dialogOf(page);
    await allocation.getByLabel('金额（元）').fill('1.5');
    await allocation.getByRole('button', { name: '拨款', exact: true }).click();
    // 说明 is asked for; 1.5 yuan is accepted as written
    await allocation.locator('.ant-form-item-explain-error').filter({ hasText: '说明' }).waitFor();
    await allocation.getByLabel('金额（元）').fill('1.555');
    await allocation.locator('.ant-form-item-explain-error').filter({ hasText: '不超过两位小数' }).waitFor();
    await allocation.getByLabel('金额（元）').fill('3000');
    await allocation.getByLabel('说明').fill('端到端：市级委员之家追加经费');
    await noFieldErrors(allocation);
    await allocation.getByRole('button', { name: '拨款', exact: true }).click();
    await outcome(page, '已拨款', '拨款');
    const after = {
      allocatedFen: start.allocatedFen + 300_000,
      spentFen: start.spentFen,
      pendingFen: start.pendingFen,
      balanceFen: start.balanceFen + 300_000,
      availableFen: start.availableFen + 300_000,
    };
    await expectFigures(page, after);
    await entryRow(page, '端到端：市级委员之家追加经费').getByText('3,000.00', { exact: true }).waitFor();

    // the office may book too; more than what is available is refused, naming what is left
    const beyond = after.availableFen + 100;
    await page.getByRole('button', { name: '登记支出', exact: true }).click();
    const expenditure = dialogOf(page);
    await expenditure.getByLabel('金额（元）').fill(formatFen(beyond).replace(/,/g, ''));
    await expenditure.getByLabel('用途').fill('端到端：超出余额的支出');
    await expenditure.getByRole('button', { name: '登记支出', exact: true }).click();
    await expenditure
      .locator('.ant-form-item-explain-error')
      .filter({ hasText: `可用余额为 ${formatFen(after.availableFen)} 元` })
      .waitFor();
    await expenditure.getByRole('button', { name: '取消' }).click();
    await expectFigures(page, after);
    expect(await entryRow(page, '端到端：超出余额的支出').count()).toBe(0);
    await office.shot('funds-desktop-office-allocated');
    await office.close();
  });

  it('a plain member of the home sees no 待我审批 and no money of the home', async () => {
    const member = await j.as('member', 'phone');
    const { page } = member;
    await page.goto(`${j.product.url}/funds`);
    await page.locator('.ant-card', { hasText: '经费统计' }).waitFor();
    await page.locator('.ant-table-row, .ant-empty').first().waitFor();
    expect(await page.getByText('待我审批的支出').count()).toBe(0);
    expect(await page.getByText('审批额度').count()).toBe(0);
    const homes = await member.get<{ items: { id: string; name: string }[] }>(
      `/homes?memberId=${member.me.user.memberId}&pageSize=5`,
    );
    const home = homes.items[0]!;
    await page.goto(`${j.product.url}/homes/${home.id}`);
    await page.getByRole('heading', { name: home.name }).waitFor();
    expect(await page.getByRole('tab', { name: '经费' }).count()).toBe(0);
    await page.goto(fundsUrl(home.id));
    await page.getByRole('heading', { name: home.name }).waitFor();
    expect(await page.getByTestId('funds-allocated').count()).toBe(0);
    expect(await page.getByRole('button', { name: '登记支出', exact: true }).count()).toBe(0);
    await member.shot('funds-phone-member');
    await member.close();
  });
});
