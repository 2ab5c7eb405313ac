import os from 'node:os';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { openServer } from '../src/db/connection.js';
import { yearOf } from '../src/domain/calendar.js';
import { recomputeYear } from '../src/modules/records/compute.js';
import type { Db } from '../src/server/types.js';
import { scratchDatabase, signIn, startServer } from './server.js';
import './keys.js';

const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const pgUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const ACTIVITIES = 20_000;
const ATTENDEES = 10;
const OPINIONS = 5_000;

/** This year's activities and opinions, spread over the members, generated in SQL. */
async function seedYear(db: Db, year: number) {
  await db.transaction().execute(async (trx) => {
    await sql`create temporary table m on commit drop as
      select id, row_number() over (order by id) - 1 as i from members`.execute(trx);
    await sql`create temporary table h on commit drop as
      select id, row_number() over (order by id) - 1 as i from homes where status = 'operating'`.execute(trx);
    await sql`
      insert into activities (id, title, kind, function, starts_at, ends_at, place, status, checkin_code)
      select md5('rec-activity-' || g)::uuid, '档案基准活动 ' || g,
        (array['study','consultation','duty_day','inspection','fellowship'])[1 + g % 5],
        (array['study','democracy','duty','duty','unity'])[1 + g % 5],
        make_timestamptz(${year}, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (g % 320) * interval '1 day',
        make_timestamptz(${year}, 1, 1, 11, 0, 0, 'Asia/Shanghai') + (g % 320) * interval '1 day',
        '活动室', 'held', 'REC' || g
      from generate_series(1, ${ACTIVITIES}) g`.execute(trx);
    await sql`
      insert into activity_hosts (activity_id, home_id)
      select md5('rec-activity-' || g)::uuid, h.id from generate_series(1, ${ACTIVITIES}) g
      join h on h.i = g % (select count(*) from h)`.execute(trx);
    await sql`
      insert into attendance (activity_id, member_id, source, at)
      select md5('rec-activity-' || g)::uuid, m.id, 'manual', now()
      from generate_series(1, ${ACTIVITIES}) g cross join generate_series(1, ${ATTENDEES}) k
      join m on m.i = (g * 13 + k * 101) % (select count(*) from m)
      on conflict do nothing`.execute(trx);
    await sql`
      insert into opinions (id, title, content, content_key, home_id, owner_unit_id, status, assigned_member_id,
        received_at, accepted_at, submitted_at, decided_at)
      select md5('rec-opinion-' || g)::uuid, '基准意见 ' || g, '内容', 'rec-' || g, h.id, 'office',
        case when g % 2 = 0 then 'adopted' else 'submitted' end, m.id,
        make_timestamptz(${year}, 1, 1, 9, 0, 0, 'Asia/Shanghai') + (g % 300) * interval '1 day',
        make_timestamptz(${year}, 1, 2, 9, 0, 0, 'Asia/Shanghai') + (g % 300) * interval '1 day',
        make_timestamptz(${year}, 1, 5, 9, 0, 0, 'Asia/Shanghai') + (g % 300) * interval '1 day',
        case when g % 2 = 0 then make_timestamptz(${year}, 1, 9, 9, 0, 0, 'Asia/Shanghai') + (g % 300) * interval '1 day' end
      from generate_series(1, ${OPINIONS}) g
      join m on m.i = (g * 7) % (select count(*) from m)
      join h on h.i = g % (select count(*) from h)`.execute(trx);
    await sql`
      insert into opinion_steps (opinion_id, action, from_status, to_status, at)
      select id, 'adopt', 'submitted', 'adopted', decided_at from opinions
      where id in (select md5('rec-opinion-' || g)::uuid from generate_series(1, ${OPINIONS}) g)
        and status = 'adopted'`.execute(trx);
  });
  await sql`analyze`.execute(db);
}

async function main() {
  if (!pgUrl) throw new Error('Set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
  const scratch = await scratchDatabase(pgUrl);
  const year = yearOf(new Date());
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const handle = await openServer(scratch.url);
    await bootstrapDatabase(handle.db, { adminPassword: null, seedDemo: true });
    await seedYear(handle.db, year);
    const counts = await sql<{ members: string; attendance: string; opinions: string }>`
      select (select count(*) from members) as members,
        (select count(*) from attendance at join activities a on a.id = at.activity_id
          where a.starts_at >= make_timestamptz(${year}, 1, 1, 0, 0, 0, 'Asia/Shanghai')) as attendance,
        (select count(*) from opinions) as opinions`.execute(handle.db);
    const c = counts.rows[0]!;
    console.log(
      `PostgreSQL: ${c.members} members, ${c.attendance} attendance rows in ${year}, ${c.opinions} opinions`,
    );

    const times: number[] = [];
    let result = { members: 0, entries: 0 };
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      result = await recomputeYear(handle.db, year);
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const member = await handle.db
      .selectFrom('users')
      .select('memberId')
      .where('username', '=', 'member')
      .executeTakeFirstOrThrow();
    const entriesOfMember = await handle.db
      .selectFrom('dutyEntries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('year', '=', year)
      .where('memberId', '=', member.memberId!)
      .executeTakeFirstOrThrow();
    await handle.close();

    server = await startServer(39911, { DATABASE_URL: scratch.url });
    const { base } = server;
    const cookie = await signIn(base, 'member');
    const target = `${base}/api/v1/members/${member.memberId}/duty-record?year=${year}`;
    await autocannon({ url: target, connections, duration: 2, headers: { cookie } });
    const page = await autocannon({ url: target, connections, duration, headers: { cookie } });

    console.log(`\n${os.cpus().length} cores, Node ${process.version}\n`);
    console.log('| measure | result | target |');
    console.log('|---|---:|---:|');
    console.log(
      `| rebuild ${year} for everyone (${result.members} members, ${result.entries} entries), median of 3 | ${Math.round(times[1]!)} ms | 5,000 ms |`,
    );
    console.log(
      `| a member's own record (${entriesOfMember.n} entries), ${connections} connections: p99 | ${page.latency.p99} ms | 30 ms |`,
    );
    console.log(`| … req/s, p50 | ${Math.round(page.requests.average)}, ${page.latency.p50} ms | |`);
    console.log(`| … errors | ${page.errors + page.non2xx} | 0 |`);
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
