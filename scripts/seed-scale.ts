/**
 * npm run seed:scale — fills the PostgreSQL database of DATABASE_URL with national-scale data for
 * the dashboard benchmark: 50,000 homes, 600,000 members, 5,000,000 activities over the last two
 * years (nine in ten held), 100,000 opinions and 150,000 fund entries; then refreshes the
 * dashboards' summaries, vacuums and analyzes. Generated in SQL from generate_series, so the same
 * every time. It refuses a database that already has more than the demo's members, and the
 * embedded database (PGlite is not made for this size). SCALE (default 1) shrinks or grows every
 * count.
 */
import { sql } from 'kysely';
import { loadConfig } from '../src/config.js';
import { bootstrapDatabase } from '../src/db/bootstrap.js';
import { openServer } from '../src/db/connection.js';
import { installPersonalDataKeys, phoneHash, sealPhone, startupKeys } from '../src/lib/personal-data.js';
import { refreshStats } from '../src/modules/dashboard/service.js';
import type { Db } from '../src/server/types.js';

const scale = Number(process.env.SCALE ?? 1);
const N = {
  members: Math.round(600_000 * scale),
  homes: Math.round(50_000 * scale),
  activities: Math.round(5_000_000 * scale),
  opinions: Math.round(100_000 * scale),
  funds: Math.round(50_000 * scale),
};

