import { chineseDate } from '../domain/calendar.js';
import { fill } from '../lib/markup.js';
import {
  drawMongolian,
  drawVerticalText,
  type MongolianShaper,
  mongolianDigits,
  mongolianShaper,
  UNREVIEWED_MARK,
  verticalText,
} from './mongolian.js';
import { A4_LANDSCAPE, GREY, mm, PrintDocument, type PrintPage, RED, type TextStyle } from './pdf.js';

/** A box on a page, millimetres from the top-left corner. */
export interface Box {
  x: number;
  top: number;
  width: number;
  height: number;
}

const OUTER = 10;
const INNER = 13.5;
const CORNER = 14;

/** A short text set with even space between its characters, centred in `[x, x + width]`. */
function spacedText(page: PrintPage, x: number, top: number, width: number, text: string, style: TextStyle) {
  const chars = [...text];
  const gap = chars.length > 1 ? Math.min(page.measure('字', style) * 0.8, 60 / (chars.length - 1)) : 0;
  const widths = chars.map((char) => page.measure(char, style));
  const total = widths.reduce((sum, w) => sum + w, 0) + gap * (chars.length - 1);
  let left = x + (width - total) / 2;
  chars.forEach((char, index) => {
    page.text(left, top, char, style);
    left += (widths[index] ?? 0) + gap;
  });
}

/**
 * The frame a certificate is printed in (培训证明, 奖状): a double red border with corner marks and
 * the title, spaced, at the head. Answers the box the certificate's body goes in.
 */
export function certificateFrame(
  page: PrintPage,
  options: { title: string; strip?: number; maxTitleSize?: number },
): Box & { titleSize: number } {
  const { width, height } = page;
  page.rect(OUTER, OUTER, width - OUTER * 2, height - OUTER * 2, { thickness: 1.8, color: RED });
  page.rect(INNER, INNER, width - INNER * 2, height - INNER * 2, { thickness: 0.5, color: RED });
  const inset = INNER + 3;
  for (const [cx, cy, dx, dy] of [
    [inset, inset, 1, 1],
    [width - inset, inset, -1, 1],
    [inset, height - inset, 1, -1],
    [width - inset, height - inset, -1, -1],
  ] as const) {
    page.line(cx, cy, cx + CORNER * dx, cy, { thickness: 0.9, color: RED });
    page.line(cx, cy, cx, cy + CORNER * dy, { thickness: 0.9, color: RED });
  }

  const strip = options.strip ?? 0;
  const side = INNER + 26 + strip;
  const bodyWidth = width - INNER * 2 - 52 - strip;
  const titleTop = INNER + 16;
  const max = Math.min(42, options.maxTitleSize ?? 42);
  const size = Math.min(max, page.fitSize(options.title, bodyWidth - 20, max, { bold: true }));
  spacedText(page, side, titleTop, bodyWidth, options.title, { size, bold: true, color: RED });
  const top = titleTop + (size * 25.4) / 72 + 10;
  return { x: side, top, width: bodyWidth, height: height - INNER - 14 - top, titleSize: size };
}

/** The Mongolian of a certificate: its title and its words (the closing with them), and whether reviewed. */
export interface CertificateMongolian {
  title: string;
  words: string;
  reviewed: boolean;
}

/** The strip left of the Chinese that the Mongolian block stands in, mm. */
const STRIP = 78;
const STRIP_GAP = 8;
const SLOT_NOTE = { what: '蒙古文', rule: '证书须蒙汉两种文字并用' };

/**
 * A certificate by the regional rule: the Mongolian block, written vertically, left of the Chinese
 * (内蒙古自治区社会市面蒙汉两种文字并用管理办法), its title and words at the Chinese ones' sizes —
 * each fitted to its room, then the smaller used for both. Without a Mongolian text yet, its place
 * is a dashed box saying so; a draft is marked 「蒙古文未审校」.
 */
