import ExcelJS from 'exceljs';
import { QUARTERS, quarterName, yearOf } from '../../domain/calendar.js';
import { HOME_KIND_LABELS } from '../../domain/home-workflow.js';
import { QUARTER_STATE_LABELS } from '../../domain/scorecard.js';
import type { Actor, Db } from '../../server/types.js';
import { presentComplianceReport } from './presenter.js';
import { complianceRows, homesMissing, orgUnitNames } from './repo/compliance.js';
import type { ComplianceQuery } from './schema.js';

/** Homes × quarters for the homes in the actor's scope that operate (or are suspended). */
export async function complianceReport(db: Db, actor: Actor, query: ComplianceQuery, now = new Date()) {
  const year = query.year ?? yearOf(now);
  return presentComplianceReport(year, now, await complianceRows(db, actor, year, query));
}

/** The compliance table as a workbook: one row per home, a count and a state per quarter. */
export async function complianceWorkbook(db: Db, actor: Actor, query: ComplianceQuery, now = new Date()) {
  const report = await complianceReport(db, actor, query, now);
  const units = await orgUnitNames(db);
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
      { header: `${quarterName(q)}活动数`, key: `q${q}`, width: 14 },
      { header: `${quarterName(q)}情况`, key: `s${q}`, width: 12 },
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
      region: row.place,
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
  return homesMissing(db, actor, query.what, year);
}
