import { describe, expect, it } from 'vitest';
import { mongolianKey } from './mongolian.js';

// Pairs from the glossary (../shared/data/mn-glossary-draft.json): one name, two encodings.
const SAME: [string, string, string][] = [
  ['鄂尔多斯市', 'ᠣᠷᠳᠣᠰ ᠬᠣᠲᠠ', 'ᠤᠷᠳᠤᠰ ᠬᠤᠳᠠ'],
  ['旗', 'ᠬᠣᠰᠢᠭᠤ', 'ᠬᠤᠰᠢᠭᠤ'],
  ['准格尔旗', 'ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠤᠰᠢᠭᠤ', 'ᠵᠡᠭᠦᠨᠭᠠᠷ ᠬᠣᠰᠢᠭᠤ'],
  ['伊金霍洛旗', 'ᠡᠵᠡᠨ ᠬᠤᠷᠤᠭᠠ ᠬᠤᠰᠢᠭᠤ', 'ᠡᠵᠡᠨ ᠬᠣᠷᠣᠭ\u180Eᠠ ᠬᠣᠰᠢᠭᠤ'],
  ['区', 'ᠲᠤᠭᠤᠷᠢᠭ', 'ᠲᠣᠭᠤᠷᠢᠭ'],
  ['内蒙古自治区', 'ᠥᠪᠥᠷ ᠮᠣᠩᠭᠤᠯ ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ', 'ᠥᠪᠥᠷ ᠮᠣᠩᠭᠣᠯᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ'],
  ['鄂托克前旗 (NNBSP)', 'ᠣᠲᠣᠭ ᠤᠨ ᠡᠮᠦᠨᠡᠳᠦ ᠬᠣᠰᠢᠭᠤ', 'ᠣᠲᠣᠭ\u202Fᠤᠨ ᠡᠮᠦᠨᠡᠳᠦ ᠬᠣᠰᠢᠭᠤ'],
  ['free variation selector', 'ᠭᠡᠷ', 'ᠭ\u180Bᠡᠷ'],
];

describe('the Mongolian comparison key', () => {
  it.each(SAME)('gives both spellings of %s one key', (_zh, a, b) => {
    expect(a).not.toBe(b);
    expect(mongolianKey(a)).toBe(mongolianKey(b));
  });

  it('keeps different names apart', () => {
    const names = [
      'ᠳᠠᠯᠠᠳ ᠬᠤᠰᠢᠭᠤ',
      'ᠬᠠᠩᠭᠢᠨ ᠬᠤᠰᠢᠭᠤ',
      'ᠣᠲᠣᠭ ᠬᠣᠰᠢᠭᠤ',
      'ᠣᠲᠣᠭ ᠤᠨ ᠡᠮᠦᠨᠡᠳᠦ ᠬᠣᠰᠢᠭᠤ',
      'ᠰᠤᠮᠤ',
      'ᠭᠠᠴᠠᠭᠠ',
    ];
    expect(new Set(names.map(mongolianKey)).size).toBe(names.length);
  });

  it('composes to NFC and leaves Chinese and digits as they are', () => {
    expect(mongolianKey('e\u0301 第1号')).toBe('é第1号');
  });
});