export function bilingualCertificate(
  page: PrintPage,
  title: string,
  body: CertificateBody,
  mongolian: (CertificateMongolian & { shaper: MongolianShaper }) | null,
): void {
  const left = INNER + 20;
  const stripTop = INNER + 16;
  const stripHeight = page.height - INNER - 12 - stripTop;
  if (!mongolian) {
    const box = certificateFrame(page, { title, strip: STRIP + STRIP_GAP - 6 });
    const slot = {
      x: left,
      top: stripTop,
      width: STRIP,
      height: stripHeight,
      direction: 'vertical' as const,
    };
    drawMongolian(page, { ...slot, size: 20 }, null, SLOT_NOTE);
    certificateBody(page, box, body);
    return;
  }
  const { shaper } = mongolian;
  const titleLine = shaper.line(mongolian.title);
  const titleFit = mm((stripHeight * 0.9) / titleLine.advance);
  const box = certificateFrame(page, { title, strip: STRIP + STRIP_GAP - 6, maxTitleSize: titleFit });
  const titleText = verticalText(shaper, mongolian.title, box.titleSize / mm(1), stripHeight);
  const room = STRIP - titleText.width - 4;
  const wordsAt = (points: number) => verticalText(shaper, mongolian.words, points / mm(1), stripHeight);
  let fit = 20;
  while (fit > 8 && wordsAt(fit).width > room) fit -= 0.5;
  const size = certificateBody(page, box, body, fit);
  const x = drawVerticalText(page, shaper, titleText, left, stripTop, RED);
  drawVerticalText(page, shaper, wordsAt(size), x + 4, stripTop);
  if (!mongolian.reviewed) {
    page.text(left, page.height - INNER - 9, UNREVIEWED_MARK, { size: 9, color: RED });
  }
}

/**
 * A span of days as documents write it, every date by `chineseDate`: 2026年3月2日 for one day,
 * 2026年3月2日至4日 within a month, 2026年3月30日至4月2日 within a year, and both dates in full
 * across years.
 */
export function chineseDateRange(start: Date | string, end: Date | string): string {
  const from = chineseDate(start);
  const to = chineseDate(end);
  if (from === to) return from;
  const [, y1, m1] = /^(\d+)年(\d+)月/.exec(from) ?? [];
  const [, y2, m2, d2] = /^(\d+)年(\d+)月(\d+)日$/.exec(to) ?? [];
  if (y1 !== y2) return `${from}至${to}`;
  return m1 === m2 ? `${from}至${d2}日` : `${from}至${m2}月${d2}日`;
}

/** One trainee's certificate of a training they attended. */
export interface CertificateData {
  /** stable for the pair of training and trainee */
  number: string;
  name: string;
  title: string;
  /** the unit that held the training and issues the certificate */
  organiser: string;
  place: string | null;
  startsAt: Date | string;
  endsAt: Date | string;
}

/** A title that names itself a course (…培训, …培训班) is not followed by 培训 again. */
const namesCourse = /(培训|培训班|研修班|训练班|训练营|学习班|轮训)$/;

/** The certificate's words: who, when, what and where, completed. */
export function certificateText(data: CertificateData): string {
  const course = namesCourse.test(data.title) ? '' : '培训';
  const place = data.place ? `（${data.place}）` : '';
  return `${data.name}同志于${chineseDateRange(data.startsAt, data.endsAt)}参加${data.organiser}举办的“${data.title}”${course}${place}，完成全部培训课程。`;
}

/** What a certificate says inside its frame. */
export interface CertificateBody {
  number: string;
  /** a line of its own before the words (e.g. 张三委员：), or none */
  salutation?: string;
  words: string;
  /** 特发此证。 */
  closing: string;
  /** the issuing unit and the date at the foot */
  issuer: string;
  date: Date | string;
}

const LINE_HEIGHT = 2;
const mmOf = (points: number) => (points * 25.4) / 72;

/**
 * A certificate's body in the frame's box: the number at the top right, the salutation, the words
 * and the closing at the largest size (20 pt down) that leaves room for the issuer and the date,
 * which stand at the foot on the right, the date under the issuer. A short text stands a third of
 * its spare room lower.
 */
