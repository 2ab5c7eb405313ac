import type { UserLanguage } from '../db/schema.js';
/**
 * Traditional Mongolian text (Hudum script, U+1800–18AF). Look-alike letters are different code
 * points: sources spell 旗 ᠬᠣᠰᠢᠭᠤ and ᠬᠤᠰᠢᠭᠤ, 伊金霍洛 with or without a Mongolian vowel separator, a
 * case suffix joined by NNBSP, by a space or not at all. Names are therefore compared and searched
 * on a key that folds these apart from the text itself, which is kept as written.
 */

/** Code points that change a word's picture but not which word it is: FVS1–4, MVS, ZWNJ, ZWJ, spaces. */
export const MONGOLIAN_IGNORED = [
  '\u180B',
  '\u180C',
  '\u180D',
  '\u180F',
  '\u180E',
  '\u200C',
  '\u200D',
  '\u202F',
  ' ',
];

/** Letters written alike in running text: ᠤ u → ᠣ o, ᠦ ü → ᠥ ö, ᠳ d → ᠲ t. */
export const MONGOLIAN_FOLDS: Record<string, string> = {
  '\u1824': '\u1823',
  '\u1826': '\u1825',
  '\u1833': '\u1832',
};

const ignored = new RegExp(`[${MONGOLIAN_IGNORED.join('')}\\s]`, 'gu');

/** The key two spellings of one Mongolian name share: NFC, look-alikes folded, controls and spaces dropped. */
export function mongolianKey(text: string): string {
  return [...text.normalize('NFC').replace(ignored, '')].map((c) => MONGOLIAN_FOLDS[c] ?? c).join('');
}

/** Whether `text` has at least one letter of the Mongolian block. */
export const hasMongolianLetters = (text: string) => /[\u1820-\u18AA]/u.test(text);

/** The languages a user may choose for their own pages: Chinese, or traditional Mongolian. */
export const USER_LANGUAGES = ['zh', 'mn'] as const satisfies readonly UserLanguage[];
