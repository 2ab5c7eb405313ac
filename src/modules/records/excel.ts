import ExcelJS from 'exceljs';
import type { Actor, Db } from '../../server/types.js';
import type { DutyRecordsQuery } from './schema.js';
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
