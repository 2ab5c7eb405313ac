import ExcelJS from 'exceljs';
import { ACTIVITY_FUNCTION_LABELS, ACTIVITY_KIND_LABELS } from '../../domain/activities.js';
import { GRADE_LABELS } from '../../domain/evaluation.js';
import { HOME_KIND_LABELS, HOME_STATUS_LABELS } from '../../domain/home-workflow.js';
import { formatFen } from '../../domain/money.js';
import type { dashboardOf } from './service.js';

type Dashboard = Awaited<ReturnType<typeof dashboardOf>>;

/** Every chart's numbers, one sheet each, with its definition on top. */
export async function dashboardWorkbook(d: Dashboard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = (name: string, definition: string, header: string[], rows: Array<Array<string | number>>) => {
    const ws = workbook.addWorksheet(name);
    ws.addRow([definition]);
    ws.addRow([]);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c) => {
      c.width = 18;
    });
  };
  const scope = d.scope.all ? '全市' : [...d.scope.units, ...d.scope.homes].map((u) => u.name).join('、');
  sheet('说明', `${d.year} 年度工作看板（范围：${scope}）`, ['项目', '口径'], Object.entries(d.definitions));
  sheet(
    '委员之家',
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
      '覆盖',
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
    '季度开展',
    d.definitions.compliance!,
    ['季度', '运行中', '已开展', '有风险', '尚未开展', '未开展'],
    [
      [c.quarter, c.operating, c.met, c.atRisk, c.open, ''],
      [
        c.previousQuarter.quarter,
        c.previousQuarter.operating,
        c.previousQuarter.met,
        '',
        '',
        c.previousQuarter.missed,
      ],
    ],
  );
  const kinds = Object.keys(ACTIVITY_KIND_LABELS);
  const functions = Object.keys(ACTIVITY_FUNCTION_LABELS);
  sheet(
    '活动',
    d.definitions.activities!,
    [
      '月份',
      '合计',
      ...kinds.map((k) => ACTIVITY_KIND_LABELS[k as keyof typeof ACTIVITY_KIND_LABELS]),
      ...functions.map((f) => ACTIVITY_FUNCTION_LABELS[f as keyof typeof ACTIVITY_FUNCTION_LABELS]),
    ],
    d.activities.byMonth.map((m) => [
      m.month,
      m.held,
      ...kinds.map((k) => m.byKind[k] ?? 0),
      ...functions.map((f) => m.byFunction[f] ?? 0),
    ]),
  );
  const o = d.opinions;
  sheet(
    '社情民意',
    d.definitions.opinions!,
    ['收到', '被采用', '已答复', '未答复', '超 30 天', '超 90 天'],
    [[o.received, o.adopted, o.replied, o.open, o.overdue30, o.overdue90]],
  );
  sheet(
    '经费',
    d.definitions.funds!,
    ['拨款（元）', '支出（元）', '待审批（元）'],
    [[formatFen(d.funds.allocatedFen), formatFen(d.funds.spentFen), formatFen(d.funds.pendingFen)]],
  );
  sheet(
    '年度评价',
    d.definitions.evaluation!,
    ['年度', ...Object.values(GRADE_LABELS)],
    [
      [
        d.evaluation.year ?? '',
        ...Object.keys(GRADE_LABELS).map((g) => d.evaluation.grades[g as keyof typeof d.evaluation.grades]),
      ],
    ],
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
