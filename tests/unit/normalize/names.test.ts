import { describe, expect, it } from 'vitest';

import {
  splitVendorList,
  splitVendorName,
  vendorKey,
} from '../../../src-main/services/normalize/names';

describe('splitVendorName', () => {
  it.each([
    ['Segment (Twilio)', 'Segment', 'Twilio'],
    ['Sentry (Functional Software, Inc.)', 'Sentry', 'Functional Software, Inc.'],
    ['The Rocket Science Group LLC. (Mailchimp)', 'Mailchimp', 'The Rocket Science Group LLC.'],
    ['Functional Software, Inc. d/b/a Sentry', 'Sentry', 'Functional Software, Inc.'],
    ['AlphaAI Technologies Inc. dba Tavily', 'Tavily', 'AlphaAI Technologies Inc.'],
    ['Amazon Web Services, Inc.', 'Amazon Web Services', 'Amazon Web Services, Inc.'],
    ['Amazon Web Services (AWS)', 'Amazon Web Services', null],
    ['Zebrafish Labs, Inc', 'Zebrafish Labs', 'Zebrafish Labs, Inc'],
    ['Intercom, Inc..', 'Intercom', 'Intercom, Inc.'],
    ['Stripe', 'Stripe', null],
    // every "doing business as" marker, in upper case: DBA_WORDS must hold a word of each
    ['Acme Ltd D.B.A. Rocket', 'Rocket', 'Acme Ltd'],
    ['Acme Ltd DOING BUSINESS AS Rocket', 'Rocket', 'Acme Ltd'],
    ['Acme Ltd Trading As Rocket', 'Rocket', 'Acme Ltd'],
    ['Acme Ltd T/A Rocket', 'Rocket', 'Acme Ltd'],
    ['Acme Ltd DBA Rocket', 'Rocket', 'Acme Ltd'],
    // trailing spaces and punctuation are cut before any pattern runs
    ['Stripe ;  ', 'Stripe', null],
  ])('%s -> %s / %s', (raw, name, legal) => {
    const parts = splitVendorName(raw);
    expect(parts.name).toBe(name);
    expect(parts.legalEntity).toBe(legal);
    expect(raw.slice(parts.nameAt[0], parts.nameAt[1])).toBe(name);
  });
});

describe('splitVendorList', () => {
  const split = (t: string): string[] => splitVendorList(t).map(([a, b]) => t.slice(a, b));
  it.each([
    ['Mixpanel, Grafana', ['Mixpanel', 'Grafana']],
    ['daily.co, MongoDB Atlas', ['daily.co', 'MongoDB Atlas']],
    ['Stripe, Inc.', ['Stripe, Inc.']],
    [
      'Mosyle / Microsoft Intune / Jamf / FileWave',
      ['Mosyle', 'Microsoft Intune', 'Jamf', 'FileWave'],
    ],
    [
      'Google Tag Manager / Google Analytics 4 (Google LLC)',
      ['Google Tag Manager / Google Analytics 4 (Google LLC)'],
    ],
  ])('%s -> %j', (text, parts) => {
    expect(split(text)).toEqual(parts);
  });
});

describe('vendorKey', () => {
  it.each([
    ['Stripe, Inc.', 'stripe'],
    ['Zoë Analytics GmbH', 'zoe analytics'],
    ['Ａｃｍｅ Cloud', 'acme cloud'], // NFKD folds full-width letters
    ['Segment (Twilio)', 'segment'],
    ['daily.co', 'daily'],
    ['Mailgun & Co. Hosting', 'mailgun co hosting'],
    ['  Acme   Hosting ', 'acme hosting'],
  ])('%s -> %s', (name, key) => {
    expect(vendorKey(name)).toBe(key);
  });
});
