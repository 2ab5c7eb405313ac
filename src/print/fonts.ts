import { readFile } from 'node:fs/promises';
import { decompress } from 'wawoff2';

/**
 * The fonts every print embeds: Noto Serif SC (OFL, `fonts/OFL.txt`), regular and bold, the
 * simplified-Chinese cut of 7,333 ideographs with Latin, digits and CJK punctuation. They ship
 * with the product as WOFF2 and are unpacked once per process, so a print never depends on what
 * fonts the machine has.
 */
export interface PrintFonts {
  regular: Uint8Array;
  bold: Uint8Array;
}

const FONT_DIR = new URL('./fonts/', import.meta.url);

let fonts: Promise<PrintFonts> | undefined;

let unpacking: Promise<unknown> = Promise.resolve();

/**
 * Unpacks one WOFF2 file of `fonts/`. One after the other: two decompressions at once share the
 * decoder's memory and corrupt a font, so every caller (these and the Mongolian font) queues here.
 */
export function unpackFont(name: string): Promise<Uint8Array> {
  const next = unpacking.then(async () =>
    Buffer.from(await decompress(await readFile(new URL(name, FONT_DIR)))),
  );
  unpacking = next.catch(() => undefined);
  return next;
}

export function printFonts(): Promise<PrintFonts> {
  fonts ??= unpackFont('NotoSerifSC-Regular.woff2').then(
    async (regular) => ({ regular, bold: await unpackFont('NotoSerifSC-Bold.woff2') }),
    (error: unknown) => {
      fonts = undefined;
      throw error;
    },
  );
  return fonts;
}
