/**
 * npm run bench:api — the list endpoints' time on the server against the database's own, in one
 * run. Needs PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL): a fresh database gets the demo
 * seed and the bench data set (bench/seed.ts), the real server starts on it with SERVER_TIMING,
 * and each list is asked for one request at a time (API_RUNS, default 300, after 50 to warm up)
 * as the `office` demo user. Every answer's Server-Timing header says the server's time (arrival
 * to serialized body) and the database's (the time at least one of the request's queries was
 * running, as the driver sees it: round trip and row decoding); the client's time adds HTTP.
 * Then each list is loaded by 10 connections for BENCH_DURATION seconds (default 10).
 */
import http from 'node:http';
import os from 'node:os';
import autocannon from 'autocannon';
import fastJson from 'fast-json-stringify';
import { serializerCompiler as zodSerializer } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openServer } from '../src/db/connection.js';
import { activity } from '../src/modules/activities/schema.js';
import { home } from '../src/modules/homes/schema.js';
import { member } from '../src/modules/members/schema.js';
import { opinionListItem } from '../src/modules/opinions/schema.js';
import { paged } from '../src/server/http.js';
import { prepareBenchDatabase, scratchDatabase, signIn, startServer } from './server.js';
import './keys.js';

const runs = Number(process.env.API_RUNS ?? 300);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;

/** Each list and the response schema of its route. */
const LISTS: Array<[string, z.ZodType]> = [
  ['/api/v1/homes?pageSize=50', paged(home)],
  ['/api/v1/members?pageSize=50', paged(member)],
  ['/api/v1/activities?pageSize=50', paged(activity)],
  ['/api/v1/opinions?pageSize=50', paged(opinionListItem)],
];

type JsonSchema = { [key: string]: unknown };

/** The schema's JSON Schema, its dates marked (`x-date`) and written as date-time strings. */
const dateMarked = (schema: z.ZodType) =>
  z.toJSONSchema(schema, {
    io: 'output',
    target: 'draft-7',
    unrepresentable: 'any',
    // no registry: the OpenAPI ids would only turn into references
    metadata: z.registry(),
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema._zod.def.type === 'date')
        Object.assign(jsonSchema, { type: 'string', format: 'date-time', 'x-date': true });
    },
  }) as JsonSchema;

/** The page as the route had it before writing it: its dates Dates again. */
function revive(schema: JsonSchema, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (schema['x-date'] && typeof value === 'string') return new Date(value);
  const branches = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (branches) return revive(branches.find((b) => b.type !== 'null') ?? {}, value);
  if (Array.isArray(value) && schema.items)
    return value.map((item) => revive(schema.items as JsonSchema, item));
  if (typeof value === 'object' && schema.properties) {
    const properties = schema.properties as Record<string, JsonSchema>;
    return Object.fromEntries(
      Object.entries(value).map(([key, v]) => [key, properties[key] ? revive(properties[key], v) : v]),
    );
  }
  return value;
}

/**
 * The page's serialization three ways, µs each (median of 7 rounds of 500, in this process, on the
 * page as it arrived): zod's validating serializer (what the routes use), fast-json-stringify
 * compiled from the schema's JSON Schema (Fastify's own), and JSON.stringify with no schema.
 */
