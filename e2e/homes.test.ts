import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, type Product, startProduct } from './browser.js';

let product: Product;
let browser: Browser;

beforeAll(async () => {
  if (!browserAvailable) return;
  product = await startProduct({ ADMIN_PASSWORD: 'e2e-admin-2026', SEED_DEMO: 'true' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

async function signIn(page: Page, username: string) {
  await page.goto(`${product.url}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill('demo2026');
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
}

/** Takes one step through the UI: the action's button, its form, and the dialog's confirm button. */
async function takeStep(
  page: Page,
  action: string,
  fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  await page.getByRole('button', { name: action, exact: true }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await fill(dialog);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

async function typeDate(dialog: ReturnType<Page['getByRole']>, label: string, value: string) {
  const input = dialog.getByLabel(label);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

describe.runIf(browserAvailable)('the establishment procedure in the browser', () => {
  it('lets the office take a home from proposed to operating', async () => {
    const page = await browser.newPage();
    await signIn(page, 'office');
    // set-up through the API with the browser's own session: a home ready for the procedure
    const me = await (await page.request.get(`${product.url}/api/v1/auth/me`)).json();
    const members = await (
      await page.request.get(`${product.url}/api/v1/members?level=municipal&pageSize=1`)
    ).json();
    const created = await page.request.post(`${product.url}/api/v1/homes`, {
      headers: { 'x-csrf-token': me.csrfToken },
      data: {
        name: '端到端测试行业委员之家',
        kind: 'industry',
        level: 'municipal',
        ownerUnitId: 'office',
        brand: '端到端议事厅',
        venueType: 'enterprise',
        address: '康巴什区某某路 1 号',
        directorMemberId: members.items[0].id,
      },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();

    await page.goto(`${product.url}/homes/${id}`);
    await page.getByText('已申请').first().waitFor();
    await takeStep(page, '完成调研', (d) => d.getByLabel('调研报告').fill('走访企业 5 家，需求明确'));
    await page.getByText('已调研').first().waitFor();
    await takeStep(page, '提交建设方案', async (d) => {
      await d.getByLabel('建设方案').fill('依托企业会议室，配备议事桌椅');
      await d.getByLabel('选址地址').fill('康巴什区某某路 1 号');
    });
    await page.getByText('已制定方案').first().waitFor();
    await takeStep(page, '审核通过', async (d) => {
      await d.getByText('符合基本条件').click();
      await d.getByLabel('审核意见').fill('符合六有基本条件');
    });
    await page.getByText('已审核').first().waitFor();
    await takeStep(page, '主席会议批准', async (d) => {
      await d.getByLabel('主席会议名称').fill('市政协主席会议');
      await typeDate(d, '会议日期', '2026-11-02');
    });
    await page.getByText('已批准').first().waitFor();
    await takeStep(page, '授牌', async (d) => {
      await d.getByLabel('牌匾编号').fill('鄂政协委家〔2026〕E2E号');
      await typeDate(d, '授牌日期', '2026-11-20');
    });
    await page.getByText('运行中').first().waitFor();

    const home = await (await page.request.get(`${product.url}/api/v1/homes/${id}`)).json();
    expect(home).toMatchObject({
      status: 'operating',
      plaqueNo: '鄂政协委家〔2026〕E2E号',
      plaqueAwardedOn: '2026-11-20',
    });
    await page.getByRole('tab', { name: '流程记录' }).click();
    await page.getByText('符合六有基本条件').waitFor();
    await page.close();
  });

  it("shows a district clerk none of another district's homes", async () => {
    const page = await browser.newPage();
    await signIn(page, 'wushen');
    await page.goto(`${product.url}/homes?pageSize=100`);
    await page.locator('tr.ant-table-row').first().waitFor();
    const text = (await page.locator('table').textContent()) ?? '';
    expect(text).toContain('乌审');
    expect(text).not.toContain('东胜区');
    // and a 东胜区 home's page, opened by its address, is not found
    const office = await browser.newPage();
    await signIn(office, 'office');
    const dongsheng = await (
      await office.request.get(`${product.url}/api/v1/homes?regionCode=150602&pageSize=1`)
    ).json();
    await office.close();
    const res = await page.request.get(`${product.url}/api/v1/homes/${dongsheng.items[0].id}`);
    expect(res.status()).toBe(404);
    await page.goto(`${product.url}/homes/${dongsheng.items[0].id}`);
    await page.getByText('页面不存在').first().waitFor();
    await page.close();
  });

  it('lets a district clerk export the list they see, and offers the new-home form only their district', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, 'wushen');
    await page.goto(`${product.url}/homes`);
    await page.locator('tr.ant-table-row').first().waitFor();
    const listed = await (await page.request.get(`${product.url}/api/v1/homes?pageSize=200`)).json();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('委员之家.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).text).toBe('名称');
    expect(sheet.actualRowCount - 1).toBe(listed.total);
    const names = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && names.add(row.getCell(1).text));
    expect(names).toEqual(new Set(listed.items.map((h: { name: string }) => h.name)));

    // 新建委员之家: the level and the unit are the only ones a 乌审旗 clerk may choose, chosen already
    await page.goto(`${product.url}/homes/new`);
    const owner = page.getByLabel('所属单位');
    await owner.waitFor();
    await page.locator('.ant-form-item', { hasText: '所属单位' }).getByText('乌审旗政协').waitFor();
    await page.locator('.ant-form-item', { hasText: '层级' }).getByText('旗区级').waitFor();
    await owner.click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    await expect.poll(() => options.allTextContents()).toEqual(['乌审旗政协']);
    await page.screenshot({ path: 'e2e-screenshots/home-form-district.png' });
    await page.close();
  });
});
