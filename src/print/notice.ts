import { GRADE_LABELS, type Grade } from '../domain/evaluation.js';
import { letterhead, POLICY_NAME, signature, title } from './parts.js';
import { A4, Flow, PrintDocument } from './pdf.js';

export interface NoticeData {
  /** The unit that ran the evaluation and issues the notice. */
  unit: string;
  documentNumber: string | null;
  /** how many homes wrote a self-summary, and how many reviewers the round had: the steps it took */
  selfSummaries: number;
  reviewers: number;
  year: number;
  roundTitle: string;
  publishedAt: Date | string;
  revision: number;
  reason: string | null;
  homes: Array<{ rank: number; name: string; total: number; grade: string; commended: boolean }>;
  members: Array<{ name: string; rank: number; points: number }>;
}

const gradeLabel = (grade: string) => GRADE_LABELS[grade as Grade] ?? grade;

/** The steps the round took, in the notice's words: only those that happened. */
function stepsTaken(data: NoticeData): string {
  const steps = [
    data.selfSummaries > 0 ? '各委员之家（委员工作室）自评' : null,
    data.reviewers > 0 ? '评审人员评审' : null,
    '结果确认',
  ].filter(Boolean);
  return steps.join('、');
}

/** 评价结果通报: the published ranking, grades and commendations as an official notice, A4. */
export async function noticePdf(data: NoticeData): Promise<Buffer> {
  const heading = `关于${data.year}年度委员之家（委员工作室）评价结果的通报`;
  const document = await PrintDocument.create({ title: heading, author: data.unit });
  const flow = new Flow(document, { size: A4, margin: 25, runningTitle: heading });
  letterhead(flow, data.unit, data.documentNumber);
  title(flow, heading);

  const body = { size: 14, lineHeight: 1.75, indent: 2 } as const;
  flow.paragraph('各委员之家（委员工作室）：', { ...body, indent: 0 });
  const commended = data.homes.filter((home) => home.commended);
  flow.paragraph(
    `根据${POLICY_NAME}，${data.unit}组织开展了“${data.roundTitle}”。经${stepsTaken(data)}，共评价委员之家（委员工作室）${data.homes.length}个。现将评价结果通报如下。`,
    body,
  );
  if (data.revision > 1 && data.reason) {
    flow.paragraph(`本通报为第 ${data.revision} 版，修订理由：${data.reason}。原通报同时废止。`, body);
  }

  flow.paragraph('一、评价结果', { ...body, bold: true });
  flow.table(
    [
      { title: '名次', width: 14, align: 'center' },
      { title: '委员之家（委员工作室）', width: 92 },
      { title: '总分', width: 18, align: 'center' },
      { title: '等次', width: 24, align: 'center' },
      { title: '表彰', width: 14, align: 'center' },
    ],
    data.homes.map((home) => [
      String(home.rank),
      home.name,
      String(home.total),
      gradeLabel(home.grade),
      home.commended ? '是' : '',
    ]),
  );
  flow.space(4);

  flow.paragraph('二、表彰名单', { ...body, bold: true });
  flow.paragraph(
    commended.length
      ? `对${commended.map((home) => home.name).join('、')}${commended.length > 1 ? `等${commended.length}个委员之家（委员工作室）` : ''}予以通报表彰。`
      : '本年度无表彰的委员之家（委员工作室）。',
    body,
  );
  flow.paragraph(
    data.members.length
      ? `对履职突出的${data.members.map((member) => member.name).join('、')}${data.members.length > 1 ? `等${data.members.length}名` : ''}委员予以通报表彰。`
      : '本年度无表彰的委员。',
    body,
  );
  const rectify = data.homes.filter((home) => home.grade === 'rectify');
  if (rectify.length) {
    flow.paragraph(
      `评为“限期整改”的${rectify.map((home) => home.name).join('、')}，请对照“六有”标准认真整改，整改情况报${data.unit}。`,
      body,
    );
  }
  flow.paragraph(
    '希望受到表彰的委员之家（委员工作室）和委员珍惜荣誉、再接再厉，各委员之家（委员工作室）以先进为榜样，推动委员履职活动制度化、规范化、常态化。',
    body,
  );
  flow.paragraph('特此通报。', body);
  signature(flow, data.unit, data.publishedAt);
  flow.finish();
  return document.save();
}
