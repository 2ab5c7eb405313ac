import { beijingDateTime, chineseDate, QUARTERS } from '../domain/calendar.js';
import {
  COMPLIANCE_COLUMN_TITLES,
  COMPLIANCE_COLUMNS,
  type ComplianceColumn,
  complianceCell,
  complianceTitle,
  QUARTER_STATE_HINTS,
  QUARTER_STATE_LABELS,
  type QuarterState,
} from '../domain/scorecard.js';
import { title } from './parts.js';
import { A4_LANDSCAPE, type Color, Flow, GREY, PrintDocument } from './pdf.js';
import { quarterName } from './quarters.js';

export interface ComplianceData {
  year: number;
  /** the filters of the report in words; empty when there are none */
  filters: string[];
  countedAt: Date;
  /** the unit the actor works for, which issues the report */
  issuer: string;
  quarters: Array<{ quarter: number; dueOn: string }>;
  rows: Array<
    Record<ComplianceColumn, string> & {
      quarters: Array<{ quarter: number; activities: number; state: QuarterState }>;
    }
  >;
}

const FLAG: Color = [0.99, 0.88, 0.88];

/** A quarter as the 合规情况 page says it: the state, then the activities held. */
const cell = (q: { activities: number; state: QuarterState }) => {
  const words = complianceCell(q);
  return `${words.state} ${words.count}`;
};

/** Widths (mm) of the page's columns on A4 landscape, then of each quarter. */
const WIDTHS: Record<ComplianceColumn, number> = { name: 64, ownerUnit: 36, place: 40, kind: 30 };
const QUARTER_WIDTH = 24;

/**
 * 委员之家活动开展情况: the 合规情况 page on paper — its title, its columns in its order, its
 * quarters and cells in its words — for the homes in scope, A4 landscape, with who issued it and
 * when it was counted; a row with a missed quarter is flagged.
 */
export async function compliancePdf(data: ComplianceData): Promise<Buffer> {
  const heading = complianceTitle(data.year);
  const document = await PrintDocument.create({ title: heading, author: data.issuer });
  const flow = new Flow(document, { size: A4_LANDSCAPE, margin: 15, runningTitle: heading });
  flow.space(2);
  title(flow, heading);
  flow.space(-2);

  const info = { size: 10.5, lineHeight: 1.5 } as const;
  flow.paragraph(
    `统计年度：${data.year}年　　筛选条件：${data.filters.length ? data.filters.join('；') : '无（可查看范围内运行中和暂停的全部委员之家）'}`,
    info,
  );
  flow.paragraph(
    `统计时间：${beijingDateTime(data.countedAt)}（北京时间）　　出具单位：${data.issuer}`,
    info,
  );
  const missed = data.rows.filter((row) => row.quarters.some((q) => q.state === 'missed')).length;
  flow.paragraph(
    `共 ${data.rows.length} 个委员之家（委员工作室）：已到期季度均开展活动 ${data.rows.length - missed} 个，有季度未开展活动 ${missed} 个。`,
    { size: 12, bold: true, lineHeight: 1.5, after: 2 },
  );

  if (data.rows.length) {
    flow.table(
      [
        ...COMPLIANCE_COLUMNS.map((column) => ({
          title: COMPLIANCE_COLUMN_TITLES[column],
          width: WIDTHS[column],
        })),
        ...QUARTERS.map((quarter) => ({
          title: quarterName(quarter),
          width: QUARTER_WIDTH,
          align: 'center' as const,
        })),
      ],
      data.rows.map((row) => [...COMPLIANCE_COLUMNS.map((column) => row[column]), ...row.quarters.map(cell)]),
      { size: 9.5 },
      {
        rowFill: (index) => (data.rows[index]?.quarters.some((q) => q.state === 'missed') ? FLAG : undefined),
      },
    );
  } else {
    flow.paragraph('没有符合条件的委员之家。', { size: 12, color: GREY });
  }

  legend(flow, data);
  flow.finish();
  return document.save();
}

function legend(flow: Flow, data: ComplianceData): void {
  const style = { size: 9.5, color: GREY, lineHeight: 1.5 } as const;
  const due = data.quarters.map((q) => chineseDate(q.dueOn)).join('、');
  flow.ensure(22);
  flow.space(3);
  const swatch = 4;
  flow.page.rect(flow.left, flow.y + 0.6, swatch * 1.6, swatch, { thickness: 0.25, fill: FLAG });
  flow.page.text(flow.left + swatch * 1.6 + 2, flow.y, '有季度未开展活动的委员之家', style);
  flow.space(6);
  const meaning = (state: QuarterState, extra = '') =>
    `${QUARTER_STATE_LABELS[state]}——${QUARTER_STATE_HINTS[state]}${extra}`;
  flow.paragraph(
    `说明：${[
      meaning('met', '，“次”为季度内已举办的活动数（联合举办的活动各主办方均计）'),
      meaning('at_risk'),
      meaning('open'),
      meaning('missed'),
      meaning('not_judged'),
    ].join('；')}。各季度截止日期依次为${due}。`,
    style,
  );
}
