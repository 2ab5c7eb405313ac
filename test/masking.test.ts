import { describe, expect, it } from 'vitest';
import { maskName, maskPhone } from '../src/domain/privacy.js';

const shownDigits = (masked: string) => (masked.match(/\p{Nd}/gu) ?? []).length;

describe('phone masking', () => {
  it('shows a mobile number its first three and last four digits', () => {
    expect(maskPhone('13912345992')).toBe('139****5992');
    expect(maskPhone(' 13912345992 ')).toBe('139****5992');
  });

  it('hides a 7-digit number, keeping at most its last two and enough hidden', () => {
    expect(maskPhone('8581234')).toBe('8****34');
    expect(maskPhone('85812345')).toBe('85****45');
    expect(maskPhone('858123456')).toBe('858****56');
  });

  it('masks a landline with its area code, keeping its separators', () => {
    expect(maskPhone('0477-8581234')).toBe('047*-***1234');
    expect(maskPhone('(0477) 858 1234')).toBe('(047*) *** 1234');
    expect(maskPhone('+86 139 1234 5992')).toBe('+86 1** **** 5992');
  });

  it('counts full-width digits as digits', () => {
    expect(maskPhone('１３９１２３４５９９２')).toBe('１３９****５９９２');
  });

  it('shows no digit of a short value, and never shows any number of 7+ digits whole', () => {
    expect(maskPhone('12345')).toBe('*****');
    expect(maskPhone('110')).toBe('***');
    for (let n = 7; n <= 20; n++) {
      const phone = '1234567890123456789012'.slice(0, n);
      const masked = maskPhone(phone);
      expect(masked).toHaveLength(n);
      expect(n - shownDigits(masked), phone).toBeGreaterThanOrEqual(4);
      expect(masked, phone).toMatch(/^\d{0,3}\*{4,}\d{0,4}$/);
    }
  });
});

describe('name masking', () => {
  it('keeps the first character', () => {
    expect(maskName('乌云其木格')).toBe('乌****');
    expect(maskName('王')).toBe('王*');
  });
});
