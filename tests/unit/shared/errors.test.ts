import { describe, expect, it } from 'vitest';
import { AppError, formatError } from '../../../src-shared/errors';

describe('AppError', () => {
  it('reads as "file: reason" for a person', () => {
    const e = new AppError('pdf-unreadable', 'the PDF is encrypted', { file: 'list.pdf' });
    expect(e.message).toBe('list.pdf: the PDF is encrypted');
    expect(formatError(e.toData())).toBe('list.pdf: the PDF is encrypted');
  });

  it('reads as the bare reason without a file', () => {
    expect(formatError(new AppError('not-found', 'no such vendor').toData())).toBe(
      'no such vendor',
    );
  });
});
