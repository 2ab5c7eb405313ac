import { unpackFont } from './fonts.js';
import { BLACK, GREY, mm, type PrintPage, RED } from './pdf.js';

/**
 * The one Mongolian font of the product: Noto Sans Mongolian 3.002 (OFL, `fonts/OFL-NotoSansMongolian.txt`),
 * the single Mongolian file of @fontsource/noto-sans-mongolian 5.3.0 (Hudum, Todo, Manchu and the
 * controls MVS, NNBSP, FVS, ZWJ/ZWNJ; no digits or Latin). The admin UI and the portal serve this same
 * file (src/web/mongolian.css), so a print shapes exactly as the screen. Never the system font:
 * Debian's fonts-noto-core 2.001 shapes some government texts differently.
 */
export const MONGOLIAN_FONT_FILE = 'NotoSansMongolian-Regular.woff2';

let mongolian: Promise<Uint8Array> | undefined;

/** The Mongolian font as an OpenType file (unpacked once per process), for pdf-lib and HarfBuzz. */
export function mongolianFont(): Promise<Uint8Array> {
  mongolian ??= unpackFont(MONGOLIAN_FONT_FILE).catch((error: unknown) => {
    mongolian = undefined;
    throw error;
  });
  return mongolian;
}

/**
 * Where the traditional Mongolian goes on a bilingual print (内蒙古自治区社会市面蒙汉两种文字并用
 * 管理办法): written horizontally, above the Chinese; written vertically, left of it; the same
 * size. Templates lay the Chinese out, ask `mongolianSlot` where its Mongolian goes, and hand
 * that box to `drawMongolian`: the one place Mongolian text is set.
 */
export interface MongolianSlot {
  /** Millimetres from the top-left corner of the page. */
  x: number;
  top: number;
  width: number;
  height: number;
  /** horizontal: lines above the Chinese; vertical: columns left of it */
  direction: 'horizontal' | 'vertical';
  /** The Chinese text's size, points: the Mongolian is set at the same size. */
  size: number;
}

export interface Box {
  x: number;
  top: number;
  width: number;
  height: number;
}

/** The slot for the Mongolian of a Chinese text set in `chinese`: the same box, above it or left of it. */
export function mongolianSlot(
  chinese: Box,
  direction: MongolianSlot['direction'],
  size: number,
  gap: number,
): MongolianSlot {
  return direction === 'horizontal'
    ? { ...chinese, top: chinese.top - gap - chinese.height, direction, size }
    : { ...chinese, x: chinese.x - gap - chinese.width, direction, size };
}

/** What a slot says while it cannot show the Mongolian, and why the print needs it. */
export interface SlotNote {
  /** e.g. 蒙古文名称 */
  what: string;
  /** e.g. 标识牌须蒙汉两种文字并用 */
  rule: string;
}

/** A shaped line of Mongolian, in ems of the font (1 = the point size), shaped left to right. */
export interface MongolianLine {
  glyphs: { id: number; x: number; dx: number; dy: number }[];
  /** The line's length. */
  advance: number;
  /** The ink above and below the baseline (both positive when ink reaches that side). */
  above: number;
  below: number;
}

/** The shaped lines of a text, each at most as long as `length` ems where words allow. */
export interface MongolianBlock {
  lines: MongolianLine[];
  /** The longest line, ems. */
  length: number;
  /** Across the lines, ems: each line's band and the gaps between them. */
  thickness: number;
}

/** Between two lines of Mongolian, ems. */
const LINE_GAP = 0.2;

export interface MongolianShaper {
  line(text: string): MongolianLine;
  /** `text` in `count` lines (or fewer, where it has no spaces to break at), as even as words allow. */
  block(text: string, count: number): MongolianBlock;
  /** A glyph's outline, ems, y up. */
  outline(id: number): { type: string; values: number[] }[];
}

let shaper: Promise<MongolianShaper> | undefined;

/**
 * HarfBuzz (harfbuzzjs) with the pinned font, shaping left to right as Chromium does before it
 * turns a vertical line: the print draws exactly the glyphs the screen shows, as vector outlines,
 * so a sign is exact at any size and no Mongolian font is needed in the PDF reader.
 */
