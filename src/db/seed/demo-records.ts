import { sql } from 'kysely';
import type { Db } from '../../server/types.js';

/**
 * Demo proposals (提案) and research reports (调研报告) of this year and last, some by the `member`
 * demo account, so the duty records have more than attendance. Runs once, on a database with the
 * demo homes and no proposals yet; generated in SQL from the members of operating homes.
 */
export async function seedDemoRecords(db: Db): Promise<boolean> {
  const [any, member] = await Promise.all([
    db.selectFrom('proposals').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('users').select('memberId').where('username', '=', 'member').executeTakeFirst(),
  ]);
  if (any || !member?.memberId) return false;
  await db.transaction().execute(async (trx) => {
    await sql`
      create temporary table demo_people on commit drop as
        select hm.member_id, hm.home_id, row_number() over (order by hm.home_id, hm.member_id) as i
        from home_members hm join homes h on h.id = hm.home_id where h.status = 'operating'`.execute(trx);
    const topics = [
      '关于加快牧区道路建设的提案',
      '关于完善城乡养老服务体系的提案',
      '关于推动羊绒产业高质量发展的提案',
      '关于加强黄河流域生态保护的提案',
      '关于促进新能源重卡推广应用的提案',
      '关于提升基层医疗服务能力的提案',
    ];
    await sql`
      insert into proposals (id, year, number, title, status, submitted_on, decided_on, handling_result, home_id)
      select md5('demo-proposal-' || g)::uuid, y.year, y.year || '-' || lpad(g::text, 3, '0'),
        (${topics}::text[])[1 + g % ${topics.length}],
        case when g % 4 = 0 then 'pending' when g % 4 = 3 then 'not_filed' else 'filed' end,
        make_date(y.year, 1 + g % 3, 10 + g % 15),
        case when g % 4 in (1, 2, 3) then make_date(y.year, 3 + g % 3, 5) end,
        case when g % 4 in (1, 2) then '承办单位已答复，部分建议已采纳。' end,
        p.home_id
      from generate_series(1, 40) g
      cross join lateral (select extract(year from now())::int - (g % 2) as year) y
      join demo_people p on p.i = 1 + (g * 37) % (select count(*) from demo_people)`.execute(trx);
    await sql`
      insert into proposal_members (proposal_id, member_id, role)
      select md5('demo-proposal-' || g)::uuid, p.member_id, 'lead'
      from generate_series(1, 40) g join demo_people p on p.i = 1 + (g * 37) % (select count(*) from demo_people)
      union all
      select md5('demo-proposal-' || g)::uuid, p.member_id, 'cosigner'
      from generate_series(1, 40) g join demo_people p on p.i = 1 + (g * 37 + 1) % (select count(*) from demo_people)
      where g % 3 = 0
      on conflict do nothing`.execute(trx);
    await sql`
      insert into research_reports (id, year, title, summary, completed_on, home_id)
      select md5('demo-report-' || g)::uuid, extract(year from now())::int - (g % 2),
        (array['牧区养老服务调研报告', '乡村振兴产业发展调研报告', '社区治理现代化调研报告', '民族团结进步创建调研报告'])[1 + g % 4],
        '围绕群众关切开展专题调研，形成对策建议。',
        make_date(extract(year from now())::int - (g % 2), 4 + g % 5, 20), p.home_id
      from generate_series(1, 16) g join demo_people p on p.i = 1 + (g * 53) % (select count(*) from demo_people)`.execute(
      trx,
    );
    await sql`
      insert into research_report_members (report_id, member_id)
      select md5('demo-report-' || g)::uuid, hm.member_id
      from generate_series(1, 16) g
      join research_reports r on r.id = md5('demo-report-' || g)::uuid
      join lateral (select member_id from home_members where home_id = r.home_id order by member_id limit 3) hm on true
      on conflict do nothing`.execute(trx);
    // the demo member leads one proposal this year (filed) and co-writes a report
    await sql`
      insert into proposals (id, year, number, title, status, submitted_on, decided_on, home_id)
      values (md5('demo-proposal-member')::uuid, extract(year from now())::int, '示例-001',
        '关于在苏木乡镇设立委员值班接待点的提案', 'filed',
        make_date(extract(year from now())::int, 1, 18), make_date(extract(year from now())::int, 2, 20), null)`.execute(
      trx,
    );
    await sql`
      insert into proposal_members (proposal_id, member_id, role)
      values (md5('demo-proposal-member')::uuid, ${member.memberId}::uuid, 'lead')`.execute(trx);
    await sql`
      insert into research_report_members (report_id, member_id)
      select id, ${member.memberId}::uuid from research_reports
      where year = extract(year from now())::int order by id limit 1
      on conflict do nothing`.execute(trx);
  });
  return true;
}
