import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatKeyList, newKey } from '../../src/lib/personal-data.js';
import { freePort, type Running, startServer, waitUntilUp } from './server.js';

const ADMIN_PASSWORD = 'proc-admin-1';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-proc-'));
const started: Running[] = [];
const start = (env: Record<string, string>) => {
  const running = startServer(env);
  started.push(running);
  return running;
};

afterAll(() => {
  for (const r of started) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(port: number) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: csrfToken };
}

describe('the server process on an embedded database', () => {
  const port = freePort();
  const env = { DATA_DIR: dataDir, PORT: String(port), ADMIN_PASSWORD, SEED_DEMO: 'false' };
  let first: Running;

  it('starts on an empty data folder and says how to sign in', async () => {
    first = start(env);
    await waitUntilUp(first, port);
    expect(first.output()).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
    expect(first.output()).toMatch(/admin/);
    expect(first.output()).toMatch(/fsync/);
  });

  it('refuses a second process on the same data folder with a clear message', async () => {
    const second = start({ ...env, PORT: String(freePort()) });
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/数据目录 .* 正被另一个进程（PID \d+）使用/);
  });

  it('keeps every acknowledged write across kill -9, then restarts cleanly', async () => {
    const { cookie, csrf } = await signIn(port);
    const acknowledged: string[] = [];
    // writes keep going while the process is killed
    const writer = (async () => {
      for (let i = 0; i < 200; i++) {
        const username = `durable_${i}`;
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/users`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
            body: JSON.stringify({ username, password: 'abcd1234', displayName: `持久${i}` }),
          });
          if (res.status === 201) acknowledged.push(username);
        } catch {
          return;
        }
      }
    })();
    while (acknowledged.length < 5) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    await writer;
    await first.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);

    const again = start(env);
    await waitUntilUp(again, port);
    const session = await signIn(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/users?q=durable_&pageSize=200`, {
      headers: { cookie: session.cookie },
    });
    const names = ((await res.json()) as { items: Array<{ username: string }> }).items.map((u) => u.username);
    for (const username of acknowledged) expect(names).toContain(username);

    // a graceful stop exits 0 and releases the data folder
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
  });
});

describe('bad configuration at start', () => {
  it('exits non-zero with a clear message when the DATABASE_URL server is not there', async () => {
    const running = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      PERSONAL_DATA_KEYS: formatKeyList([newKey()]),
      PORT: String(freePort()),
    });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/无法连接数据库服务器（DATABASE_URL）/);
  });

  it('refuses a DATABASE_URL without PERSONAL_DATA_KEYS, before touching the database', async () => {
    const running = start({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', PORT: String(freePort()) });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/PERSONAL_DATA_KEYS: 使用 DATABASE_URL 时必须设置/);
    expect(running.output()).not.toMatch(/无法连接数据库服务器/);
  });

  it('names a bad variable', async () => {
    const running = start({ PORT: 'eighty', DATA_DIR: dataDir });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/PORT/);
  });

  it('refuses an ADMIN_PASSWORD that breaks the password rule', async () => {
    const running = start({
      ADMIN_PASSWORD: 'short',
      DATA_DIR: path.join(dataDir, 'x'),
      PORT: String(freePort()),
    });
    expect(await running.exited).toBe(1);
    expect(running.output()).toMatch(/ADMIN_PASSWORD/);
  });
});