function serializers(schema: z.ZodType, body: Buffer) {
  const data = revive(dateMarked(schema), JSON.parse(body.toString()));
  const route = { schema, method: 'GET', url: '/bench', httpStatus: '200' };
  const zod = zodSerializer(route as never) as (d: unknown) => string;
  const compiled = fastJson(
    z.toJSONSchema(schema, { io: 'output', target: 'draft-7', unrepresentable: 'any' }) as never,
  );
  const time = (write: (d: unknown) => string) => {
    const rounds: number[] = [];
    for (let r = 0; r < 8; r++) {
      const started = performance.now();
      for (let i = 0; i < 500; i++) write(data);
      if (r > 0) rounds.push(((performance.now() - started) / 500) * 1000);
    }
    return median(rounds);
  };
  return { zod: time(zod), compiled: time(compiled), plain: time(JSON.stringify) };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function serverTiming(header: string | null) {
  const dur = (name: string) =>
    Number(new RegExp(`(?:^|,)\\s*${name};dur=([\\d.]+)`).exec(header ?? '')?.[1]);
  const queries = Number(/desc="(\d+) queries"/.exec(header ?? '')?.[1]);
  const db = dur('db');
  const total = dur('total');
  if (!Number.isFinite(db) || !Number.isFinite(total))
    throw new Error(`no Server-Timing in the answer: ${header}`);
  return { db, total, queries };
}

/** One GET over a kept-alive connection: the status, the Server-Timing header and the body's size. */
function get(agent: http.Agent, url: string, cookie: string) {
  return new Promise<{ status: number; timing: string | null; body: Buffer }>((resolve, reject) => {
    // as autocannon asks: the body as the server made it, no compression (a network trade, timed apart)
    const req = http.get(url, { agent, headers: { cookie, 'accept-encoding': 'identity' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const timing = res.headers['server-timing'];
        resolve({
          status: res.statusCode ?? 0,
          timing: typeof timing === 'string' ? timing : null,
          body,
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

async function oneByOne(url: string, cookie: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const client: number[] = [];
  const server: number[] = [];
  const database: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  let queries = 0;
  try {
    for (let i = 0; i < 50 + runs; i++) {
      const started = performance.now();
      const res = await get(agent, url, cookie);
      const took = performance.now() - started;
      if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.body.toString()}`);
      const t = serverTiming(res.timing);
      if (i < 50) continue;
      client.push(took);
      server.push(t.total);
      database.push(t.db);
      body = res.body;
      queries = t.queries;
    }
  } finally {
    agent.destroy();
  }
  return { client: median(client), server: median(server), database: median(database), body, queries };
}

async function main() {
  if (!pgUrl) throw new Error('Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
  const scratch = await scratchDatabase(pgUrl);
  try {
    console.log(`PostgreSQL: ${await prepareBenchDatabase(await openServer(scratch.url))}`);
    const server = await startServer(39931, {
      DATABASE_URL: scratch.url,
      SEED_DEMO: 'true',
      SERVER_TIMING: 'true',
    });
    try {
      const cookie = await signIn(server.base);
      const rows: string[] = [];
      for (const [list, schema] of LISTS) {
        const url = `${server.base}${list}`;
        const one = await oneByOne(url, cookie);
        const load = await autocannon({ url, connections: 10, duration, headers: { cookie } });
        const errors = load.errors + load.non2xx;
        const ser = serializers(schema, one.body);
        const ratio = (ms: number) => (ms / one.database).toFixed(2);
        rows.push(
          `| \`${list}\` | ${(one.body.length / 1024).toFixed(1)} | ${one.queries} | ${one.database.toFixed(2)} | ${one.server.toFixed(2)} | **${ratio(one.server)}×** | ${one.client.toFixed(2)} | ${ratio(one.client)}× | ${Math.round(load.requests.average)} | ${load.latency.p99} | ${errors} | ${ser.zod.toFixed(0)} / ${ser.compiled.toFixed(0)} / ${ser.plain.toFixed(0)} |`,
        );
      }
      console.log(
        `\n1 connection × ${runs} requests (medians), then 10 connections × ${duration} s; ${os.cpus().length} cores, Node ${process.version}\n`,
      );
      console.log(
        '| list | KB | queries | database ms | server ms | server ÷ database | client ms | client ÷ database | req/s (10 conn.) | p99 ms (10 conn.) | errors | serialize µs: zod / fast-json-stringify / JSON.stringify |',
      );
      console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const r of rows) console.log(r);
    } finally {
      await server.stop();
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
