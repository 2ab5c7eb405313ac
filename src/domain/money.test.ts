import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFen, parseYuan } from './money.js';

describe('amounts in fen', () => {
  it.each([
    ['0', 0],
    ['0.1', 10],
    ['0.01', 1],
    ['1234.5', 123450],
    ['1,234.56', 123456],
    [' 12 ', 1200],
    ['0.29', 29],
    ['1.005', null],
    ['-1', null],
    ['1e3', null],
    ['abc', null],
    ['', null],
  ])('%s yuan is %s fen', (input, fen) => {
    expect(parseYuan(input)).toBe(fen);
  });

  it('adds up without the drift of floating point (0.1 + 0.2)', () => {
    expect(parseYuan('0.1')! + parseYuan('0.2')!).toBe(parseYuan('0.3'));
  });

  it('shows fen as yuan and reads it back unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => {
        expect(parseYuan(formatFen(fen))).toBe(fen);
      }),
    );
    expect(formatFen(-123456)).toBe('-1,234.56');
    expect(formatFen('5')).toBe('0.05');
  });
});
