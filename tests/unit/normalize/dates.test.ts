import { describe, expect, it } from 'vitest';

import { findLastUpdated, parseDate } from '../../../src-main/services/normalize/dates';

describe('parseDate', () => {
  it.each([
    ['May 6th, 2025', '2025-05-06'],
    ['May, 15, 2025', '2025-05-15'],
    ['June 14, 2023', '2023-06-14'],
    ['16 May 2025', '2025-05-16'],
    ['2024-08-09', '2024-08-09'],
    ['16.05.2025', '2025-05-16'],
    ['05/16/2025', '2025-05-16'],
    ['Sept. 3, 2024', '2024-09-03'],
  ])('%s -> %s', (text, iso) => {
    expect(parseDate(text)?.iso).toBe(iso);
  });
});

describe('findLastUpdated', () => {
  it.each([
    [['Last updated: May 16, 2025'], '2025-05-16'],
    [['_Updated: June 14, 2023_'], '2023-06-14'],
    [['**DATE: May 6th, 2025**'], '2025-05-06'],
    [[':Effective: April 16, 2021', ':Last updated: August 9, 2024'], '2024-08-09'],
    [['Last Updated: May, 15, 2025'], '2025-05-15'],
    [['May 17, 2026', 'added'], null],
    [['_As_of_ March 3, 2024'], '2024-03-03'],
    [['Version date: 2024-11-02'], '2024-11-02'],
    [['Published 1 July 2022', 'Revised July 9, 2023'], '2023-07-09'],
  ])('%j -> %s', (lines, iso) => {
    expect(findLastUpdated(lines)?.iso ?? null).toBe(iso);
  });
});
