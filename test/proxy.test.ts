import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ADMIN_PASSWORD, startTestApp, type TestApp } from './helpers.js';

/**
 * Behind a reverse proxy the client's address comes from X-Forwarded-For, but only the hops the
 * configuration trusts: a client that writes the header itself forges nothing.
 */
const PROXY = '10.0.0.1';
const limits = {
  signIn: { max: 5, windowMs: 60_000 },
  public: { max: 10_000, windowMs: 60_000 },
  opinionSubmit: { max: 10_000, windowMs: 60_000 },
};

const login = (t: TestApp, from: string, forwarded: string | null, password = ADMIN_PASSWORD) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: from,
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    payload: { username: 'admin', password },
  });

async function lastLoginIp(t: TestApp) {
  const row = await t.db
    .selectFrom('auditEvents')
    .select('ip')
    .where('action', '=', 'auth.login')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  return row.ip;
}

describe('TRUST_PROXY as configured', () => {
  it('reads false, true as the private network, a list of proxy addresses, and a hop count', () => {
    const read = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;
    for (const off of ['false', '0', 'no', 'off']) expect(read(off)).toBe(false);
    for (const on of ['true', 'yes', 'on'])
      expect(read(on)).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    expect(read('1')).toBe(1);
    expect(read('2')).toBe(2);
    expect(read('10.0.0.1, 10.1.0.0/16')).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(() => read('sometimes')).toThrow(/TRUST_PROXY/);
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});

describe('a proxy on the private network (TRUST_PROXY=true)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      trustProxy: loadConfig({ TRUST_PROXY: 'true' }).trustProxy,
      rateLimits: limits,
    });
  });
  afterAll(() => t.close());

  it('takes the address the proxy saw, not what the client wrote', async () => {
    expect((await login(t, PROXY, '8.8.8.8, 198.51.100.9')).statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('198.51.100.9');
  });

  it('limits a client however it varies the forged part of the header', async () => {
    const answers: number[] = [];
    for (let n = 0; n < 8; n += 1) {
      answers.push((await login(t, PROXY, `203.0.113.${n}, 198.51.100.77`, 'wrong-password')).statusCode);
    }
    expect(answers.slice(0, 5).every((status) => status === 401)).toBe(true);
    expect(answers.slice(5)).toEqual([429, 429, 429]);
    // another client behind the same proxy is not limited by the first one's address
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': '198.51.100.78' },
      payload: { username: 'nobody-here', password: 'wrong-password' },
    });
    expect(other.statusCode).toBe(401);
  });
});

describe('trusted proxy addresses', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: [PROXY], rateLimits: limits });
  });
  afterAll(() => t.close());

  it('believes the header from the proxy and ignores it from anyone else', async () => {
    // a client on the internet that writes the header itself is taken at its own address
    expect((await login(t, PROXY, '198.51.100.10')).statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('198.51.100.10');
    expect((await login(t, '198.51.100.11', '8.8.8.8')).statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('198.51.100.11');
  });
});

describe('a hop count', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ trustProxy: 2, rateLimits: limits });
  });
  afterAll(() => t.close());

  it('takes the client that many hops back, never the entries the client wrote before them', async () => {
    expect((await login(t, PROXY, '8.8.8.8, 198.51.100.20, 10.0.0.2')).statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('198.51.100.20');
  });
});

describe('no proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ rateLimits: limits });
  });
  afterAll(() => t.close());

  it('never reads X-Forwarded-For', async () => {
    expect((await login(t, '198.51.100.12', '8.8.8.8')).statusCode).toBe(200);
    expect(await lastLoginIp(t)).toBe('198.51.100.12');
  });
});
