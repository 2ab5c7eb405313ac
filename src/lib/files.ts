/** The media type of an Excel workbook, for uploads, downloads and the browser's file pickers. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What an uploaded file may be, by its real type (read from its first bytes), and the name
 * endings that go with each. Old-Office compound files (.doc/.xls/.ppt, OLE2) are not among them:
 * they carry macros and embedded objects the modern formats keep apart, and the same container
 * holds installers (.msi), so only the modern formats are accepted.
 */
export const ATTACHMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'image/webp': ['.webp'],
  'image/gif': ['.gif'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  [XLSX_TYPE]: ['.xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['.pptx'],
};

/** The most pixels an image may declare, and the longest side: a few bytes can declare gigapixels. */
export const MAX_IMAGE_PIXELS = 40_000_000;
export const MAX_IMAGE_SIDE = 12_000;

/** The longest file name kept, in characters (at most 3 bytes each: within any file system's 255). */
export const MAX_FILENAME_LENGTH = 80;

/**
 * Characters a file name never keeps: control characters (C0, DEL, C1), format characters (the
 * bidi controls U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C that make `exe.pdf` read as
 * `pdf.exe`, zero-width ones, U+FEFF) and line/paragraph separators.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** Characters no Windows file name may hold: a downloaded file keeps its name on every system. */
const RESERVED = /[<>:"|?*]/g;

/**
 * The ending of a file name, lower-cased, with its dot ('.pdf'); '' when it has none. An ending is
 * up to 8 Latin letters and digits, at least one a letter: `纪要 2026.03.10` and `v1.2版说明` have none.
 */
export function extensionOf(filename: string): string {
  const ending = /[^.]\.([a-z0-9]{1,8})$/i.exec(filename)?.[1];
  return ending && /[a-z]/i.test(ending) ? `.${ending.toLowerCase()}` : '';
}

/**
 * A file name as stored and offered for download: the last part of a path, without invisible or
 * reserved characters, trimmed, at most MAX_FILENAME_LENGTH characters (its ending kept); the
 * fallback when nothing is left.
 */
export function cleanFilename(raw: string, fallback: string): string {
  const last = raw.normalize('NFC').split(/[\\/]/).pop() ?? '';
  const name = last
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!name) return fallback;
  const chars = [...name];
  if (chars.length <= MAX_FILENAME_LENGTH) return name;
  const ext = extensionOf(name);
  const keep = ext.length < 10 ? [...ext].length : 0;
  const stem = chars.slice(0, chars.length - keep).slice(0, MAX_FILENAME_LENGTH - keep);
  return `${stem.join('').trimEnd()}${keep ? chars.slice(-keep).join('') : ''}`;
}

export interface ImageSize {
  width: number;
  height: number;
}

const u16be = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8);
const u24le = (b: Uint8Array, i: number) => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
const u32be = (b: Uint8Array, i: number) => u16be(b, i) * 0x10000 + u16be(b, i + 2);
const ascii = (b: Uint8Array, start: number, end: number) => String.fromCharCode(...b.subarray(start, end));

/** A JPEG's size from its first frame header (SOFn), read marker by marker without decoding. */
function jpegSize(b: Uint8Array): ImageSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // markers without a length: TEM, RST0–7, SOI, EOI
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd9)) {
      i += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: u16be(b, i + 5), width: u16be(b, i + 7) };
    i += 2 + u16be(b, i + 2);
  }
  return null;
}

/** A WebP's canvas size, from whichever of its three layouts (lossy, lossless, extended) it has. */
function webpSize(b: Uint8Array): ImageSize | null {
  if (b.length < 30 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 12) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 16);
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  if (chunk === 'VP8L') {
    const bits = b[21]! | (b[22]! << 8) | (b[23]! << 16) | (b[24]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  return null;
}

/**
 * The size an image declares in its header, read without decoding it (PNG, JPEG, GIF, WebP);
 * null when the header is not there to read.
 */
export function imageSize(bytes: Uint8Array, mime: string): ImageSize | null {
  switch (mime) {
    case 'image/png':
      if (bytes.length < 24 || ascii(bytes, 12, 16) !== 'IHDR') return null;
      return { width: u32be(bytes, 16), height: u32be(bytes, 20) };
    case 'image/gif':
      if (bytes.length < 10) return null;
      return { width: u16le(bytes, 6), height: u16le(bytes, 8) };
    case 'image/jpeg':
      return jpegSize(bytes);
    case 'image/webp':
      return webpSize(bytes);
    default:
      return null;
  }
}

/** Why an image of this size is refused, in the words a user reads; null when it is fine. */
export function imageSizeProblem(size: ImageSize | null): string | null {
  if (!size || size.width === 0 || size.height === 0) return '图片已损坏或无法识别';
  if (
    size.width > MAX_IMAGE_SIDE ||
    size.height > MAX_IMAGE_SIDE ||
    size.width * size.height > MAX_IMAGE_PIXELS
  ) {
    return `图片尺寸过大（${size.width}×${size.height} 像素）：边长不能超过 ${MAX_IMAGE_SIDE} 像素，总像素不能超过 ${MAX_IMAGE_PIXELS / 1_000_000} 百万`;
  }
  return null;
}
