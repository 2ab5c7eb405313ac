import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { z } from 'zod';
import { XLSX_TYPE } from '../lib/files.js';
import { recordAudit } from '../modules/audit/service.js';
import { whoOf } from './http.js';
import type { App } from './types.js';
import { attachmentDisposition } from './upload.js';

/** A column of an exported list: its heading and what a row shows in it. */
export interface ExportColumn<T> {
  header: string;
  width?: number;
  /** a Date is written as a date cell (see beijingClockDate for an instant) */
  value: (row: T) => string | number | Date | null | undefined;
  /** Excel's number format of the column's cells, e.g. 'yyyy-mm-dd hh:mm:ss' */
  numFmt?: string;
}

/** A list read a page at a time, as its route answers it: the same scope, masking and order. */
type PageOf<T> = (page: number, pageSize: number) => Promise<{ items: T[]; total: number }>;

/**
 * Which rows give a person's full phone number (R31: such an export is audited), and how the
 * file's count of them is recorded: before the file is complete, so no full file goes unaudited.
 */
interface FullPhones<T> {
  shows: (row: T) => boolean;
  record: (count: number) => Promise<void>;
}

/** Rows are read this many at a time, so a long list never sits in memory whole. */
export const EXPORT_PAGE = 500;
/** A list longer than this is cut, and the sheet's last row says so. */
export const EXPORT_MAX_ROWS = 100_000;

/**
 * Streams a list as a workbook (API.md, Exports): every row the actor may see with the list's
 * filters — not one page — read through the list's own service, with the list's columns. The first
 * page is read before anything is sent, so a refused or bad request still answers in API.md's shape.
 */
export async function sendListWorkbook<T>(
  reply: FastifyReply,
  spec: {
    filename: string;
    sheet: string;
    columns: ExportColumn<T>[];
    page: PageOf<T>;
    fullPhones?: FullPhones<T>;
  },
) {
  const first = await spec.page(1, EXPORT_PAGE);
  const out = new PassThrough();
  reply
    .type(XLSX_TYPE)
    .header('content-disposition', attachmentDisposition(spec.filename))
    .header('cache-control', 'private, no-store');
  void writeRows(out, spec, first).catch((err: unknown) => {
    reply.log.error({ err }, '导出失败');
    out.destroy(err as Error);
  });
  return reply.send(out);
}

async function writeRows<T>(
  out: PassThrough,
  spec: { sheet: string; columns: ExportColumn<T>[]; page: PageOf<T>; fullPhones?: FullPhones<T> },
  first: { items: T[]; total: number },
) {
  // styles on: the bold heading and the columns' number formats (a date's) are written too
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = spec.columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const total = Math.min(first.total, EXPORT_MAX_ROWS);
  let written = 0;
  let fullPhones = 0;
  let items = first.items;
  for (let page = 1; items.length > 0 && written < total; ) {
    for (const item of items.slice(0, total - written)) {
      const row = sheet.addRow(spec.columns.map((c) => c.value(item) ?? ''));
      spec.columns.forEach((c, index) => {
        if (c.numFmt) row.getCell(index + 1).numFmt = c.numFmt;
      });
      row.commit();
      written += 1;
      if (spec.fullPhones?.shows(item)) fullPhones += 1;
    }
    if (written >= total || items.length < EXPORT_PAGE) break;
    page += 1;
    items = (await spec.page(page, EXPORT_PAGE)).items;
  }
  if (first.total > EXPORT_MAX_ROWS) {
    sheet.addRow([`共 ${first.total} 条，仅导出前 ${EXPORT_MAX_ROWS} 条；请缩小筛选条件后分批导出`]).commit();
  }
  if (fullPhones > 0) await spec.fullPhones!.record(fullPhones);
  sheet.commit();
  await workbook.commit();
}

/**
 * Registers `GET <list>/export.xlsx` beside a list: the list's filters without paging, the list's
 * access, and its rows read through `page` (the list's own service call).
 */
export function listExportRoute<Q extends z.ZodObject, T>(
  app: App,
  spec: {
    url: string;
    config: RouteShorthandOptions['config'];
    tags: string[];
    summary: string;
    /** the path's parameters (e.g. a home's id), validated as any route's */
    params?: z.ZodObject;
    querystring: Q;
    filename: string | ((query: z.infer<Q>) => string);
    sheet: string;
    /** the columns, made for the request (e.g. with the names of the units it will write) */
    columns: (request: FastifyRequest) => ExportColumn<T>[] | Promise<ExportColumn<T>[]>;
    page: (
      request: FastifyRequest,
      query: z.infer<Q>,
      page: number,
      pageSize: number,
    ) => Promise<{ items: T[]; total: number }>;
    /** the rows that give a full phone number, and the action a file with any is audited under */
    fullPhones?: { shows: (row: T) => boolean; action: string; objectType: string };
  },
) {
  app.get(
    spec.url,
    {
      config: spec.config,
      schema: {
        tags: spec.tags,
        summary: spec.summary,
        querystring: spec.querystring,
        ...(spec.params ? { params: spec.params } : {}),
      },
    },
    async (request, reply) => {
      const query = request.query as z.infer<Q>;
      return sendListWorkbook(reply, {
        filename: typeof spec.filename === 'function' ? spec.filename(query) : spec.filename,
        sheet: spec.sheet,
        columns: await spec.columns(request),
        page: (page, pageSize) => spec.page(request, query, page, pageSize),
        ...(spec.fullPhones && { fullPhones: auditedPhones(app, request, query, spec.fullPhones) }),
      });
    },
  );
}

/** An export's full phone numbers audited: how many rows gave one, under the list's filters. */
function auditedPhones<T>(
  app: App,
  request: FastifyRequest,
  filters: unknown,
  spec: { shows: (row: T) => boolean; action: string; objectType: string },
): FullPhones<T> {
  return {
    shows: spec.shows,
    record: (count) =>
      recordAudit(app.db, whoOf(request), {
        action: spec.action,
        objectType: spec.objectType,
        after: { fullPhones: count, filters },
      }),
  };
}
