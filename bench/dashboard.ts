/**
 * npm run bench:dashboard — the dashboards on national-scale data. Needs a PostgreSQL database
 * filled by `npm run seed:scale` (BENCH_SCALE_DATABASE_URL, or DATABASE_URL): starts the real
 * server on it and measures, with autocannon, the office's dashboard (the whole country's worth),
 * a district's, and the office's "needs attention" list, then one refresh of the summaries.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { openServer } from '../src/db/connection.js';
import { refreshStats } from '../src/modules/dashboard/service.js';
import { signIn, startServer } from './server.js';
import './keys.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const url = process.env.BENCH_SCALE_DATABASE_URL ?? process.env.DATABASE_URL;

async function main() {
  if (!url)
    throw new Error(
      'Set BENCH_SCALE_DATABASE_URL (or DATABASE_URL) to a database filled by npm run seed:scale',
    );
  const handle = await openServer(url, 2);
  const counts = await sql<{ homes: string; members: string; activities: string; opinions: string }>`
    select (select count(*) from homes) as homes, (select count(*) from members) as members,
      (select count(*) from activities) as activities, (select count(*) from opinions) as opinions`.execute(
    handle.db,
  );
  const c = counts.rows[0]!;
  console.log(
    `data: ${c.homes} homes, ${c.members} members, ${c.activities} activities, ${c.opinions} opinions`,
  );
  const refresh = await refreshStats(handle.db);
  await handle.close();

  const server = await startServer(39921, { DATABASE_URL: url, SEED_DEMO: 'false' });
  try {
    const { base } = server;
    // the server has migrated: what a migration rewrote is vacuumed, as autovacuum would have it by
    // now (the local server runs without it), so the counts read their indexes alone again
    const vacuum = await openServer(url, 1);
    await sql`vacuum analyze`.execute(vacuum.db);
    await vacuum.close();
    const rows: string[] = [];
    for (const [label, username, target] of [
      ['office dashboard (whole data set)', 'office', '/api/v1/dashboard'],
      ['district dashboard (东胜区)', 'dongsheng', '/api/v1/dashboard'],
      ['office needs-attention list', 'office', '/api/v1/dashboard/attention'],
    ] as const) {
      const cookie = await signIn(base, username);
      const headers = { cookie };
      await autocannon({ url: `${base}${target}`, connections, duration: 2, headers });
      const r = await autocannon({ url: `${base}${target}`, connections, duration, headers });
      rows.push(
        `| ${label} | \`${target}\` | ${Math.round(r.requests.average)} | ${r.latency.p50} | ${r.latency.p99} | ${r.errors + r.non2xx} |`,
      );
    }
    console.log(
      `\n${connections} connections, ${duration} s each, ${os.cpus().length} cores, Node ${process.version}\n`,
    );
    console.log('| measure | endpoint | req/s | p50 ms | p99 ms | errors |');
    console.log('|---|---|---:|---:|---:|---:|');
    for (const r of rows) console.log(r);
    console.log(`\nrefresh of the summaries (concurrently): ${refresh.ms} ms`);
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
