import { existsSync, readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import * as hb from 'harfbuzzjs';
import { describe, expect, it } from 'vitest';
import { mongolianFont } from './mongolian.js';

// Chromium shapes Mongolian left to right and then rotates the line, so the test shapes LTR too.
function shaper(data: Uint8Array) {
  const font = new hb.Font(new hb.Face(new hb.Blob(data)));
  return (text: string): string[] => {
    const buffer = new hb.Buffer();
    buffer.addText(text);
    buffer.setDirection(hb.Direction.LTR);
    buffer.setScript('Mong');
    buffer.setLanguage('mn');
    hb.shape(font, buffer);
    return buffer.getGlyphInfos().map((glyph) => font.glyphName(glyph.codepoint));
  };
}

const MVS = '\u180E';
const NNBSP = '\u202F';

/**
 * Glossary forms (../shared/data/mn-glossary-draft.json) with an MVS before a detached final ‑a, and
 * case suffixes joined by NNBSP, and the glyphs Noto Sans Mongolian 3.002 gives them (recorded once
 * from the pinned file). A final ‑a after MVS must stay one isolated glyph after a narrow MVS, and a
 * suffix after NNBSP must follow a wide MVS-like gap, not take the word's medial forms.
 */
const EXPECTED: { text: string; glyphs: string[] }[] = [
  {
    // 伊金霍洛旗, the dictionary spelling with MVS
    text: `ᠡᠵᠡᠨ ᠬᠣᠷᠣᠭ${MVS}ᠠ ᠬᠣᠰᠢᠭᠤ`,
    glyphs: [
      'uni1821.A.init',
      'uni1835.J.medi',
      'uni1821.A.medi',
      'uni1828.A.fina',
      'space',
      'uni182C.H.init',
      'uni1823.O.medi',
      'uni1837.R.medi',
      'uni1823.O.medi',
      'Hx.fina.mvs',
      'mvs.narrow',
      'uni1820.Aa.isol',
      'space',
      'uni182C.H.init',
      'uni1823.O.medi',
      'uni1830.S.medi',
      'uni1822.I.medi',
      'uni182D.Hx.medi',
      'uni1824.U.fina',
    ],
  },
  {
    // 鄂托克前旗
    text: `ᠣᠲᠣᠭ${NNBSP}ᠤᠨ ᠡᠮᠦᠨᠡᠳᠦ ᠬᠣᠰᠢᠭᠤ`,
    glyphs: [
      'uni1823.AO.init',
      'uni1832.D.medi',
      'uni1823.O.medi',
      'uni182D.H.fina',
      'mvs.wide',
      'uni1824.O.init',
      'uni1828.A.fina',
      'space',
      'uni1821.A.init',
      'uni182E.M.medi',
      'uni1826.O.medi',
      'uni1828.N.medi',
      'uni1821.A.medi',
      'uni1833.D.medi',
      'uni1826.U.fina',
      'space',
      'uni182C.H.init',
      'uni1823.O.medi',
      'uni1830.S.medi',
      'uni1822.I.medi',
      'uni182D.Hx.medi',
      'uni1824.U.fina',
    ],
  },
  {
    // 委员之家, the glossary's composed placeholder
    text: `ᠭᠡᠰᠢᠭᠦᠳ${NNBSP}ᠦᠨ ᠭᠡᠷ`,
    glyphs: [
      'GA.init',
      'uni1830.S.medi',
      'uni1822.I.medi',
      'GO.medi',
      'uni1833.Dd.fina',
      'mvs.wide',
      'uni1826.O.init',
      'uni1828.A.fina',
      'space',
      'GA.init',
      'uni1837.R.fina',
    ],
  },
  {
    // 人民政府: two suffixes
    text: `ᠠᠷᠠᠳ${NNBSP}ᠤᠨ ᠵᠠᠰᠠᠭ${NNBSP}ᠤᠨ ᠣᠷᠳᠣᠨ`,
    glyphs: [
      'uni1820.AA.init',
      'uni1837.R.medi',
      'uni1820.A.medi',
      'uni1833.Dd.fina',
      'mvs.wide',
      'uni1824.O.init',
      'uni1828.A.fina',
      'space',
      'uni1835.I.init',
      'uni1820.A.medi',
      'uni1830.S.medi',
      'uni1820.A.medi',
      'uni182D.H.fina',
      'mvs.wide',
      'uni1824.O.init',
      'uni1828.A.fina',
      'space',
      'uni1823.AO.init',
      'uni1837.R.medi',
      'uni1833.D.medi',
      'uni1823.O.medi',
      'uni1828.A.fina',
    ],
  },
];

describe('the pinned Mongolian font', () => {
  it('is Noto Sans Mongolian 3.x with the controls and the Hudum letters', async () => {
    const font = fontkit.create(Buffer.from(await mongolianFont()));
    expect(font.familyName).toBe('Noto Sans Mongolian');
    expect(font.version).toMatch(/^Version 3\./);
    for (const codePoint of [0x180e, 0x202f, 0x200c, 0x200d, 0x180b, 0x180c, 0x180d, 0x180f])
      expect(font.hasGlyphForCodePoint(codePoint), codePoint.toString(16)).toBe(true);
    for (let codePoint = 0x1820; codePoint <= 0x1842; codePoint++)
      expect(font.hasGlyphForCodePoint(codePoint), codePoint.toString(16)).toBe(true);
  });

  it.each(EXPECTED)('shapes $text with MVS and NNBSP into the recorded glyphs', async ({ text, glyphs }) => {
    const shape = shaper(await mongolianFont());
    expect(shape(text)).toEqual(glyphs);
  });

  // Debian's fonts-noto-core ships 2.001, which shapes these texts differently: a print must never
  // fall back to it. Checked only where that package is installed.
  const system = '/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf';
  it.skipIf(!existsSync(system))('differs from the system font a machine may have', () => {
    const shape = shaper(readFileSync(system));
    expect(EXPECTED.some(({ text, glyphs }) => JSON.stringify(shape(text)) !== JSON.stringify(glyphs))).toBe(
      true,
    );
  });
});
