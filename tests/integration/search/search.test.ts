import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-shared/ipc';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, dispatch, type AppContext } from '../../../src-main/services/app/handlers';
import { ftsQuery } from '../../../src-main/services/search';
import { ROOT_DIR, tempDir } from '../../helpers';

let ctx: AppContext;
let api: Handlers;
let cleanup: () => void;

const table = (rows: string): Uint8Array =>
  new TextEncoder().encode(`| Subprocessor | Purpose | Location |\n|---|---|---|\n${rows}`);

beforeEach(async () => {
  const t = tempDir();
  cleanup = t.cleanup;
  ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
  });
  api = createHandlers(ctx);
  await api['snapshots.import']({
    fileName: 'acme.md',
    vendorName: 'Acme',
    bytes: table(
      '| Stripe | Payment processing | United States |\n| Zendesk | Customer support tickets | Ireland |\n',
    ),
  });
  await api['snapshots.import']({
    fileName: 'beta.md',
    vendorName: 'Beta Corp',
    bytes: table('| Mailgun | Transactional email | Germany |\n'),
  });
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

const titles = async (q: string): Promise<string[]> =>
  (await api['search.query']({ q })).map((h) => h.title);

describe('global search', () => {
  it.each([
    ['a name prefix', 'stri', 'Stripe'],
    ['a purpose word', 'tickets', 'Zendesk'],
    ['a country code', 'DE', 'Mailgun'],
    ['a vendor name', 'beta', 'Beta Corp'],
    ['a typo (fuzzy)', 'Zendsek', 'Zendesk'],
  ])('finds %s', async (_what, q, expected) => {
    expect(await titles(q)).toContain(expected);
  });

  it('searches only the latest snapshot and follows re-imports', async () => {
    expect(await titles('mailgun')).toContain('Mailgun');
    await api['snapshots.import']({
      fileName: 'beta-v2.md',
      vendorName: 'Beta Corp',
      bytes: table('| Postmark | Transactional email | United States |\n'),
    });
    expect(await titles('mailgun')).not.toContain('Mailgun');
    expect(await titles('postmark')).toContain('Postmark');
    expect(await titles('Postmrk')).toContain('Postmark');
  });

  it.each([
    ['Amazn Web Servces', 'Amazon Web Services'],
    ['salesfroce', 'Salesforce'],
    ['Cloudfare', 'Cloudflare'],
    ['Datdog', 'Datadog'],
  ])('finds the name meant by the typo %j among many similar names', async (q, expected) => {
    // 600 names sharing words and letters with the typos, more than the fuzzy scorer is given.
    const rows = Array.from(
      { length: 600 },
      (_, i) => `| Sales Cloud Data Web Services ${i} | Hosting | Ireland |`,
    );
    await api['snapshots.import']({
      fileName: 'gamma.md',
      vendorName: 'Gamma',
      bytes: table(
        `${rows.join('\n')}\n| Amazon Web Services | Hosting | Ireland |\n| Salesforce | CRM | United States |\n| Cloudflare | CDN | United States |\n| Datadog | Monitoring | United States |\n`,
      ),
    });
    const hits = await api['search.query']({ q });
    expect(hits.find((h) => h.title === expected)).toMatchObject({
      vendorName: 'Gamma',
      match: 'fuzzy',
    });
  });

  it('keeps other vendors findable by typo when one vendor is re-imported', async () => {
    expect(await titles('Zendsek')).toContain('Zendesk');
    await api['snapshots.import']({
      fileName: 'beta-v2.md',
      vendorName: 'Beta Corp',
      bytes: table('| Postmark | Transactional email | United States |\n'),
    });
    expect(await titles('Zendsek')).toContain('Zendesk');
    expect(await titles('Mailgn')).not.toContain('Mailgun');
    expect(await titles('Postmrk')).toContain('Postmark');
  });

  it('finds a new vendor by a typo of its name right after its first import', async () => {
    expect(await titles('Gammma Labs')).not.toContain('Gamma Labs');
    await api['snapshots.import']({
      fileName: 'gamma.md',
      vendorName: 'Gamma Labs',
      bytes: table('| Sendgrid | Email delivery | United States |\n'),
    });
    const hits = await api['search.query']({ q: 'Gammma Labs' });
    expect(hits).toContainEqual(expect.objectContaining({ kind: 'vendor', title: 'Gamma Labs' }));
    expect(await titles('Sendgird')).toContain('Sendgrid');
  });

  it('finds an entry by the name, legal entity or purpose the reviewer corrected, until undone', async () => {
    const acme = ctx.store.findVendorByName('Acme');
    const stripe = (await api['entries.list']({ vendorId: acme?.id ?? 0 })).entries.find(
      (e) => e.name === 'Stripe',
    );
    const entryId = stripe?.id ?? 0;
    const correct = (field: 'name' | 'legalEntity' | 'purpose', value: string) =>
      api['entries.correct']({ entryId, field, value });
    expect(await titles('Braintree')).toEqual([]);
    await correct('name', 'Braintree Payments');
    await correct('legalEntity', 'PayPal (Europe) S.à r.l.');
    await correct('purpose', 'Card vaulting');
    // By the corrected text (prefix words, accents folded) and by a typo of the corrected name,
    // always shown with the corrected name and purpose.
    for (const q of ['braintree pay', 'paypal europe', 'vaulting', 'Braintre Paymnts']) {
      expect(await titles(q), q).toContain('Braintree Payments');
    }
    const hit = (await api['search.query']({ q: 'payment processing' })).find(
      (h) => h.entryId === entryId,
    );
    expect(hit).toMatchObject({ title: 'Braintree Payments', detail: 'Card vaulting · US' });
    await api['entries.undoCorrection']({ entryId, field: 'name' });
    expect(await titles('braintree')).toEqual([]);
    expect(await titles('vaulting')).toEqual(['Stripe']);
  });

  it('matches words with accents however the query is typed', async () => {
    await api['snapshots.import']({
      fileName: 'delta.md',
      vendorName: 'Delta',
      bytes: table('| Zürich Analytics | Hosting | Switzerland |\n'),
    });
    // As full-text matches, not only as typos of the name.
    const text = async (q: string): Promise<string[]> =>
      (await api['search.query']({ q })).filter((h) => h.match === 'text').map((h) => h.title);
    expect(await text('zürich')).toContain('Zürich Analytics');
    expect(await text('zurich ana')).toContain('Zürich Analytics');
    expect(await text('ZÜRICH')).toContain('Zürich Analytics');
  });

  it.each(['"', 'NEAR(a b)', 'a OR', '*', ')('])(
    'treats %j as text, never as FTS syntax',
    async (q) => {
      // Through dispatch, as the UI calls it: an FTS5 syntax error would come back as ok: false.
      const r = await dispatch(api, 'search.query', { q });
      expect(r.ok).toBe(true);
    },
  );

  it('quotes every word as a prefix term', () => {
    expect(ftsQuery('Amazon "Web" OR')).toBe('"amazon"* "web"* "or"*');
    expect(ftsQuery('  ')).toBeNull();
  });
});
