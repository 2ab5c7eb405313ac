import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { expect } from 'vitest';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { type DatabaseHandle, openEmbedded, openServer } from '../src/db/connection.js';
import type { RoleGrant } from '../src/domain/roles.js';
import { phoneHash, sealPhone } from '../src/lib/personal-data.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { replaceRoles } from '../src/modules/users/repo.js';
import { type AppOptions, buildApp } from '../src/server/app.js';
import type { Db } from '../src/server/types.js';

export const ADMIN_PASSWORD = 'admin-pass-1';
/** The first start's security administrator `secadmin` and audit administrator `auditadmin`. */
export const SECURITY_ADMIN_PASSWORD = 'secadmin-pass-1';
export const AUDIT_ADMIN_PASSWORD = 'auditadmin-pass-1';
export const engine = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/** A fresh database for one test file: in-memory PGlite, or a new database on the test server. */
export async function openTestDb(): Promise<DatabaseHandle> {
  if (engine === 'pglite') return openEmbedded(null);
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Kysely<unknown>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }),
  });
  await sql`create database ${sql.id(name)}`.execute(admin);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const handle = await openServer(url.toString(), 5);
  return {
    ...handle,
    async close() {
      await handle.close();
      await sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin);
      await admin.destroy();
    },
  };
}

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  db: Db;
  close(): Promise<void>;
}

/**
 * The whole application on a fresh, bootstrapped database; `admin`, `secadmin` and `auditadmin`
 * exist with ADMIN_PASSWORD, SECURITY_ADMIN_PASSWORD and AUDIT_ADMIN_PASSWORD.
 */
