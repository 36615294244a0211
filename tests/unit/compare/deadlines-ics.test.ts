import { describe, expect, it } from 'vitest';
import { deadlinesToIcs, type DeadlineEvent } from '../../../src-main/services/compare';
import { escapeText, foldLine } from '../../../src-main/services/compare/deadlines-ics';

const NOW = new Date('2025-03-01T09:30:05.123Z');

function event(over: Partial<DeadlineEvent> = {}): DeadlineEvent {
  return {
    uid: 'deadline-1@dpa-workbench',
    vendor: 'Acme',
    deadline: '2025-02-14',
    summary: 'Object to Acme changes',
    description: 'New sub-processor',
    ...over,
  };
}

/** The logical lines of a calendar: CRLF-separated, folded lines joined back (RFC 5545 §3.1). */
function unfold(ics: string): string[] {
  return ics.replace(/\r\n /g, '').split('\r\n').slice(0, -1);
}

describe('escapeText (RFC 5545 §3.3.11)', () => {
  it.each([
    ['Acme, Inc.', 'Acme\\, Inc.'],
    ['US; EU', 'US\\; EU'],
    ['line 1\nline 2', 'line 1\\nline 2'],
    ['line 1\r\nline 2\rline 3', 'line 1\\nline 2\\nline 3'],
    ['C:\\lists', 'C:\\\\lists'],
    ['a\\,b', 'a\\\\\\,b'],
    ['Colons: stay', 'Colons: stay'],
  ])('%j -> %j', (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });
});

describe('foldLine (75 octets)', () => {
  it.each([
    ['a line of 75 octets stays whole', 'x'.repeat(75), ['x'.repeat(75)]],
    ['76 octets fold after 75', 'x'.repeat(76), ['x'.repeat(75), ' x']],
    // Continuations carry a leading space, which counts: 75 + (1 + 74) + (1 + 1).
    ['150 octets take three lines', 'x'.repeat(150), ['x'.repeat(75), ` ${'x'.repeat(74)}`, ' x']],
    // "é" is two octets: 37 fit in 74 octets, the 38th would make 76.
    ['two-octet letters are never split', 'é'.repeat(40), ['é'.repeat(37), ` ${'é'.repeat(3)}`]],
  ])('%s', (_title, line, physical) => {
    expect(foldLine(line).split('\r\n')).toEqual(physical);
  });

  it('keeps every physical line within 75 octets and unfolds to the original', () => {
    const line = `DESCRIPTION:${'Zürich, Genève; 東京 '.repeat(20)}`;
    const folded = foldLine(line);
    for (const physical of folded.split('\r\n')) {
      expect(Buffer.byteLength(physical, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
  });
});

describe('deadlinesToIcs', () => {
  it('writes a calendar with one all-day VEVENT', () => {
    expect(unfold(deadlinesToIcs([event()], NOW))).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//DPA Workbench//Objection deadlines//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'BEGIN:VEVENT',
      'UID:deadline-1@dpa-workbench',
      'DTSTAMP:20250301T093005Z',
      'DTSTART;VALUE=DATE:20250214',
      'DTEND;VALUE=DATE:20250215',
      'SUMMARY:Object to Acme changes',
      'DESCRIPTION:New sub-processor',
      'CATEGORIES:Acme',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
    ]);
  });

  it('ends every line with CRLF and nothing else', () => {
    const ics = deadlinesToIcs([event({ description: 'one\ntwo\r\nthree' })], NOW);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('escapes commas, semicolons and newlines in text', () => {
    const lines = unfold(
      deadlinesToIcs(
        [
          event({
            vendor: 'Acme, Inc.',
            summary: 'Object: Acme, Inc.; new sub-processor',
            description: 'Added:\nZorblax (DE); Stripe, US',
          }),
        ],
        NOW,
      ),
    );
    expect(lines).toContain('SUMMARY:Object: Acme\\, Inc.\\; new sub-processor');
    expect(lines).toContain('DESCRIPTION:Added:\\nZorblax (DE)\\; Stripe\\, US');
    expect(lines).toContain('CATEGORIES:Acme\\, Inc.');
  });

  it('folds long lines at 75 octets', () => {
    const description = 'Sub-processor added: '.repeat(10).trim();
    const ics = deadlinesToIcs([event({ description })], NOW);
    const physical = ics.split('\r\n');
    expect(physical.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of physical) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    }
    expect(unfold(ics)).toContain(`DESCRIPTION:${description}`);
  });

  it('writes one VEVENT per deadline, by date, with exclusive end dates', () => {
    const ics = deadlinesToIcs(
      [
        event({ uid: 'c', deadline: '2025-03-01' }),
        event({ uid: 'a', deadline: '2024-12-31' }),
        event({ uid: 'b', deadline: '2024-02-29' }),
      ],
      NOW,
    );
    const lines = unfold(ics);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(3);
    expect(lines.filter((l) => /^(UID|DTSTART|DTEND)/.test(l))).toEqual([
      'UID:b',
      'DTSTART;VALUE=DATE:20240229',
      'DTEND;VALUE=DATE:20240301',
      'UID:a',
      'DTSTART;VALUE=DATE:20241231',
      'DTEND;VALUE=DATE:20250101',
      'UID:c',
      'DTSTART;VALUE=DATE:20250301',
      'DTEND;VALUE=DATE:20250302',
    ]);
  });

  it('writes an empty calendar when there are no deadlines', () => {
    expect(unfold(deadlinesToIcs([], NOW))).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//DPA Workbench//Objection deadlines//EN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'END:VCALENDAR',
    ]);
  });

  it('rejects a deadline that is not a date', () => {
    expect(() => deadlinesToIcs([event({ deadline: '14 Feb 2025' })], NOW)).toThrow(/YYYY-MM-DD/);
  });
});
