/**
 * npm run bench: starts the real server (src/server/main.ts) on a seeded embedded database —
 * and on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set — plus a bare Fastify
 * "hello" server, then measures each endpoint with autocannon from this process. Each database
 * gets the demo seed topped up to the bench data set (bench/seed.ts: 5,000 members, 600 homes)
 * before its server starts; the signed-in endpoints run as the `office` demo user.
 * BENCH_DURATION (seconds, default 10) and BENCH_CONNECTIONS (default 10) tune the run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { openEmbedded, openServer } from '../src/db/connection.js';
import { yearOf } from '../src/domain/calendar.js';
import { prepareBenchDatabase, scratchDatabase, signIn, startServer } from './server.js';
import { waitFor } from './wait.js';
import './keys.js';

const root = path.resolve(import.meta.dirname, '..');
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

interface Row {
  target: string;
  url: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
}

function spawnTs(file: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', file], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

async function measure(target: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections, duration, headers });
  return {
    target,
    url: new URL(url).pathname + new URL(url).search,
    reqPerSec: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

/** `signedIn`: measured with the session cookie of the `office` demo user (office_admin). */
const ENDPOINTS: Array<{ path: string; signedIn: boolean }> = [
  { path: '/api/v1/regions?parentCode=150600', signedIn: false },
  { path: '/api/health', signedIn: false },
  { path: '/api/v1/homes?pageSize=50', signedIn: true },
  { path: '/api/v1/coverage', signedIn: true },
];

async function benchServer(label: string, env: Record<string, string>, port: number): Promise<Row[]> {
  const server = await startServer(port, env);
  try {
    const { base } = server;
    const cookie = await signIn(base);
    const rows: Row[] = [];
    const year = yearOf(new Date());
    const homes = await fetch(`${base}/api/v1/homes?status=operating&pageSize=1`, { headers: { cookie } });
    const homeId = ((await homes.json()) as { items: Array<{ id: string }> }).items[0]!.id;
    const endpoints = [
      ...ENDPOINTS,
      { path: `/api/v1/homes/${homeId}/scorecard?year=${year}`, signedIn: true },
      { path: `/api/v1/compliance?year=${year}`, signedIn: true },
    ];
    for (const { path: endpoint, signedIn } of endpoints) {
      rows.push(await measure(label, `${base}${endpoint}`, signedIn ? { cookie } : {}));
    }
    return rows;
  } finally {
    await server.stop();
  }
}

async function main() {
  const rows: Row[] = [];
  const bare = spawnTs('bench/bare.ts', { PORT: '39901' });
  await waitFor('http://127.0.0.1:39901/hello');
  const baseline = await measure('bare Fastify', 'http://127.0.0.1:39901/hello');
  bare.kill();
  rows.push(baseline);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-bench-'));
  try {
    const dataSet = await prepareBenchDatabase(await openEmbedded(dataDir));
    console.log(`embedded (PGlite): ${dataSet}`);
    rows.push(...(await benchServer('embedded (PGlite)', { DATA_DIR: dataDir, SEED_DEMO: 'true' }, 39902)));
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  if (pgUrl) {
    const scratch = await scratchDatabase(pgUrl);
    try {
      const dataSet = await prepareBenchDatabase(await openServer(scratch.url));
      console.log(`PostgreSQL: ${dataSet}`);
      rows.push(
        ...(await benchServer('PostgreSQL', { DATABASE_URL: scratch.url, SEED_DEMO: 'true' }, 39903)),
      );
    } finally {
      await scratch.drop();
    }
  }

  console.log(
    `\n${connections} connections, ${duration} s each, ${os.cpus().length} cores, Node ${process.version}\n`,
  );
  console.log('| server | endpoint | req/s | p50 ms | p99 ms | vs bare req/s | errors |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    const ratio = (r.reqPerSec / baseline.reqPerSec).toFixed(2);
    console.log(
      `| ${r.target} | \`${r.url}\` | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${ratio} | ${r.errors} |`,
    );
  }
  fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(rows, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