export function mongolianShaper(): Promise<MongolianShaper> {
  shaper ??= (async () => {
    const [hb, data] = await Promise.all([import('harfbuzzjs'), mongolianFont()]);
    const face = new hb.Face(new hb.Blob(data));
    const font = new hb.Font(face);
    const em = face.upem;
    const outlines = new Map<number, { type: string; values: number[] }[]>();
    const line = (text: string): MongolianLine => {
      const buffer = new hb.Buffer();
      buffer.addText(text.normalize('NFC'));
      buffer.setDirection(hb.Direction.LTR);
      buffer.setScript('Mong');
      buffer.setLanguage('mn');
      hb.shape(font, buffer);
      const infos = buffer.getGlyphInfos();
      const positions = buffer.getGlyphPositions();
      let pen = 0;
      let above = 0;
      let below = 0;
      const glyphs = infos.map((info, index) => {
        const position = positions[index] ?? { xAdvance: 0, xOffset: 0, yOffset: 0 };
        const glyph = {
          id: info.codepoint,
          x: pen / em,
          dx: position.xOffset / em,
          dy: position.yOffset / em,
        };
        const extents = font.glyphExtents(info.codepoint);
        if (extents && extents.width !== 0) {
          above = Math.max(above, (extents.yBearing + position.yOffset) / em);
          below = Math.max(below, -(extents.yBearing + extents.height + position.yOffset) / em);
        }
        pen += position.xAdvance;
        return glyph;
      });
      return { glyphs, advance: pen / em, above, below };
    };
    const block = (text: string, count: number): MongolianBlock => {
      const words = text.trim().split(/ +/u);
      let best = [words.join(' ')];
      if (count > 1 && words.length > 1) {
        let bestLength = Number.POSITIVE_INFINITY;
        for (let i = 1; i < words.length; i += 1) {
          const parts = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
          const length = Math.max(...parts.map((part) => line(part).advance));
          if (length < bestLength) {
            bestLength = length;
            best = parts;
          }
        }
      }
      const lines = best.map(line);
      const band = Math.max(...lines.map((l) => l.above + l.below), 0.8);
      return {
        lines,
        length: Math.max(...lines.map((l) => l.advance)),
        thickness: lines.length * band + (lines.length - 1) * LINE_GAP,
      };
    };
    const outline = (id: number) => {
      let path = outlines.get(id);
      if (!path) {
        path = font.glyphToJson(id).map(({ type, values }) => ({ type, values: values.map((v) => v / em) }));
        outlines.set(id, path);
      }
      return path;
    };
    return { line, block, outline };
  })().catch((error: unknown) => {
    shaper = undefined;
    throw error;
  });
  return shaper;
}

/**
 * Draws a shaped block of Mongolian `size` mm to the em in `slot`: horizontal, lines left to right
 * stacked downwards (as signs in the region set Mongolian in a row); vertical, columns top to bottom
 * from left to right, the glyphs turned a quarter clockwise as vertical-lr turns them. Each line is
 * centred along the slot, the block across it.
 */
export function drawMongolianBlock(
  page: PrintPage,
  shaper: MongolianShaper,
  block: MongolianBlock,
  slot: Box & { direction: 'horizontal' | 'vertical' },
  size: number,
  color = BLACK,
): void {
  const vertical = slot.direction === 'vertical';
  const along = vertical ? slot.height : slot.width;
  const across = vertical ? slot.width : slot.height;
  const band = (block.thickness - (block.lines.length - 1) * LINE_GAP) / block.lines.length;
  let offset = (across - block.thickness * size) / 2;
  let d = '';
  const n = (value: number) => Math.round(value * 1000) / 1000;
  for (const line of block.lines) {
    const start = (along - line.advance * size) / 2;
    // the baseline, across the slot: the line's ink centred in its band
    const baseline =
      offset + ((band - line.above - line.below) / 2 + (vertical ? line.below : line.above)) * size;
    const point = (u: number, v: number) =>
      vertical
        ? `${n(slot.x + baseline + v * size)} ${n(slot.top + start + u * size)}`
        : `${n(slot.x + start + u * size)} ${n(slot.top + baseline - v * size)}`;
    for (const glyph of line.glyphs) {
      const u0 = glyph.x + glyph.dx;
      for (const { type, values } of shaper.outline(glyph.id)) {
        const points: string[] = [];
        for (let i = 0; i + 1 < values.length; i += 2) {
          points.push(point(u0 + (values[i] ?? 0), glyph.dy + (values[i + 1] ?? 0)));
        }
        d += `${type}${points.join(' ')}`;
      }
    }
    offset += (band + LINE_GAP) * size;
  }
  page.path(d, { fill: color });
}

