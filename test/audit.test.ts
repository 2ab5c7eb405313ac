import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { KyselyPlugin } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_OBJECT_TYPE_LABELS,
  auditActionLabel,
  auditObjectTypeLabel,
} from '../src/domain/audit.js';
import { ROUND_ACTIONS } from '../src/domain/evaluation.js';
import { HOME_ACTIONS } from '../src/domain/home-workflow.js';
import { OPINION_ACTIONS } from '../src/domain/opinion-workflow.js';
import { DUTY_STATUSES } from '../src/modules/activities/schema.js';
import { recordAudit } from '../src/modules/audit/service.js';
import { buildApp } from '../src/server/app.js';
import { ADDS_OR_EVENTS, OVERWRITES } from './audit-actions.js';
import {
  ADMIN_PASSWORD,
  as,
  engine,
  makeHome,
  makeMember,
  makeUser,
  type Session,
  sheetRows,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const auditorSession = async () => {
  const auditor = await makeUser(t.db, [{ role: 'auditor', scopeId: null }]);
  return signIn(t.app, auditor.username, auditor.password);
};

describe('the audit log page', () => {
  it('lets an auditor search by action, object and time, newest first', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const created = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: 'audited_one', password: 'abcd1234', displayName: '被审计' },
    });
    const call = as(t.app, await auditorSession());

    const byObject = await call({
      method: 'GET',
      url: `/api/v1/audit?objectType=user&objectId=${created.json().id}`,
    });
    expect(byObject.statusCode).toBe(200);
    expect(byObject.json().items).toEqual([
      expect.objectContaining({ action: 'user.create', actorId: admin.userId, ip: '127.0.0.1' }),
    ]);

    const logins = await call({ method: 'GET', url: '/api/v1/audit?action=auth.login&pageSize=50' });
    const ats = logins.json().items.map((e: { at: string }) => e.at);
    expect(ats.length).toBeGreaterThanOrEqual(2);
    expect([...ats].sort().reverse()).toEqual(ats);

    const future = await call({ method: 'GET', url: '/api/v1/audit?from=2999-01-01T00:00:00%2B08:00' });
    expect(future.json().total).toBe(0);
    const badTime = await call({ method: 'GET', url: '/api/v1/audit?from=yesterday' });
    expect(badTime.statusCode).toBe(400);
  });

  it.each([
    ['office_admin', null],
    ['district_staff', 'district-150602'],
    ['member', null],
  ] as const)('is closed to %s (403)', async (role, scopeId) => {
    const user = await makeUser(t.db, [{ role, scopeId }]);
    const session = await signIn(t.app, user.username, user.password);
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(403);
  });
});

