import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { PROPOSAL_STATUS_LABELS } from '../../domain/duty-record.js';
import type { ExportColumn } from '../../server/export.js';
import type { Actor, Db } from '../../server/types.js';
import type { DutyRecordsQuery, proposal, report } from './schema.js';
import { listRecords } from './service.js';

const LEVEL_LABELS: Record<string, string> = { regional: '自治区', municipal: '市级', district: '旗区' };

/** The year's records of every member in scope (the list's filters), one row each, for Excel. */
export async function recordsWorkbook(
  db: Db,
  actor: Actor,
  query: Omit<DutyRecordsQuery, 'page' | 'pageSize'>,
) {
  const rows = [];
  let page = 1;
  let result: Awaited<ReturnType<typeof listRecords>>;
  do {
    result = await listRecords(db, actor, { ...query, page, pageSize: 200 });
    rows.push(...result.items);
    page += 1;
  } while (rows.length < result.total && result.items.length > 0);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`${result.year}年度履职积分`);
  sheet.columns = [
    { header: '名次', key: 'rank', width: 8 },
    { header: '姓名', key: 'name', width: 12 },
    { header: '委员层级', key: 'level', width: 10 },
    { header: '所属政协', key: 'orgUnitName', width: 22 },
    { header: '界别', key: 'sector', width: 16 },
    { header: '履职积分', key: 'points', width: 10 },
    { header: '记录条数', key: 'entries', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow({ ...r, level: LEVEL_LABELS[r.level] ?? r.level });
  const note = result.computedAt
    ? `统计时间：${new Date(result.computedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}${result.closed ? '（已归档）' : ''}`
    : '尚未统计';
  sheet.addRow([]);
  sheet.addRow([note]);
  return { year: result.year, buffer: Buffer.from(await workbook.xlsx.writeBuffer()) };
}

type ProposalItem = z.input<typeof proposal>;
type ReportItem = z.input<typeof report>;
const names = (members: readonly { name: string }[]) => members.map((m) => m.name).join('、');

/** The proposals list's columns as its page shows them, and those a clerk files a proposal by. */
export const proposalColumns: ExportColumn<ProposalItem>[] = [
  { header: '提案号', width: 12, value: (p) => p.number },
  { header: '提案标题', width: 40, value: (p) => p.title },
  { header: '领衔委员', width: 12, value: (p) => p.lead.name },
  { header: '联名委员', width: 30, value: (p) => names(p.cosigners) },
  { header: '状态', width: 10, value: (p) => PROPOSAL_STATUS_LABELS[p.status] },
  { header: '提交日期', width: 12, value: (p) => p.submittedOn },
  { header: '立案审查日期', width: 14, value: (p) => p.decidedOn },
  { header: '办理结果', width: 30, value: (p) => p.handlingResult },
  { header: '委员之家', width: 24, value: (p) => p.homeName },
  { header: '相关活动', width: 30, value: (p) => p.activityTitle },
];

/** The research reports list's columns as its page shows them, and the report's activity and summary. */
export const reportColumns: ExportColumn<ReportItem>[] = [
  { header: '报告标题', width: 40, value: (r) => r.title },
  { header: '参与委员', width: 30, value: (r) => names(r.members) },
  { header: '委员之家', width: 24, value: (r) => r.homeName },
  { header: '完成日期', width: 12, value: (r) => r.completedOn },
  { header: '相关活动', width: 30, value: (r) => r.activityTitle },
  { header: '内容摘要', width: 50, value: (r) => r.summary },
];
