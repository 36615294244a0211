/**
 * The review journey on the real handler table and a real SQLite file: import a page, decide,
 * re-import an edited "next version", and see what carried over, what re-opened and what changed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Handlers } from '../../../src-shared/ipc';
import { openAppContext } from '../../../src-main/services/app/context';
import { createHandlers, type AppContext } from '../../../src-main/services/app/handlers';
import { CORPUS_DIR, ROOT_DIR, tempDir } from '../../helpers';

const ZED_V1 = readFileSync(join(CORPUS_DIR, 'real', 'zed.md'), 'utf8');
// The next version of the page: Snowflake removed, Vercel moved to Germany, Mistral added.
const ZED_V2 = ZED_V1.replace(/^\| Snowflake .*\n/m, '')
  .replace(/^(\| Vercel +\| Cloud Infrastructure +\| )United States/m, '$1Germany      ')
  .replace(
    /^(\| OpenAI .*\n)/m,
    '$1| Mistral AI          | AI Services              | France        |\n',
  )
  .replace('May 6th, 2025', 'June 2nd, 2025');

let ctx: AppContext;
let api: Handlers;
let cleanup: () => void;
let clock = new Date('2025-06-05T10:00:00Z');

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  clock = new Date('2025-06-05T10:00:00Z');
  ctx = openAppContext({
    databasePath: join(t.dir, 'db.sqlite'),
    mode: 'cli',
    version: 'test',
    resourcesDir: join(ROOT_DIR, 'resources'),
    now: () => clock,
  });
  api = createHandlers(ctx);
});
afterEach(async () => {
  await ctx.dispose();
  cleanup();
});

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

async function importVersion(text: string, name: string) {
  return api['snapshots.import']({ fileName: name, bytes: bytes(text), vendorName: 'Zed' });
}

async function entryNamed(vendorId: number, name: string) {
  const review = await api['review.get']({ vendorId });
  const item = review.entries.find((e) => e.entry.name === name);
  if (!item) {
    throw new Error(`no entry ${name} in ${review.entries.map((e) => e.entry.name).join(', ')}`);
  }
  return item;
}

describe('review across re-imports', () => {
  it('flags entries with evidence pointing into the stored source text', async () => {
    const out = await importVersion(ZED_V1, 'zed-v1.md');
    const review = await api['review.get']({ vendorId: out.vendor.id });
    const openai = review.entries.find((e) => e.entry.name === 'OpenAI');
    const ai = openai?.flags.find((f) => f.ruleId === 'ai-provider');
    expect(ai?.message).toContain('OpenAI');
    const source = await api['snapshots.source']({ snapshotId: out.snapshot.id });
    const cloudflare = review.entries.find((e) => e.entry.name === 'Cloudflare');
    const vague = cloudflare?.flags.find((f) => f.ruleId === 'location-missing-or-vague');
    const span = vague?.evidence.flatMap((ev) => ev.spans)[0];
    expect(span && source.text.slice(span.start, span.end)).toBe('Worldwide');
    expect(review.policy.version).toBe(1);
    expect(review.status).toBe('not-started');
  });

  it('carries decisions over by identity, re-opens changed entries, flags new ones', async () => {
    const v1 = await importVersion(ZED_V1, 'zed-v1.md');
    const vendorId = v1.vendor.id;
    for (const name of ['Amazon Web Services', 'Vercel']) {
      const item = await entryNamed(vendorId, name);
      await api['decisions.record']({
        entryId: item.entry.id,
        decision: 'approved',
        comment: `ok ${name}`,
        reviewer: 'Ana',
      });
    }
    expect((await entryNamed(vendorId, 'Vercel')).decisionState).toBe('decided');

    clock = new Date('2025-06-10T09:00:00Z');
    const v2 = await importVersion(ZED_V2, 'zed-v2.md');
    expect(v2.status).toBe('imported');
    expect(v2.isFirstSnapshot).toBe(false);

    const aws = await entryNamed(vendorId, 'Amazon Web Services');
    expect(aws.decisionState).toBe('decided');
    expect(aws.decision).toMatchObject({
      decision: 'approved',
      reviewer: 'Ana',
      comment: 'ok Amazon Web Services',
    });
    const vercel = await entryNamed(vendorId, 'Vercel');
    expect(vercel.decisionState).toBe('reopened');
    const mistral = await entryNamed(vendorId, 'Mistral AI');
    expect(mistral.decisionState).toBe('open');
    expect(mistral.flags.map((f) => f.ruleId)).toContain('new-since-previous');
    expect((await api['review.get']({ vendorId })).status).toBe('needs-attention');
  });

  it('diffs the two versions field by field, with the objection deadline', async () => {
    await importVersion(ZED_V1, 'zed-v1.md');
    clock = new Date('2025-06-10T09:00:00Z');
    const v2 = await importVersion(ZED_V2, 'zed-v2.md');
    const c = await api['compare.diff']({ vendorId: v2.vendor.id });
    expect(c.diff?.added.map((e) => e.name)).toEqual(['Mistral AI']);
    expect(c.diff?.removed.map((e) => e.name)).toEqual(['Snowflake']);
    expect(c.diff?.changed).toHaveLength(1);
    expect(c.diff?.changed[0]?.fields).toEqual([
      { field: 'countries', before: ['US'], after: ['DE'] },
    ]);
    // No notice period on the page: the policy's 30 days from the page's date (2025-06-02).
    expect(c.deadline).toMatchObject({ deadline: '2025-07-02', state: 'open', daysLeft: 22 });
    const ics = await api['compare.deadlinesIcs']({});
    expect(ics.text).toContain('DTSTART;VALUE=DATE:20250702');
  });

  it('counts from the import when the page changed but kept its old date', async () => {
    await importVersion(ZED_V1, 'zed-v1.md');
    clock = new Date('2025-06-10T09:00:00Z');
    const sameDate = ZED_V2.replace('June 2nd, 2025', 'May 6th, 2025');
    const v2 = await importVersion(sameDate, 'zed-v2-same-date.md');
    const c = await api['compare.diff']({ vendorId: v2.vendor.id });
    expect(c.deadline).toMatchObject({ from: '2025-06-10', deadline: '2025-07-10' });
  });
});

describe('corrections', () => {
  it('keeps the parsed value apart, recomputes flags, and undoes', async () => {
    const out = await importVersion(ZED_V1, 'zed-v1.md');
    const cf = await entryNamed(out.vendor.id, 'Cloudflare');
    expect(cf.flags.map((f) => f.ruleId)).toContain('location-missing-or-vague');

    const fixed = await api['entries.correct']({
      entryId: cf.entry.id,
      field: 'countries',
      value: ['DE'],
    });
    expect(fixed.countries).toEqual(['DE']);
    expect(fixed.corrected?.countries?.was).toEqual(['GLOBAL']);
    const after = await entryNamed(out.vendor.id, 'Cloudflare');
    expect(after.flags.map((f) => f.ruleId)).not.toContain('location-missing-or-vague');
    expect(
      ctx.store.db.prepare('SELECT countries FROM entries WHERE id = ?').get(cf.entry.id),
    ).toEqual({
      countries: '["GLOBAL"]',
    });

    const undone = await api['entries.undoCorrection']({
      entryId: cf.entry.id,
      field: 'countries',
    });
    expect(undone.countries).toEqual(['GLOBAL']);
    expect(undone.corrected).toBeUndefined();
    expect((await entryNamed(out.vendor.id, 'Cloudflare')).flags.map((f) => f.ruleId)).toContain(
      'location-missing-or-vague',
    );
    const attempt = async () =>
      api['entries.undoCorrection']({ entryId: cf.entry.id, field: 'countries' });
    await expect(attempt()).rejects.toThrow(/no correction of countries to undo/);
  });
});

describe('policy', () => {
  it('round-trips: export, edit, import changes the flags and records the version', async () => {
    const out = await importVersion(ZED_V1, 'zed-v1.md');
    const before = await api['review.get']({ vendorId: out.vendor.id });
    expect(before.entries.some((e) => e.flags.some((f) => f.ruleId === 'ai-provider'))).toBe(true);

    const exported = await api['policy.export']({});
    const policy = JSON.parse(exported.text) as { rules: { id: string; enabled: boolean }[] };
    for (const r of policy.rules) {
      if (r.id === 'ai-provider') {
        r.enabled = false;
      }
    }
    const view = await api['policy.import']({
      fileName: 'edited.json',
      json: JSON.stringify(policy),
    });
    expect(view.policy.version).toBe(2);
    expect(view.reevaluated).toBe(1);

    const after = await api['review.get']({ vendorId: out.vendor.id });
    expect(after.policy.version).toBe(2);
    expect(after.entries.some((e) => e.flags.some((f) => f.ruleId === 'ai-provider'))).toBe(false);
    expect(after.entries.flatMap((e) => e.flags).every((f) => f.policyVersion === 2)).toBe(true);
  });

  it('refuses a broken policy file by name and keeps the policy in force', async () => {
    // Handlers may throw synchronously; the shells turn both kinds into error results.
    const attempt = async (fileName: string, json: string) =>
      api['policy.import']({ fileName, json });
    await expect(attempt('bad.json', '{"rules": [')).rejects.toThrow(
      /bad\.json: is not valid JSON/,
    );
    await expect(
      attempt(
        'odd.json',
        JSON.stringify({
          version: 1,
          name: 'x',
          rules: [{ id: 'no-such-rule', enabled: true, severity: 'high', params: {} }],
        }),
      ),
    ).rejects.toThrow(/odd\.json/);
    expect((await api['policy.get']({})).policy.version).toBe(1);
  });
});

describe('portfolio matrix', () => {
  it('counts shared sub-processors across vendors by identity', async () => {
    await importVersion(ZED_V1, 'zed.md');
    await api['snapshots.import']({
      fileName: 'other.md',
      bytes: bytes(
        '| Subprocessor | Purpose | Location |\n|---|---|---|\n| AWS | Hosting | Ireland |\n| Stripe | Payments | United States |\n',
      ),
      vendorName: 'Other',
    });
    const m = await api['compare.matrix']({});
    expect(m.vendors.map((v) => v.name).sort()).toEqual(['Other', 'Zed']);
    const aws = m.rows.find((r) => r.key === 'known:amazon-web-services');
    expect(aws?.vendorIds).toHaveLength(2);
    expect(m.rows[0]?.vendorIds).toHaveLength(2);
    const ie = m.countries.find((c) => c.code === 'IE');
    expect(ie?.vendorIds).toHaveLength(1);
  });
});
