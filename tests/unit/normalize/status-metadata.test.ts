import { describe, expect, it } from 'vitest';

import {
  findHtmlUrl,
  findNoticeDays,
  findObjectionDays,
  findPageUrl,
  findPublisher,
  httpUrl,
  sentencesOf,
} from '../../../src-main/services/normalize/metadata';
import { statusCue } from '../../../src-main/services/normalize/status';

describe('statusCue', () => {
  it.each([
    ['Optional Feature', 'conditional'],
    ['Marketing-site analytics (cookie-consent gated)', 'conditional'],
    ['Azure OpenAI Service. Engaged only when LLM_REGION=eu is configured.', 'conditional'],
    ['Retool Database (Self-Serve Customers)', 'conditional'],
    ['Product-Specific Subprocessors', 'conditional'],
    ['Not engaged by default', 'inactive'],
    ['These providers are NOT enabled in the production environment by default.', 'inactive'],
    [
      'Vendors the district contracts with directly. They are not our subprocessors',
      'customer-managed',
    ],
    ['Core Infrastructure', null],
  ])('%s -> %s', (text, status) => {
    expect(statusCue(text)?.status ?? null).toBe(status);
  });

  // one line per alternative of each pattern, upper case where it can be: a word missing from
  // CUE_WORDS (the pre-check that skips a pattern) makes its line say nothing
  it.each([
    ['NOT Acme’s Sub-processors', 'customer-managed'],
    ['Customer-Managed', 'customer-managed'],
    ['School-Configured apps', 'customer-managed'],
    ['Clients contract directly', 'customer-managed'],
    ['Contracted by the District', 'customer-managed'],
    ["the client's OWN tenant", 'customer-managed'],
    ['Not currently IN USE', 'inactive'],
    ['Not used', 'inactive'],
    ['INACTIVE', 'inactive'],
    ['Planned', 'inactive'],
    ['not yet engaged', 'inactive'],
    ['Former Subprocessors', 'inactive'],
    ['No longer engaged', 'inactive'],
    ['OPTIONAL', 'conditional'],
    ['Only where needed', 'conditional'],
    ['runs only at night', 'conditional'],
    ['if the customer has it ENABLED', 'conditional'],
    ['When opted', 'conditional'],
    ['Cookie consent', 'conditional'],
    ['consent-gated', 'conditional'],
    ['Opt-in', 'conditional'],
    ['Feature-specific', 'conditional'],
    ['Depending on region', 'conditional'],
    ['Upon Customer Request', 'conditional'],
    ['Enterprise plans', 'conditional'],
    ['Pro tier', 'conditional'],
    ['Active Sub-Processors', 'active'],
    ['current subprocessors', 'active'],
    ['In Production', 'active'],
  ])('every pattern alternative still cues: %s -> %s', (text, status) => {
    expect(statusCue(text)?.status ?? null).toBe(status);
  });
});

describe('page metadata', () => {
  it.each([
    ['We notify Customers of any intended addition at least 30 days in advance, by email.', 30],
    ['We give 30 days’ notice before adding a sub-processor. You can object within 15 days.', 30],
    ['Districts are notified by email at 30 days before any material change.', 30],
    ['We will endeavor to provide notice of any new Subprocessors to the extent required.', null],
  ])('notice in %s -> %s', (text, days) => {
    expect(findNoticeDays(text)?.days ?? null).toBe(days);
  });

  it('finds the objection window', () => {
    expect(findObjectionDays('We give 30 days’ notice. You can object within 15 days.')?.days).toBe(
      15,
    );
  });

  it.each([
    [['Sub-processor List'], 'Junify engages the Sub-processors listed below.', 'Junify'],
    [['Sage Bionetworks Subprocessors'], '', 'Sage Bionetworks'],
    [['Subprocessors for Zulip Cloud'], '', 'Zulip Cloud'],
    [
      ['Sub Processors'],
      'To support the delivery of our Services, Range Labs Inc. may engage processors.',
      'Range Labs Inc.',
    ],
    [['Subprocessors'], 'Welcome to Toitware ApS’s Subprocessor repository page.', 'Toitware ApS'],
    [['Notes'], 'We will update this page.', null],
  ])('publisher from %j / %s', (titles, prose, publisher) => {
    expect(findPublisher(titles, prose)).toBe(publisher);
  });
});

describe('notice period in business days', () => {
  it.each([
    ['We give 10 business days’ notice before engaging a new Subprocessor.', 10, true],
    ['Customer will be notified fifteen (15) working days before any change.', 15, true],
    ['We notify customers at least 30 calendar days in advance.', 30, false],
    ['We give 30 days’ notice before adding a sub-processor.', 30, false],
    ['Notice of forty-five (45) days is given in advance.', 45, false],
  ])('%s -> %s days, business %s', (text, days, isBusinessDays) => {
    expect(findNoticeDays(text)).toMatchObject({ days, isBusinessDays });
  });
});

describe('the list’s own URL', () => {
  it.each([
    [
      '<head><link rel="canonical" href="https://acme.example/subprocessors"></head>',
      'https://acme.example/subprocessors',
    ],
    [
      '<head><meta content="https://acme.example/legal/sub?a=1&amp;b=2" property="og:url"></head>',
      'https://acme.example/legal/sub?a=1&b=2',
    ],
    // the canonical link wins over og:url, whatever their order
    [
      '<meta property="og:url" content="https://a.example/og"><link href="https://a.example/c" rel="canonical">',
      'https://a.example/c',
    ],
    ['<link rel="canonical" href="/relative/path">', null],
    ['<link rel="canonical" href="javascript:alert(1)">', null],
    ['<head></head><body><link rel="canonical" href="https://elsewhere.example/"></body>', null],
  ])('%s -> %s', (html, url) => {
    expect(findHtmlUrl(html)).toBe(url);
  });

  it.each([
    [
      ['This page: https://acme.example/legal/subprocessors.'],
      'https://acme.example/legal/subprocessors',
    ],
    [['Canonical URL: <https://acme.example/sub>'], 'https://acme.example/sub'],
    [['This list is available at https://acme.example/list'], 'https://acme.example/list'],
    [['See our DPA at https://acme.example/dpa'], null],
    [['This page: ftp://acme.example/list'], null],
  ])('%j -> %s', (lines, url) => {
    expect(findPageUrl(lines)).toBe(url);
  });

  it('accepts only absolute http(s) addresses', () => {
    expect(httpUrl('https://acme.example')).toBe('https://acme.example/');
    expect(httpUrl('file:///etc/passwd')).toBeNull();
    expect(httpUrl('mailto:legal@acme.example')).toBeNull();
  });
});

describe('sentencesOf', () => {
  it('splits at stops followed by space, not inside tokens', () => {
    expect(sentencesOf('We use Flow.swiss e.g. for hosting. Notice: 30 days! Ok?')).toEqual([
      { text: 'We use Flow.swiss e.g.', start: 0 },
      { text: ' for hosting.', start: 22 },
      { text: ' Notice: 30 days!', start: 35 },
      { text: ' Ok?', start: 52 },
    ]);
  });

  it('drops a line without a stop, keeping it up to its last inner stop', () => {
    expect(sentencesOf('Purpose: hosting\nSee e.g\nLast line')).toEqual([
      { text: 'See e.', start: 17 },
      { text: 'Last line', start: 25 },
    ]);
  });

  it('stays linear on long lines without stops', () => {
    const long = `${'word '.repeat(200_000)}\n`;
    const t0 = performance.now();
    expect(sentencesOf(long)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });
});
