import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../domain/activities.js';
import { type HomeDocumentData, homeDocumentPdf, sectionHeading } from './home-document.js';
import { GREY } from './pdf.js';
import { quarterName } from './quarters.js';

export interface PlanData extends HomeDocumentData {
  /** the planned activities, in the order the plan lists them */
  items: Array<{ quarter: number; title: string; kind: ActivityKind }>;
}

/** 年度工作计划: the plan's text and its activities by quarter, A4. */
export async function planPdf(data: PlanData): Promise<Buffer> {
  return homeDocumentPdf('工作计划', data, (flow) => {
    sectionHeading(flow, '年度计划活动');
    const items = [...data.items].sort((a, b) => a.quarter - b.quarter);
    if (!items.length) {
      flow.paragraph('本计划未列出计划活动。', { size: 12, color: GREY });
      return;
    }
    flow.table(
      [
        { title: '季度', width: 24, align: 'center' },
        { title: '活动名称', width: 96 },
        { title: '类型', width: 40, align: 'center' },
      ],
      items.map((item) => [
        quarterName(item.quarter),
        item.title,
        ACTIVITY_KIND_LABELS[item.kind] ?? item.kind,
      ]),
      { size: 11 },
    );
  });
}
