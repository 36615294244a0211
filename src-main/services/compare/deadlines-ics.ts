/**
 * Objection deadlines as an iCalendar file (RFC 5545), so a reviewer can put them in any calendar.
 * https://www.rfc-editor.org/rfc/rfc5545
 */
import { dayNumber, isoDate } from './objection-deadline';

export interface DeadlineEvent {
  uid: string;
  vendor: string;
  /** YYYY-MM-DD, the last day to object. */
  deadline: string;
  summary: string;
  description: string;
}

// RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break.
const MAX_LINE_OCTETS = 75;
const CRLF = '\r\n';

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma are escaped; any line break becomes \n. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/**
 * RFC 5545 §3.1 folding: a line longer than 75 octets continues on the next line after CRLF and
 * one space (the space counts toward that line's 75). Splits between code points, never inside a
 * UTF-8 sequence, so every physical line stays valid UTF-8.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = out.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

function basicDate(iso: string): string {
  return iso.replace(/-/g, '');
}

function timestamp(now: Date): string {
  // 2025-03-01T09:30:00.000Z -> 20250301T093000Z (UTC form, §3.3.5).
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * RFC 5545 calendar of objection deadlines (all-day events), with proper escaping, CRLF line
 * endings and 75-octet line folding.
 *
 * One VEVENT per deadline, sorted by date, vendor and uid so the file is stable. SUMMARY and
 * DESCRIPTION are the caller's text; the vendor goes into CATEGORIES so calendars can filter by it.
 */
export function deadlinesToIcs(events: DeadlineEvent[], now: Date): string {
  const stamp = timestamp(now);
  const sorted = [...events].sort(
    (a, b) =>
      (a.deadline < b.deadline ? -1 : a.deadline > b.deadline ? 1 : 0) ||
      (a.vendor < b.vendor ? -1 : a.vendor > b.vendor ? 1 : 0) ||
      (a.uid < b.uid ? -1 : a.uid > b.uid ? 1 : 0),
  );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//DPA Workbench//Objection deadlines//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  for (const event of sorted) {
    const day = dayNumber(event.deadline, `deadline of ${event.uid}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(event.deadline)}`,
      // DTEND is exclusive (§3.6.1): an all-day event on the 31st ends on the 1st.
      `DTEND;VALUE=DATE:${basicDate(isoDate(day + 1))}`,
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `CATEGORIES:${escapeText(event.vendor)}`,
      // A deadline is a reminder, not a meeting: it must not block the reviewer's day.
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join(CRLF) + CRLF;
}
