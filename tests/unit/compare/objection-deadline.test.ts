import { describe, expect, it } from 'vitest';
import { objectionDeadline, type DeadlineInput } from '../../../src-main/services/compare';
import { AppError } from '../../../src-shared/errors';

/** A page dated `publishedOn` with only a notice period of `days` calendar days. */
function input(publishedOn: string | null, days: number, over: Partial<DeadlineInput> = {}) {
  return {
    publishedOn,
    importedAt: '2030-01-01T12:00:00.000Z',
    noticeDays: days,
    objectionDays: null,
    defaultNoticeDays: 30,
    ...over,
  };
}

const TODAY = new Date('2025-01-01T12:00:00Z');

describe('objectionDeadline: calendar days', () => {
  it.each([
    ['mid-month', '2025-01-15', 30, '2025-02-14'],
    ['across a month end', '2025-01-31', 30, '2025-03-02'],
    ['across a year end', '2024-12-15', 30, '2025-01-14'],
    ['over a leap day', '2024-02-14', 30, '2024-03-15'],
    ['over the same dates in a common year', '2023-02-14', 30, '2023-03-16'],
    ['onto a leap day', '2024-02-28', 1, '2024-02-29'],
    ['from a leap day', '2024-02-29', 1, '2024-03-01'],
    ['a year from a leap day', '2024-02-29', 365, '2025-02-28'],
    ['zero days', '2025-06-30', 0, '2025-06-30'],
  ])('%s: %s + %i days = %s', (_title, from, days, deadline) => {
    const result = objectionDeadline(input(from, days), TODAY);
    expect(result).toMatchObject({ deadline, from, days, businessDays: false });
  });
});

describe('objectionDeadline: business days (Mon-Fri, no holidays)', () => {
  it.each([
    ['Friday + 1 is Monday', '2025-01-03', 1, '2025-01-06'],
    ['Friday + 5 is the next Friday', '2025-01-03', 5, '2025-01-10'],
    ['Saturday + 1 is Monday', '2025-01-04', 1, '2025-01-06'],
    ['Sunday + 1 is Monday', '2025-01-05', 1, '2025-01-06'],
    ['Monday + 10 spans two weekends', '2025-01-06', 10, '2025-01-20'],
    // 30 Dec (Mon), 31 Dec (Tue), 1 Jan (Wed): a public holiday, counted as a working day.
    ['Friday 27 Dec + 3 is New Year, holidays not known', '2024-12-27', 3, '2025-01-01'],
    ['over a leap day', '2024-02-28', 2, '2024-03-01'],
  ])('%s', (_title, from, days, deadline) => {
    const result = objectionDeadline(input(from, days, { businessDays: true }), TODAY);
    expect(result).toMatchObject({ deadline, from, days, businessDays: true });
    expect(result.basis).toContain('business days');
    expect(result.basis).toContain('public holidays not excluded');
  });
});

describe('objectionDeadline: which period applies', () => {
  it.each<[string, number | null, number | null, number, string]>([
    ['the objection window over the notice period', 14, 30, 14, "the page's objection window"],
    ['the notice period when there is no objection window', null, 30, 30, 'notice period'],
    ['the policy default when the page states neither', null, null, 45, 'policy default'],
    ['an objection window of zero days', 0, 30, 0, 'objection window'],
  ])('uses %s', (_title, objectionDays, noticeDays, days, basis) => {
    const result = objectionDeadline(
      input('2025-03-01', 0, { objectionDays, noticeDays, defaultNoticeDays: 45 }),
      TODAY,
    );
    expect(result.days).toBe(days);
    expect(result.basis).toContain(basis);
  });
});

describe('objectionDeadline: from the page date or the import date', () => {
  it('counts from the page date when the page states one', () => {
    const result = objectionDeadline(
      input('2025-03-01', 10, { importedAt: '2025-03-20T08:00:00Z' }),
      TODAY,
    );
    expect(result).toMatchObject({ from: '2025-03-01', deadline: '2025-03-11' });
    expect(result.basis).toContain('last-updated date');
  });

  it.each([
    ['a UTC timestamp', '2025-03-10T08:00:00.000Z', '2025-03-10'],
    // 23:30 in New York is already the next day in UTC: the UTC date counts, on any machine.
    ['an offset timestamp late in the evening', '2025-03-10T23:30:00-05:00', '2025-03-11'],
    ['just before midnight UTC', '2025-03-10T23:59:59.999Z', '2025-03-10'],
    ['a bare date', '2025-03-10', '2025-03-10'],
  ])('counts from the import date given as %s', (_title, importedAt, from) => {
    const result = objectionDeadline(input(null, 0, { importedAt }), TODAY);
    expect(result.from).toBe(from);
    expect(result.basis).toContain('import date');
  });
});

describe('objectionDeadline: days left and state', () => {
  // Page dated 2025-01-15 with 30 days: the deadline is 2025-02-14.
  it.each<[string, number | undefined, number, 'past' | 'soon' | 'open']>([
    ['2025-02-15T00:00:00Z', undefined, -1, 'past'],
    ['2025-03-16T10:00:00Z', undefined, -30, 'past'],
    ['2025-02-14T23:59:59Z', undefined, 0, 'soon'],
    ['2025-02-07T00:00:00Z', undefined, 7, 'soon'],
    ['2025-02-06T23:59:59Z', undefined, 8, 'open'],
    ['2025-02-06T12:00:00Z', 14, 8, 'soon'],
    ['2025-02-06T12:00:00Z', 0, 8, 'open'],
    ['2025-01-15T00:00:00Z', undefined, 30, 'open'],
    // 2025-02-13T23:30 in New York is 2025-02-14T04:30 UTC: the deadline is today.
    ['2025-02-13T23:30:00-05:00', undefined, 0, 'soon'],
  ])('on %s (soon within %s days): %i days left, %s', (today, soonDays, daysLeft, state) => {
    const result = objectionDeadline(input('2025-01-15', 30), new Date(today), soonDays);
    expect(result.deadline).toBe('2025-02-14');
    expect(result).toMatchObject({ daysLeft, state });
  });
});

describe('objectionDeadline: bad input', () => {
  it.each<[string, Partial<DeadlineInput>]>([
    ['a day that does not exist', { publishedOn: '2023-02-29' }],
    ['a date in another format', { publishedOn: '01/02/2025' }],
    ['an unreadable import date', { publishedOn: null, importedAt: 'yesterday' }],
    ['negative days', { noticeDays: -1 }],
    ['fractional days', { objectionDays: 2.5 }],
  ])('rejects %s', (_title, over) => {
    expect(() => objectionDeadline(input('2025-01-15', 30, over), TODAY)).toThrow(AppError);
  });
});
