import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from './privacy.js';

describe('masking personal data', () => {
  it('shows a mobile number as its first three and last four digits', () => {
    expect(maskPhone('13912345992')).toBe('139****5992');
  });

  it('never shows a short number whole', () => {
    expect(maskPhone('8123456')).toBe('8****56');
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('1234')).toBe('****');
    for (const phone of ['04778123456', '8123456', '123456', '95598']) {
      const hidden = [...maskPhone(phone)].filter((c) => c === '*').length;
      expect(hidden).toBeGreaterThanOrEqual(4);
    }
  });

  it('keeps the first character of a name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李')).toBe('李*');
  });
});