export function certificateBody(page: PrintPage, box: Box, body: CertificateBody, maxSize = 20): number {
  page.text(box.x, box.top - 6, `编号：${body.number}`, {
    size: 11,
    color: GREY,
    align: 'right',
    width: box.width,
  });

  const footStep = mmOf(16) * 1.3;
  const issuerSize = Math.min(16, page.fitSize(body.issuer, box.width * 0.6, 16));
  const dateText = chineseDate(body.date);
  const footWidth = Math.max(
    page.measure(body.issuer, { size: issuerSize }),
    page.measure(dateText, { size: 16 }),
  );
  const footX = box.x + box.width - footWidth - 6;
  const footTop = box.top + box.height - footStep * 2;
  page.text(footX, footTop, body.issuer, { size: issuerSize, align: 'center', width: footWidth });
  page.text(footX, footTop + footStep, dateText, { size: 16, align: 'center', width: footWidth });

  const top = box.top + 8;
  const room = footTop - 8 - top;
  const linesAt = (size: number) =>
    (body.salutation ? page.lines(body.salutation, box.width, { size }).length : 0) +
    page.lines(body.words, box.width, { size, indent: 2 }).length +
    page.lines(body.closing, box.width, { size, indent: 2 }).length;
  let size = Math.min(20, maxSize);
  while (size > 8 && linesAt(size) * mmOf(size) * LINE_HEIGHT > room) size -= 0.5;
  const style = { size, lineHeight: LINE_HEIGHT };
  let y = top + Math.max(0, (room - linesAt(size) * mmOf(size) * LINE_HEIGHT) / 3);
  if (body.salutation) y = page.paragraph(box.x, y, box.width, body.salutation, style);
  y = page.paragraph(box.x, y, box.width, body.words, { ...style, indent: 2 });
  page.paragraph(box.x, y, box.width, body.closing, { ...style, indent: 2 });
  return size;
}

/**
 * A training certificate's words as its translators see them (print.certificates.training.*): the
 * Chinese with the values it is filled with marked.
 */
export const TRAINING_CERTIFICATE = {
  title: '培训证明',
  words: '{{name}}同志于{{dates}}参加{{organiser}}举办的“{{title}}”{{place}}，完成全部培训课程。特发此证。',
} as const;

/** A translation of a certificate's title and of its words, each with its review state. */
export type CertificateTranslation = {
  title: { text: string; reviewed: boolean };
  words: { text: string; reviewed: boolean };
} | null;

/** The days as a Mongolian text writes them: 2026.03.02, or 2026.03.02–03.04, in Mongolian digits. */
function mongolianDays(start: Date | string, end: Date | string): string {
  const day = (value: Date | string) =>
    chineseDate(value).replace(
      /^(\d+)年(\d+)月(\d+)日$/,
      (_, y, m, d) => `${y}.${String(m).padStart(2, '0')}.${String(d).padStart(2, '0')}`,
    );
  const [from, to] = [day(start), day(end)];
  return mongolianDigits(
    from === to ? from : `${from}–${to.slice(from.slice(0, 5) === to.slice(0, 5) ? 5 : 0)}`,
  );
}

/** The Mongolian block of a certificate from its translation, filled with the values; null without one. */
export async function certificateMongolian(
  translation: CertificateTranslation,
  values: Record<string, string>,
): Promise<(CertificateMongolian & { shaper: MongolianShaper }) | null> {
  if (!translation) return null;
  return {
    shaper: await mongolianShaper(),
    title: translation.title.text,
    words: fill(translation.words.text, values),
    reviewed: translation.title.reviewed && translation.words.reviewed,
  };
}

/** 培训证明: one A4 landscape page per trainee, each in the certificate frame, the Mongolian block left. */
export async function trainingCertificatesPdf(
  certificates: CertificateData[],
  title: string,
  translation: CertificateTranslation = null,
): Promise<Buffer> {
  const document = await PrintDocument.create({ title, author: certificates[0]?.organiser ?? '' });
  for (const data of certificates) {
    const page = document.addPage(A4_LANDSCAPE);
    const mongolian = await certificateMongolian(translation, {
      name: data.name,
      dates: mongolianDays(data.startsAt, data.endsAt),
      organiser: data.organiser,
      title: data.title,
      place: data.place ? `（${data.place}）` : '',
    });
    bilingualCertificate(
      page,
      TRAINING_CERTIFICATE.title,
      {
        number: data.number,
        words: certificateText(data),
        closing: '特发此证。',
        issuer: data.organiser,
        date: data.endsAt,
      },
      mongolian,
    );
  }
  return document.save();
}
