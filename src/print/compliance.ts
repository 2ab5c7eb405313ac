import { beijingDateTime, chineseDate } from '../domain/calendar.js';
import { QUARTER_STATE_HINTS, QUARTER_STATE_LABELS, type QuarterState } from '../domain/scorecard.js';
import { title } from './parts.js';
import { A4_LANDSCAPE, type Color, Flow, GREY, PrintDocument } from './pdf.js';
import { QUARTER_NAMES } from './quarters.js';

export interface ComplianceData {
  year: number;
  /** the filters of the report in words; empty when there are none */
  filters: string[];
  countedAt: Date;
  /** the unit the actor works for, which issues the report */
  issuer: string;
  quarters: Array<{ quarter: number; dueOn: string }>;
  rows: Array<{
    name: string;
    ownerUnit: string;
    place: string;
    quarters: Array<{ quarter: number; activities: number; state: QuarterState }>;
  }>;
}

const FLAG: Color = [0.99, 0.88, 0.88];

/** A quarter in the words of the 合规情况 page, with the count of activities held when there were any. */
const cell = (q: { activities: number; state: QuarterState }) =>
  q.state === 'met' ? `${QUARTER_STATE_LABELS.met}（${q.activities}）` : QUARTER_STATE_LABELS[q.state];

/**
 * 委员之家活动开展情况（合规报告）: the homes in scope × the four quarters, A4 landscape, with who
 * issued it and when it was counted; a row with a missed quarter is flagged.
 */
export async function compliancePdf(data: ComplianceData): Promise<Buffer> {
  const heading = `${data.year}年度委员之家活动开展情况`;
  const document = await PrintDocument.create({ title: `${heading}（合规报告）`, author: data.issuer });
  const flow = new Flow(document, { size: A4_LANDSCAPE, margin: 15, runningTitle: heading });
  flow.space(2);
  title(flow, `${heading}（合规报告）`);
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
        { title: '序号', width: 12, align: 'center' },
        { title: '委员之家', width: 72 },
        { title: '所属单位', width: 40 },
        { title: '所在地', width: 42 },
        ...QUARTER_NAMES.map((name) => ({ title: name, width: 25, align: 'center' as const })),
      ],
      data.rows.map((row, index) => [
        String(index + 1),
        row.name,
        row.ownerUnit,
        row.place,
        ...row.quarters.map(cell),
      ]),
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
      meaning('met', '，括号内为已举办的活动数（联合举办的活动各主办方均计）'),
      meaning('at_risk'),
      meaning('open'),
      meaning('missed'),
      meaning('not_judged'),
    ].join('；')}。各季度截止日期依次为${due}。`,
    style,
  );
}
