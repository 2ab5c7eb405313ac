import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import {
  QUARTERS,
  type Quarter,
  quarterDueOn,
  quarterRange,
  yearOf,
  yearRange,
} from '../../domain/calendar.js';
import { HOME_KIND_LABELS } from '../../domain/home-workflow.js';
import { judgeQuarters, type QuarterState } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { complianceScope } from './policy.js';
import type { ComplianceQuery } from './schema.js';

export const QUARTER_STATE_LABELS: Record<QuarterState, string> = {
  met: '已开展',
  at_risk: '有风险',
  missed: '未开展',
  open: '进行中',
  not_judged: '不考核',
};

const QUARTER_NAMES = ['第一季度', '第二季度', '第三季度', '第四季度'];

/** The state of each quarter from SQL counts, judged by the scorecard's own rule. */
export function quarterStates(
  year: number,
  now: Date,
  plaqueAwardedOn: string | null,
  held: Record<Quarter, number>,
): Array<{ quarter: Quarter; activities: number; state: QuarterState }> {
  return judgeQuarters(year, now, plaqueAwardedOn, held).map(({ quarter, activities, state }) => ({
    quarter,
    activities,
    state,
  }));
}

/**
 * Held activities per home and quarter of a year, as a derived table: one aggregate over
 * activities × activity_hosts (a joint activity counts for each host).
 */
export function heldPerQuarter(db: Db, year: number) {
  const { start, end } = yearRange(year);
  const q2 = quarterRange(year, 2).start;
  const q3 = quarterRange(year, 3).start;
  const q4 = quarterRange(year, 4).start;
  return db
    .selectFrom('activityHosts')
    .innerJoin('activities', 'activities.id', 'activityHosts.activityId')
    .select([
      'activityHosts.homeId',
      sql<number>`count(*) filter (where activities.starts_at < ${q2})::int`.as('q1'),
      sql<number>`count(*) filter (where activities.starts_at >= ${q2} and activities.starts_at < ${q3})::int`.as(
        'q2',
      ),
      sql<number>`count(*) filter (where activities.starts_at >= ${q3} and activities.starts_at < ${q4})::int`.as(
        'q3',
      ),
      sql<number>`count(*) filter (where activities.starts_at >= ${q4})::int`.as('q4'),
    ])
    .where('activities.status', '=', 'held')
    .where('activities.startsAt', '>=', start)
    .where('activities.startsAt', '<', end)
    .groupBy('activityHosts.homeId')
    .as('held');
}

/** Homes × quarters for the homes in the actor's scope that operate (or are suspended). */
export async function complianceReport(db: Db, actor: Actor, query: ComplianceQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  let q = db
    .selectFrom('homes')
    .where(complianceScope(actor))
    .where('homes.status', 'in', ['operating', 'suspended']);
  if (query.kind) q = q.where('homes.kind', '=', query.kind);
  if (query.ownerUnitId) q = q.where('homes.ownerUnitId', '=', query.ownerUnitId);
  if (query.regionCode) q = q.where('homes.regionCode', 'like', `${query.regionCode}%`);
  const rows = await q
    .leftJoin(heldPerQuarter(db, year), 'held.homeId', 'homes.id')
    .leftJoin('regions', 'regions.code', 'homes.regionCode')
    .select([
      'homes.id',
      'homes.name',
      'homes.kind',
      'homes.level',
      'homes.ownerUnitId',
      'homes.regionCode',
      'homes.plaqueAwardedOn',
      'regions.name as regionName',
      sql<number>`coalesce(held.q1, 0)`.as('q1'),
      sql<number>`coalesce(held.q2, 0)`.as('q2'),
      sql<number>`coalesce(held.q3, 0)`.as('q3'),
      sql<number>`coalesce(held.q4, 0)`.as('q4'),
    ])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .execute();
  return {
    year,
    quarters: QUARTERS.map((quarter) => ({ quarter, dueOn: quarterDueOn(year, quarter) })),
    rows: rows.map((r) => ({
      homeId: r.id,
      name: r.name,
      kind: r.kind,
      level: r.level,
      ownerUnitId: r.ownerUnitId,
      regionCode: r.regionCode,
      regionName: r.regionName,
      quarters: quarterStates(year, now, r.plaqueAwardedOn, { 1: r.q1, 2: r.q2, 3: r.q3, 4: r.q4 }),
    })),
  };
}

/** The compliance table as a workbook: one row per home, a count and a state per quarter. */
export async function complianceWorkbook(db: Db, actor: Actor, query: ComplianceQuery, now = new Date()) {
  const report = await complianceReport(db, actor, query, now);
  const units = await db.selectFrom('orgUnits').select(['id', 'name']).execute();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${report.year}年度活动开展情况`);
  sheet.columns = [
    { header: '委员之家', key: 'name', width: 32 },
    { header: '类型', key: 'kind', width: 24 },
    { header: '层级', key: 'level', width: 8 },
    { header: '所属单位', key: 'owner', width: 24 },
    { header: '所在地', key: 'region', width: 16 },
    ...QUARTERS.flatMap((q) => [
      { header: `${QUARTER_NAMES[q - 1]}活动数`, key: `q${q}`, width: 14 },
      { header: `${QUARTER_NAMES[q - 1]}情况`, key: `s${q}`, width: 12 },
    ]),
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of report.rows) {
    sheet.addRow({
      name: row.name,
      kind: HOME_KIND_LABELS[row.kind],
      level: row.level === 'municipal' ? '市级' : '旗区级',
      owner: unitName.get(row.ownerUnitId) ?? row.ownerUnitId,
      region: row.regionName,
      ...Object.fromEntries(
        row.quarters.flatMap((q) => [
          [`q${q.quarter}`, q.activities],
          [`s${q.quarter}`, QUARTER_STATE_LABELS[q.state]],
        ]),
      ),
    });
  }
  return { year: report.year, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

/** Operating homes in scope without the year's plan (or summary). */
export async function missingDocuments(
  db: Db,
  actor: Actor,
  query: { year?: number | undefined; what: 'plan' | 'summary' },
  now = new Date(),
) {
  const year = query.year ?? yearOf(now);
  return db
    .selectFrom('homes')
    .where(complianceScope(actor))
    .where('homes.status', '=', 'operating')
    .where((eb) =>
      eb.not(
        eb.exists(
          query.what === 'plan'
            ? eb
                .selectFrom('homePlans')
                .select('homePlans.homeId')
                .whereRef('homePlans.homeId', '=', 'homes.id')
                .where('homePlans.year', '=', year)
            : eb
                .selectFrom('homeSummaries')
                .select('homeSummaries.homeId')
                .whereRef('homeSummaries.homeId', '=', 'homes.id')
                .where('homeSummaries.year', '=', year),
        ),
      ),
    )
    .leftJoin('regions', 'regions.code', 'homes.regionCode')
    .leftJoin('members', 'members.id', 'homes.directorMemberId')
    .select([
      'homes.id as homeId',
      'homes.name',
      'homes.ownerUnitId',
      'regions.name as regionName',
      'members.name as directorName',
    ])
    .orderBy('homes.level', 'desc')
    .orderBy('homes.ownerUnitId')
    .orderBy('homes.name')
    .orderBy('homes.id')
    .execute();
}
