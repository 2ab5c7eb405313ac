import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_HIDDEN_FIELDS } from '../src/domain/audit.js';
import { recordAudit } from '../src/modules/audit/service.js';
import {
  as,
  type HomeFixture,
  makeHome,
  makeMember,
  makeUser,
  type Session,
  sheetRows,
  signIn,
  signInCast,
  startTestApp,
  type TestApp,
} from './helpers.js';

// The audit log shows what an entry recorded (its before/after) in words: a table of Chinese field
// names with the values before and after, codes by their labels, ids by the names of what they name.

interface Change {
  field: string;
  label: string;
  before: string | null;
  after: string | null;
}
interface Entry {
  action: string;
  objectName: string | null;
  objectId: string | null;
  changes: Change[];
}

let t: TestApp;
let office: Session;
let dongsheng: Session;
let auditor: Session;
let home: HomeFixture;
const YEAR = new Date().getUTCFullYear();

beforeAll(async () => {
  t = await startTestApp();
  ({ office, dongsheng, auditor } = await signInCast(t));
  home = await makeHome(t.db, { name: '康巴什区政协委员之家' });
});
afterAll(() => t.close());

const call = (s: Session, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
  as(t.app, s)({ method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/** The newest entries of an action (as the auditor reads the log). */
async function entries(query: string): Promise<Entry[]> {
  const res = await call(auditor, 'GET', `/audit?${query}&pageSize=50`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

/** An entry's changes as [名称, 原值, 新值]. */
const table = (entry: Entry) => entry.changes.map((c) => [c.label, c.before, c.after]);

const regionName = async (code: string) =>
  (await t.db.selectFrom('regions').select('name').where('code', '=', code).executeTakeFirstOrThrow()).name;

describe('the audit log shows what an entry changed, in words', () => {
  it('names a fund entry by its home, kind, amount in 元 and date, and its fields by name', async () => {
    await call(dongsheng, 'POST', `/homes/${home.id}/funds/allocations`, {
      amount: '20000',
      occurredOn: `${YEAR}-01-10`,
      description: '年度履职经费',
    });
    const spent = await call(dongsheng, 'POST', `/homes/${home.id}/funds/expenditures`, {
      amount: '1200',
      occurredOn: `${YEAR}-03-02`,
      category: 'activity',
      description: '协商座谈会茶歇',
    });
    expect(spent.statusCode, spent.body).toBe(200);
    const [entry] = await entries('action=funds.spend');
    expect(entry!.objectName).toBe(`康巴什区政协委员之家 支出 1,200.00 元 ${YEAR}-03-02`);
    expect(table(entry!)).toEqual([
      ['状态', null, '已生效'],
      ['类别', null, '活动'],
      ['委员之家', null, '康巴什区政协委员之家'],
      ['金额', null, '1,200.00 元'],
      ['日期', null, `${YEAR}-03-02`],
      ['说明', null, '协商座谈会茶歇'],
    ]);
    const [allocation] = await entries('action=funds.allocate');
    expect(allocation!.objectName).toBe(`康巴什区政协委员之家 拨款 20,000.00 元 ${YEAR}-01-10`);

    // a reversal: the entry by the same words, the entry it made as 冲正
    const reversed = await call(dongsheng, 'POST', `/fund-entries/${entry!.objectId}/reverse`, {
      reason: '重复登记',
    });
    expect(reversed.statusCode, reversed.body).toBe(200);
    const [reversal] = await entries('action=funds.reverse');
    expect(reversal!.objectName).toBe(entry!.objectName);
    expect(table(reversal!)).toEqual([
      ['冲正记录', null, expect.stringMatching(/^康巴什区政协委员之家 冲正 1,200\.00 元 \d{4}-\d{2}-\d{2}$/)],
      ['理由', null, '重复登记'],
    ]);
  });

  it('shows a setting of money in 元, before and after', async () => {
    expect((await call(office, 'PUT', '/funds/settings', { approvalThreshold: '800.00' })).statusCode).toBe(
      200,
    );
    const [entry] = await entries('action=funds.threshold');
    expect(table(entry!)).toEqual([['支出审批限额', '5,000.00 元', '800.00 元']]);
  });

  it('shows a registration with its kind, level, unit and place by their names', async () => {
    const created = await call(dongsheng, 'POST', '/homes', {
      name: '审计用语测试镇委员之家',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150602100',
      venueType: 'party_mass_center',
    });
    expect(created.statusCode, created.body).toBe(201);
    const [entry] = await entries(`action=home.create&objectId=${created.json().id}`);
    const shown = Object.fromEntries(entry!.changes.map((c) => [c.label, c.after]));
    expect(shown).toMatchObject({
      名称: '审计用语测试镇委员之家',
      类型: '苏木乡镇（街道）委员之家',
      层级: '旗区级',
      所属单位: '东胜区政协',
      所在地: await regionName('150602100'),
      场所类型: '党群服务中心',
      线上工作室: '否',
    });
    expect(entry!.changes.every((c) => c.before === null)).toBe(true);
  });

  it('shows an edit by the fields it changed only, people by name', async () => {
    const director = await makeMember(t.db, { name: '审计负责人', orgUnitId: 'district-150602' });
    const res = await call(dongsheng, 'PATCH', `/homes/${home.id}`, {
      brand: '连心议事厅',
      directorMemberId: director.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [entry] = await entries(`action=home.update&objectId=${home.id}`);
    const shown = new Map(entry!.changes.map((c) => [c.label, [c.before, c.after]]));
    expect(shown.get('品牌')).toEqual([null, '连心议事厅']);
    expect(shown.get('负责人')?.[1]).toBe('审计负责人');
    expect(shown.has('名称')).toBe(false);
    expect(shown.has('状态')).toBe(false);
  });

  it('shows a workflow step: the status by its label, what the step recorded by name', async () => {
    const proposed = await call(dongsheng, 'POST', '/homes', {
      name: '审计流程测试镇委员之家',
      kind: 'township',
      level: 'district',
      ownerUnitId: 'district-150602',
      regionCode: '150602100',
    });
    const id = proposed.json().id;
    const step = await call(dongsheng, 'POST', `/homes/${id}/transitions`, {
      action: 'survey',
      data: { report: '实地走访，群众需求强烈' },
      comment: '同意推进',
    });
    expect(step.statusCode, step.body).toBe(200);
    const [entry] = await entries(`action=home.survey&objectId=${id}`);
    expect(table(entry!)).toEqual([
      ['状态', '已申请', '已调研'],
      ['调研报告', null, '实地走访，群众需求强烈'],
      ['意见', null, '同意推进'],
    ]);
  });

  it('shows an account’s roles with their units, and never its password', async () => {
    const res = await call(office, 'POST', '/users', {
      username: 'audit_words_clerk',
      password: 'abcd1234',
      displayName: '用语办事员',
      roles: [{ role: 'district_staff', scopeId: 'district-150602' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const [entry] = await entries(`action=user.create&objectId=${res.json().id}`);
    const shown = Object.fromEntries(entry!.changes.map((c) => [c.label, c.after]));
    expect(shown).toMatchObject({
      用户名: 'audit_words_clerk',
      姓名: '用语办事员',
      // made by the system administrator, the role waits for the security administrator
      待授权角色: '旗区政协工作人员（东胜区政协）',
      已停用: '否',
    });
    expect(entry!.changes.some((c) => /password/i.test(c.field))).toBe(false);
  });

  it('shows a value it has no words for as it is, and an entry with no snapshot as none', async () => {
    const system = { actor: null, ip: null };
    await recordAudit(t.db, system, {
      action: 'home.update',
      objectType: 'home',
      objectId: home.id,
      before: { status: 'operating', gadget: 'a' },
      after: { status: 'suspended', gadget: 'b' },
    });
    await recordAudit(t.db, system, { action: 'home.remind', objectType: 'home', objectId: home.id });
    const [remind] = await entries(`objectId=${home.id}&action=home.remind`);
    const [update] = await entries(`objectId=${home.id}&action=home.update`);
    expect(remind!.changes).toEqual([]);
    expect(table(update!)).toEqual([
      ['状态', '运行中', '已暂停'],
      ['gadget', 'a', 'b'],
    ]);
  });

  it('names every field the entries written here carry, and shows no bookkeeping', async () => {
    const all: Entry[] = [];
    for (let page = 1; ; page++) {
      const res = (await call(auditor, 'GET', `/audit?pageSize=200&page=${page}`)).json();
      all.push(...res.items);
      if (page * 200 >= res.total) break;
    }
    const unnamed = all.flatMap((e) =>
      e.changes.filter((c) => c.label === c.field && /^[\w.]+$/.test(c.field) && c.field !== 'gadget'),
    );
    expect(unnamed.map((c) => c.field)).toEqual([]);
    expect(all.flatMap((e) => e.changes).filter((c) => AUDIT_HIDDEN_FIELDS.has(c.field))).toEqual([]);
  });

  it('exports the same words, one field a line', async () => {
    const [entry] = await entries('action=home.survey');
    const rows = await sheetRows(await call(auditor, 'GET', '/audit/export.xlsx?action=home.survey'));
    expect(rows[0]!.at(-1)).toBe('变更内容');
    expect(rows[1]!.at(-1)).toBe(
      entry!.changes
        .map((c) => (c.before === null ? `${c.label}：${c.after}` : `${c.label}：${c.before} → ${c.after}`))
        .join('\n'),
    );
    expect(rows[1]!.at(-1)).toContain('状态：已申请 → 已调研');
  });

  it('is read by an auditor only', async () => {
    const clerk = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    const session = await signIn(t.app, clerk.username, clerk.password);
    expect((await call(session, 'GET', '/audit?action=funds.spend')).statusCode).toBe(403);
  });
});