describe('the audit log in words', () => {
  let auditor: Session;
  beforeAll(async () => {
    auditor = await auditorSession();
  });
  const list = async (query: string) => {
    const res = await as(t.app, auditor)({ method: 'GET', url: `/api/v1/audit?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as { total: number; items: Array<Record<string, unknown>> };
  };

  it('names the actor by their display name now, and the platform itself as 系统', async () => {
    const admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
    const clerk = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    await signIn(t.app, clerk.username, clerk.password);
    const renamed = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/v1/users/${clerk.id}`, payload: { displayName: '改名后的办事员' } });
    expect(renamed.statusCode).toBe(200);

    const signedIn = await list(`actorId=${clerk.id}&action=auth.login`);
    expect(signedIn.items).toEqual([
      expect.objectContaining({
        actorLabel: '改名后的办事员',
        actionLabel: '登录',
        objectTypeLabel: '用户',
        objectName: '改名后的办事员',
        roles: ['district_staff'],
      }),
    ]);
    // the row keeps the name the actor had then
    expect(signedIn.items[0]!.actorName).not.toBe('改名后的办事员');
    // the renaming: the admin acted on the clerk
    const renaming = await list(`action=user.update&objectId=${clerk.id}`);
    expect(renaming.items[0]).toMatchObject({ actorLabel: '系统管理员', actionLabel: '修改用户' });

    // the first administrator was made by the platform at its first start
    const made = await list(`action=user.create&objectId=${admin.userId}`);
    expect(made.items).toEqual([
      expect.objectContaining({ actorId: null, actorLabel: '系统', objectName: '系统管理员' }),
    ]);
  });

  it('says a visitor who had not signed in is 匿名访客, and names the account a failed sign-in typed', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'nobody_here', password: 'wrong-pass-1' },
    });
    expect(res.statusCode).toBe(401);
    const failed = await list('action=auth.login_failed&q=nobody_here');
    expect(failed.items).toEqual([
      expect.objectContaining({
        actorLabel: '匿名访客',
        actionLabel: '登录失败',
        objectTypeLabel: '用户',
        objectName: 'nobody_here',
      }),
    ]);
  });

  it('names the object where it still exists, else its type; an unknown action or type shows its code', async () => {
    const home = await makeHome(t.db, { name: '审计命名测试之家' });
    const member = await makeMember(t.db, { name: '审计命名委员' });
    const gone = '00000000-0000-4000-8000-000000000001';
    const system = { actor: null, ip: null };
    await recordAudit(t.db, system, { action: 'home.update', objectType: 'home', objectId: home.id });
    await recordAudit(t.db, system, { action: 'member.update', objectType: 'member', objectId: member.id });
    await recordAudit(t.db, system, { action: 'funds.reverse', objectType: 'fund_entry', objectId: gone });
    await recordAudit(t.db, system, { action: 'home.close', objectType: 'home', objectId: gone });
    await recordAudit(t.db, system, { action: 'duty.year.close', objectType: 'duty_year', objectId: '2025' });
    await recordAudit(t.db, system, { action: 'legacy.thing', objectType: 'gadget', objectId: 'g-1' });

    const shown = (await list('pageSize=6')).items.map((e) => [
      e.actionLabel,
      e.objectTypeLabel,
      e.objectName,
    ]);
    expect(shown).toEqual([
      ['legacy.thing', 'gadget', null],
      ['关闭履职年度', '履职年度', '2025 年度'],
      ['委员之家：撤销', '委员之家', null],
      ['冲销经费记录', '经费记录', null],
      ['修改委员信息', '委员', '审计命名委员'],
      ['修改委员之家信息', '委员之家', '审计命名测试之家'],
    ]);
  });

  it('reads the objects’ names once per type for a page, not once per row', async () => {
    const system = { actor: null, ip: null };
    const name = async (homes: number) => {
      for (let i = 0; i < homes; i++) {
        const home = await makeHome(t.db, { name: `计数审计之家${i}` });
        const member = await makeMember(t.db);
        await recordAudit(t.db, system, { action: 'home.remind', objectType: 'home', objectId: home.id });
        await recordAudit(t.db, system, {
          action: 'member.update',
          objectType: 'member',
          objectId: member.id,
        });
      }
      // the statements the request sends, counted as they pass
      let count = 0;
      const counted: KyselyPlugin = {
        transformQuery: (a) => {
          count++;
          return a.node;
        },
        transformResult: async (a) => a.result,
      };
      const app = await buildApp({ db: t.db.withPlugin(counted), logLevel: 'silent', webDir: null });
      count = 0;
      const res = await as(app, auditor)({ method: 'GET', url: '/api/v1/audit?pageSize=200' });
      await app.close();
      const items = res.json().items as Array<{ objectName: string | null; action: string }>;
      expect(items.filter((e) => e.action === 'home.remind').every((e) => e.objectName)).toBe(true);
      return count;
    };
    const few = await name(2);
    const many = await name(20);
    expect(many).toBe(few);
  });

  it('filters by one action, a family of them, the actor’s name and the object type', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin', password: 'wrong-pass-2' },
    });
    const actions = async (query: string) =>
      new Set((await list(`${query}&pageSize=200`)).items.map((e) => e.action));
    expect(await actions('action=auth.login')).toEqual(new Set(['auth.login']));
    expect(await actions('action=auth.')).toEqual(new Set(['auth.login', 'auth.login_failed']));
    expect(await actions('action=duty.year.close')).toEqual(new Set(['duty.year.close']));
    expect(await actions('objectType=fund_entry')).toEqual(new Set(['funds.reverse']));
    // by the display name the actor has now, or their username
    const renamed = await list('q=改名后的');
    expect(renamed.total).toBeGreaterThan(0);
    expect(renamed.items.every((e) => e.actorLabel === '改名后的办事员')).toBe(true);
    expect((await list('q=无此操作人')).total).toBe(0);
  });

  it('exports what the list shows, with the same filters, in words', async () => {
    const listed = await list('action=user.&pageSize=200');
    const exported = await as(
      t.app,
      auditor,
    )({ method: 'GET', url: '/api/v1/audit/export.xlsx?action=user.' });
    const rows = await sheetRows(exported);
    expect(rows[0]).toEqual([
      '时间',
      '操作人',
      '角色',
      'IP',
      '操作',
      '对象',
      '对象类型',
      '对象编号',
      '操作代码',
      '变更内容',
    ]);
    expect(rows).toHaveLength(listed.total + 1);
    expect(listed.total).toBeGreaterThanOrEqual(3);
    expect(rows.slice(1).map((r) => [r[1], r[4], r[5], r[8]])).toEqual(
      listed.items.map((e) => [e.actorLabel, e.actionLabel, e.objectName ?? e.objectTypeLabel, e.action]),
    );
    const renaming = rows.find((r) => r[8] === 'user.update')!;
    expect(renaming.slice(1, 7)).toEqual([
      '系统管理员',
      '市政协办公室、系统管理员',
      '127.0.0.1',
      '修改用户',
      '改名后的办事员',
      '用户',
    ]);
    // each time to the second, as a date cell reading Beijing time, as the page shows it
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const times = book.worksheets[0]!.getColumn(1).values.slice(2) as Date[];
    expect(times).toHaveLength(listed.total);
    for (const [index, time] of times.entries()) {
      const cell = book.worksheets[0]!.getCell(index + 2, 1);
      expect(cell.type).toBe(ExcelJS.ValueType.Date);
      expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
      const shown = new Date(Date.parse(String(listed.items[index]!.at)) + 8 * 3600_000).toISOString();
      expect(time.toISOString().slice(0, 19)).toBe(shown.slice(0, 19));
    }

    const all = await list('pageSize=1');
    const file = await sheetRows(
      await as(t.app, auditor)({ method: 'GET', url: '/api/v1/audit/export.xlsx' }),
    );
    expect(file).toHaveLength(all.total + 1);
  });

  it('refuses the export to whoever may not read the log, and a bad filter', async () => {
    const clerk = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const session = await signIn(t.app, clerk.username, clerk.password);
    expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/audit/export.xlsx' })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/export.xlsx' })).statusCode).toBe(401);
    const bad = await as(t.app, auditor)({ method: 'GET', url: '/api/v1/audit/export.xlsx?to=tomorrow' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_FAILED');
  });

  it('has a label for every action written in this file’s database', async () => {
    const written = await t.db.selectFrom('auditEvents').select('action').distinct().execute();
    const unlabelled = written.map((r) => r.action).filter((a) => !AUDIT_ACTION_LABELS[a]);
    expect(unlabelled).toEqual(['legacy.thing']);
  });

  it('names the account a failed or stopped sign-in was about by its display name, however it was typed', async () => {
    const clerk = await makeUser(t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]);
    await t.db
      .updateTable('users')
      .set({ displayName: '被锁定的办事员' })
      .where('id', '=', clerk.id)
      .execute();
    const attempt = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: clerk.username.toUpperCase(), password },
        remoteAddress: '10.9.8.7',
      });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-pass-9')).statusCode).toBe(401);
    expect((await attempt(clerk.password)).statusCode).toBe(429);
    const rows = (await list(`q=${clerk.username}&action=auth.&pageSize=50`)).items;
    const shown = new Set(rows.map((e) => `${e.action} ${e.objectName}`));
    expect(shown).toEqual(new Set(['auth.login_failed 被锁定的办事员', 'auth.login_locked 被锁定的办事员']));
  });
});

