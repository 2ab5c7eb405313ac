import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, utcStamp, writeCalendar } from './ics.js';

const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('the iCalendar writer', () => {
  it('writes instants in UTC whatever the offset they came with', () => {
    expect(utcStamp(new Date('2026-05-01T09:30:00+08:00'))).toBe('20260501T013000Z');
    expect(utcStamp(new Date('2026-01-01T00:00:00.250Z'))).toBe('20260101T000000Z');
  });

  it('escapes backslashes, semicolons, commas and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf')).toBe('a\\\\b\\;c\\,d\\ne\\nf');
  });

  it('leaves a short line alone', () => {
    expect(foldLine('SUMMARY:短')).toBe('SUMMARY:短');
    expect(foldLine(`X:${'a'.repeat(73)}`)).toBe(`X:${'a'.repeat(73)}`);
  });

  it('folds at 75 octets without cutting a UTF-8 character, and unfolds to the same line', () => {
    for (const line of [
      `SUMMARY:${'协商议事'.repeat(40)}`,
      `DESCRIPTION:${'a'.repeat(300)}`,
      `LOCATION:${'x甲'.repeat(60)}😀😀😀${'b'.repeat(77)}`,
    ]) {
      const folded = foldLine(line);
      const physical = folded.split('\r\n');
      expect(physical.length).toBeGreaterThan(1);
      for (const [i, part] of physical.entries()) {
        expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
        if (i > 0) expect(part.startsWith(' ')).toBe(true);
        // no replacement characters: each physical line is valid UTF-8 on its own
        expect(Buffer.from(part, 'utf8').toString('utf8')).toBe(part);
      }
      expect(unfold(folded)).toBe(line);
    }
  });

  it('writes a calendar with CRLF line ends, one VEVENT per event, and folded lines', () => {
    const ics = writeCalendar({
      name: '东胜区委员之家',
      events: [
        {
          uid: 'a1@cppcc-homes',
          start: new Date('2026-05-01T09:00:00+08:00'),
          end: new Date('2026-05-01T11:00:00+08:00'),
          summary: '“营商环境”协商座谈会;第一场, 上午',
          location: '东胜区鄂托克西街 1 号\n二楼会议室',
          description: '协商座谈',
          stamp: new Date('2026-04-20T00:00:00Z'),
        },
        {
          uid: 'a2@cppcc-homes',
          start: new Date('2026-05-02T01:00:00Z'),
          end: new Date('2026-05-02T02:00:00Z'),
          summary: '委员值班日'.repeat(10),
          stamp: new Date('2026-04-20T00:00:00Z'),
        },
      ],
    });
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const lines = unfold(ics).split('\r\n');
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(2);
    expect(lines).toContain('UID:a1@cppcc-homes');
    expect(lines).toContain('DTSTART:20260501T010000Z');
    expect(lines).toContain('DTEND:20260501T030000Z');
    expect(lines).toContain('DTSTAMP:20260420T000000Z');
    expect(lines).toContain('SUMMARY:“营商环境”协商座谈会\\;第一场\\, 上午');
    expect(lines).toContain('LOCATION:东胜区鄂托克西街 1 号\\n二楼会议室');
    expect(lines).toContain(`SUMMARY:${'委员值班日'.repeat(10)}`);
    // the second event has no location line
    const second = lines.slice(lines.indexOf('UID:a2@cppcc-homes'));
    expect(second.slice(0, second.indexOf('END:VEVENT')).some((l) => l.startsWith('LOCATION'))).toBe(false);
  });
});
