import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  AUDIT_ADMIN_PASSWORD,
  as,
  errorOf,
  makeHome,
  makeMember,
  makeUser,
  SECURITY_ADMIN_PASSWORD,
  type Session,
  sheetRows,
  signIn,
  startTestApp,
  type TestApp,
} from './helpers.js';

let t: TestApp;
/** the system administrator: accounts, no roles */
let admin: Session;
/** the security administrator: roles */
let sec: Session;
beforeAll(async () => {
  t = await startTestApp();
  admin = await signIn(t.app, 'admin', ADMIN_PASSWORD);
  sec = await signIn(t.app, 'secadmin', SECURITY_ADMIN_PASSWORD);
});
afterAll(() => t.close());

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: `clerk_${Math.random().toString(36).slice(2, 8)}`,
  password: 'clerk2026a',
  displayName: '王办事',
  roles: [{ role: 'district_staff', scopeId: 'district-150602' }],
  ...overrides,
});

describe('managing users', () => {
  it('creates a user with scoped roles, who can then sign in', async () => {
    const body = newUser();
    const res = await as(t.app, sec)({ method: 'POST', url: '/api/v1/users', payload: body });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: body.username,
      displayName: '王办事',
      memberId: null,
      disabled: false,
      roles: [{ role: 'district_staff', scopeId: 'district-150602' }],
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    const session = await signIn(t.app, body.username, body.password);
    const me = await as(t.app, session)({ method: 'GET', url: '/api/v1/auth/me' });
    expect(me.json().abilities).toContain('member.read');
    expect(me.json().abilities).not.toContain('user.manage');
  });

  it('refuses a weak password, a bad username and unknown fields, writing nothing', async () => {
    const res = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ username: 'a b', password: 'onlyletters', extra: 1 }),
    });
    expect(res.statusCode).toBe(400);
    const fields = errorOf(res).error.fields!;
    expect(fields.password).toBe('密码至少 8 位，且须同时包含字母和数字');
    expect(fields.username).toMatch(/用户名/);
    expect(fields.extra).toBe('不允许的字段');
    const list = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?q=a%20b' });
    expect(list.json().total).toBe(0);
  });

  it('checks each role against the scope it needs', async () => {
    const res = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({
        roles: [
          { role: 'district_staff', scopeId: 'sector-group-1' },
          { role: 'committee_staff' },
          { role: 'auditor', scopeId: 'district-150602' },
          { role: 'vice_chair', scopeId: 'no-such-unit' },
        ],
      }),
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(errorOf(res).error.fields!).sort()).toEqual([
      'roles.0.scopeId',
      'roles.1.scopeId',
      'roles.2.scopeId',
      'roles.3.scopeId',
    ]);
  });

  it('links an account to one member at most, and a director to an existing home', async () => {
    const member = await makeMember(t.db);
    const first = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ memberId: member.id, roles: [{ role: 'member' }] }),
    });
    expect(first.statusCode).toBe(201);
    expect(first.json().memberId).toBe(member.id);
    const second = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({ memberId: member.id, roles: [{ role: 'member' }] }),
    });
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).error.fields?.memberId).toMatch(/已关联账号/);
    const unknown = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({
        memberId: '00000000-0000-0000-0000-000000000000',
        roles: [{ role: 'home_director', scopeId: 'no-home' }],
      }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(errorOf(unknown).error.fields!).sort()).toEqual(['roles.0.scopeId']);
  });

  it('names the scopes and the linked member, and offers homes and members to pick by name', async () => {
    const home = await makeHome(t.db, { name: '命名测试委员之家' });
    const member = await makeMember(t.db, { name: '命名测试委员' });
    const homes = await as(
      t.app,
      admin,
    )({ method: 'GET', url: '/api/v1/users/choices?kind=home&q=命名测试' });
    expect(homes.json()).toMatchObject({ total: 1, items: [{ id: home.id, name: '命名测试委员之家' }] });
    const members = await as(
      t.app,
      admin,
    )({ method: 'GET', url: '/api/v1/users/choices?kind=member&q=命名测试委员' });
    expect(members.json().items).toEqual([
      { id: member.id, name: '命名测试委员', detail: expect.stringContaining('东胜区政协') },
    ]);
    const res = await as(
      t.app,
      sec,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: newUser({
        memberId: member.id,
        roles: [
          { role: 'home_director', scopeId: home.id },
          { role: 'district_staff', scopeId: 'district-150602' },
        ],
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberId: member.id, memberName: '命名测试委员' });
    expect(res.json().roles).toEqual(
      expect.arrayContaining([
        { role: 'home_director', scopeId: home.id, scopeName: '命名测试委员之家' },
        { role: 'district_staff', scopeId: 'district-150602', scopeName: '东胜区政协' },
      ]),
    );
    const listed = await as(t.app, admin)({ method: 'GET', url: `/api/v1/users?q=${res.json().username}` });
    expect(listed.json().items[0].roles).toEqual(res.json().roles);
  });

  it('refuses a duplicate username, whatever its case (409)', async () => {
    const body = newUser();
    expect((await as(t.app, admin)({ method: 'POST', url: '/api/v1/users', payload: body })).statusCode).toBe(
      201,
    );
    const again = await as(
      t.app,
      admin,
    )({
      method: 'POST',
      url: '/api/v1/users',
      payload: { ...body, username: body.username.toUpperCase() },
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error).toMatchObject({ code: 'CONFLICT', fields: { username: '用户名已存在' } });
  });

  it('answers the requests that lose a race for one username with 409, never 500', async () => {
    const body = newUser();
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        as(t.app, admin)({ method: 'POST', url: '/api/v1/users', payload: body }),
      ),
    );
    const statuses = answers.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    for (const lost of answers.filter((r) => r.statusCode === 409)) {
      expect(errorOf(lost).error.code).toBe('CONFLICT');
      expect(errorOf(lost).error.fields?.username).toBeDefined();
    }
    const rows = await t.db.selectFrom('users').select('id').where('username', '=', body.username).execute();
    expect(rows).toHaveLength(1);
  });

  it('stores script and SQL text as plain text', async () => {
    const displayName = "<script>alert(1)</script>'; drop table users; --";
    const res = await as(
      t.app,
      admin,
    )({ method: 'POST', url: '/api/v1/users', payload: newUser({ displayName }) });
    expect(res.statusCode).toBe(201);
    const got = await as(t.app, admin)({ method: 'GET', url: `/api/v1/users/${res.json().id}` });
    expect(got.json().displayName).toBe(displayName);
    expect((await as(t.app, admin)({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(200);
  });

  it('lists with search, role and status filters and pagination', async () => {
    for (let i = 0; i < 3; i++) {
      await as(
        t.app,
        sec,
      )({
        method: 'POST',
        url: '/api/v1/users',
        payload: newUser({ username: `pager_${i}`, displayName: `分页${i}`, roles: [{ role: 'auditor' }] }),
      });
    }
    const page = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?q=pager_&page=2&pageSize=2' });
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.json().items.map((u: { username: string }) => u.username)).toEqual(['pager_2']);
    const auditors = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?role=auditor' });
    expect(
      auditors
        .json()
        .items.every((u: { roles: Array<{ role: string }> }) => u.roles.some((r) => r.role === 'auditor')),
    ).toBe(true);
    const tooBig = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?pageSize=500' });
    expect(tooBig.statusCode).toBe(400);
    expect(errorOf(tooBig).error.fields?.pageSize).toMatch(/200/);
  });

  it("edits name and password and asks for roles; a new password ends the user's other sessions", async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const theirs = await signIn(t.app, user.username, user.password);
    const res = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { displayName: '新名字', password: 'newpass2026', roles: [{ role: 'office_admin' }] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      displayName: '新名字',
      roles: [{ role: 'member', scopeId: null }],
      pendingRoles: [{ role: 'office_admin', scopeId: null, scopeName: null }],
    });
    expect((await as(t.app, theirs)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    await signIn(t.app, user.username, 'newpass2026');
  });

  it('disabling a user ends their sessions and tokens at once', async () => {
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const theirs = await signIn(t.app, user.username, user.password);
    const { token } = (
      await as(t.app, theirs)({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: 't' } })
    ).json();
    const res = await as(t.app, admin)({ method: 'DELETE', url: `/api/v1/users/${user.id}` });
    expect(res.statusCode).toBe(204);
    expect((await as(t.app, theirs)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(401);
    const bearer = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.statusCode).toBe(401);
    const shown = await as(t.app, admin)({ method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(shown.json().disabled).toBe(true);
    // and enabling again lets them sign in
    await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { disabled: false } });
    await signIn(t.app, user.username, user.password);
  });

  it('writes an audit row with before and after for each change, in the same transaction', async () => {
    const user = await makeUser(t.db, []);
    await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { displayName: '审计对象' } });
    const row = await t.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('objectId', '=', user.id)
      .where('action', '=', 'user.update')
      .executeTakeFirstOrThrow();
    expect(row.actorId).toBe(admin.userId);
    expect(row.roles).toEqual(expect.arrayContaining(['system_admin']));
    expect(row.ip).toBe('127.0.0.1');
    expect(row.before).toMatchObject({ displayName: expect.stringMatching(/^测试用户/) });
    expect(row.after).toMatchObject({ displayName: '审计对象' });

    // a write that fails part-way leaves neither the change nor its audit row
    const failed = await as(
      t.app,
      admin,
    )({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      payload: { displayName: '不应保存', roles: [{ role: 'district_staff', scopeId: 'nope' }] },
    });
    expect(failed.statusCode).toBe(400);
    const after = await as(t.app, admin)({ method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(after.json().displayName).toBe('审计对象');
  });

  it('answers 404 for an unknown or malformed id', async () => {
    for (const id of ['00000000-0000-0000-0000-000000000000', 'nope']) {
      const res = await as(t.app, admin)({ method: 'GET', url: `/api/v1/users/${id}` });
      expect(res.statusCode).toBe(404);
    }
  });
});

describe('who may manage users', () => {
  it.each([
    ['office_admin', null],
    ['district_staff', 'district-150602'],
    ['auditor', null],
    ['member', null],
  ] as const)('refuses %s (403) on every user endpoint', async (role, scopeId) => {
    const user = await makeUser(t.db, [{ role, scopeId }]);
    const session = await signIn(t.app, user.username, user.password);
    const call = as(t.app, session);
    const target = `/api/v1/users/${user.id}`;
    const responses = await Promise.all([
      call({ method: 'GET', url: '/api/v1/users' }),
      call({ method: 'POST', url: '/api/v1/users', payload: newUser() }),
      call({ method: 'GET', url: target }),
      call({ method: 'PATCH', url: target, payload: { roles: [{ role: 'system_admin' }] } }),
      call({ method: 'DELETE', url: target }),
    ]);
    expect(responses.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403]);
    const still = await t.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).execute();
    expect(still).toEqual([{ role }]);
  });

  it('refuses anonymous callers (401)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users' });
    expect(res.statusCode).toBe(401);
  });
});

