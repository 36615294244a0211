import { describe, expect, it } from 'vitest';
import { vendorNameFromFileName } from '../../../src-shared/vendor-name';

describe('vendor name from a file name', () => {
  it.each([
    ['acme_sub-processors.pdf', 'acme sub processors'],
    ['/home/ana/Downloads/zed-subprocessors.md', 'zed subprocessors'],
    ['C:\\Users\\ana\\retool.html', 'retool'],
    ['.html', 'Unnamed vendor'],
    ['___.txt', 'Unnamed vendor'],
  ])('%s → %s', (file, name) => {
    expect(vendorNameFromFileName(file)).toBe(name);
  });
});
