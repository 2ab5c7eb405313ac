import ExcelJS from 'exceljs';
import { ACTIVITY_FUNCTION_LABELS, ACTIVITY_KIND_LABELS } from '../../domain/activities.js';
import { quarterKeyName } from '../../domain/calendar.js';
import { GRADE_LABELS } from '../../domain/evaluation.js';
import { HOME_KIND_LABELS, HOME_STATUS_LABELS } from '../../domain/home-workflow.js';
import type { dashboardOf } from './service.js';

type Dashboard = Awaited<ReturnType<typeof dashboardOf>>;

/** A cell: words, a count, an amount in fen (written as yuan), or nothing. */
type Cell = string | number | { fen: number } | null;

/** The sheet of each chart, by the chart's key in `definitions`: the 说明 sheet names them so. */
const SHEET_NAMES: Record<string, string> = {
  homes: '委员之家',
  coverage: '覆盖',
  compliance: '季度开展',
  activities: '活动',
  opinions: '社情民意',
  funds: '经费',
  evaluation: '年度评价',
};

/** Amounts are kept in fen; the sheet shows yuan as numbers, so they can be summed. */
const YUAN_FORMAT = '#,##0.00';

/** "2026-01" → "2026年1月". */
const monthName = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Every chart's numbers, one sheet each, with its definition on top. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, definition: string, header: string[], rows: Cell[][]) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([definition]);
    ws.addRow([]);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) {
      const row = ws.addRow(
        r.map((cell) => (cell !== null && typeof cell === 'object' ? cell.fen / 100 : cell)),
      );
      r.forEach((cell, index) => {
        if (cell !== null && typeof cell === 'object') row.getCell(index + 1).numFmt = YUAN_FORMAT;
      });
    }
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  };
  const scope = d.scope.all ? '全市' : [...d.scope.units, ...d.scope.homes].map((u) => u.name).join('、');
  sheet(
    '说明',
    `${d.year} 年度工作看板（范围：${scope}）`,
    ['项目', '口径'],
    Object.entries(d.definitions).map(([key, definition]) => [SHEET_NAMES[key] ?? key, definition]),
  );
  sheet(
    SHEET_NAMES.homes!,
    d.definitions.homes!,
    ['分类', '名称', '数量'],
    [
      ...d.homes.byStatus.map((s) => [
        '状态',
        HOME_STATUS_LABELS[s.status as keyof typeof HOME_STATUS_LABELS] ?? s.status,
        s.count,
      ]),
      ...d.homes.byKind.map((k) => [
        '类型',
        HOME_KIND_LABELS[k.kind as keyof typeof HOME_KIND_LABELS] ?? k.kind,
        k.count,
      ]),
    ],
  );
  // coverage is counted for units; a director's dashboard of their homes has none
  if (d.definitions.coverage) {
    sheet(
      SHEET_NAMES.coverage!,
      d.definitions.coverage,
      ['对象', '已覆盖', '总数'],
      [
        ['界别活动组', d.coverage.sectorGroups.covered, d.coverage.sectorGroups.total],
        ['苏木乡镇（街道）', d.coverage.townships.covered, d.coverage.townships.total],
      ],
    );
  }
  const c = d.compliance;
  sheet(
    SHEET_NAMES.compliance!,
    d.definitions.compliance!,
    ['季度', '运行中', '已开展', '有风险', '尚未开展', '未开展'],
    [
      [quarterKeyName(c.quarter), c.operating, c.met, c.atRisk, c.open, null],
      [
        quarterKeyName(c.previousQuarter.quarter),
        c.previousQuarter.operating,
        c.previousQuarter.met,
        null,
        null,
        c.previousQuarter.missed,
      ],
    ],
  );
  const kinds = Object.keys(ACTIVITY_KIND_LABELS);
  const functions = Object.keys(ACTIVITY_FUNCTION_LABELS);
  sheet(
    SHEET_NAMES.activities!,
    d.definitions.activities!,
    [
      '月份',
      '合计',
      ...kinds.map((k) => ACTIVITY_KIND_LABELS[k as keyof typeof ACTIVITY_KIND_LABELS]),
      ...functions.map((f) => ACTIVITY_FUNCTION_LABELS[f as keyof typeof ACTIVITY_FUNCTION_LABELS]),
    ],
    d.activities.byMonth.map((m) => [
      monthName(m.month),
      m.held,
      ...kinds.map((k) => m.byKind[k] ?? 0),
      ...functions.map((f) => m.byFunction[f] ?? 0),
    ]),
  );
  const o = d.opinions;
  sheet(
    SHEET_NAMES.opinions!,
    d.definitions.opinions!,
    ['收到', '被采用', '已答复', '未答复', '超 30 天', '超 90 天'],
    [[o.received, o.adopted, o.replied, o.open, o.overdue30, o.overdue90]],
  );
  sheet(
    SHEET_NAMES.funds!,
    d.definitions.funds!,
    ['拨款（元）', '支出（元）', '待审批（元）'],
    [[{ fen: d.funds.allocatedFen }, { fen: d.funds.spentFen }, { fen: d.funds.pendingFen }]],
  );
  sheet(
    SHEET_NAMES.evaluation!,
    d.definitions.evaluation!,
    ['年度', ...Object.values(GRADE_LABELS)],
    [
      [
        d.evaluation.year,
        ...Object.keys(GRADE_LABELS).map((g) => d.evaluation.grades[g as keyof typeof d.evaluation.grades]),
      ],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
