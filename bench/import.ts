/**
 * npm run bench:import — an Excel import against the real server (src/server/main.ts, embedded
 * database with the demo seed), as the `office` demo user:
 *
 * - the sheet that used to take the server down: 640,000 rows, about 19 MB, uploaded IMPORT_RUNS
 *   times (default 10) one after another: the time to refuse each;
 * - a roster of 20,000 new municipal members (the most one import takes), once: the time to
 *   import it;
 *
 * and, during each, the server's peak RSS (sampled from /proc every 20 ms) and the latency of
 * `GET /api/health` under autocannon (HEALTH_CONNECTIONS, default 2), against the same health
 * check on the idle server. The workbooks are generated once with exceljs's streaming writer and
 * kept in the temporary folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import ExcelJS from 'exceljs';
import { DEMO_PASSWORD } from '../src/db/seed/demo-users.js';
import { ROSTER_HEADERS } from '../src/modules/members/excel.js';
import { waitFor } from './wait.js';

const root = path.resolve(import.meta.dirname, '..');
const runs = Number(process.env.IMPORT_RUNS ?? 10);
const healthConnections = Number(process.env.HEALTH_CONNECTIONS ?? 2);
const PORT = 39931;
const base = `http://127.0.0.1:${PORT}`;
const HEADER = ROSTER_HEADERS;

/** A sheet written row by row to `file` (kept between runs), without holding the workbook. */
async function workbookFile(name: string, rows: number, row: (i: number) => unknown[]): Promise<string> {
  const file = path.join(os.tmpdir(), name);
  if (fs.existsSync(file)) return file;
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: `${file}.part`,
    useSharedStrings: false,
  });
  const sheet = writer.addWorksheet('委员名录');
  sheet.addRow(HEADER).commit();
  for (let i = 0; i < rows; i++) sheet.addRow(row(i)).commit();
  sheet.commit();
  await writer.commit();
  fs.renameSync(`${file}.part`, file);
  return file;
}

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'office', password: DEMO_PASSWORD }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('cmh_session='));
  if (!res.ok || !cookie) throw new Error(`sign-in as office failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

/** The resident memory of a process, in MB (Linux). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/**
 * The uploads, one after another, from a process of their own: building a 19 MB request body
 * would otherwise hold up autocannon, which measures from this process.
 */
function uploadFrom(
  file: string,
  times: number,
  session: { cookie: string; csrf: string },
): Promise<Array<{ time: number; status: number; message: string }>> {
  const script = `
    const fs = await import('node:fs');
    const bytes = fs.readFileSync(process.env.FILE);
    const out = [];
    for (let i = 0; i < Number(process.env.TIMES); i++) {
      const form = new FormData();
      form.append('file', new Blob([bytes]), 'import.xlsx');
      const started = performance.now();
      const res = await fetch(process.env.URL, {
        method: 'POST',
        headers: { cookie: process.env.COOKIE, 'x-csrf-token': process.env.CSRF },
        body: form,
      });
      const body = await res.json();
      const message = body.error?.message ??
        \`created \${body.created}, \${body.errors?.length} bad rows \${body.errors?.[0]?.message ?? ''}\`;
      out.push({ time: performance.now() - started, status: res.status, message });
    }
    process.stdout.write(JSON.stringify(out));
  `;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: {
      ...process.env,
      FILE: file,
      TIMES: String(times),
      URL: `${base}/api/v1/members/import`,
      COOKIE: session.cookie,
      CSRF: session.csrf,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`uploads failed (${code})`)),
    ),
  );
}

interface Measured {
  times: number[];
  statuses: number[];
  messages: string[];
  peakRss: number;
  health: { p50: number; p99: number; max: number; requests: number; errors: number };
}

/** Uploads `file` `times` times in a row while autocannon asks for /api/health, sampling the RSS. */
async function during(
  server: ChildProcess,
  session: { cookie: string; csrf: string },
  file: string,
  times: number,
): Promise<Measured> {
  let peakRss = rssOf(server.pid!);
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, rssOf(server.pid!));
  }, 20);
  let stopHealth = () => {};
  const health = new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: `${base}/api/health`, connections: healthConnections, duration: 3600 },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    stopHealth = () => instance.stop();
  });
  let uploads: Array<{ time: number; status: number; message: string }>;
  try {
    uploads = await uploadFrom(file, times, session);
  } finally {
    stopHealth();
    clearInterval(sampler);
  }
  const h = await health;
  return {
    times: uploads.map((u) => u.time),
    statuses: uploads.map((u) => u.status),
    messages: uploads.map((u) => u.message),
    peakRss,
    health: {
      p50: h.latency.p50,
      p99: h.latency.p99,
      max: h.latency.max,
      requests: h.requests.total,
      errors: h.errors + h.non2xx,
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

async function main() {
  const big = await workbookFile('cmh-bench-import-640k.xlsx', 640_000, (i) => [
    `委员${i}`,
    i % 2 ? '男' : '女',
    '汉族',
    '旗区政协委员',
    '东胜区政协',
    null,
    null,
    null,
    null,
    null,
    13_900_000_000 + i,
  ]);
  const roster = await workbookFile('cmh-bench-import-20k.xlsx', 20_000, (i) => [
    `导入委员${i}`,
    i % 2 ? '男' : '女',
    '汉族',
    '市政协委员',
    '市政协',
    null,
    '教育',
    `东胜区第${i % 97}中学`,
    '教师',
    '基础教育',
    String(19_912_000_000 + i),
  ]);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmh-bench-import-'));
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED_DEMO: 'true', PORT: String(PORT) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitFor(`${base}/api/health`);
    const session = await signIn();
    await autocannon({ url: `${base}/api/health`, connections: healthConnections, duration: 2 }); // warm-up
    const idle = await autocannon({ url: `${base}/api/health`, connections: healthConnections, duration: 5 });
    const idleRss = rssOf(server.pid!);
    const refused = await during(server, session, big, runs);
    const imported = await during(server, session, roster, 1);

    console.log(
      `\n${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
    );
    console.log(
      `big sheet: ${(fs.statSync(big).size / 1024 / 1024).toFixed(1)} MB, 640,000 rows; roster: 20,000 rows`,
    );
    console.log(`answers: ${[...new Set(refused.messages)].join(' | ')} · ${imported.messages[0]}\n`);
    console.log('| measure | idle | refusing the 640k-row sheet | importing 20,000 rows |');
    console.log('| --- | ---: | ---: | ---: |');
    console.log(
      `| time to answer (median of ${runs}; max) | — | ${ms(median(refused.times))}; ${ms(Math.max(...refused.times))} | ${ms(imported.times[0]!)} |`,
    );
    console.log(`| status | — | ${[...new Set(refused.statuses)].join(', ')} | ${imported.statuses[0]} |`);
    console.log(
      `| server RSS, peak | ${Math.round(idleRss)} MB | ${Math.round(refused.peakRss)} MB | ${Math.round(imported.peakRss)} MB |`,
    );
    console.log(
      `| \`/api/health\` p50 / p99 / max (${healthConnections} connections) | ${idle.latency.p50} / ${idle.latency.p99} / ${idle.latency.max} ms | ${refused.health.p50} / ${refused.health.p99} / ${refused.health.max} ms | ${imported.health.p50} / ${imported.health.p99} / ${imported.health.max} ms |`,
    );
    console.log(
      `| \`/api/health\` answered (errors) | ${idle.requests.total} (${idle.errors + idle.non2xx}) | ${refused.health.requests} (${refused.health.errors}) | ${imported.health.requests} (${imported.health.errors}) |`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
