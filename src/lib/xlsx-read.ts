import path from 'node:path';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { AppError, badRequest } from '../server/errors.js';

/**
 * Reads the first worksheet of an uploaded workbook (.xlsx), row by row, within caps.
 *
 * An .xlsx is a zip. Its central directory is read first, so a file that is not a workbook, holds
 * too many parts, inflates past a cap or compresses absurdly well (a zip bomb) is refused before
 * anything is inflated. Then only the parts needed to read the sheet (workbook, styles, shared
 * strings, the first worksheet) are inflated, each bounded by the size the directory declares
 * (yauzl stops an entry that inflates past it), and are handed to exceljs's streaming reader as a
 * small uncompressed zip in the order it reads best: the shared strings before the sheet, so the
 * sheet streams instead of being spooled to disk. The chunks end on whole UTF-8 characters, as
 * exceljs decodes each chunk on its own and would otherwise garble a character cut in two.
 */

/** One row as a user sees it: `cells[0]` is column A; empty cells are ''. */
export interface SheetRow {
  row: number;
  cells: string[];
}

export interface SheetLimits {
  /** the most data rows: the non-empty rows below the header row (row 1) */
  maxRows: number;
  /** the last column a value may stand in */
  maxCells?: number;
  /** the most characters in one cell */
  maxCellChars?: number;
}

const MB = 1024 * 1024;

/** What a workbook may hold, as its zip's central directory declares it. */
const XLSX_CAPS = {
  entries: 1000,
  /** all parts together, inflated */
  totalBytes: 60 * MB,
  /** the first worksheet's XML */
  sheetBytes: 40 * MB,
  sharedStringsBytes: 40 * MB,
  /** the workbook, its relationships and its styles, each */
  partBytes: 5 * MB,
  /** inflated:compressed above this, for parts larger than `ratioFrom`, is a zip bomb */
  ratio: 200,
  ratioFrom: MB,
} as const;

const DEFAULT_MAX_CELLS = 200;
const DEFAULT_MAX_CELL_CHARS = 5000;
/** rows read between two turns of the event loop, so other requests are served meanwhile */
const ROWS_PER_TURN = 200;
const CHUNK_BYTES = 64 * 1024;

const EMPTY = '文件是空的，请选择填写好的 Excel 文件';
const NOT_XLSX = '文件不是 Excel（.xlsx）格式，请使用导入模板';
const OLD_OR_LOCKED =
  '文件是旧版 Excel（.xls）格式或设有打开密码，无法读取：请在 Excel 中取消密码并另存为 .xlsx 后再导入';
const UNREADABLE = '无法读取该 Excel 文件，请确认文件未损坏并为 .xlsx 格式';
const NO_SHEET = '文件中没有工作表';
const TOO_MANY_PARTS = `文件包含的部件过多（超过 ${XLSX_CAPS.entries} 个），不是常见的 Excel 文件：请将数据复制到导入模板后再导入`;
const TOO_LARGE = `文件解压后超过 ${XLSX_CAPS.totalBytes / MB} MB：请删除无关的工作表和图片，或拆分文件`;
const ZIP_BOMB = '文件的压缩比异常，可能是恶意构造的文件，已拒绝：请将数据复制到导入模板后再导入';
const ODD_PART = '文件结构异常（部件过大），无法读取：请将数据复制到导入模板后再导入';
const tooManyRows = (max: number) => `一次最多导入 ${max} 行，请拆分文件`;
const sheetTooLarge = (max: number) =>
  `工作表过大（解压后超过 ${XLSX_CAPS.sheetBytes / MB} MB）：一次最多导入 ${max} 行，请拆分文件`;
const tooManyColumns = (row: number, max: number) =>
  `第 ${row} 行的数据超出了第 ${max} 列：每行最多 ${max} 列，请删除多余的列`;
const cellTooLong = (row: number, col: number, max: number) =>
  `第 ${row} 行 ${columnLetter(col)} 列的内容超过 ${max} 个字符，请精简后再导入`;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Old Office files and password-protected workbooks are OLE compound files. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

const RELS_XML = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
);
const NO_SHARED_STRINGS = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
);

/** The rows of the first worksheet; every refusal is a 400 whose message says what to do. */
export async function* readFirstSheet(buffer: Buffer, limits: SheetLimits): AsyncGenerator<SheetRow> {
  const maxCells = limits.maxCells ?? DEFAULT_MAX_CELLS;
  const maxCellChars = limits.maxCellChars ?? DEFAULT_MAX_CELL_CHARS;
  const zip = await openWorkbook(buffer);
  const parts = await sheetParts(zip, limits.maxRows);
  const source = Readable.from(repacked(zip, parts));
  const failed = new Promise<never>((_, reject) => source.once('error', reject));
  failed.catch(() => {});
  // exceljs does not see an error of its input (it is piped): race every step against it
  const step = <T>(promise: Promise<T>) => Promise.race([promise, failed]);
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      // the number formats tell a date from a number
      styles: 'cache',
      entries: 'ignore',
    });
    const sheets = reader[Symbol.asyncIterator]();
    const sheet = await step(sheets.next());
    if (sheet.done) throw badRequest(NO_SHEET);
    const rows = sheet.value[Symbol.asyncIterator]();
    let previous = 0;
    let dataRows = 0;
    for (let seen = 1; ; seen++) {
      if (seen % ROWS_PER_TURN === 0) await nextTurn();
      const next = await step(rows.next());
      if (next.done) break;
      const row = Number.isFinite(next.value.number) ? next.value.number : previous + 1;
      previous = row;
      const cells = textsOf(next.value, row, maxCells, maxCellChars);
      if (cells.length === 0) continue;
      if (row > 1 && ++dataRows > limits.maxRows) throw badRequest(tooManyRows(limits.maxRows));
      yield { row, cells };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest(UNREADABLE);
  } finally {
    source.destroy();
  }
}

