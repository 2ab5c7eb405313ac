import {
  type Box,
  drawMongolian,
  type MongolianBlock,
  type MongolianShaper,
  mongolianShaper,
} from './mongolian.js';
import {
  BLACK,
  GREY,
  mm,
  NO_LINE_END,
  NO_LINE_START,
  type PaperSize,
  PrintDocument,
  type PrintPage,
  RED,
} from './pdf.js';

/** 标识牌: the outdoor sign of a home, to the unified spec (R9), at its real size. */

export const PLAQUE_LAYOUTS = ['horizontal', 'vertical'] as const;
export type PlaqueLayout = (typeof PLAQUE_LAYOUTS)[number];

/** The sign's real sizes, millimetres: the page is the sign. */
export const PLAQUE_SIZES: Record<PlaqueLayout, PaperSize & { label: string }> = {
  horizontal: { width: 900, height: 600, label: '横式' },
  vertical: { width: 400, height: 1200, label: '竖式' },
};

/** What the trimmed margin tells the sign maker, e.g. 标识牌 900 mm × 600 mm（横式）. */
export function plaqueSizeNote(layout: PlaqueLayout): string {
  const size = PLAQUE_SIZES[layout];
  return `标识牌 ${size.width} mm × ${size.height} mm（${size.label}）`;
}

export interface PlaqueData {
  name: string;
  /** The Mongolian name as entered, or null while there is none. */
  nameMn: string | null;
  /** Whether a translator has reviewed `nameMn`; a draft prints marked 「蒙古文未审校」. */
  nameMnReviewed: boolean;
  brand: string | null;
  /** The unit the home belongs to, e.g. 政协鄂尔多斯市委员会. */
  unit: string;
  plaqueNo: string | null;
  /** The home's page on the public portal, which the QR code opens. */
  portalUrl: string;
}

/** Points in a millimetre: a character `s` mm high is set at `s * PT` points. */
const PT = mm(1);
const NAME_NOTE = { what: '蒙古文名称', rule: '标识牌须蒙汉两种文字并用' };
const QR_CAPTION = '扫码了解 · 反映意见';

export async function plaquePdf(data: PlaqueData, layout: PlaqueLayout): Promise<Buffer> {
  const document = await PrintDocument.create({ title: `${data.name}标识牌`, author: data.unit });
  const page = document.addPage(PLAQUE_SIZES[layout]);
  const shaper = data.nameMn?.trim() ? await mongolianShaper() : null;
  const mongolian: Mongolian = (count) => {
    if (!shaper || !data.nameMn?.trim()) return null;
    const block = shaper.block(data.nameMn, count);
    return { shaper, block, reviewed: data.nameMnReviewed };
  };
  if (layout === 'horizontal') horizontalPlaque(page, data, mongolian);
  else verticalPlaque(page, data, mongolian);
  page.text(12, page.height - 12, plaqueSizeNote(layout), { size: 14, color: GREY });
  return document.save();
}

/**
 * Where a name breaks in two without tearing a word: after a place (…市, …区, …街道, …嘎查), a
 * bracket or a space, and before 委员之家 or 委员工作室.
 */
const NATURAL_BREAK = {
  before: /^(（|委员之家|委员工作室|政协|[\s·])/u,
  after: /(市|区|旗|县|镇|乡|街道|社区|苏木|嘎查|村|）|[\s·])$/u,
};

/**
 * A long name in two balanced parts (by `cost`, its width or its length): never inside a Latin word
 * or number, never against the line-breaking rules, and at a natural break unless one a fifth more
 * even exists; of two as even, the one with the longer first line.
 */
export function twoParts(text: string, cost: (part: string) => number): [string, string] | null {
  const chars = [...text];
  let best: [string, string] | null = null;
  let bestScore = Number.POSITIVE_INFINITY;
  for (let i = 1; i < chars.length; i += 1) {
    const last = chars[i - 1] ?? '';
    const first = chars[i] ?? '';
    if (NO_LINE_START.has(first) || NO_LINE_END.has(last)) continue;
    if (/[A-Za-z0-9]/.test(last) && /[A-Za-z0-9]/.test(first)) continue;
    const raw: [string, string] = [chars.slice(0, i).join(''), chars.slice(i).join('')];
    const parts: [string, string] = [raw[0].trimEnd(), raw[1].trimStart()];
    if (!parts[0] || !parts[1]) continue;
    const natural = NATURAL_BREAK.after.test(raw[0]) || NATURAL_BREAK.before.test(raw[1]);
    const score = Math.max(cost(parts[0]), cost(parts[1])) * (natural ? 0.8 : 1);
    if (score <= bestScore) {
      bestScore = score;
      best = parts;
    }
  }
  return best;
}