describe('the user list exported', () => {
  const create = async (overrides: Record<string, unknown>) => {
    const res = await as(t.app, sec)({ method: 'POST', url: '/api/v1/users', payload: newUser(overrides) });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; username: string };
  };

  it('writes every user the filters find, with the list’s columns in words', async () => {
    const member = await makeMember(t.db, { name: '导出关联委员' });
    await create({ username: 'xport_clerk', displayName: '导出办事员', memberId: member.id });
    const gone = await create({ username: 'xport_gone', displayName: '导出停用', roles: [] });
    await as(t.app, admin)({ method: 'DELETE', url: `/api/v1/users/${gone.id}` });

    const listed = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?q=xport_' });
    const rows = await sheetRows(
      await as(t.app, admin)({ method: 'GET', url: '/api/v1/users/export.xlsx?q=xport_' }),
    );
    expect(rows[0]).toEqual(['用户名', '姓名', '关联委员', '角色', '状态', '最近登录', '创建时间']);
    expect(rows).toHaveLength(listed.json().total + 1);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['xport_clerk', 'xport_gone']);
    const scope = listed.json().items[0].roles[0].scopeName;
    expect(scope).toMatch(/东胜/);
    expect(rows[1]!.slice(1, 6)).toEqual([
      '导出办事员',
      '导出关联委员',
      `旗区政协工作人员 · ${scope}`,
      '正常',
      '从未登录',
    ]);
    // a user with no member and no role: those cells stay empty
    expect(Array.from(rows[2]!.slice(1, 5), (v) => v ?? '')).toEqual(['导出停用', '', '', '已停用']);
    expect(rows[1]![6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    // the same filters as the list: a status, a role
    const disabled = await sheetRows(
      await as(t.app, admin)({ method: 'GET', url: '/api/v1/users/export.xlsx?q=xport_&disabled=true' }),
    );
    expect(disabled.slice(1).map((r) => r[0])).toEqual(['xport_gone']);
    const auditors = await as(
      t.app,
      admin,
    )({ method: 'GET', url: '/api/v1/users?role=auditor&pageSize=200' });
    const auditorRows = await sheetRows(
      await as(t.app, admin)({ method: 'GET', url: '/api/v1/users/export.xlsx?role=auditor' }),
    );
    expect(auditorRows.slice(1).map((r) => r[0])).toEqual(
      auditors.json().items.map((u: { username: string }) => u.username),
    );
    // and every user, not one page
    const all = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users?pageSize=1' });
    const file = await sheetRows(await as(t.app, admin)({ method: 'GET', url: '/api/v1/users/export.xlsx' }));
    expect(file).toHaveLength(all.json().total + 1);
  });

  it.each([
    ['office_admin', null],
    ['district_staff', 'district-150602'],
    ['auditor', null],
  ] as const)('is closed to %s (403), whose list it is not', async (role, scopeId) => {
    const user = await makeUser(t.db, [{ role, scopeId }]);
    const session = await signIn(t.app, user.username, user.password);
    const res = await as(t.app, session)({ method: 'GET', url: '/api/v1/users/export.xlsx' });
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).not.toMatch(/spreadsheetml/);
  });

  it('refuses anonymous callers and a bad filter in API.md’s shape', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/users/export.xlsx' })).statusCode).toBe(401);
    const bad = await as(t.app, admin)({ method: 'GET', url: '/api/v1/users/export.xlsx?role=nobody' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('三权分立: accounts, roles and audit in three hands', () => {
  it('creates the three administrators at the first start, one role each', async () => {
    const roles = await t.db
      .selectFrom('users')
      .innerJoin('userRoles', 'userRoles.userId', 'users.id')
      .select(['users.username', 'userRoles.role'])
      .where('users.username', 'in', ['admin', 'secadmin', 'auditadmin'])
      .orderBy('users.username')
      .orderBy('userRoles.role')
      .execute();
    expect(roles).toEqual([
      { username: 'admin', role: 'office_admin' },
      { username: 'admin', role: 'system_admin' },
      { username: 'auditadmin', role: 'auditor' },
      { username: 'secadmin', role: 'security_admin' },
    ]);
    await signIn(t.app, 'auditadmin', AUDIT_ADMIN_PASSWORD);
  });

  it("keeps a system administrator's roles waiting until a security administrator grants them", async () => {
    const body = newUser({ displayName: '待授权办事员' });
    const created = await as(t.app, admin)({ method: 'POST', url: '/api/v1/users', payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      roles: [],
      pendingRoles: [{ role: 'district_staff', scopeId: 'district-150602', scopeName: '东胜区政协' }],
    });
    const id = created.json().id as string;
    // the administrator typed the password, so the person first chooses their own
    const theirs = await signIn(t.app, body.username, body.password);
    const first = await as(t.app, theirs)({ method: 'GET', url: '/api/v1/members' });
    expect(errorOf(first).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await as(
      t.app,
      theirs,
    )({
      method: 'POST',
      url: '/api/v1/auth/password',
      payload: { currentPassword: body.password, newPassword: 'Own-choice-2031' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    // then the account can do nothing of the role yet
    const waiting = await as(t.app, theirs)({ method: 'GET', url: '/api/v1/members' });
    expect(errorOf(waiting).error.code).toBe('FORBIDDEN');

    const queue = await as(
      t.app,
      sec,
    )({ method: 'GET', url: '/api/v1/users?pendingRoles=true&pageSize=200' });
    expect(queue.json().items.map((u: { id: string }) => u.id)).toContain(id);

    const granted = await as(
      t.app,
      sec,
    )({
      method: 'PUT',
      url: `/api/v1/users/${id}/roles`,
      payload: {
        roles: created.json().pendingRoles.map((r: { role: string; scopeId: string }) => ({
          role: r.role,
          scopeId: r.scopeId,
        })),
      },
    });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({
      roles: [{ role: 'district_staff', scopeId: 'district-150602' }],
      pendingRoles: null,
    });
    expect((await as(t.app, theirs)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(200);
    const after = await as(
      t.app,
      sec,
    )({ method: 'GET', url: '/api/v1/users?pendingRoles=true&pageSize=200' });
    expect(after.json().items.map((u: { id: string }) => u.id)).not.toContain(id);
    const row = await t.db
      .selectFrom('auditEvents')
      .select(['actorId', 'before', 'after'])
      .where('objectId', '=', id)
      .where('action', '=', 'user.grant_roles')
      .executeTakeFirstOrThrow();
    expect(row.actorId).toBe(sec.userId);
    expect(row.before).toMatchObject({ roles: [], pendingRoles: [{ role: 'district_staff' }] });
  });

  it('gives an account a new one-time password when it is granted an administrator role', async () => {
    // the system administrator opens the account and so knows its password
    const body = newUser({ displayName: '新审计员', roles: [{ role: 'auditor' }] });
    const created = await as(t.app, admin)({ method: 'POST', url: '/api/v1/users', payload: body });
    expect(created.json().pendingRoles).toMatchObject([{ role: 'auditor' }]);
    const id = created.json().id as string;
    const early = await signIn(t.app, body.username, body.password);

    const granted = await as(
      t.app,
      sec,
    )({ method: 'PUT', url: `/api/v1/users/${id}/roles`, payload: { roles: [{ role: 'auditor' }] } });
    expect(granted.statusCode, granted.body).toBe(200);
    const initialPassword = granted.json().initialPassword as string;
    expect(initialPassword).toMatch(/^(?=.*\d)(?=.*[A-Za-z]).{12,}$/);
    expect(initialPassword).not.toBe(body.password);

    // the password the system administrator typed, and the session it opened, are worth nothing now
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: body.username, password: body.password },
    });
    expect(old.statusCode).toBe(401);
    expect((await as(t.app, early)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // the holder signs in with the handed-over password and must choose their own first
    const holder = await signIn(t.app, body.username, initialPassword);
    const audit = await as(t.app, holder)({ method: 'GET', url: '/api/v1/audit' });
    expect(errorOf(audit).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const row = await t.db
      .selectFrom('auditEvents')
      .select('after')
      .where('objectId', '=', id)
      .where('action', '=', 'user.grant_roles')
      .executeTakeFirstOrThrow();
    expect(row.after).toMatchObject({ roles: [{ role: 'auditor' }], passwordChanged: true });
    expect(JSON.stringify(row.after)).not.toContain(initialPassword);

    // a business role changes nothing about the password
    const plain = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const business = await as(
      t.app,
      sec,
    )({
      method: 'PUT',
      url: `/api/v1/users/${plain.id}/roles`,
      payload: { roles: [{ role: 'district_staff', scopeId: 'district-150602' }] },
    });
    expect(business.statusCode, business.body).toBe(200);
    expect(business.json()).not.toHaveProperty('initialPassword');
    await signIn(t.app, plain.username, plain.password);
  });

  it('lets a security administrator refuse a request, and nothing is granted', async () => {
    const user = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    const asked = await as(
      t.app,
      admin,
    )({ method: 'PATCH', url: `/api/v1/users/${user.id}`, payload: { roles: [{ role: 'office_admin' }] } });
    expect(asked.json().pendingRoles).toHaveLength(1);
    const refused = await as(t.app, sec)({ method: 'DELETE', url: `/api/v1/users/${user.id}/pending-roles` });
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ roles: [{ role: 'member' }], pendingRoles: null });
    const again = await as(t.app, sec)({ method: 'DELETE', url: `/api/v1/users/${user.id}/pending-roles` });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).error.code).toBe('INVALID_TRANSITION');
  });

  it('never lets one account hold two of the three administrator roles (400), by any path', async () => {
    const user = await makeUser(t.db, [{ role: 'auditor', scopeId: null }]);
    const plain = await makeUser(t.db, [{ role: 'member', scopeId: null }]);
    for (const [session, req] of [
      [
        sec,
        {
          method: 'PUT',
          url: `/api/v1/users/${user.id}/roles`,
          payload: { roles: [{ role: 'auditor' }, { role: 'security_admin' }] },
        },
      ],
      [
        sec,
        {
          method: 'POST',
          url: '/api/v1/users',
          payload: newUser({ roles: [{ role: 'system_admin' }, { role: 'auditor' }] }),
        },
      ],
      [
        admin,
        {
          method: 'PATCH',
          url: `/api/v1/users/${plain.id}`,
          payload: { roles: [{ role: 'auditor' }, { role: 'system_admin' }] },
        },
      ],
    ] as const) {
      const res = await as(t.app, session)(req);
      expect(res.statusCode, req.url).toBe(400);
      expect(errorOf(res).error.fields?.roles).toMatch(/三权分立/);
    }
    const roles = await t.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).execute();
    expect(roles).toEqual([{ role: 'auditor' }]);
  });

  it('lets nobody change their own roles, and the system administrator grant none (403)', async () => {
    const own = await as(
      t.app,
      sec,
    )({
      method: 'PUT',
      url: `/api/v1/users/${sec.userId}/roles`,
      payload: { roles: [{ role: 'security_admin' }, { role: 'office_admin' }] },
    });
    expect(own.statusCode).toBe(403);
    const user = await makeUser(t.db, []);
    const byAdmin = await as(
      t.app,
      admin,
    )({
      method: 'PUT',
      url: `/api/v1/users/${user.id}/roles`,
      payload: { roles: [{ role: 'office_admin' }] },
    });
    expect(byAdmin.statusCode).toBe(403);
    expect(
      (await as(t.app, admin)({ method: 'DELETE', url: `/api/v1/users/${user.id}/pending-roles` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await as(t.app, admin)({ method: 'POST', url: `/api/v1/users/${user.id}/unlock` })).statusCode,
    ).toBe(403);
    const roles = await t.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).execute();
    expect(roles).toEqual([]);
  });

  it("keeps the security and audit administrators' accounts from the system administrator, and the others from the security administrator", async () => {
    const auditorAccount = await makeUser(t.db, [{ role: 'auditor', scopeId: null }]);
    const clerk = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    // the system administrator cannot reset the security administrator's password and sign in as them
    for (const id of [sec.userId, auditorAccount.id]) {
      const reset = await as(
        t.app,
        admin,
      )({ method: 'PATCH', url: `/api/v1/users/${id}`, payload: { password: 'takeover2026' } });
      expect(reset.statusCode).toBe(403);
      expect((await as(t.app, admin)({ method: 'DELETE', url: `/api/v1/users/${id}` })).statusCode).toBe(403);
    }
    await signIn(t.app, 'secadmin', SECURITY_ADMIN_PASSWORD);
    // the security administrator keeps those, and no other account
    const renamed = await as(
      t.app,
      sec,
    )({
      method: 'PATCH',
      url: `/api/v1/users/${auditorAccount.id}`,
      payload: { displayName: '审计管理员乙' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(
      (
        await as(
          t.app,
          sec,
        )({ method: 'PATCH', url: `/api/v1/users/${clerk.id}`, payload: { displayName: 'x' } })
      ).statusCode,
    ).toBe(403);
    // roles go through 授权角色, not the account form
    const viaForm = await as(
      t.app,
      sec,
    )({ method: 'PATCH', url: `/api/v1/users/${auditorAccount.id}`, payload: { roles: [] } });
    expect(viaForm.statusCode).toBe(400);
    expect(errorOf(viaForm).error.fields?.roles).toMatch(/授权角色/);
    // and the list says who may do what to each account
    const seen = async (session: Session, id: string) =>
      (await as(t.app, session)({ method: 'GET', url: `/api/v1/users/${id}` })).json().allowedActions;
    expect(await seen(admin, clerk.id)).toEqual(['update']);
    expect(await seen(admin, auditorAccount.id)).toEqual([]);
    expect(await seen(sec, clerk.id)).toEqual(['grant_roles', 'unlock']);
    expect(await seen(sec, auditorAccount.id)).toEqual(['update', 'grant_roles', 'unlock']);
    expect(await seen(sec, sec.userId)).toEqual(['update', 'unlock']);
  });

  it("lets the security administrator reset a lost second factor, ending the user's sessions", async () => {
    const user = await makeUser(t.db, [{ role: 'office_admin', scopeId: null }]);
    const theirs = await signIn(t.app, user.username, user.password);
    const setup = await as(t.app, theirs)({ method: 'POST', url: '/api/v1/auth/2fa/setup' });
    const otp = TOTP.generate({ secret: Secret.fromBase32(setup.json().secret) });
    const enabled = await as(
      t.app,
      theirs,
    )({ method: 'POST', url: '/api/v1/auth/2fa/enable', payload: { otp } });
    expect(enabled.statusCode, enabled.body).toBe(204);
    const listed = await as(t.app, sec)({ method: 'GET', url: `/api/v1/users/${user.id}` });
    expect(listed.json().secondFactor).toBe(true);
    const url = `/api/v1/users/${user.id}/2fa/reset`;
    expect((await as(t.app, admin)({ method: 'POST', url })).statusCode).toBe(403);
    expect((await as(t.app, theirs)({ method: 'POST', url })).statusCode).toBe(403);
    expect((await as(t.app, sec)({ method: 'POST', url })).statusCode).toBe(204);
    expect((await as(t.app, theirs)({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
    // the password alone signs in again
    await signIn(t.app, user.username, user.password);
    const again = await as(t.app, sec)({ method: 'POST', url });
    expect(again.statusCode).toBe(409);
    const rows = await t.db
      .selectFrom('auditEvents')
      .select('actorId')
      .where('objectId', '=', user.id)
      .where('action', '=', 'user.reset_second_factor')
      .execute();
    expect(rows).toEqual([{ actorId: sec.userId }]);
  });

  it('keeps the audit trail from the system and security administrators: the auditor alone reads it', async () => {
    const auditor = await signIn(t.app, 'auditadmin', AUDIT_ADMIN_PASSWORD);
    for (const url of ['/api/v1/audit', '/api/v1/audit/export.xlsx']) {
      expect((await as(t.app, admin)({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await as(t.app, sec)({ method: 'GET', url })).statusCode, url).toBe(403);
      expect((await as(t.app, auditor)({ method: 'GET', url })).statusCode, url).toBe(200);
    }
    // and the security and audit administrators read no business data
    for (const session of [sec, auditor]) {
      expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/members' })).statusCode).toBe(403);
      expect((await as(t.app, session)({ method: 'GET', url: '/api/v1/homes' })).statusCode).toBe(403);
    }
    // the auditor keeps no accounts
    expect((await as(t.app, auditor)({ method: 'GET', url: '/api/v1/users' })).statusCode).toBe(403);
  });
});

describe('the last system and security administrators', () => {
  it('cannot be disabled or lose the role, so the platform keeps someone who manages users', async () => {
    const alone = await as(t.app, admin)({ method: 'DELETE', url: `/api/v1/users/${admin.userId}` });
    expect(alone.statusCode).toBe(409);
    expect(errorOf(alone).error.message).toMatch(/系统管理员/);
    const lastSec = await as(t.app, sec)({ method: 'DELETE', url: `/api/v1/users/${sec.userId}` });
    expect(lastSec.statusCode).toBe(409);
    expect(errorOf(lastSec).error.message).toMatch(/安全管理员/);

    const second = await makeUser(t.db, [{ role: 'system_admin', scopeId: null }]);
    const secondSession = await signIn(t.app, second.username, second.password);
    expect(
      (await as(t.app, secondSession)({ method: 'DELETE', url: `/api/v1/users/${admin.userId}` })).statusCode,
    ).toBe(204);
    const demote = await as(
      t.app,
      sec,
    )({
      method: 'PUT',
      url: `/api/v1/users/${second.id}/roles`,
      payload: { roles: [{ role: 'office_admin' }] },
    });
    expect(demote.statusCode).toBe(409);
    expect(errorOf(demote).error.message).toMatch(/系统管理员/);
  });
});
