/**
 * Objection deadlines. GDPR Art. 28(2) lets the controller object to a new sub-processor; DPAs give
 * a notice period or an objection window counted from the announcement. All arithmetic is on UTC
 * day numbers, so a reviewer's time zone can never move a deadline by a day.
 */
import { AppError } from '../../../src-shared/errors';
import type { ObjectionDeadline } from '../../../src-shared/review';

export interface DeadlineInput {
  /** YYYY-MM-DD, the page's last-updated or publish date, when it states one. */
  publishedOn: string | null;
  /** ISO timestamp (or YYYY-MM-DD) of the import; its UTC date is used. */
  importedAt: string;
  noticeDays: number | null;
  objectionDays: number | null;
  /** Count Monday to Friday only. */
  businessDays?: boolean;
  /** The policy's notice period when the page states neither. */
  defaultNoticeDays: number;
}

const DAY_MS = 86_400_000;
const DEFAULT_SOON_DAYS = 7;

/** Days since 1970-01-01 of a strict YYYY-MM-DD date (rejects 2023-02-29 and the like). */
export function dayNumber(iso: string, what: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2023-02-29 over to March 1; the round trip catches it.
  if (!m || Number.isNaN(ms) || isoDate(ms / DAY_MS) !== iso) {
    throw new AppError('bad-request', `${what} is not a YYYY-MM-DD date: "${iso}"`);
  }
  return ms / DAY_MS;
}

/** The YYYY-MM-DD date of a day number. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function utcDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function isWeekend(day: number): boolean {
  // Day 0 (1970-01-01) was a Thursday; 0 = Sunday ... 6 = Saturday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

function addBusinessDays(from: number, days: number): number {
  // A loop, not a formula: windows are at most a few months, and this is obviously right.
  let day = from;
  for (let left = days; left > 0;) {
    day += 1;
    if (!isWeekend(day)) {
      left -= 1;
    }
  }
  return day;
}

function checkDays(value: number | null, what: string): number | null {
  if (value !== null && !(Number.isInteger(value) && value >= 0)) {
    throw new AppError('bad-request', `${what} must be a whole number of days, got ${value}`);
  }
  return value;
}

/**
 * The last day to object to a change, from the page's notice period/objection window or the policy
 * default.
 *
 * Day 0 is the announcement (the page's date, else the import date); the deadline is day N. The
 * page's objection window wins over its notice period (it is the period the customer actually has
 * to object); the policy default applies when the page states neither. Business days skip
 * Saturdays and Sundays only: no holiday calendar is known, so a public holiday counts as a working
 * day and the deadline may come a day or two early, never late.
 */
export function objectionDeadline(
  input: DeadlineInput,
  today: Date,
  soonDays: number = DEFAULT_SOON_DAYS,
): ObjectionDeadline {
  if (Number.isNaN(today.getTime())) {
    throw new AppError('bad-request', 'today is not a valid date');
  }
  const objection = checkDays(input.objectionDays, 'objectionDays');
  const notice = checkDays(input.noticeDays, 'noticeDays');
  const fallback = checkDays(input.defaultNoticeDays, 'defaultNoticeDays') ?? 0;

  let from: number;
  let since: string;
  if (input.publishedOn !== null) {
    from = dayNumber(input.publishedOn, 'publishedOn');
    since = "the page's last-updated date";
  } else {
    const imported = new Date(input.importedAt);
    if (Number.isNaN(imported.getTime())) {
      throw new AppError('bad-request', `importedAt is not a date: "${input.importedAt}"`);
    }
    from = utcDay(imported);
    since = 'the import date (the page states no date)';
  }

  const [days, what] =
    objection !== null
      ? [objection, "the page's objection window"]
      : notice !== null
        ? [notice, "the page's notice period"]
        : [fallback, 'the policy default (the page states no notice period or objection window)'];
  const businessDays = input.businessDays === true;
  const unit = businessDays
    ? 'business days (Mon-Fri; public holidays not excluded)'
    : 'calendar days';
  const deadline = businessDays ? addBusinessDays(from, days) : from + days;
  const daysLeft = deadline - utcDay(today);
  return {
    deadline: isoDate(deadline),
    from: isoDate(from),
    basis: `${days} ${unit}, ${what}, counted from ${since}`,
    days,
    businessDays,
    daysLeft,
    state: daysLeft < 0 ? 'past' : daysLeft <= soonDays ? 'soon' : 'open',
  };
}
