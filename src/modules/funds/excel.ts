import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { beijingDateTime } from '../../domain/calendar.js';
import {
  EXPENSE_CATEGORY_LABELS,
  type ExpenseCategory,
  FUND_KIND_LABELS,
  FUND_STATUS_LABELS,
  formatFen,
} from '../../domain/money.js';
import type { ExportColumn } from '../../server/export.js';
import type { Actor, Db } from '../../server/types.js';
import type { fundEntry, ReportQuery } from './schema.js';
import { fundReport, type homeLedger } from './service.js';

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

type Entry = z.input<typeof fundEntry>;
/** A ledger's entry with the date of the entry it reverses or that reverses it. */
type LedgerEntry = Entry & { otherOn: string | null };

/** The entries' words as the ledger page says them (src/web/i18n/zh-CN.ts, funds). */
const categoryLabel = (e: Entry) =>
  e.category ? (EXPENSE_CATEGORY_LABELS[e.category as ExpenseCategory] ?? e.category) : null;
const amount = (e: Entry) => formatFen(e.amountFen);
const bookedBy = (e: Entry) => e.createdByName;
const bookedAt = (e: Entry) => beijingDateTime(e.createdAt);
const receipt = (e: Entry) => (e.receiptAttachmentId ? '有' : null);

/**
 * A home's ledger of a year as one page of an export: every entry, in the ledger's order, with the
 * date of the entry it reverses (or of the one that reverses it), as the page links them.
 */
export function ledgerPage(ledger: Awaited<ReturnType<typeof homeLedger>>) {
  const onById = new Map(ledger.entries.map((e) => [e.id, e.occurredOn]));
  const items: LedgerEntry[] = ledger.entries.map((e) => ({
    ...e,
    otherOn: onById.get(e.reversesId ?? e.reversedById ?? '') ?? null,
  }));
  return { items, total: items.length };
}

const reversal = (e: LedgerEntry) =>
  e.reversesId ? `冲正 ${e.otherOn ?? ''} 的记录` : e.reversedById ? `冲正于 ${e.otherOn ?? ''}` : null;

/** The ledger's columns as the home's 经费 tab shows them, then who booked each entry and the decision. */
export const ledgerColumns: ExportColumn<LedgerEntry>[] = [
  { header: '日期', width: 12, value: (e) => e.occurredOn },
  { header: '类型', width: 8, value: (e) => FUND_KIND_LABELS[e.reversesId ? 'reversal' : e.kind] },
  { header: '支出类别', width: 10, value: categoryLabel },
  { header: '说明', width: 36, value: (e) => e.description },
  { header: '金额（元）', width: 14, value: amount },
  { header: '状态', width: 10, value: (e) => FUND_STATUS_LABELS[e.status] },
  { header: '凭据', width: 8, value: receipt },
  { header: '冲正', width: 20, value: reversal },
  { header: '登记人', width: 12, value: bookedBy },
  { header: '登记时间', width: 18, value: bookedAt },
  { header: '审批时间', width: 18, value: (e) => (e.decidedAt ? beijingDateTime(e.decidedAt) : null) },
  { header: '审批意见', width: 30, value: (e) => e.decisionNote },
];

/** The approvals queue's columns as the 经费 page shows them, and when each was booked. */
export const pendingColumns: ExportColumn<Entry>[] = [
  { header: '委员之家', width: 28, value: (e) => e.homeName },
  { header: '日期', width: 12, value: (e) => e.occurredOn },
  { header: '支出类别', width: 10, value: categoryLabel },
  { header: '说明', width: 36, value: (e) => e.description },
  { header: '金额（元）', width: 14, value: amount },
  { header: '登记人', width: 12, value: bookedBy },
  { header: '登记时间', width: 18, value: bookedAt },
  { header: '凭据', width: 8, value: receipt },
];
