import { unpackFont } from './fonts.js';
import { GREY, mm, type PrintPage, RED } from './pdf.js';

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

/**
 * Sets the Mongolian `text` in its slot. The print fonts carry no Mongolian script yet, so until
 * shaped glyphs are drawn here the slot prints as a dashed box with a red note saying what is
 * missing: a sign is never sent to the maker in Chinese alone unawares.
 */
export function drawMongolian(
  page: PrintPage,
  slot: MongolianSlot,
  text: string | null,
  note: SlotNote,
): void {
  page.rect(slot.x, slot.top, slot.width, slot.height, {
    dash: true,
    color: GREY,
    thickness: Math.max(0.3, slot.size / 200),
  });
  const message = `${note.what}${text ? '待排版' : '待录入'}（${note.rule}）`;
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
