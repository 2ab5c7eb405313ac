import { describe, expect, it } from 'vitest';
import { beijingClockDate, quarterKeyName, quarterName, yearQuarterName } from './calendar.js';

describe('quarters in words', () => {
  it('names a quarter as the pages, the prints and the exports say it', () => {
    expect([1, 2, 3, 4].map(quarterName)).toEqual(['第一季度', '第二季度', '第三季度', '第四季度']);
    expect(yearQuarterName(2026, 4)).toBe('2026年第四季度');
  });

  it('reads the API’s 2026-Q4 as words, and leaves anything else as it is', () => {
    expect(quarterKeyName('2026-Q4')).toBe('2026年第四季度');
    expect(quarterKeyName('2025-Q1')).toBe('2025年第一季度');
    expect(quarterKeyName('2026-Q5')).toBe('2026-Q5');
    expect(quarterKeyName('下季度')).toBe('下季度');
  });
});

describe('an instant in a spreadsheet’s date cell', () => {
  it('holds the fields of Beijing’s clock, to the second', () => {
    // 21:09:11.900 UTC is 05:09:11 the next morning in Beijing
    const cell = beijingClockDate('2026-12-03T21:09:11.900Z');
    expect(cell.toISOString()).toBe('2026-12-04T05:09:11.000Z');
    expect(beijingClockDate(new Date('2026-12-31T16:00:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
});
