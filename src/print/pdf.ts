import fontkit from '@pdf-lib/fontkit';
import { LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb } from 'pdf-lib';
import QRCode from 'qrcode';
import { printFonts } from './fonts.js';
import { FontWidths } from './widths.js';

/**
 * The print engine: PDF pages measured in millimetres from the top-left corner, Chinese text set
 * with the embedded fonts (subset per document, so text stays searchable and files stay small),
 * line breaking by the Chinese rules, tables, QR codes, and a flow that turns long documents into
 * numbered pages. Templates in this folder describe a document; this file knows PDF.
 */

export interface PaperSize {
  /** Millimetres. */
  width: number;
  height: number;
}

export const A4: PaperSize = { width: 210, height: 297 };
export const A4_LANDSCAPE: PaperSize = { width: 297, height: 210 };
export const A3: PaperSize = { width: 297, height: 420 };

const POINTS_PER_MM = 72 / 25.4;
export const mm = (value: number) => value * POINTS_PER_MM;
const ptToMm = (value: number) => value / POINTS_PER_MM;

export type Color = readonly [number, number, number];
export const BLACK: Color = [0, 0, 0];
export const GREY: Color = [0.4, 0.4, 0.4];
export const RED: Color = [0.72, 0.11, 0.11];

export interface TextStyle {
  /** Points. */
  size: number;
  bold?: boolean;
  color?: Color;
}

export interface BoxStyle {
  /** Millimetres. */
  thickness?: number;
  color?: Color;
  fill?: Color;
  dash?: boolean;
}

/** Characters that may not begin a line (行首禁则) and may not end one (行尾禁则). */
export const NO_LINE_START = new Set('，。、；：！？）》」』】〕…—’”%·,.;:!?)]}');
export const NO_LINE_END = new Set('（《「『【〔‘“([{');
/** Runs kept on one line: Latin words, numbers, codes. */
const UNBREAKABLE = /[A-Za-z0-9@#&+\-_.:/%]+|\s+|[\s\S]/gu;
/** What a printer puts where a character is missing from the font. */
const MISSING = '〓';

let characterSet: Set<number> | undefined;
let fontWidths: { regular: FontWidths; bold: FontWidths } | undefined;

export class PrintDocument {
  readonly pages: PrintPage[] = [];

  private constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {}

  static async create(meta: { title: string; author: string }): Promise<PrintDocument> {
    const fonts = await printFonts();
    const pdf = await PDFDocument.create();
    pdf.registerFontkit(fontkit);
    const [regular, bold] = await Promise.all([
      pdf.embedFont(fonts.regular, { subset: true }),
      pdf.embedFont(fonts.bold, { subset: true }),
    ]);
    characterSet ??= new Set(regular.getCharacterSet());
    fontWidths ??= {
      regular: new FontWidths(fontkit.create(fonts.regular)),
      bold: new FontWidths(fontkit.create(fonts.bold)),
    };
    pdf.setTitle(meta.title);
    pdf.setAuthor(meta.author);
    pdf.setCreator('鄂尔多斯市政协委员之家工作平台');
    pdf.setProducer('鄂尔多斯市政协委员之家工作平台');
    pdf.setLanguage('zh-CN');
    return new PrintDocument(pdf, regular, bold);
  }

  addPage(size: PaperSize): PrintPage {
    const page = new PrintPage(this, this.pdf.addPage([mm(size.width), mm(size.height)]), size);
    this.pages.push(page);
    return page;
  }

  async save(): Promise<Buffer> {
    return Buffer.from(await this.pdf.save());
  }
}

/** Replaces what the fonts cannot draw, and control characters, so a print never fails on a name. */
export function printable(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += ' ';
    else out += characterSet && !characterSet.has(code) ? MISSING : char;
  }
  return out;
}

/** Brackets and dashes as vertical text draws them, in pairs the fonts have both halves of. */
const VERTICAL_FORMS: Record<string, string> = { '（': '︵', '）': '︶', '《': '︽', '》': '︾', '—': '︱' };