/** The zip's central directory, checked against the caps before anything is inflated. */
async function openWorkbook(buffer: Buffer): Promise<Workbook> {
  if (buffer.length === 0) throw badRequest(EMPTY);
  if (buffer.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) throw badRequest(OLD_OR_LOCKED);
  if (!buffer.subarray(0, ZIP_MAGIC.length).equals(ZIP_MAGIC)) throw badRequest(NOT_XLSX);
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, validateEntrySizes: true });
  } catch {
    throw badRequest(UNREADABLE);
  }
  if (zip.entryCount > XLSX_CAPS.entries) throw badRequest(TOO_MANY_PARTS);
  const entries = new Map<string, yauzl.Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const name = entry.fileName.toLowerCase();
      // two parts of one name: which one a reader takes is up to the reader
      if (entries.has(name) || entry.isEncrypted()) throw badRequest(UNREADABLE);
      if (
        entry.uncompressedSize > XLSX_CAPS.ratioFrom &&
        entry.uncompressedSize > entry.compressedSize * XLSX_CAPS.ratio
      )
        throw badRequest(ZIP_BOMB);
      total += entry.uncompressedSize;
      entries.set(name, entry);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest(UNREADABLE);
  }
  return { zip, entries, total };
}

interface Workbook {
  zip: yauzl.ZipFile;
  /** by lower-case name: part names are case-insensitive */
  entries: Map<string, yauzl.Entry>;
  /** all parts together, inflated */
  total: number;
}

/** A part of the zip handed to exceljs, under the name it looks for. */
interface Part {
  name: string;
  size: number;
  data: Buffer | yauzl.Entry;
}

/** The parts exceljs needs to read the first worksheet, found through the package's relationships. */
async function sheetParts(book: Workbook, maxRows: number): Promise<Part[]> {
  const rootRels = book.entries.get('_rels/.rels');
  const office = rootRels
    ? relationships(await inflated(book, rootRels, XLSX_CAPS.partBytes), '').find((r) =>
        r.type.endsWith('/officeDocument'),
      )
    : undefined;
  const workbookName = office?.target ?? 'xl/workbook.xml';
  const workbookEntry = book.entries.get(workbookName);
  if (!workbookEntry) throw badRequest(NOT_XLSX);
  const folder = path.posix.dirname(workbookName);
  const relsEntry = book.entries.get(`${folder}/_rels/${path.posix.basename(workbookName)}.rels`);
  if (!relsEntry) throw badRequest(NO_SHEET);
  const rels = relationships(await inflated(book, relsEntry, XLSX_CAPS.partBytes), folder);
  const workbook = await inflated(book, workbookEntry, XLSX_CAPS.partBytes);

  const byId = new Map(rels.map((r) => [r.id, r]));
  const first = tagsOf(workbook.toString('utf8'), 'sheet')
    .map((sheet) => byId.get(Object.entries(sheet).find(([name]) => name.endsWith(':id'))?.[1] ?? ''))
    .find((rel) => rel?.type.endsWith('/worksheet'));
  const sheet = first && book.entries.get(first.target);
  if (!sheet) throw badRequest(NO_SHEET);
  if (sheet.uncompressedSize > XLSX_CAPS.sheetBytes) throw badRequest(sheetTooLarge(maxRows));
  if (book.total > XLSX_CAPS.totalBytes) throw badRequest(TOO_LARGE);

  const partOf = (type: string) => {
    const rel = rels.find((r) => r.type.endsWith(type));
    return rel && book.entries.get(rel.target);
  };
  const styles = partOf('/styles');
  const strings = partOf('/sharedStrings');
  if (strings && strings.uncompressedSize > XLSX_CAPS.sharedStringsBytes) throw badRequest(ODD_PART);
  const parts: Part[] = [
    { name: 'xl/_rels/workbook.xml.rels', size: RELS_XML.length, data: RELS_XML },
    { name: 'xl/workbook.xml', size: workbook.length, data: workbook },
  ];
  if (styles) {
    const data = await inflated(book, styles, XLSX_CAPS.partBytes);
    parts.push({ name: 'xl/styles.xml', size: data.length, data });
  }
  parts.push(
    strings
      ? { name: 'xl/sharedStrings.xml', size: strings.uncompressedSize, data: strings }
      : { name: 'xl/sharedStrings.xml', size: NO_SHARED_STRINGS.length, data: NO_SHARED_STRINGS },
    { name: 'xl/worksheets/sheet1.xml', size: sheet.uncompressedSize, data: sheet },
  );
  return parts;
}

