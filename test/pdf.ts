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

/** A part of the first page, millimetres from its top-left corner. */
export interface Crop {
  x: number;
  top: number;
  width: number;
  height: number;
}

/** The Chinese side of a bilingual certificate (A4 landscape): right of the Mongolian block. */
export const CERTIFICATE_CHINESE: Crop = { x: 112, top: 0, width: 185, height: 210 };

export function pdfFacts(body: Buffer, crop?: Crop): PdfFacts {
  const info = execFileSync('pdfinfo', ['-'], { input: body }).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
  const toMm = (pt: string | undefined) => Math.round((Number(pt) * 25.4) / 72);
  // at 72 dpi a pixel is a point
  const pt = (value: number) => String(Math.round((value * 72) / 25.4));
  const area = crop
    ? ['-r', '72', '-x', pt(crop.x), '-y', pt(crop.top), '-W', pt(crop.width), '-H', pt(crop.height)]
    : [];
  const text = execFileSync('pdftotext', ['-layout', ...area, '-', '-'], { input: body }).toString();
  return { pages, width: toMm(size?.[1]), height: toMm(size?.[2]), text: text.replace(/[ \t]+/g, ' ') };
}

/** A 200 answer carrying a PDF, read. */
export function printed(res: LightMyRequestResponse, crop?: Crop): PdfFacts {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(String(res.headers['content-disposition'])).toMatch(/^inline; filename=".+\.pdf"/);
  return pdfFacts(res.rawPayload, crop);
}

/** The fonts a PDF embeds, by name (`pdffonts`), without the subset's prefix. */
export function pdfFontNames(body: Buffer): string[] {
  const listing = execFileSync('pdffonts', ['-'], { input: body }).toString();
  return listing
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => (line.split(/\s+/)[0] ?? '').replace(/^[A-Z]{6}\+/, ''));
}

/** The first page rendered by poppler (`pdftoppm`) at `dpi`: RGB pixels, row by row. */
export interface Raster {
  width: number;
  height: number;
  /** millimetres per pixel */
  mm: number;
  pixel(x: number, y: number): [number, number, number];
}

export function rasterOf(body: Buffer, dpi: number): Raster {
  const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-'], {
    input: body,
    maxBuffer: 256 * 1024 * 1024,
  });
  // P6 <width> <height> <max> then the bytes
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  if (!header) throw new Error('pdftoppm gave no P6 image');
  const [head, width, height] = [header[0].length, Number(header[1]), Number(header[2])];
  return {
    width,
    height,
    mm: 25.4 / dpi,
    pixel: (x, y) => {
      const at = head + (y * width + x) * 3;
      return [ppm[at] ?? 255, ppm[at + 1] ?? 255, ppm[at + 2] ?? 255];
    },
  };
}

/** The box (millimetres) round the pixels of `raster` inside `area` that `kind` picks, or null. */
export function inkBox(
  raster: Raster,
  area: { x: number; top: number; width: number; height: number },
  kind: (rgb: [number, number, number]) => boolean,
): { x: number; top: number; right: number; bottom: number; count: number } | null {
  const px = (v: number) => Math.round(v / raster.mm);
  let box: { x: number; top: number; right: number; bottom: number; count: number } | null = null;
  for (let y = px(area.top); y < Math.min(raster.height, px(area.top + area.height)); y += 1) {
    for (let x = px(area.x); x < Math.min(raster.width, px(area.x + area.width)); x += 1) {
      if (!kind(raster.pixel(x, y))) continue;
      const [mx, my] = [x * raster.mm, y * raster.mm];
      box = box
        ? {
            x: Math.min(box.x, mx),
            top: Math.min(box.top, my),
            right: Math.max(box.right, mx),
            bottom: Math.max(box.bottom, my),
            count: box.count + 1,
          }
        : { x: mx, top: my, right: mx, bottom: my, count: 1 };
    }
  }
  return box;
}

/** Near-black ink (text set in black) and the red of names and rules. */
export const isBlack = ([r, g, b]: [number, number, number]) => r < 90 && g < 90 && b < 90;
export const isRed = ([r, g, b]: [number, number, number]) => r > 140 && g < 90 && b < 90;