/** The name as one line, and in two when that sets it at least 15% larger. */
function bestOf<T extends { size: number }>(one: T, two: T | null): T {
  return two && two.size > one.size * 1.15 ? two : one;
}

/** A red double rule `inset` mm inside the edge, as the unified sign has. */
function frame(page: PrintPage, inset: number) {
  page.rect(inset, inset, page.width - inset * 2, page.height - inset * 2, { thickness: 4, color: RED });
  const inner = inset + 7;
  page.rect(inner, inner, page.width - inner * 2, page.height - inner * 2, { thickness: 1, color: RED });
}

/** The QR code to the home's portal page, `size` mm square, with its caption under it. */
function portalCode(page: PrintPage, url: string, x: number, top: number, size: number) {
  page.qr(url, x, top, size);
  const caption = page.fitSize(QR_CAPTION, size, 16);
  page.text(x, top + size + 1, QR_CAPTION, { size: caption, width: size, align: 'center', color: GREY });
}

const count = (text: string) => [...text].length;

/** The home's Mongolian name shaped in `lines` lines, or null while it has none. */
type Mongolian = (
  lines: number,
) => { shaper: MongolianShaper; block: MongolianBlock; reviewed: boolean } | null;

/**
 * 横式 900 × 600: the Mongolian line above the Chinese name, the same size; the brand under the
 * name; the unit under that; the plaque number and the QR code at the foot.
 */
function horizontalPlaque(page: PrintPage, data: PlaqueData, mongolian: Mongolian) {
  frame(page, 25);
  const left = 60;
  const top = 60;
  const width = page.width - left * 2;
  const bottom = page.height - 60;
  const qr = 62;
  const qrTop = bottom - qr - 9;
  portalCode(page, data.portalUrl, left + width - qr, qrTop, qr);
  if (data.plaqueNo) {
    const label = `牌匾编号：${data.plaqueNo}`;
    const size = page.fitSize(label, width - qr - 20, 26);
    page.text(left, bottom - size / PT - 2, label, { size });
  }
  const area = qrTop - 10 - top;

  const bold = { bold: true } as const;
  /** Width in mm of a line set 1 mm high. */
  const unitWidth = (line: string, style: { bold?: boolean } = bold) =>
    Math.max(page.measure(line, { ...style, size: PT }), 1);
  const brandSize = (s: number) =>
    data.brand ? Math.min(0.42 * s, 45, width / unitWidth(data.brand, {})) : 0;
  const unitSize = (s: number) => Math.min(0.32 * s, 32, width / unitWidth(data.unit, {}));
  const sized = (lines: string[]) => {
    const mn = mongolian(lines.length);
    const block = (s: number) => s * (1.2 * lines.length - 0.2);
    // the Mongolian line(s) as thick as they are; its slot while it has none, as the Chinese
    const mnBlock = (s: number) => (mn ? mn.block.thickness * s : block(s));
    const total = (s: number) =>
      block(s) + mnBlock(s) + 0.2 * s + (data.brand ? 0.3 * s + brandSize(s) : 0) + 0.45 * s + unitSize(s);
    // each language's line fitted to the width, then the smaller size for both
    const longest = Math.max(...lines.map((line) => unitWidth(line)), mn ? mn.block.length : 0);
    let s = Math.min(130, width / longest);
    while (total(s) > area) s *= 0.98;
    return { lines, mn, size: s, block: block(s), mnBlock: mnBlock(s), total: total(s) };
  };
  const split = twoParts(data.name, (part) => unitWidth(part));
  const name = bestOf(sized([data.name]), split ? sized(split) : null);
  const s = name.size;

  let y = top + (area - name.total) / 2;
  const chinese: Box = { x: left, top: y + name.mnBlock + 0.2 * s, width, height: name.block };
  const slot = {
    x: left,
    top: y,
    width,
    height: name.mnBlock,
    direction: 'horizontal' as const,
    size: s * PT,
  };
  drawMongolian(page, slot, data.nameMn, NAME_NOTE, name.mn ?? undefined);
  name.lines.forEach((line, index) => {
    page.text(left, chinese.top + index * 1.2 * s, line, {
      size: s * PT,
      ...bold,
      color: RED,
      width,
      align: 'center',
    });
  });
  y = chinese.top + chinese.height;
  if (data.brand) {
    y += 0.3 * s;
    const b = brandSize(s);
    page.text(left, y, data.brand, { size: b * PT, color: BLACK, width, align: 'center' });
    y += b;
  }
  y += 0.45 * s;
  page.text(left, y, data.unit, { size: unitSize(s) * PT, color: BLACK, width, align: 'center' });
}

