/**
 * The pure rules behind fetching: which redirects are followed, how typed addresses are read,
 * which content types are accepted and what the snapshot is called. No server: an https→http
 * downgrade cannot be served locally, so it is checked here on the rule itself.
 * (Kept under tests/integration/fetch with the rest of the feature's tests.)
 */
import { describe, expect, it } from 'vitest';
import {
  fileNameForUrl,
  formatForContentType,
  nextRedirect,
  normalizeUrl,
} from '../../../src-main/services/fetch';

const at = (href: string): URL => new URL(href);

describe('nextRedirect', () => {
  it('refuses an https to http downgrade', () => {
    const from = at('https://vendor.example/subprocessors');
    expect(() => nextRedirect(from, 301, 'http://vendor.example/list', [from.href])).toThrow(
      'https://vendor.example/subprocessors redirected to the insecure address http://vendor.example/list; refused (https to http)',
    );
  });

  it.each([
    ['relative path', 'https://a.example/x', '/y', 'https://a.example/y'],
    [
      'other host over https',
      'https://a.example/x',
      'https://cdn.example/x.pdf',
      'https://cdn.example/x.pdf',
    ],
    ['http upgraded to https', 'http://a.example/x', 'https://a.example/x', 'https://a.example/x'],
    [
      'user info and fragment dropped',
      'https://a.example/x',
      'https://u:p@b.example/y#top',
      'https://b.example/y',
    ],
  ])('follows a redirect to a %s', (_what, from, location, expected) => {
    expect(nextRedirect(at(from), 302, location, [from]).href).toBe(expected);
  });

  it('refuses a loop, a missing Location, other schemes and too many hops', () => {
    const a = 'https://a.example/a';
    const b = 'https://a.example/b';
    expect(() => nextRedirect(at(b), 302, '/a', [a, b])).toThrow('redirect loop');
    expect(() => nextRedirect(at(a), 302, null, [a])).toThrow('redirected (302) to nowhere');
    expect(() => nextRedirect(at(a), 301, 'javascript:alert(1)', [a])).toThrow(
      'javascript address',
    );
    const six = ['/1', '/2', '/3', '/4', '/5', '/6'].map((p) => `https://a.example${p}`);
    expect(() => nextRedirect(at('https://a.example/6'), 301, '/7', six)).toThrow(
      'more than 5 redirects',
    );
    expect(nextRedirect(at('https://a.example/5'), 301, '/6', six.slice(0, 5)).href).toBe(
      'https://a.example/6',
    );
  });
});

describe('normalizeUrl', () => {
  it.each([
    ['vendor.example/legal/subprocessors', 'https://vendor.example/legal/subprocessors'],
    ['  https://vendor.example/x#section ', 'https://vendor.example/x'],
    ['https://ana:secret@vendor.example/x', 'https://vendor.example/x'],
    ['http://vendor.example/x', 'http://vendor.example/x'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeUrl(input).href).toBe(expected);
  });

  it.each(['', 'mailto:dpo@vendor.example', 'file:///etc/passwd', 'https://'])(
    'refuses %j',
    (input) => {
      expect(() => normalizeUrl(input)).toThrow();
    },
  );
});

describe('formatForContentType', () => {
  const u = at('https://v.example/list');
  it.each([
    ['text/html; charset=utf-8', u, 'html'],
    ['application/xhtml+xml', u, 'html'],
    ['application/pdf', u, 'pdf'],
    ['text/markdown', u, 'markdown'],
    ['text/csv', u, 'csv'],
    ['text/plain', u, 'text'],
    ['text/plain', at('https://raw.example/SUBPROCESSORS.md'), 'markdown'],
    ['text/plain', at('https://raw.example/list.csv'), 'csv'],
    ['image/png', u, undefined],
    ['application/json', u, undefined],
    ['application/octet-stream', u, undefined],
  ])('%s at %s is %s', (type, url, expected) => {
    expect(formatForContentType(type, url)).toBe(expected);
  });
});

describe('fileNameForUrl', () => {
  it.each([
    ['https://acme.example/legal/subprocessors', 'html', 'subprocessors.html'],
    ['https://acme.example/legal/subprocessors/', 'html', 'subprocessors.html'],
    ['https://acme.example/sub.aspx?lang=en', 'html', 'sub.html'],
    ['https://acme.example/docs/List%20of%20Subprocessors.pdf', 'pdf', 'List-of-Subprocessors.pdf'],
    ['https://raw.example/SUBPROCESSORS.md', 'markdown', 'SUBPROCESSORS.md'],
    ['https://www.acme.example/', 'html', 'acme-example.html'],
    ['https://acme.example/list', 'text', 'list.txt'],
  ] as const)('%s served as %s is %s', (url, format, expected) => {
    expect(fileNameForUrl(url, format)).toBe(expected);
  });
});
