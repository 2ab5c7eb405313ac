import { beijingDateTime, chineseDate } from '../domain/calendar.js';
import {
  ISSUE_LABELS,
  QUARTER_STATE_LABELS,
  type QuarterState,
  SCORECARD_LABELS,
  type ScorecardKey,
} from '../domain/scorecard.js';
import { type HomeDocumentData, homeDocumentPdf, sectionHeading, subHeading } from './home-document.js';
import { GREY } from './pdf.js';
import { quarterName } from './quarters.js';

export interface SummaryData extends HomeDocumentData {
  /** the year as the platform holds it, judged at `countedAt` */
  quarters: Array<{ quarter: number; dueOn: string; activities: number; state: QuarterState }>;
  scorecard: Array<{ key: ScorecardKey; ok: boolean; issues: string[] }>;
  countedAt: Date;
}

/** 年度工作总结: the summary's text, then the year's activities by quarter and the 六有 as recorded, A4. */
export async function summaryPdf(data: SummaryData): Promise<Buffer> {
  return homeDocumentPdf('工作总结', data, (flow, signature) => {
    sectionHeading(flow, '平台记录的年度情况', 32);
    subHeading(flow, '一、各季度活动开展情况');
    flow.table(
      [
        { title: '季度', width: 24, align: 'center' },
        { title: '截止日期', width: 44, align: 'center' },
        { title: '已举办活动', width: 30, align: 'center' },
        { title: '情况', width: 30, align: 'center' },
      ],
      data.quarters.map((q) => [
        quarterName(q.quarter),
        chineseDate(q.dueOn),
        `${q.activities} 次`,
        QUARTER_STATE_LABELS[q.state],
      ]),
      { size: 11 },
    );
    flow.space(5);
    subHeading(flow, '二、“六有”达标情况');
    flow.table(
      [
        { title: '项目', width: 34 },
        { title: '情况', width: 20, align: 'center' },
        { title: '未达标原因', width: 74 },
      ],
      data.scorecard.map((item) => [
        SCORECARD_LABELS[item.key] ?? item.key,
        item.ok ? '达标' : '未达标',
        item.issues.map((issue) => ISSUE_LABELS[issue] ?? issue).join('；'),
      ]),
      { size: 11 },
    );
    flow.space(3);
    flow.paragraph(
      `以上据平台记录，统计时间 ${beijingDateTime(data.countedAt)}（北京时间）。季度内至少举办 1 次活动为已开展（联合举办的活动各主办方均计）；授牌前的季度不考核。`,
      { size: 10, color: GREY, lineHeight: 1.5, keepWithNext: signature },
    );
  });
}
