import { chineseDate } from '../domain/calendar.js';
import { title } from './parts.js';
import { A4, Flow, GREY, PrintDocument, RED } from './pdf.js';

/** What a home's yearly document (年度工作计划, 年度工作总结) prints around its own part. */
export interface HomeDocumentData {
  homeName: string;
  /** the unit the home belongs to (所属单位) */
  ownerUnit: string;
  year: number;
  /** the text as the home typed it; each line a paragraph */
  content: string;
  submittedAt: Date | string;
  late: boolean;
}

const BODY = { size: 14, lineHeight: 1.75, indent: 2 } as const;
const SIGNATURE = 15;

/**
 * The frame of a home's yearly document, A4 portrait over as many pages as it needs: the title
 * 「<home><year>年度<name>」, the home's unit, the text in paragraphs with a first-line indent,
 * what `body` adds, and at the foot the home's name with the submission date (逾期提交 if late).
 */
export async function homeDocumentPdf(
  name: string,
  data: HomeDocumentData,
  /** what the document adds; `signature` is the height (mm) of the foot its last lines keep with */
  body: (flow: Flow, signature: number) => void,
): Promise<Buffer> {
  const heading = `${data.homeName}${data.year}年度${name}`;
  const document = await PrintDocument.create({ title: heading, author: data.homeName });
  const flow = new Flow(document, { size: A4, margin: 25, runningTitle: heading });
  flow.space(6);
  title(flow, heading);
  for (const line of flow.page.lines(`所属单位：${data.ownerUnit}`, flow.width, { size: 12 })) {
    flow.text(line, { size: 12, align: 'center', color: GREY });
  }
  flow.space(8);
  const paragraphs = data.content
    .split(/\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean);
  for (const paragraph of paragraphs) flow.paragraph(paragraph, BODY);
  body(flow, signatureHeight(flow, data));
  homeSignature(flow, data);
  flow.finish();
  return document.save();
}

/**
 * A heading inside the document, kept on one page with the `keep` mm that follow it (a table's
 * header and first rows).
 */
export function sectionHeading(flow: Flow, text: string, keep = 24): void {
  flow.ensure(keep + 14);
  flow.space(4);
  flow.paragraph(text, { ...BODY, indent: 0, bold: true });
}

/** A smaller heading (一、…) kept with the `keep` mm that follow it. */
export function subHeading(flow: Flow, text: string, keep = 24): void {
  flow.ensure(keep + 8);
  flow.paragraph(text, { size: 12, bold: true, after: 1 });
}

/**
 * The home's name and the submission date at the foot on the right, kept together on one page;
 * a name too long for the right half wraps, and a late document says so under the date.
 */
const SIGNATURE_STEP = 9;
const signatureNames = (flow: Flow, data: HomeDocumentData) =>
  flow.page.lines(data.homeName, flow.width * 0.6, { size: SIGNATURE });

/** The height of the foot `homeSignature` sets, with the space above it. */
function signatureHeight(flow: Flow, data: HomeDocumentData): number {
  const lines = signatureNames(flow, data).length + 1 + (data.late ? 1 : 0);
  return 12 + lines * SIGNATURE_STEP + 4;
}

function homeSignature(flow: Flow, data: HomeDocumentData): void {
  const style = { size: SIGNATURE };
  const step = SIGNATURE_STEP;
  const names = signatureNames(flow, data);
  const dateText = chineseDate(data.submittedAt);
  flow.ensure(signatureHeight(flow, data));
  flow.space(12);
  const width = Math.max(...[...names, dateText].map((line) => flow.page.measure(line, style)));
  const x = flow.left + flow.width - width - 8;
  for (const line of names) {
    flow.page.text(x, flow.y, line, { ...style, width, align: 'center' });
    flow.space(step);
  }
  flow.page.text(x, flow.y, dateText, { ...style, width, align: 'center' });
  flow.space(step);
  if (data.late) {
    flow.page.text(x, flow.y, '（逾期提交）', { size: 12, color: RED, width, align: 'center' });
    flow.space(step);
  }
}