/**
 * 竖式 400 × 1200: columns read top to bottom, left to right — the Mongolian column(s) left of the
 * Chinese name, the same size; the brand, then the unit in smaller columns to the right; the plaque
 * number and the QR code at the foot.
 */
function verticalPlaque(page: PrintPage, data: PlaqueData, mongolian: Mongolian) {
  frame(page, 20);
  const left = 45;
  const top = 55;
  const width = page.width - left * 2;
  const bottom = page.height - 55;
  const qr = 70;
  const qrTop = bottom - qr - 9;
  portalCode(page, data.portalUrl, left + (width - qr) / 2, qrTop, qr);
  let areaBottom = qrTop - 20;
  if (data.plaqueNo) {
    const label = `牌匾编号：${data.plaqueNo}`;
    const size = page.fitSize(label, width, 22);
    page.text(left, qrTop - 5 - size / PT, label, { size, width, align: 'center' });
    areaBottom = qrTop - 25 - 22 / PT;
  }
  const area = areaBottom - top;
  const step = 1.05;

  const sized = (columns: string[]) => {
    const mn = mongolian(columns.length);
    const longest = Math.max(...columns.map(count));
    const gap = (s: number) => 0.15 * s;
    const block = (s: number) => columns.length * s + (columns.length - 1) * gap(s);
    const mnBlock = (s: number) => (mn ? mn.block.thickness * s : block(s));
    const brand = (s: number) => (data.brand ? Math.min(0.45 * s, area / (count(data.brand) * step)) : 0);
    const unit = (s: number) => Math.min(0.32 * s, area / (count(data.unit) * step));
    const total = (s: number) =>
      block(s) + mnBlock(s) + 0.2 * s + (data.brand ? 0.35 * s + brand(s) : 0) + 0.3 * s + unit(s);
    // each language's column fitted to the height, then the smaller size for both
    let s = Math.min(130, area / (longest * step), mn ? area / mn.block.length : 130);
    while (total(s) > width) s *= 0.98;
    // a name narrowed by the sign's width spreads its characters down the column instead
    const spread = longest > 1 ? Math.min(1.3, Math.max(step, (area / s - 1) / (longest - 1))) : step;
    return {
      columns,
      mn,
      mnBlock: mnBlock(s),
      size: s,
      step: spread,
      gap: gap(s),
      block: block(s),
      height: ((longest - 1) * spread + 1) * s,
      brand: brand(s),
      unit: unit(s),
      total: total(s),
    };
  };
  const split = twoParts(data.name, count);
  const name = bestOf(sized([data.name]), split ? sized(split) : null);
  const s = name.size;

  let x = left + (width - name.total) / 2;
  const y = top + (area - name.height) / 2;
  const chinese: Box = { x: x + name.mnBlock + 0.2 * s, top: y, width: name.block, height: name.height };
  // the Mongolian column as long as it is, centred on the Chinese
  const length = Math.max(name.height, (name.mn?.block.length ?? 0) * s);
  const slot = {
    x,
    top: y + (name.height - length) / 2,
    width: name.mnBlock,
    height: length,
    direction: 'vertical' as const,
    size: s * PT,
  };
  drawMongolian(page, slot, data.nameMn, NAME_NOTE, name.mn ?? undefined);
  name.columns.forEach((column, index) => {
    page.column(chinese.x + index * (s + name.gap), y, column, {
      size: s * PT,
      bold: true,
      color: RED,
      width: s,
      step: name.step * s,
    });
  });
  x = chinese.x + chinese.width;
  if (data.brand) {
    x += 0.35 * s;
    const b = name.brand;
    const height = count(data.brand) * step * b;
    const brandTop =
      height <= name.height ? y + Math.min(0.5 * s, name.height - height) : y - (height - name.height) / 2;
    page.column(x, Math.max(top, brandTop), data.brand, { size: b * PT, width: b, step: step * b });
    x += b;
  }
  x += 0.3 * s;
  const u = name.unit;
  const unitTop = Math.max(top, y + name.height - count(data.unit) * step * u);
  page.column(x, unitTop, data.unit, { size: u * PT, width: u, step: step * u });
}