// ---------------------------------------------------------------------------------------------
// Every action the code can write has a label (domain/audit.ts): each `recordAudit(…)` call in
// src/ is read with the TypeScript parser, and its `action` resolved to the codes it can take.

const SRC = path.resolve('src');
const sourceFiles = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith(path.join(SRC, 'web')));

const parsed = () =>
  sourceFiles(SRC).map((file) =>
    ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  );

function walk(node: ts.Node, visit: (node: ts.Node) => void) {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

/** The string values given to properties of this name (in one file, or in all). */
function propertyLiterals(files: ts.SourceFile[], name: string, file?: string): string[] {
  const found: string[] = [];
  for (const source of files.filter((f) => !file || f.fileName.endsWith(file))) {
    walk(source, (node) => {
      if (
        ts.isPropertyAssignment(node) &&
        node.name.getText() === name &&
        ts.isStringLiteralLike(node.initializer)
      ) {
        found.push(node.initializer.text);
      }
    });
  }
  return found;
}

/** The types of the owners handed to the attachment store, which audits an upload on its owner. */
function attachmentOwnerTypes(files: ts.SourceFile[]): string[] {
  const found: string[] = [];
  for (const source of files) {
    walk(source, (node) => {
      if (!ts.isObjectLiteralExpression(node)) return;
      const names = node.properties.filter(ts.isPropertyAssignment);
      const type = names.find((p) => p.name.getText() === 'type')?.initializer;
      if (names.some((p) => p.name.getText() === 'auditAction') && type && ts.isStringLiteralLike(type)) {
        found.push(type.text);
      }
    });
  }
  return found;
}

/** The actions the routes give `fullPhones` of an export (`{ fullPhones: { action: '…' } }`). */
function fullPhonesActions(files: ts.SourceFile[]): string[] {
  const found: string[] = [];
  for (const source of files) {
    walk(source, (node) => {
      if (!ts.isPropertyAssignment(node) || node.name.getText() !== 'fullPhones') return;
      if (!ts.isObjectLiteralExpression(node.initializer)) return;
      for (const p of node.initializer.properties) {
        if (
          ts.isPropertyAssignment(p) &&
          p.name.getText() === 'action' &&
          ts.isStringLiteralLike(p.initializer)
        )
          found.push(p.initializer.text);
      }
    });
  }
  return found;
}

/**
 * The codes an `action` built from a value can take, by the expression's text. A new such
 * expression fails the test until it is added here with where its values come from.
 */
const dynamicActions = (files: ts.SourceFile[]): Record<string, string[]> => ({
  // the evaluation round's steps (domain/evaluation.ts)
  '`evaluation.${input.action}`': Object.keys(ROUND_ACTIONS).map((a) => `evaluation.${a}`),
  // the home's workflow (domain/home-workflow.ts)
  '`home.${action}`': HOME_ACTIONS.map((a) => `home.${a}`),
  // the opinion's workflow (domain/opinion-workflow.ts)
  '`opinion.${action}`': OPINION_ACTIONS.map((a) => `opinion.${a}`),
  // a shift leaves `scheduled` for one of the other statuses (activities/schema.ts)
  '`duty_shift.${to}`': DUTY_STATUSES.filter((s) => s !== 'scheduled').map((s) => `duty_shift.${s}`),
  "`activity.${status === 'held' ? 'hold' : 'cancel'}`": ['activity.hold', 'activity.cancel'],
  // a home's yearly documents (operations/repo/plans-summaries.ts, DocumentKind)
  '`${kind}.submit`': ['plan.submit', 'summary.submit'],
  // an attachment's owner names the action (homes and trainings pass it to attachments/service.ts)
  'owner.auditAction': propertyLiterals(files, 'auditAction'),
  // an export that gives full phone numbers is audited under the action its route names (server/export.ts)
  'spec.action': fullPhonesActions(files),
  // proposals and research reports (records/outputs.ts, KINDS)
  'words.create': propertyLiterals(files, 'create', 'records/outputs.ts'),
  'words.update': propertyLiterals(files, 'update', 'records/outputs.ts'),
});

describe.runIf(engine === 'pglite')('the labels of the audit log', () => {
  const files = parsed();
  const dynamic = dynamicActions(files);
  const calls: Array<{
    where: string;
    actions: string[] | null;
    text: string;
    objectType?: string;
    hasBefore: boolean;
  }> = [];

  const resolve = (expr: ts.Expression): string[] | null => {
    if (ts.isStringLiteralLike(expr)) return [expr.text];
    if (ts.isParenthesizedExpression(expr)) return resolve(expr.expression);
    if (ts.isConditionalExpression(expr)) {
      const [a, b] = [resolve(expr.whenTrue), resolve(expr.whenFalse)];
      return a && b ? [...a, ...b] : null;
    }
    return dynamic[expr.getText()] ?? null;
  };

  for (const source of files) {
    walk(source, (node) => {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'recordAudit') return;
      const where = `${path.relative(SRC, source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const entry = node.arguments[2];
      const property = (name: string) =>
        entry && ts.isObjectLiteralExpression(entry)
          ? entry.properties.find(
              (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText() === name,
            )?.initializer
          : undefined;
      const action = property('action');
      const objectType = property('objectType');
      calls.push({
        where,
        text: action?.getText() ?? node.getText(),
        actions: action ? resolve(action) : null,
        hasBefore:
          entry !== undefined &&
          ts.isObjectLiteralExpression(entry) &&
          entry.properties.some(
            (p) =>
              (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) &&
              p.name.getText() === 'before',
          ),
        ...(objectType && ts.isStringLiteralLike(objectType) ? { objectType: objectType.text } : {}),
      });
    });
  }

  it('finds every call of recordAudit, and what each can write', () => {
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.filter((c) => !c.actions).map((c) => `${c.where}: ${c.text}`)).toEqual([]);
    for (const codes of Object.values(dynamic)) expect(codes.length).toBeGreaterThan(0);
  });

  it('has a label for every action the code can write', () => {
    const missing = calls.flatMap((c) =>
      (c.actions ?? []).filter((a) => !AUDIT_ACTION_LABELS[a]).map((a) => `${c.where}: ${a}`),
    );
    expect(missing).toEqual([]);
  });

  it('has a label for every object type the calls name', () => {
    const types = [
      ...calls.flatMap((c) => (c.objectType ? [c.objectType] : [])),
      ...propertyLiterals(files, 'objectType', 'records/outputs.ts'),
      ...attachmentOwnerTypes(files),
    ];
    expect(types.length).toBeGreaterThan(50);
    expect([...new Set(types)].filter((type) => !AUDIT_OBJECT_TYPE_LABELS[type])).toEqual([]);
  });

  it('sorts every action it has a label for into those that overwrite and those that add', () => {
    const labelled = Object.keys(AUDIT_ACTION_LABELS);
    expect(labelled.filter((a) => !OVERWRITES.has(a) && !ADDS_OR_EVENTS.has(a))).toEqual([]);
    expect([...OVERWRITES].filter((a) => ADDS_OR_EVENTS.has(a))).toEqual([]);
    expect([...OVERWRITES, ...ADDS_OR_EVENTS].filter((a) => !AUDIT_ACTION_LABELS[a])).toEqual([]);
  });

  it('records what was there before at every call of an action that overwrites something', () => {
    const overwriting = calls.filter((c) => c.actions?.some((a) => OVERWRITES.has(a)));
    expect(overwriting.length).toBeGreaterThan(30);
    expect(overwriting.filter((c) => !c.hasBefore).map((c) => `${c.where}: ${c.text}`)).toEqual([]);
  });

  it('shows an action or an object type it has no label for by its code', () => {
    expect(auditActionLabel('funds.reverse')).toBe('冲销经费记录');
    expect(auditActionLabel('something.new')).toBe('something.new');
    expect(auditObjectTypeLabel('fund_entry')).toBe('经费记录');
    expect(auditObjectTypeLabel('gadget')).toBe('gadget');
  });
});
