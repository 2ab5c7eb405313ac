/**
 * npm run bench:wifi — fifty people behind one home's Wi-Fi (one address) on a duty day, against
 * the real application (`buildApp`, its per-address limits as configured by default) on an
 * embedded database with one operating home. People arrive evenly over WIFI_ARRIVAL_S seconds
 * (default 60); each finds the home, opens its page, sends an opinion and looks it up twice,
 * pausing 2–8 s between steps as a person reading a phone does. Then one address floods opinions
 * as fast as it can for WIFI_FLOOD_S seconds (default 20). Prints the share of 429 answers of the
 * crowd (the target: none) and how many flood opinions got in.
 */
import { sql } from 'kysely';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { openEmbedded } from '../src/db/connection.js';
import { buildApp } from '../src/server/app.js';
import { DEFAULT_RATE_LIMITS } from '../src/server/plugins/rate-limit.js';
import './keys.js';

const PEOPLE = Number(process.env.WIFI_PEOPLE ?? 50);
const ARRIVAL_S = Number(process.env.WIFI_ARRIVAL_S ?? 60);
const FLOOD_S = Number(process.env.WIFI_FLOOD_S ?? 20);
const pause = (minS: number, maxS: number) =>
  new Promise((r) => setTimeout(r, (minS + Math.random() * (maxS - minS)) * 1000));

const handle = await openEmbedded(null);
await bootstrapDatabase(handle.db, { adminPassword: null, seedDemo: false });
const { rows } = await sql<{ id: string; name: string }>`
  insert into homes (name, kind, level, owner_unit_id, region_code, address, venue_type, status, plaque_awarded_on)
  values ('乌审旗嘎鲁图镇委员之家', 'township', 'district', 'district-150626', '150626100', '镇政府院内',
          'party_mass_center', 'operating', '2022-06-01')
  returning id::text, name`.execute(handle.db);
const home = rows[0]!;
const app = await buildApp({ db: handle.db, logLevel: 'silent', webDir: null });

const statuses: number[] = [];
const call = (address: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  app.inject({ method, url, remoteAddress: address, ...(payload ? { payload } : {}) });

async function person(n: number) {
  await pause(0, ARRIVAL_S);
  const wifi = '192.0.2.50';
  const step = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const res = await call(wifi, method, url, payload);
    statuses.push(res.statusCode);
    return res;
  };
  await step('GET', '/api/v1/public/homes?pageSize=20');
  await pause(2, 8);
  await step('GET', `/api/v1/public/homes?q=${encodeURIComponent('嘎鲁图')}`);
  await step('GET', `/api/v1/public/homes/${home.id}`);
  await pause(2, 8);
  const sent = await step('POST', '/api/v1/public/opinions', {
    homeId: home.id,
    title: `牧区饮水问题（第${n}位）`,
    content: `第${n}位群众反映：冬季饮水井结冰，希望协调解决。`,
  });
  const code = sent.statusCode === 201 ? (sent.json() as { trackingCode: string }).trackingCode : null;
  if (!code) return;
  await pause(2, 8);
  await step('GET', `/api/v1/public/opinions/${code}`);
  await pause(2, 8);
  await step('GET', `/api/v1/public/opinions/${code}`);
}

const started = performance.now();
await Promise.all(Array.from({ length: PEOPLE }, (_, i) => person(i + 1)));
const crowdSeconds = (performance.now() - started) / 1000;
const limited = statuses.filter((s) => s === 429).length;

// one address sending opinions as fast as it can
let accepted = 0;
let refused = 0;
const floodEnd = performance.now() + FLOOD_S * 1000;
for (let n = 0; performance.now() < floodEnd; n += 1) {
  const res = await call('203.0.113.66', 'POST', '/api/v1/public/opinions', {
    homeId: home.id,
    title: `刷屏${n}`,
    content: `刷屏内容${n}`,
  });
  if (res.statusCode === 201) accepted += 1;
  else refused += 1;
}

await app.close();
await handle.close();

const { public: pub, opinionSubmit } = DEFAULT_RATE_LIMITS;
console.log(
  `limits: public ${pub.max} per ${pub.windowMs / 1000} s, opinions ${opinionSubmit!.max} per ${opinionSubmit!.windowMs / 1000} s (token buckets per address)`,
);
console.log(
  `crowd: ${PEOPLE} people on one address over ${crowdSeconds.toFixed(0)} s: ${statuses.length} requests, ${limited} answered 429 (${((100 * limited) / statuses.length).toFixed(1)}%)`,
);
console.log(`flood: one address for ${FLOOD_S} s: ${accepted} opinions accepted, ${refused} refused`);
