import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import type { DatabaseHandle } from '../src/db/connection.js';
import { DEMO_PASSWORD } from '../src/db/seed/demo-users.js';
import { seedBenchActivities, seedBenchData } from './seed.js';
import { waitFor } from './wait.js';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Starts the real server (src/server/main.ts) in a process of its own and waits for its health
 * check. Demo users sign in with their password alone (a bench measures pages, not the second
 * factor); `env` adds to or overrides this process's environment.
 */
export async function startServer(port: number, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', REQUIRE_SECOND_FACTOR: 'false', ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor(`${base}/api/health`);
  return {
    base,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Signs a demo user in; the session cookie (`cmh_session=…`). */
export async function signIn(base: string, username = 'office'): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('cmh_session='));
  if (!res.ok || !cookie) throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
  return cookie;
}

/** Demo seed (migrations, reference data, demo users, members and homes), then the bench top-up; closes `handle`. */
export async function prepareBenchDatabase(handle: DatabaseHandle): Promise<string> {
  try {
    await bootstrapDatabase(handle.db, { adminPassword: null, seedDemo: true });
    const counts = await seedBenchData(handle.db);
    const activities = await seedBenchActivities(handle.db);
    // fresh statistics, as a live database would have: the plans do not change mid-run when autovacuum catches up
    await sql`analyze`.execute(handle.db);
    return `${counts.members} members, ${counts.homes} homes, ${activities} activities`;
  } finally {
    await handle.close();
  }
}

/** A new, empty database on the server of `serverUrl`, its address, and how to drop it. */
export async function scratchDatabase(serverUrl: string) {
  const name = `bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
