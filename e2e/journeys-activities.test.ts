import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HomeDetail } from '../src/web/api/types.js';
import { browserAvailable } from './browser.js';
import {
  arrived,
  dialogOf,
  directorHome,
  expectFits,
  fact,
  headerTag,
  journeys,
  outcome,
  pick,
  pickerTime,
} from './journey.js';

/**
 * Journeys through 活动: a director schedules one on a phone, corrects it and marks it held with
 * the attendance; district staff record a past one as held in one step; the members who attended
 * find it in their 履职档案; readers and plain members are offered nothing to change.
 */
const j = journeys();

interface Activity {
  id: string;
  title: string;
  status: string;
  summary: string | null;
  attendeeMemberIds: string[];
  citizenCount: number;
  departments: string[];
  outcomes: string | null;
}

/** A time some hours from now, to the minute (the pickers' precision). */
function hoursFromNow(hours: number): Date {
  const date = new Date(Date.now() + hours * 3_600_000);
  date.setSeconds(0, 0);
  return date;
}

/** Types a date-time into an antd picker of a form and confirms it. */
async function typeTime(scope: Locator, label: string, date: Date) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(pickerTime(date));
  await input.press('Enter');
  await expect.poll(() => input.inputValue()).toBe(pickerTime(date));
}

/** Picks several members in a multiple member picker by searching each name. */
async function pickMembers(page: Page, scope: Locator, label: string, names: string[]) {
  const select = scope.getByLabel(label, { exact: true });
  for (const name of names) {
    await select.click();
    await select.fill(name);
    await page.locator('.ant-select-dropdown:visible').getByTitle(name, { exact: true }).first().click();
  }
  await select.press('Escape');
}

/** Adds tags to an antd tags select (typed, each confirmed by Enter). */
async function addTags(scope: Locator, label: string, tags: string[]) {
  const select = scope.getByLabel(label, { exact: true });
  for (const tag of tags) {
    await select.fill(tag);
    await select.press('Enter');
  }
}

/** Fills the facts of a new activity on its form page. */
async function fillActivity(
  page: Page,
  form: Locator,
  facts: { title: string; kind: string; home: HomeDetail; startsAt: Date; place: string },
) {
  await form.getByLabel('活动名称').fill(facts.title);
  await pick(page, form, '活动类型', facts.kind, facts.kind.slice(0, 2));
  await pick(page, form, '主办委员之家', facts.home.name, facts.home.name.slice(0, 4));
  await form.getByLabel('主办委员之家').press('Escape');
  await typeTime(form, '开始时间', facts.startsAt);
  // the end follows the start by two hours
  await expect
    .poll(() => form.getByLabel('结束时间', { exact: true }).inputValue())
    .toBe(pickerTime(new Date(facts.startsAt.getTime() + 2 * 3_600_000)));
  await form.getByLabel('地点').fill(facts.place);
}

/**
 * The 出勤委员 fact: "N 人", then a line for each way of recording (扫码签到, 组织者登记, 值班登记):
 * its tag with a count, then the names. These were all ticked by the organiser (组织者登记).
 */
async function expectAttendees(page: Page, names: string[]) {
  // the names arrive with the host homes' member lists, after the activity itself
  const shown = async () => {
    const attendance = fact(page, '出勤委员');
    const line = attendance.locator('[data-source="manual"]');
    const tag = (await line.locator('.ant-tag').textContent())!.trim();
    const text = (await line.textContent())!.trim().slice(tag.length);
    return {
      total: (await attendance.textContent())!.trim().split(' 人')[0],
      tag,
      names: text.split('、').sort(),
    };
  };
  await expect
    .poll(shown)
    .toEqual({ total: String(names.length), tag: `组织者登记 ${names.length}`, names: [...names].sort() });
}

/** The member's 履职档案 lists the activity among their entries. */
async function expectInDutyRecord(page: Page, title: string) {
  const entry = page.getByTestId('duty-entry').filter({ hasText: title });
  await entry.first().waitFor();
  await entry.first().getByText('参加活动').waitFor();
}

