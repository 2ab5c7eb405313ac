import ExcelJS from 'exceljs';
import { formatFen } from '../../domain/money.js';
import type { Actor, Db } from '../../server/types.js';
import type { ReportQuery } from './schema.js';
import { fundReport } from './service.js';

const GROUP_LABELS = { home: '委员之家', district: '旗区', category: '支出类别' } as const;

export async function fundReportWorkbook(db: Db, actor: Actor, query: ReportQuery) {
  const report = await fundReport(db, actor, query);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${report.year}年度经费`);
  sheet.columns = [
    { header: GROUP_LABELS[report.groupBy], key: 'label', width: 30 },
    { header: '拨款（元）', key: 'allocated', width: 16 },
    { header: '支出（元）', key: 'spent', width: 16 },
    { header: '待审批（元）', key: 'pending', width: 16 },
    { header: '余额（元）', key: 'balance', width: 16 },
  ];
  sheet.getRow(1).font = { bold: true };
  // amounts go in as text of the exact fen value, so no spreadsheet rounding can change them
  const row = (
    label: string,
    r: { allocatedFen: number; spentFen: number; pendingFen: number; balanceFen: number },
  ) =>
    sheet.addRow({
      label,
      allocated: formatFen(r.allocatedFen),
      spent: formatFen(r.spentFen),
      pending: formatFen(r.pendingFen),
      balance: formatFen(r.balanceFen),
    });
  for (const r of report.rows) row(r.label, r);
  row('合计', report.total).font = { bold: true };
  return { year: report.year, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
