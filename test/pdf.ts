import { execFileSync } from 'node:child_process';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** Reads a print as poppler does (`pdfinfo`, `pdftotext`): pages, page size in mm, and its text. */
export interface PdfFacts {
  pages: number;
  /** the first page, millimetres, rounded */
  width: number;
  height: number;
  text: string;
}

export function pdfFacts(body: Buffer): PdfFacts {
  const info = execFileSync('pdfinfo', ['-'], { input: body }).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const toMm = (pt: string | undefined) => Math.round((Number(pt) * 25.4) / 72);
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: body }).toString();
  return { pages, width: toMm(size?.[1]), height: toMm(size?.[2]), text: text.replace(/[ \t]+/g, ' ') };
}

/** A 200 answer carrying a PDF, read. */
export function printed(res: LightMyRequestResponse): PdfFacts {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename=".+\.pdf"/);
  return pdfFacts(res.rawPayload);
}
