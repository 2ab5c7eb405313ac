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

async function unpack(name: string): Promise<Uint8Array> {
  return Buffer.from(await decompress(await readFile(new URL(name, FONT_DIR))));
}

export function printFonts(): Promise<PrintFonts> {
  // One after the other: two decompressions at once share the decoder's memory and corrupt a font.
  fonts ??= unpack('NotoSerifSC-Regular.woff2').then(
    async (regular) => ({ regular, bold: await unpack('NotoSerifSC-Bold.woff2') }),
    (error: unknown) => {
      fonts = undefined;
      throw error;
    },
  );
  return fonts;
}