describe.runIf(browserAvailable)(
  '活动: scheduled, corrected and marked held by those who run the home',
  () => {
    it('a director on a phone schedules one, corrects it, and marks it held with the attendance', async () => {
      const director = await j.as('director', 'phone');
      const dongsheng = await j.as('dongsheng', 'desktop');
      const { page } = director;
      const home = await directorHome(director);
      const attendees = home.members.filter((m) => m.role === 'member').slice(0, 2);
      expect(attendees).toHaveLength(2);
      const title = '端到端：入户走访独居老人';
      // it began two hours ago: the director enters it afterwards
      const startsAt = hoursFromNow(-2);

      await page.goto(`${j.product.url}/activities`);
      await page.getByRole('button', { name: '新建活动' }).click();
      await page.waitForURL(/\/activities\/new$/);
      const form = page.locator('form#activity');
      await fillActivity(page, form, { title, kind: '联系群众·宣传', home, startsAt, place: '罕台镇敬老院' });
      await expectFits(page, form, 'the activity form');
      await director.shot('activities-phone-form');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await arrived(page, /\/activities\/[0-9a-f-]{36}$/, '新建活动');
      await outcome(page, `已新建活动 ${title}`, '新建活动');
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await headerTag(page).textContent()).toBe('计划中');
      expect((await fact(page, '地点').textContent())!.trim()).toBe('罕台镇敬老院');
      await fact(page, '主办委员之家').getByRole('link', { name: home.name }).waitFor();
      expect((await fact(page, '活动类型').textContent())!).toContain('联系群众·宣传');
      const id = page.url().split('/').pop()!;

      // corrected: another place
      await page.getByRole('button', { name: '编辑', exact: true }).click();
      await page.waitForURL(/\/edit$/);
      const edit = page.locator('form#activity');
      expect(await edit.getByLabel('地点').inputValue()).toBe('罕台镇敬老院');
      await edit.getByLabel('地点').fill('罕台镇社区日间照料中心');
      await edit.getByRole('button', { name: /保\s*存/ }).click();
      await arrived(page, new RegExp(`/activities/${id}$`), '编辑活动');
      await outcome(page, `已保存活动 ${title}`, '编辑活动');
      await fact(page, '地点').getByText('罕台镇社区日间照料中心', { exact: true }).waitFor();

      // meanwhile the district's staff add to what happened: the form must start from that
      await dongsheng.send('PATCH', `/activities/${id}`, { summary: '区政协工作人员补充：走访 12 户。' });

      await page.getByRole('button', { name: '标记为已举办' }).click();
      const held = dialogOf(page);
      await held.getByText(`标记为已举办：${title}`).waitFor();
      await expect
        .poll(() => held.getByLabel('活动情况').inputValue())
        .toBe('区政协工作人员补充：走访 12 户。');
      await pickMembers(
        page,
        held,
        '出勤委员',
        attendees.map((m) => m.name),
      );
      await held.getByLabel('参与群众人数').fill('18');
      await addTags(held, '参与部门', ['罕台镇民政办', '东胜区卫健委']);
      await held.getByLabel('活动情况').fill('区政协工作人员补充：走访 12 户，委员逐户了解取暖和就医情况。');
      await held.getByLabel('活动成效').fill('为 3 户老人联系了家庭医生签约。');
      await expectFits(page, page.locator('.ant-modal:visible').last(), 'the held dialog');
      await director.shot('activities-phone-held-modal');
      await held.getByRole('button', { name: '标记为已举办' }).click();
      await outcome(page, '已标记为已举办', '标记为已举办');
      await held.waitFor({ state: 'hidden' });

      await page.reload();
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await headerTag(page).textContent()).toBe('已举办');
      await expectAttendees(
        page,
        attendees.map((m) => m.name),
      );
      expect((await fact(page, '参与群众人数').textContent())!.trim()).toBe('18');
      expect((await fact(page, '参与部门').textContent())!.trim()).toBe('罕台镇民政办、东胜区卫健委');
      expect((await fact(page, '活动情况').textContent())!.trim()).toBe(
        '区政协工作人员补充：走访 12 户，委员逐户了解取暖和就医情况。',
      );
      expect((await fact(page, '活动成效').textContent())!.trim()).toBe('为 3 户老人联系了家庭医生签约。');
      expect(await page.getByRole('button', { name: '标记为已举办' }).count()).toBe(0);
      await page.getByRole('button', { name: '编辑举办情况' }).waitFor();
      await director.shot('activities-phone-held');
      const stored = await director.get<Activity>(`/activities/${id}`);
      expect(stored.attendeeMemberIds.sort()).toEqual(attendees.map((m) => m.id).sort());

      // the attendee's 履职档案, as the district staff open it
      await dongsheng.page.goto(`${j.product.url}/members/${attendees[0]!.id}/duty-record`);
      await expectInDutyRecord(dongsheng.page, title);
      await Promise.all([director.close(), dongsheng.close()]);
    });

    it('district staff record a past activity as held in one step; the member finds it in 我的履职档案', async () => {
      const dongsheng = await j.as('dongsheng', 'desktop');
      const member = await j.as('member', 'phone');
      const { page } = dongsheng;
      const home = await dongsheng.get<HomeDetail>(
        `/homes/${(await dongsheng.get<{ items: { id: string }[] }>(`/homes?memberId=${member.me.user.memberId}`)).items[0]!.id}`,
      );
      const memberName = home.members.find((m) => m.id === member.me.user.memberId)!.name;
      const title = '端到端：补录的政策宣讲';
      const startsAt = hoursFromNow(-50);

      await page.goto(`${j.product.url}/activities`);
      await page.getByRole('button', { name: '新建活动' }).click();
      const form = page.locator('form#activity');
      await fillActivity(page, form, { title, kind: '政策宣讲', home, startsAt, place: '罕台镇文化站' });
      await form.getByLabel('活动情况').fill('宣讲医保新政，解答群众提问。');
      await form.getByLabel('活动已举办，一并登记举办情况').check();
      await pickMembers(page, form, '出勤委员', [memberName]);
      await form.getByLabel('参与群众人数').fill('45');
      await addTags(form, '参与部门', ['东胜区医保局']);
      await form.getByLabel('活动成效').fill('群众知晓率明显提高。');
      await dongsheng.shot('activities-desktop-record-held');
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await arrived(page, /\/activities\/[0-9a-f-]{36}$/, '补录活动');
      await outcome(page, `已新建活动 ${title}`, '补录活动');
      await page.getByRole('heading', { name: title }).waitFor();
      expect(await headerTag(page).textContent()).toBe('已举办');
      await expectAttendees(page, [memberName]);
      expect((await fact(page, '参与群众人数').textContent())!.trim()).toBe('45');
      expect((await fact(page, '参与部门').textContent())!.trim()).toBe('东胜区医保局');
      expect((await fact(page, '活动情况').textContent())!.trim()).toBe('宣讲医保新政，解答群众提问。');
      expect((await fact(page, '活动成效').textContent())!.trim()).toBe('群众知晓率明显提高。');
      expect((await fact(page, '时间').textContent())!).toContain(pickerTime(startsAt).slice(5, 10));
      const id = page.url().split('/').pop()!;

      // a future one cannot be recorded as held: the form says why
      await page.goto(`${j.product.url}/activities/new`);
      const later = page.locator('form#activity');
      await fillActivity(page, later, {
        title: '端到端：下周的活动',
        kind: '政策宣讲',
        home,
        startsAt: hoursFromNow(24 * 7),
        place: '罕台镇文化站',
      });
      await later.getByLabel('活动已举办，一并登记举办情况').check();
      await later.getByText('开始时间晚于现在的活动不能登记为已举办').waitFor();
      await dongsheng.close();

      // the member, on a phone, finds it in 我的履职档案 and opens it: nothing to change there
      await member.page.goto(`${j.product.url}/me/duty-record`);
      await expectInDutyRecord(member.page, title);
      await member.page
        .getByTestId('duty-entry')
        .filter({ hasText: title })
        .getByRole('link')
        .first()
        .click();
      await member.page.waitForURL(new RegExp(`/activities/${id}$`));
      await member.page.getByRole('heading', { name: title }).waitFor();
      for (const name of ['编辑', '编辑举办情况', '标记为已举办', '取消活动']) {
        expect(await member.page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }
      await member.page.goto(`${j.product.url}/activities`);
      await member.page.getByRole('heading', { name: '活动' }).waitFor();
      expect(await member.page.getByRole('button', { name: '新建活动' }).count()).toBe(0);
      await member.shot('activities-phone-member-record');
      await member.close();
    });

    it('the read-only vice chair sees activities and is offered nothing to change', async () => {
      const director = await j.as('director', 'desktop');
      const home = await directorHome(director);
      const planned = await director.send<Activity>('POST', '/activities', {
        title: '端到端：只读检查的活动',
        kind: 'study',
        hostHomeIds: [home.id],
        startsAt: hoursFromNow(-1).toISOString(),
        endsAt: hoursFromNow(1).toISOString(),
      });
      await director.close();

      const vicechair = await j.as('vicechair', 'desktop');
      const { page } = vicechair;
      await page.goto(`${j.product.url}/activities`);
      await page.getByRole('heading', { name: '活动' }).waitFor();
      expect(await page.getByRole('button', { name: '新建活动' }).count()).toBe(0);
      await page.goto(`${j.product.url}/activities/${planned.id}`);
      await page.getByRole('heading', { name: '端到端：只读检查的活动' }).waitFor();
      expect(await headerTag(page).textContent()).toBe('计划中');
      for (const name of ['编辑', '编辑举办情况', '标记为已举办', '取消活动']) {
        expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }
      // and the server agrees
      await expect(
        vicechair.send('PATCH', `/activities/${planned.id}`, { place: '越权修改' }),
      ).rejects.toThrow(/→ 403/);
      await vicechair.close();
    });
  },
);