async function step(label: string, run: () => Promise<unknown>) {
  const started = performance.now();
  await run();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function seed(db: Db) {
  const districts = (
    await db.selectFrom('orgUnits').select('id').where('kind', '=', 'district').orderBy('id').execute()
  ).map((d) => d.id);
  await step('members', () =>
    sql`
      insert into members (id, name, gender, ethnicity, level, org_unit_id, sector_group_id, sector)
      select md5('scale-member-' || g)::uuid, '规模委员' || g,
        case when g % 2 = 0 then 'male' else 'female' end, case when g % 5 = 0 then '蒙古族' else '汉族' end,
        case when g % 10 = 0 then 'municipal' else 'district' end,
        case when g % 10 = 0 then 'municipal' else (${districts}::text[])[1 + g % ${districts.length}] end,
        case when g % 10 = 0 then 'sector-group-' || (1 + g % 8) end,
        (array['经济', '农业', '教育', '科技', '文化', '医药卫生', '社会福利', '民族宗教'])[1 + g % 8]
      from generate_series(1, ${N.members}) g`.execute(db),
  );
  // their numbers sealed and hashed as the platform stores them, a batch at a time
  await step('member phones', async () => {
    for (let from = 1; from <= N.members; from += 5000) {
      const rows = Array.from({ length: Math.min(5000, N.members - from + 1) }, (_, i) => {
        const phone = `19${String(from + i).padStart(9, '0')}`;
        return sql`(${`scale-member-${from + i}`}, ${sealPhone(phone)}, ${phoneHash(phone)})`;
      });
      await sql`
        update members as m set phone_sealed = v.sealed, phone_hash = v.hash
        from (values ${sql.join(rows)}) as v (key, sealed, hash) where m.id = md5(v.key)::uuid
      `.execute(db);
    }
  });
  await step('homes', async () => {
    await sql`create temporary table scale_townships as
      select code, parent_code, row_number() over (order by code) - 1 as i from regions
      where level = 'township' and not is_dev_zone`.execute(db);
    await sql`
      insert into homes (id, name, kind, online, level, owner_unit_id, region_code, brand, address, venue_type,
        status, plaque_no, plaque_awarded_on, approved_on, director_member_id)
      select md5('scale-home-' || g)::uuid, '规模委员之家' || g,
        case when g % 10 = 0 then 'sector_group' when g % 10 = 1 then 'member_studio'
             when g % 10 < 6 then 'village' else 'township' end,
        false,
        case when g % 10 in (0, 1) then 'municipal' else 'district' end,
        case when g % 10 = 0 then 'sector-group-' || (1 + g % 8)
             when g % 10 = 1 then 'committee-' || (1 + g % 5)
             else 'district-' || t.parent_code end,
        case when g % 10 in (0, 1) then null else t.code end,
        '品牌' || g, '地址' || g, 'community',
        case when g % 20 = 0 then 'planned' when g % 50 = 1 then 'suspended' else 'operating' end,
        case when g % 20 = 0 then null else 'SCALE-' || g end,
        case when g % 20 = 0 then null else date '2021-01-01' + (g % 900) end,
        case when g % 20 = 0 then null else date '2021-01-01' + (g % 900) end,
        md5('scale-member-' || (1 + (g * 7) % ${N.members}))::uuid
      from generate_series(1, ${N.homes}) g
      join scale_townships t on t.i = g % (select count(*) from scale_townships)`.execute(db);
    await sql`
      insert into home_members (home_id, member_id)
      select md5('scale-home-' || g)::uuid, md5('scale-member-' || (1 + (g * 7 + k * 13) % ${N.members}))::uuid
      from generate_series(1, ${N.homes}) g cross join generate_series(0, 4) k
      on conflict do nothing`.execute(db);
  });
  await step('activities', () =>
    sql`
      insert into activities (id, title, kind, function, starts_at, ends_at, place, status, citizen_count, checkin_code)
      select md5('scale-activity-' || g)::uuid, '规模活动' || g,
        (array['study', 'consultation', 'duty_day', 'inspection', 'fellowship', 'outreach', 'policy_talk'])[1 + g % 7],
        (array['study', 'democracy', 'duty', 'duty', 'unity', 'duty', 'study'])[1 + g % 7],
        date_trunc('year', now()) - interval '1 year' + (g % 690) * interval '1 day' + interval '1 hour',
        date_trunc('year', now()) - interval '1 year' + (g % 690) * interval '1 day' + interval '3 hours',
        '活动室', case when g % 10 = 0 then 'planned' else 'held' end, g % 40, 'S' || g
      from generate_series(1, ${N.activities}) g`.execute(db),
  );
  await step('activity hosts', () =>
    sql`
      insert into activity_hosts (activity_id, home_id)
      select md5('scale-activity-' || g)::uuid, md5('scale-home-' || (1 + g % ${N.homes}))::uuid
      from generate_series(1, ${N.activities}) g`.execute(db),
  );
  await step('opinions', () =>
    sql`
      insert into opinions (id, title, content, content_key, home_id, region_code, owner_unit_id, status, received_at,
        replied_at, decision)
      select md5('scale-opinion-' || g)::uuid, '规模意见' || g, '内容', 'scale-' || g, h.id, h.region_code,
        h.owner_unit_id,
        (array['received', 'accepted', 'drafted', 'submitted', 'adopted', 'forwarded', 'replied', 'closed'])[1 + g % 8],
        now() - (g % 400) * interval '1 day',
        case when g % 8 in (6, 7) then now() - (g % 400) * interval '1 day' + interval '20 days' end,
        case when g % 8 = 4 then '{"kind": "adopted", "level": "municipal"}'::jsonb end
      from generate_series(1, ${N.opinions}) g
      join homes h on h.id = md5('scale-home-' || (1 + g % ${N.homes}))::uuid`.execute(db),
  );
  await step('fund entries', () =>
    sql`
      insert into fund_entries (home_id, year, kind, amount_fen, category, occurred_on, description, status)
      select md5('scale-home-' || (1 + g % ${N.homes}))::uuid, extract(year from now())::int,
        case when g % 3 = 0 then 'allocation' else 'expenditure' end,
        case when g % 3 = 0 then 1000000 else 1000 + g % 100000 end,
        case when g % 3 = 0 then null else (array['venue', 'equipment', 'activity', 'printing', 'training', 'other'])[1 + g % 6] end,
        make_date(extract(year from now())::int, 1 + g % 11, 1 + g % 28), '规模经费' || g,
        case when g % 29 = 0 then 'pending' else 'approved' end
      from generate_series(1, ${N.funds * 3}) g`.execute(db),
  );
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL 未设置：规模数据只写入 PostgreSQL（不写入内置数据库）');
  installPersonalDataKeys(startupKeys(loadConfig()).keys);
  const handle = await openServer(url, 2);
  try {
    await bootstrapDatabase(handle.db, { adminPassword: process.env.ADMIN_PASSWORD ?? null, seedDemo: true });
    const { n } = await handle.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) > 10_000) {
      console.log(`数据库已有 ${n} 名委员，看来已经生成过规模数据，不再重复生成。`);
      return;
    }
    console.log(`生成规模数据（SCALE=${scale}）：`, N);
    // all or nothing: a failed run leaves the database as it was
    await handle.db.transaction().execute((trx) => seed(trx));
    await step('dashboard summaries', () => refreshStats(handle.db));
    // what autovacuum does on a live server (some test servers run without it): fresh statistics,
    // and the visibility map the index-only counts of the needs-attention list rely on
    await step('vacuum and analyze', () => sql`vacuum (analyze)`.execute(handle.db));
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