/** Where an unreviewed Mongolian text prints, and how: a red mark a sign maker cannot miss. */
export const UNREVIEWED_MARK = '「蒙古文未审校」';

/**
 * Sets the Mongolian `text` in its slot at the slot's size, or — while there is none — a dashed box
 * with a red note saying what is missing, so a sign is never sent to the maker in Chinese alone
 * unawares. A text not yet reviewed by a translator is outlined in red with 「蒙古文未审校」 beside it.
 */
export function drawMongolian(
  page: PrintPage,
  slot: MongolianSlot,
  text: string | null,
  note: SlotNote,
  mongolian?: { shaper: MongolianShaper; block: MongolianBlock; reviewed: boolean },
): void {
  if (text && mongolian) {
    drawMongolianBlock(page, mongolian.shaper, mongolian.block, slot, slot.size / mm(1));
    if (!mongolian.reviewed) unreviewed(page, slot);
    return;
  }
  page.rect(slot.x, slot.top, slot.width, slot.height, {
    dash: true,
    color: GREY,
    thickness: Math.max(0.3, slot.size / 200),
  });
  const message = `${note.what}待录入（${note.rule}）`;
  const pad = Math.min(slot.width, slot.height) * 0.08;
  const inner = { width: slot.width - pad * 2, height: slot.height - pad * 2 };
  if (slot.direction === 'horizontal') {
    const size = page.fitSize(message, inner.width, Math.min(slot.size * 0.3, mm(inner.height) / 1.1));
    page.text(slot.x + pad, slot.top + (slot.height - size / mm(1)) / 2, message, {
      size,
      color: RED,
      width: inner.width,
      align: 'center',
    });
    return;
  }
  const count = [...message].length;
  const size = Math.min(slot.size * 0.3, mm(inner.height / count / 1.05), mm(inner.width));
  const step = (size / mm(1)) * 1.05;
  page.column(slot.x, slot.top + (slot.height - step * count) / 2, message, {
    size,
    color: RED,
    width: slot.width,
    step,
  });
}

/** The red dashed outline round an unreviewed text, and the mark outside it. */
function unreviewed(page: PrintPage, slot: MongolianSlot): void {
  const pad = (slot.size / mm(1)) * 0.08;
  page.rect(slot.x - pad, slot.top - pad, slot.width + pad * 2, slot.height + pad * 2, {
    dash: true,
    color: RED,
    thickness: Math.max(0.3, slot.size / 300),
  });
  // above the text in either direction: beside a column it would cross a sign's frame
  const fits = page.fitSize(UNREVIEWED_MARK, Math.max(slot.width + pad * 2, 40), 40);
  const size = Math.max(8, Math.min(slot.size * 0.18, fits));
  const height = size / mm(1);
  page.text(slot.x - pad, Math.max(2, slot.top - pad - height * 1.15), UNREVIEWED_MARK, { size, color: RED });
}

/** A piece of a vertical column: a Mongolian word, shaped, or characters set upright (Chinese, digits). */
type Piece = { kind: 'mongolian'; line: MongolianLine } | { kind: 'upright'; text: string };

/** Columns of text written vertically, top to bottom, left to right, at one size (mm to the em). */
export interface VerticalText {
  columns: Piece[][];
  /** each column's width, mm */
  columnWidth: number;
  /** how far the columns reach across, mm */
  width: number;
  size: number;
  /** the Mongolian band's ink above and below its baseline, ems: one baseline for every word of a column */
  above: number;
  below: number;
}

