import { describe, expect, it } from 'vitest';

import {
  findNoticeDays,
  findObjectionDays,
  findPublisher,
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