/** A small part, inflated whole. */
async function inflated(book: Workbook, entry: yauzl.Entry, cap: number): Promise<Buffer> {
  if (entry.uncompressedSize > cap) throw badRequest(ODD_PART);
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await book.zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  } catch {
    throw badRequest(UNREADABLE);
  }
}

interface Relationship {
  id: string;
  type: string;
  /** the part it names, as a lower-case name in the zip */
  target: string;
}

function relationships(xml: Buffer, folder: string): Relationship[] {
  return tagsOf(xml.toString('utf8'), 'Relationship')
    .filter((r) => r.Id && r.Target && r.TargetMode !== 'External')
    .map((r) => {
      const target = r.Target!.replaceAll('\\', '/');
      const name = target.startsWith('/') ? target.slice(1) : path.posix.join(folder, target);
      return { id: r.Id!, type: r.Type ?? '', target: path.posix.normalize(name).toLowerCase() };
    });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The attributes of every `<name …>` tag (any namespace prefix), in document order. */
function tagsOf(xml: string, name: string): Array<Record<string, string | undefined>> {
  const tags = xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, 'g'));
  return [...tags].map((tag) =>
    Object.fromEntries(
      [...(tag[1] ?? '').matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => [
        a[1],
        (a[2] ?? a[3] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ENTITIES[e]!),
      ]),
    ),
  );
}

/** A stored (uncompressed) zip of the parts, in chunks that end on whole UTF-8 characters. */
async function* repacked(book: Workbook, parts: Part[]): AsyncGenerator<Buffer> {
  for (const part of parts) {
    yield localHeader(part.name, part.size);
    if (Buffer.isBuffer(part.data)) {
      yield* chunksOf(part.data);
      continue;
    }
    let carry: Buffer = Buffer.alloc(0);
    // yauzl fails the stream of an entry that inflates past its declared size
    for await (const chunk of await book.zip.openReadStreamPromise(part.data)) {
      const bytes = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      const whole = wholeCharacters(bytes);
      carry = bytes.subarray(whole);
      yield* chunksOf(bytes.subarray(0, whole));
    }
    if (carry.length) yield carry;
  }
  yield END_OF_CENTRAL_DIRECTORY;
}

function* chunksOf(bytes: Buffer): Generator<Buffer> {
  let start = 0;
  while (bytes.length - start > CHUNK_BYTES) {
    const end = start + wholeCharacters(bytes.subarray(start, start + CHUNK_BYTES));
    yield bytes.subarray(start, end);
    start = end;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

/** How many leading bytes hold whole UTF-8 characters (all but a character cut at the end). */
function wholeCharacters(bytes: Buffer): number {
  let start = bytes.length - 1;
  while (start >= 0 && bytes.length - start < 4 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < 0) return bytes.length;
  const lead = bytes[start]!;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return start + length <= bytes.length ? bytes.length : start;
}

function localHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(20, 4);
  header.writeUInt16LE(0x0800, 6); // UTF-8 names; stored, so sizes are in the header
  header.writeUInt32LE(size, 18);
  header.writeUInt32LE(size, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes]);
}

const END_OF_CENTRAL_DIRECTORY = (() => {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(0x06054b50, 0);
  return record;
})();

/** The row's cell texts, up to its last non-empty cell; [] for a row without any. */
function textsOf(row: ExcelJS.Row, rowNumber: number, maxCells: number, maxCellChars: number): string[] {
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const text = cellText(cell.value);
    if (!text) return;
    if (col > maxCells) throw badRequest(tooManyColumns(rowNumber, maxCells));
    if (text.length > maxCellChars) throw badRequest(cellTooLong(rowNumber, col, maxCellChars));
    cells[col - 1] = text;
  });
  return Array.from(cells, (text) => text ?? '');
}

/** A cell as Excel shows it: formulas by their result, rich text flattened, dates as YYYY-MM-DD. */
function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return dateText(value);
  if ('richText' in value)
    return value.richText
      .map((run) => run.text ?? '')
      .join('')
      .trim();
  if ('formula' in value || 'sharedFormula' in value)
    return cellText(value.result as ExcelJS.CellValue | undefined);
  if ('error' in value) return value.error;
  if ('text' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}

/** Without the noise of binary floating point: 0.1 + 0.2 reads 0.3. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return String(n);
  return String(Number.parseFloat(n.toPrecision(15)));
}

/** exceljs gives a date cell as the instant of its wall-clock time in UTC. */
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const iso = date.toISOString();
  const day = iso.slice(0, 10);
  const time = iso.slice(11, 19);
  if (time === '00:00:00') return day;
  return `${day} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

function columnLetter(col: number): string {
  let letters = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}
