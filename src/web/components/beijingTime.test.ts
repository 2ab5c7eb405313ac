import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { beijingClock, beijingToday, fromBeijingClock } from './beijingTime';
import { formatDateTime } from './format';

// The admin shows Beijing time whatever the browser's zone: here the process runs in New York.
const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'America/New_York';
});
afterAll(() => {
  process.env.TZ = zone;
  vi.useRealTimers();
});

describe('Beijing time in a browser elsewhere', () => {
  it('runs in another zone', () => {
    expect(new Date('2026-03-02T06:00:00Z').getHours()).toBe(1);
  });

  it('shows an instant as Beijing’s clock reads it', () => {
    expect(formatDateTime('2026-03-02T06:05:09Z')).toBe('2026-03-02 14:05:09');
    expect(formatDateTime('2026-03-02T17:30:00Z', false)).toBe('2026-03-03 01:30');
    expect(formatDateTime('not a time')).toBe('not a time');
  });

  it('turns a picked Beijing time back into the same instant', () => {
    const picked = beijingClock('2026-07-21T01:00:00Z');
    expect(picked.format('YYYY-MM-DD HH:mm')).toBe('2026-07-21 09:00');
    expect(fromBeijingClock(picked)).toBe('2026-07-21T01:00:00.000Z');
    expect(fromBeijingClock(picked.hour(17).minute(30))).toBe('2026-07-21T09:30:00.000Z');
  });

  it('starts a date picker on Beijing’s today, the day New York has not reached yet', () => {
    vi.useFakeTimers({ now: new Date('2026-03-02T20:00:00Z'), toFake: ['Date'] });
    expect(new Date().getDate()).toBe(2);
    expect(beijingToday().format('YYYY-MM-DD HH:mm')).toBe('2026-03-03 00:00');
    expect(fromBeijingClock(beijingToday())).toBe('2026-03-02T16:00:00.000Z');
  });
});