export async function startTestApp(options: Partial<AppOptions> = {}): Promise<TestApp> {
  const handle = await openTestDb();
  await bootstrapDatabase(handle.db, {
    adminPassword: ADMIN_PASSWORD,
    securityAdminPassword: SECURITY_ADMIN_PASSWORD,
    auditAdminPassword: AUDIT_ADMIN_PASSWORD,
    seedDemo: false,
  });
  // Every test request comes from one address: the per-address limits get their own test.
  const rateLimits = {
    signIn: { max: 10_000, windowMs: 60_000 },
    public: { max: 10_000, windowMs: 60_000 },
    opinionSubmit: { max: 10_000, windowMs: 60_000 },
  };
  const app = await buildApp({ db: handle.db, logLevel: 'silent', webDir: null, rateLimits, ...options });
  await app.ready();
  return {
    app,
    db: handle.db,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}

let counter = 0;
/** Creates a user straight in the database (a factory, not the API under test). */
export async function makeUser(db: Db, roles: RoleGrant[], password = 'passw0rd-x') {
  counter += 1;
  const username = `u${counter}_${randomBytes(3).toString('hex')}`;
  const { id } = await db
    .insertInto('users')
    .values({
      username,
      displayName: `测试用户${counter}`,
      passwordHash: await hashPassword(password),
      memberId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceRoles(db, id, roles);
  return { id, username, password };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export async function signIn(app: TestApp['app'], username: string, password: string): Promise<Session> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const setCookie = res.headers['set-cookie'];
  const cookie = (Array.isArray(setCookie) ? setCookie[0] : setCookie)!.split(';')[0]!;
  const body = res.json();
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** app.inject as a signed-in user: the cookie always, the CSRF header on writes. */
export function as(app: TestApp['app'], session: Session | null) {
  return (options: InjectOptions): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (session) {
      headers.cookie = session.cookie;
      if (options.method && options.method !== 'GET') headers['x-csrf-token'] ??= session.csrf;
    }
    return app.inject({ ...options, headers });
  };
}

/** The headers and body of a multipart/form-data upload of one file, to spread into `inject`. */
export function multipartFile(
  filename: string,
  buffer: Buffer,
  type = 'application/octet-stream',
  field = 'file',
) {
  const boundary = '----cmh-test-boundary';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`,
      ),
      buffer,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

export const errorOf = (res: LightMyRequestResponse) =>
  res.json() as { error: { code: string; message: string; fields?: Record<string, string> } };

let phoneCounter = 0;
/** A unique mobile number for a test member. */
export const newPhone = () =>
  `1390${String(process.pid % 1000).padStart(3, '0')}${String(++phoneCounter).padStart(4, '0')}`;

/** Creates a member straight in the database. */
export async function makeMember(
  db: Db,
  fields: {
    level?: 'regional' | 'municipal' | 'district';
    orgUnitId?: string;
    sectorGroupId?: string | null;
    name?: string;
  } = {},
) {
  const level = fields.level ?? 'district';
  const phone = newPhone();
  const row = await db
    .insertInto('members')
    .values({
      name: fields.name ?? `委员${phoneCounter + 1}`,
      gender: 'female',
      ethnicity: '蒙古族',
      level,
      orgUnitId: fields.orgUnitId ?? (level === 'district' ? 'district-150602' : 'municipal'),
      sectorGroupId: fields.sectorGroupId ?? null,
      sector: '教育',
      employer: '东胜区第一中学',
      title: '教师',
      expertise: ['教育'],
      phoneSealed: sealPhone(phone),
      phoneHash: phoneHash(phone),
    })
    .returning(['id', 'name'])
    .executeTakeFirstOrThrow();
  return { ...row, phone };
}

/** A user with the given roles, already signed in. */
export async function signedInAs(app: TestApp['app'], db: Db, roles: RoleGrant[], memberId?: string) {
  const user = await makeUser(db, roles);
  if (memberId) await db.updateTable('users').set({ memberId }).where('id', '=', user.id).execute();
  return { ...(await signIn(app, user.username, user.password)), userId: user.id };
}

let homeCounter = 0;

export interface HomeFixture {
  id: string;
  name: string;
  directorMemberId: string | null;
}

/** An operating home straight in the database (by default a Dongsheng township home with a director, venue and plaque). */
export async function makeHome(
  db: Db,
  fields: {
    name?: string;
    kind?: 'sector_group' | 'member_studio' | 'township' | 'village' | 'industry';
    level?: 'municipal' | 'district';
    ownerUnitId?: string;
    regionCode?: string | null;
    status?: string;
    plaqueAwardedOn?: string | null;
    director?: boolean;
    venue?: boolean;
  } = {},
): Promise<HomeFixture> {
  homeCounter += 1;
  const level = fields.level ?? 'district';
  const ownerUnitId = fields.ownerUnitId ?? 'district-150602';
  const director =
    fields.director === false
      ? null
      : await makeMember(db, level === 'district' ? { orgUnitId: ownerUnitId } : { level: 'municipal' });
  const venue = fields.venue !== false;
  const row = await db
    .insertInto('homes')
    .values({
      name: fields.name ?? `运行测试之家${homeCounter}-${randomBytes(3).toString('hex')}`,
      nameMn: null,
      kind: fields.kind ?? 'township',
      level,
      ownerUnitId,
      regionCode: fields.regionCode === undefined ? '150602100' : fields.regionCode,
      brand: null,
      specialty: null,
      address: venue ? '镇政府院内' : null,
      venueType: venue ? 'party_mass_center' : null,
      sharedWith: null,
      equipment: null,
      onlineUrl: null,
      status: fields.status ?? 'operating',
      plaqueNo: null,
      plaqueAwardedOn: fields.plaqueAwardedOn === undefined ? '2020-01-01' : fields.plaqueAwardedOn,
      approvedOn: null,
      directorMemberId: director?.id ?? null,
      deputyMemberId: null,
      proposedBy: null,
    })
    .returning(['id', 'name', 'directorMemberId'])
    .executeTakeFirstOrThrow();
  if (director)
    await db.insertInto('homeMembers').values({ homeId: row.id, memberId: director.id }).execute();
  return row;
}

/** The usual cast of a scope test: the office (admin), the 东胜区 and 乌审旗 district clerks, an auditor. */
export async function signInCast(t: TestApp) {
  return {
    office: await signIn(t.app, 'admin', ADMIN_PASSWORD),
    dongsheng: await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150602' }]),
    wushen: await signedInAs(t.app, t.db, [{ role: 'district_staff', scopeId: 'district-150626' }]),
    auditor: await signedInAs(t.app, t.db, [{ role: 'auditor', scopeId: null }]),
  };
}

/**
 * The rows of an exported workbook's first sheet as text, heading first; every row as wide as the
 * heading, a blank cell as ''.
 */
export async function sheetRows(res: LightMyRequestResponse): Promise<string[][]> {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/spreadsheetml/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    rows.push(Array.from({ length: Math.max(width, row.cellCount) }, (_, i) => row.getCell(i + 1).text));
  });
  return rows;
}
