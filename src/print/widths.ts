import type { Font } from '@pdf-lib/fontkit';

/**
 * Text widths read from a font's metrics instead of laying the text out. pdf-lib measures a text
 * by laying it out (fontkit's shaping, about a millisecond a line) and summing the advances of the
 * glyphs that come out. Where no substitution of a horizontal layout can touch a character — it is
 * in none of the font's GSUB coverage tables but those of the vertical features, and it is not one
 * the layout hides or combines — its glyph is its own, so a text made only of such characters
 * measures as the same sum, in the same order, without the layout. Breaking a long rule into lines
 * measures every candidate line; this keeps that a matter of milliseconds.
 */

interface Coverage {
  glyphs?: number[];
  rangeRecords?: Array<{ start: number; end: number }>;
}

interface SubTable {
  coverage?: Coverage;
  coverages?: Coverage[];
  inputCoverage?: Coverage[];
  backtrackCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
  extension?: SubTable;
}

interface Gsub {
  featureList: Array<{ tag: string; feature: { lookupListIndexes: number[] } }>;
  lookupList: { toArray(): Array<{ lookupType: number; subTables: SubTable[] }> };
}

/** Features only a vertical layout applies. */
const VERTICAL_FEATURES = new Set(['vert', 'vrt2', 'vkna', 'vrtr']);

/**
 * Characters the layout neither hides (default ignorables), combines (marks, variation selectors)
 * nor reads in pairs (surrogates): Latin, punctuation, CJK symbols, kana, ideographs, full-width forms.
 */
const PLAIN = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2460, 0x27bf],
  [0x3000, 0x303f],
  [0x3041, 0x3096],
  [0x30a1, 0x30ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xfe30, 0xfe4f],
  [0xff01, 0xffef],
] as const;

const isPlain = (code: number) => PLAIN.some(([from, to]) => code >= from && code <= to);

export class FontWidths {
  private readonly covered = new Set<number>();
  private readonly advances = new Map<number, number | null>();
  /** pdf-lib's scale: advances in thousandths of an em. */
  private readonly scale: number;

  constructor(private readonly font: Font) {
    this.scale = 1000 / font.unitsPerEm;
    const gsub = (font as unknown as { GSUB?: Gsub }).GSUB;
    if (!gsub) return;
    const applied = new Set<number>();
    for (const { tag, feature } of gsub.featureList) {
      if (!VERTICAL_FEATURES.has(tag)) for (const index of feature.lookupListIndexes) applied.add(index);
    }
    gsub.lookupList.toArray().forEach((lookup, index) => {
      if (!applied.has(index)) return;
      for (const table of lookup.subTables) this.cover(lookup.lookupType === 7 ? table.extension : table);
    });
  }

  private cover(table: SubTable | undefined) {
    if (!table) return;
    const coverages = [
      table.coverage,
      ...(table.coverages ?? []),
      ...(table.inputCoverage ?? []),
      ...(table.backtrackCoverage ?? []),
      ...(table.lookaheadCoverage ?? []),
    ];
    for (const coverage of coverages) {
      for (const glyph of coverage?.glyphs ?? []) this.covered.add(glyph);
      for (const range of coverage?.rangeRecords ?? []) {
        for (let glyph = range.start; glyph <= range.end; glyph += 1) this.covered.add(glyph);
      }
    }
  }

  private advance(code: number): number | null {
    let advance = this.advances.get(code);
    if (advance === undefined) {
      const glyph = isPlain(code) ? this.font.glyphForCodePoint(code) : undefined;
      advance = glyph && !this.covered.has(glyph.id) ? glyph.advanceWidth * this.scale : null;
      this.advances.set(code, advance);
    }
    return advance;
  }

  /**
   * `text`'s width at `size` points, summed exactly as pdf-lib's `widthOfTextAtSize` sums it; or
   * undefined when a character of it may be changed by the layout, and only laying it out tells.
   */
  widthAtSize(text: string, size: number): number | undefined {
    let total = 0;
    for (const char of text) {
      const advance = this.advance(char.codePointAt(0) ?? 0);
      if (advance === null) return undefined;
      total += advance;
    }
    return total * (size / 1000);
  }
}