const MONGOLIAN_RUN = /[\u1800-\u18AF\u202F]+/u;
const COLUMN_GAP = 0.35;

/**
 * Breaks a Mongolian text with Chinese in it (a name, a unit) into columns `height` mm long at
 * `size` mm to the em: Mongolian by words, each other character on its own (set upright, as
 * vertical-lr sets Chinese). Mongolian digits (U+1810–1819) belong to the Mongolian.
 */
export function verticalText(
  shaper: MongolianShaper,
  text: string,
  size: number,
  height: number,
): VerticalText {
  const pieces: Piece[] = [];
  for (const part of text.split(/(\s+)/u)) {
    if (!part.trim()) continue;
    for (const run of part.split(/([\u1800-\u18AF\u202F]+)/u)) {
      if (!run) continue;
      if (MONGOLIAN_RUN.test(run)) {
        pieces.push({ kind: 'mongolian', line: shaper.line(run) });
        continue;
      }
      // a name or a unit stays in one column where one holds it, else it runs on in the next
      const chars = [...run];
      const perColumn = Math.max(1, Math.floor(height / (size * 1.05)));
      for (let i = 0; i < chars.length; i += perColumn) {
        pieces.push({ kind: 'upright', text: chars.slice(i, i + perColumn).join('') });
      }
    }
  }
  const mongolian = pieces.flatMap((p) => (p.kind === 'mongolian' ? [p.line] : []));
  const above = Math.max(0.6, ...mongolian.map((l) => l.above));
  const below = Math.max(0.2, ...mongolian.map((l) => l.below));
  const length = (piece: Piece) =>
    piece.kind === 'mongolian' ? piece.line.advance * size : [...piece.text].length * size * 1.05;
  const space = size * 0.3;
  const columns: Piece[][] = [];
  let column: Piece[] = [];
  let used = 0;
  for (const piece of pieces) {
    const wordSpace = column.length > 0 && piece.kind === 'mongolian' ? space : 0;
    if (column.length > 0 && used + wordSpace + length(piece) > height) {
      columns.push(column);
      column = [];
      used = 0;
    }
    used += (column.length > 0 && piece.kind === 'mongolian' ? space : 0) + length(piece);
    column.push(piece);
  }
  if (column.length > 0) columns.push(column);
  const columnWidth = size * Math.max(1, above + below);
  const width = columns.length * columnWidth + Math.max(0, columns.length - 1) * COLUMN_GAP * size;
  return { columns, columnWidth, width, size, above, below };
}

/** Sets `text` (of `verticalText`) with its first column's left edge at `x`; answers where it ends across. */
export function drawVerticalText(
  page: PrintPage,
  shaper: MongolianShaper,
  text: VerticalText,
  x: number,
  top: number,
  color = BLACK,
): number {
  const { size } = text;
  let left = x;
  for (const column of text.columns) {
    let y = top;
    column.forEach((piece, index) => {
      if (piece.kind === 'upright') {
        y = page.column(left, y, piece.text, {
          size: size * mm(1),
          color,
          width: text.columnWidth,
          step: size * 1.05,
        });
        return;
      }
      if (index > 0) y += size * 0.3;
      const line = { ...piece.line, above: text.above, below: text.below };
      const block = { lines: [line], length: line.advance, thickness: text.above + text.below };
      const slot = {
        x: left,
        top: y,
        width: text.columnWidth,
        height: line.advance * size,
        direction: 'vertical' as const,
      };
      drawMongolianBlock(page, shaper, block, slot, size, color);
      y += line.advance * size;
    });
    left += text.columnWidth + COLUMN_GAP * size;
  }
  return left - COLUMN_GAP * size;
}

/** A number in Mongolian digits (᠐–᠙), as a Mongolian text writes a year or a date. */
export const mongolianDigits = (value: string | number) =>
  String(value).replace(/[0-9]/g, (d) => String.fromCodePoint(0x1810 + Number(d)));
