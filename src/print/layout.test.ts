import { beforeAll, describe, expect, it } from 'vitest';
import { memberGrid } from './boards.js';
import { A3, mm, PrintDocument, type PrintPage, printable } from './pdf.js';
import { twoParts } from './plaque.js';

let document: PrintDocument;
let page: PrintPage;

beforeAll(async () => {
  document = await PrintDocument.create({ title: '测试', author: '测试' });
  page = document.addPage(A3);
});

describe('text widths read from the font', () => {
  const samples = [
    '委员之家应当坚持党的领导，围绕中心、服务大局；组织委员开展“协商议事”。',
    '《政协鄂尔多斯市委员会关于委员之家（委员工作室）建设的实施意见（试行）》',
    'Office 2019、WiFi、fi fl ffi、第 3 条—— 1/2 …… 100%',
    '鄂托克前旗·乌审旗　伊金霍洛旗【示例】〔2026〕',
    'ᠮᠣᠩᠭᠣᠯ \u200d\u00ad 😀 é',
  ];

  it('measure exactly what laying the text out measures, in either weight and at any size', () => {
    for (const text of samples) {
      for (const bold of [false, true]) {
        for (const size of [7.5, 10.5, 14, 36, 283.46]) {
          const font = bold ? document.bold : document.regular;
          expect(page.measure(text, { size, bold })).toBe(
            font.widthOfTextAtSize(printable(text), size) / mm(1),
          );
        }
      }
    }
  });
});

describe('the signs’ layout rules', () => {
  it('break a long name in two balanced parts, never inside a number or against the line-breaking rules', () => {
    const length = (part: string) => [...part].length;
    expect(twoParts('鄂尔多斯市东胜区富兴街道天骄社区委员之家', length)).toEqual([
      '鄂尔多斯市东胜区富兴街道',
      '天骄社区委员之家',
    ]);
    expect(twoParts('东胜区第12345678号（示例）委员工作室', length)?.[1]).not.toMatch(/^[0-9）]/);
    expect(twoParts('家', length)).toBeNull();
  });

  it('lay 40 members out on one A3 board, and few members large', () => {
    const area = { width: 257, height: 300 };
    const forty = memberGrid(40, area);
    expect(forty.columns * forty.rows).toBeGreaterThanOrEqual(40);
    expect(forty.photo).toBeGreaterThan(20);
    expect(memberGrid(3, area).photo).toBe(60);
  });
});