function verticalForm(char: string): string {
  const form = VERTICAL_FORMS[char];
  return form && characterSet?.has(form.codePointAt(0) ?? 0) ? form : char;
}

export class PrintPage {
  readonly width: number;
  readonly height: number;

  constructor(
    readonly document: PrintDocument,
    private readonly page: PDFPage,
    size: PaperSize,
  ) {
    this.width = size.width;
    this.height = size.height;
  }

  private font(style: TextStyle): PDFFont {
    return style.bold ? this.document.bold : this.document.regular;
  }

  /** Width of a text in millimetres. */
  measure(text: string, style: TextStyle): number {
    const content = printable(text);
    const summed = fontWidths?.[style.bold ? 'bold' : 'regular'].widthAtSize(content, style.size);
    return ptToMm(summed ?? this.font(style).widthOfTextAtSize(content, style.size));
  }

  /** The largest size (points, not above `max`) at which `text` fits `width` mm on one line. */
  fitSize(text: string, width: number, max: number, style: Omit<TextStyle, 'size'> = {}): number {
    const at = this.measure(text, { ...style, size: max });
    return at <= width ? max : Math.floor(((max * width) / at) * 10) / 10;
  }

  /**
   * One line of text whose em box starts `top` mm from the top of the page. `align` places it
   * inside `[x, x + width]`.
   */
  text(
    x: number,
    top: number,
    text: string,
    style: TextStyle & { align?: 'left' | 'center' | 'right'; width?: number },
  ): void {
    const content = printable(text);
    const width = this.measure(content, style);
    const box = style.width ?? 0;
    const left =
      style.align === 'center' ? x + (box - width) / 2 : style.align === 'right' ? x + box - width : x;
    const color = style.color ?? BLACK;
    this.page.drawText(content, {
      x: mm(left),
      // The ideographic em box sits 0.88 em above and 0.12 em below the baseline.
      y: mm(this.height - top) - style.size * 0.88,
      size: style.size,
      font: this.font(style),
      color: rgb(color[0], color[1], color[2]),
    });
  }

  /**
   * A column read top to bottom: one character per step (`step` mm, 1.05 em unless told), each
   * upright and centred in `[x, x + width]`; brackets take their vertical forms where the font
   * has them. Returns where the column ends (mm from the top).
   */
  column(x: number, top: number, text: string, style: TextStyle & { width: number; step?: number }): number {
    const step = style.step ?? ptToMm(style.size) * 1.05;
    let y = top;
    for (const char of printable(text)) {
      if (char.trim() !== '') this.text(x, y, verticalForm(char), { ...style, align: 'center' });
      y += step;
    }
    return y;
  }

