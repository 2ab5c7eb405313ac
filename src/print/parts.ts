import { chineseDate } from '../domain/calendar.js';
import { type Flow, GREY, RED } from './pdf.js';

/**
 * The parts an official document shares (GB/T 9704 in spirit): the red issuing-unit head with
 * the document number under it and the red rule, the title, and the issuing unit and date at
 * the foot on the right.
 */
export const POLICY_NAME =
  '《政协鄂尔多斯市委员会关于委员之家（委员工作室）建设的实施意见（试行）》（鄂政协发〔2021〕1号）';

export function letterhead(flow: Flow, unit: string, documentNumber: string | null): void {
  const head = unit;
  const size = flow.page.fitSize(head, flow.width, 30, { bold: true });
  flow.space(8);
  flow.text(head, { size, bold: true, color: RED, align: 'center', after: 6 });
  flow.text(documentNumber ?? '（未编文号）', {
    size: 14,
    align: 'center',
    color: documentNumber ? undefined : GREY,
    after: 1,
  });
  flow.page.line(flow.left, flow.y, flow.left + flow.width, flow.y, { thickness: 0.8, color: RED });
  flow.space(10);
}

export function title(flow: Flow, text: string): void {
  for (const line of flow.page.lines(text, flow.width - 20, { size: 20, bold: true })) {
    flow.text(line, { size: 20, bold: true, align: 'center', after: 1 });
  }
  flow.space(6);
}

/** 发文机关署名 and 成文日期, right-aligned, kept together on one page. */
export function signature(flow: Flow, unit: string, date: Date | string): void {
  flow.ensure(34);
  flow.space(12);
  const dateText = chineseDate(date);
  const width = Math.max(flow.page.measure(unit, { size: 15 }), flow.page.measure(dateText, { size: 15 }));
  const x = flow.left + flow.width - width - 8;
  flow.page.text(x, flow.y, unit, { size: 15, width, align: 'center' });
  flow.page.text(x, flow.y + 9, dateText, { size: 15, width, align: 'center' });
  flow.space(20);
}