  /** Breaks a paragraph into lines no wider than `width` mm, by the Chinese line-breaking rules. */
  lines(text: string, width: number, style: TextStyle & { indent?: number }): string[] {
    const lines: string[] = [];
    for (const paragraph of printable(text).split(/\r?\n/)) {
      const units = paragraph.match(UNBREAKABLE) ?? [];
      let line = style.indent ? '\u3000'.repeat(style.indent) : '';
      for (const unit of units) {
        const candidate = line + unit;
        if (line.trim() === '' || this.measure(candidate, style) <= width) {
          line = candidate;
          continue;
        }
        if (NO_LINE_START.has(unit[0] ?? '')) {
          // Hanging punctuation: a closing mark stays with the line it closes.
          line = candidate;
          continue;
        }
        let carried = '';
        while (line.length > 1 && NO_LINE_END.has(line.at(-1) ?? '')) {
          carried = line.at(-1) + carried;
          line = line.slice(0, -1);
        }
        if (unit.trim() === '' && carried === '') {
          lines.push(line.trimEnd());
          line = '';
          continue;
        }
        if (this.measure(unit, style) > width) {
          // A code longer than the line: break it where it must.
          lines.push(line.trimEnd());
          line = carried;
          for (const char of unit) {
            if (line !== '' && this.measure(line + char, style) > width) {
              lines.push(line);
              line = '';
            }
            line += char;
          }
          continue;
        }
        lines.push(line.trimEnd());
        line = carried + unit.trimStart();
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }

  /** Sets a paragraph; returns where the next thing starts (mm from the top). */
  paragraph(
    x: number,
    top: number,
    width: number,
    text: string,
    style: TextStyle & { lineHeight?: number; indent?: number; align?: 'left' | 'center' | 'right' },
  ): number {
    const step = ptToMm(style.size) * (style.lineHeight ?? 1.6);
    let y = top;
    for (const line of this.lines(text, width, style)) {
      this.text(x, y, line, { ...style, width, align: style.align });
      y += step;
    }
    return y;
  }

  line(x1: number, y1: number, x2: number, y2: number, style: BoxStyle = {}): void {
    const color = style.color ?? BLACK;
    this.page.drawLine({
      start: { x: mm(x1), y: mm(this.height - y1) },
      end: { x: mm(x2), y: mm(this.height - y2) },
      thickness: mm(style.thickness ?? 0.3),
      color: rgb(color[0], color[1], color[2]),
      dashArray: style.dash ? [mm(1.5), mm(1)] : undefined,
      lineCap: LineCapStyle.Butt,
    });
  }

  rect(x: number, top: number, width: number, height: number, style: BoxStyle = {}): void {
    const color = style.color ?? BLACK;
    this.page.drawRectangle({
      x: mm(x),
      y: mm(this.height - top - height),
      width: mm(width),
      height: mm(height),
      borderWidth: style.thickness === 0 ? 0 : mm(style.thickness ?? 0.3),
      borderColor: style.thickness === 0 ? undefined : rgb(color[0], color[1], color[2]),
      color: style.fill ? rgb(style.fill[0], style.fill[1], style.fill[2]) : undefined,
      borderDashArray: style.dash ? [mm(2), mm(1.5)] : undefined,
    });
  }

  /** A filled outline, an SVG path in millimetres from the top-left corner of the page. */
  path(d: string, style: { fill: Color }): void {
    if (d === '') return;
    this.page.drawSvgPath(d, {
      x: 0,
      y: mm(this.height),
      scale: mm(1),
      color: rgb(style.fill[0], style.fill[1], style.fill[2]),
      borderWidth: 0,
    });
  }

  /** A QR code `size` mm square whose top-left corner is at (x, top). */
  qr(text: string, x: number, top: number, size: number): void {
    const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const count = code.modules.size;
    const quiet = 2;
    const cell = mm(size) / (count + quiet * 2);
    let path = '';
    for (let row = 0; row < count; row += 1) {
      for (let column = 0; column < count; column += 1) {
        if (code.modules.get(row, column)) {
          path += `M${(column + quiet) * cell} ${(row + quiet) * cell}h${cell}v${cell}h${-cell}z`;
        }
      }
    }
    this.page.drawSvgPath(path, { x: mm(x), y: mm(this.height - top), color: rgb(0, 0, 0), borderWidth: 0 });
  }
}

export interface Column {
  title: string;
  /** Millimetres. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

/**
 * A document that runs over as many pages as it needs: margins, a running title, and
 * 第 n 页 共 m 页 at the foot of every page once there is more than one.
 */
export class Flow {
  page: PrintPage;
  y: number;
  readonly left: number;
  readonly width: number;

  constructor(
    readonly document: PrintDocument,
    private readonly options: { size: PaperSize; margin: number; runningTitle?: string },
  ) {
    this.left = options.margin;
    this.width = options.size.width - options.margin * 2;
    this.page = document.addPage(options.size);
    this.y = options.margin;
  }

  private get bottom(): number {
    return this.options.size.height - this.options.margin;
  }

  /** Starts a new page when `height` mm no longer fits on this one. */
  ensure(height: number): void {
    if (this.y + height <= this.bottom) return;
    this.page = this.document.addPage(this.options.size);
    this.y = this.options.margin;
    if (this.options.runningTitle) {
      this.page.text(this.left, this.y - 8, this.options.runningTitle, {
        size: 9,
        color: GREY,
        width: this.width,
        align: 'center',
      });
    }
  }

  space(height: number): void {
    this.y += height;
  }

  text(text: string, style: TextStyle & { align?: 'left' | 'center' | 'right'; after?: number }): void {
    const height = ptToMm(style.size) * 1.4;
    this.ensure(height);
    this.page.text(this.left, this.y, text, { ...style, width: this.width });
    this.y += height + (style.after ?? 0);
  }

  /**
   * A paragraph over as many pages as it needs. `keepWithNext` (mm) keeps its last two lines on one
   * page with what follows — a signature never stands alone on a page of its own.
   */
  paragraph(
    text: string,
    style: TextStyle & { lineHeight?: number; indent?: number; after?: number; keepWithNext?: number },
  ): void {
    const step = ptToMm(style.size) * (style.lineHeight ?? 1.7);
    const lines = this.page.lines(text, this.width, style);
    const tail = lines.length - Math.min(2, lines.length);
    for (const [index, line] of lines.entries()) {
      if (index === tail && style.keepWithNext !== undefined) {
        this.ensure((lines.length - tail) * step + (style.after ?? 0) + style.keepWithNext);
      }
      this.ensure(step);
      this.page.text(this.left, this.y, line, style);
      this.y += step;
    }
    this.y += style.after ?? 0;
  }

  /**
   * A ruled table; long cells wrap, and the header repeats on every page it runs over. `rowFill`
   * gives a row (by its index in `rows`) a background, to flag it.
   */
  table(
    columns: Column[],
    rows: string[][],
    style: TextStyle = { size: 10.5 },
    options: { rowFill?: (index: number) => Color | undefined } = {},
  ): void {
    const scale = this.width / columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => column.width * scale);
    const pad = 1.6;
    const step = ptToMm(style.size) * 1.45;
    const drawRow = (cells: string[], bold: boolean, fill?: Color) => {
      const wrapped = cells.map((cell, index) =>
        this.page.lines(cell, (widths[index] ?? 0) - pad * 2, style),
      );
      const height = Math.max(...wrapped.map((lines) => lines.length)) * step + pad * 2;
      let x = this.left;
      for (const [index, lines] of wrapped.entries()) {
        const width = widths[index] ?? 0;
        this.page.rect(x, this.y, width, height, { thickness: 0.25, fill });
        lines.forEach((line, row) => {
          this.page.text(x + pad, this.y + pad + row * step, line, {
            ...style,
            bold,
            width: width - pad * 2,
            align: columns[index]?.align,
          });
        });
        x += width;
      }
      this.y += height;
      return height;
    };
    const header = columns.map((column) => column.title);
    const headerHeight = step + pad * 2;
    this.ensure(headerHeight * 2);
    drawRow(header, true, [0.93, 0.93, 0.93]);
    for (const [index, row] of rows.entries()) {
      const tallest = Math.max(
        ...row.map((cell, index) => this.page.lines(cell, (widths[index] ?? 0) - pad * 2, style).length),
      );
      const height = tallest * step + pad * 2;
      if (this.y + height > this.bottom) {
        this.ensure(height + headerHeight);
        drawRow(header, true, [0.93, 0.93, 0.93]);
      }
      drawRow(row, false, options.rowFill?.(index));
    }
  }

  /** Writes the page numbers once every page exists. */
  finish(): void {
    const pages = this.document.pages;
    if (pages.length < 2) return;
    pages.forEach((page, index) => {
      page.text(0, page.height - this.options.margin / 2 - 3, `第 ${index + 1} 页 共 ${pages.length} 页`, {
        size: 9,
        color: GREY,
        width: page.width,
        align: 'center',
      });
    });
  }
}
