/**
 * The synthetic corpus: vendors' sub-processor pages in every text format the app reads, built from
 * a seed. Shapes copy ../shared/corpus (titled HTML tables, headed blocks, Markdown tables with
 * front matter, reStructuredText-like plain text, CSV exports); names, entities and countries come
 * from the shipped catalog so the identity and risk code see realistic matches and misses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedEntry, TransferMechanism } from '../src-shared/domain';
import { createRng, type Rng } from './prng';

export const BENCH_FORMATS = ['html-table', 'html-blocks', 'markdown', 'text', 'csv'] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

const EXTENSIONS: Record<BenchFormat, string> = {
  'html-table': 'html',
  'html-blocks': 'html',
  markdown: 'md',
  text: 'txt',
  csv: 'csv',
};

export interface CatalogVendor {
  canonicalName: string;
  aliases: readonly string[];
  legalEntities: readonly string[];
}

export interface Vocabulary {
  vendors: readonly CatalogVendor[];
  /** ISO code → English name, for the countries pages actually print. */
  countryNames: ReadonlyMap<string, string>;
}

export interface SyntheticEntry {
  name: string;
  legalEntity: string | null;
  purpose: string;
  /** ISO codes, or the pseudo-codes EU and GLOBAL. */
  countries: string[];
  transfer: TransferMechanism[];
  section: string;
}

export interface SyntheticPage {
  vendor: string;
  /** 'pdf': an HTML page printed by Chromium (bench/pdf-print.ts). */
  format: BenchFormat | 'pdf';
  fileName: string;
  bytes: Uint8Array;
  entries: SyntheticEntry[];
}

/** Reads the catalog and country names shipped in `resources/`; shape checks only, no zod. */
export function readVocabulary(resourcesDir: string): Vocabulary {
  const subs = JSON.parse(readFileSync(join(resourcesDir, 'subprocessors.json'), 'utf8')) as {
    subprocessors: CatalogVendor[];
  };
  const countries = JSON.parse(readFileSync(join(resourcesDir, 'countries.json'), 'utf8')) as {
    countries: { code: string; name: string }[];
  };
  return {
    vendors: subs.subprocessors.map((s) => ({
      canonicalName: s.canonicalName,
      aliases: s.aliases,
      legalEntities: s.legalEntities,
    })),
    countryNames: new Map(countries.countries.map((c) => [c.code, c.name])),
  };
}

// Where sub-processors say they process data, weighted as in the corpus: mostly the US, then the
// EU hosting countries, then a long tail.
const COUNTRY_WEIGHTS: readonly [string, number][] = [
  ['US', 40],
  ['IE', 10],
  ['DE', 8],
  ['EU', 6],
  ['GB', 5],
  ['NL', 4],
  ['FR', 3],
  ['GLOBAL', 4],
  ['CA', 2],
  ['JP', 2],
  ['IN', 2],
  ['AU', 2],
  ['SG', 2],
  ['BR', 1],
  ['CH', 1],
  ['SE', 1],
  ['IL', 1],
  ['PH', 1],
];

const PURPOSES = [
  'Cloud infrastructure provider',
  'Cloud hosting and storage',
  'Content delivery network and DDoS protection',
  'Transactional email delivery',
  'Customer support ticketing',
  'Error monitoring and logging',
  'Application performance monitoring',
  'Payment processing',
  'Product analytics',
  'Website analytics',
  'Customer relationship management',
  'Identity and authentication services',
  'Video conferencing for support calls',
  'AI features: text generation and summarisation',
  'Large language model inference (optional AI features)',
  'Data warehousing and business intelligence',
  'Search infrastructure',
  'SMS and voice notifications',
  'Background checks for enterprise onboarding',
  'Document signing',
  'Backup and disaster recovery',
  'Security information and event management',
  'Internal communication',
  'Marketing automation',
];

const SECTIONS = [
  'Infrastructure',
  'Core Infrastructure',
  'Service Providers',
  'Analytics',
  'Customer Support',
  'AI Features',
  'Payments',
  'Affiliates',
];

const SYLLABLES = ['ju', 'ni', 'fy', 'ra', 'lo', 'qua', 'zen', 'tor', 'vi', 'mek', 'sa', 'dri'];
const COMPANY_SUFFIXES = ['Inc.', 'Ltd', 'GmbH', 'B.V.', 'SAS', 'LLC', 'Pty Ltd', 'AB'];

const DISPLAY_PSEUDO: Record<string, string> = { EU: 'European Union', GLOBAL: 'Worldwide' };

function coinedName(rng: Rng): string {
  const n = rng.int(2, 3);
  let s = '';
  for (let i = 0; i < n; i++) s += rng.pick(SYLLABLES);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function weightedCountry(rng: Rng): string {
  const total = COUNTRY_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  let r = rng.next() * total;
  for (const [code, w] of COUNTRY_WEIGHTS) {
    r -= w;
    if (r < 0) return code;
  }
  return 'US';
}

function mechanismsFor(rng: Rng, countries: readonly string[]): TransferMechanism[] {
  const out = new Set<TransferMechanism>();
  for (const c of countries) {
    if (c === 'US') {
      rng
        .pick<TransferMechanism[]>([['SCC'], ['DPF'], ['SCC', 'DPF'], []])
        .forEach((m) => out.add(m));
    } else if (['GB', 'CA', 'JP', 'CH', 'IL'].includes(c)) {
      out.add('ADEQUACY');
    } else if (['IN', 'AU', 'SG', 'BR', 'PH', 'GLOBAL'].includes(c) && rng.chance(0.8)) {
      out.add(rng.chance(0.85) ? 'SCC' : 'BCR');
    }
  }
  return [...out];
}

const MECHANISM_TEXT: Record<TransferMechanism, string> = {
  SCC: 'Standard Contractual Clauses',
  DPF: 'EU-US Data Privacy Framework',
  BCR: 'Binding Corporate Rules',
  ADEQUACY: 'Adequacy decision',
  IDTA: 'UK IDTA',
  UK_ADDENDUM: 'UK Addendum',
};

/** One entry: 60% a catalog vendor under one of its printed names, else a coined company. */
function syntheticEntry(rng: Rng, vocab: Vocabulary, section: string): SyntheticEntry {
  let name: string;
  let legalEntity: string | null;
  const known = vocab.vendors.length > 0 && rng.chance(0.6) ? rng.pick(vocab.vendors) : null;
  if (known) {
    name =
      known.aliases.length > 0 && rng.chance(0.2) ? rng.pick(known.aliases) : known.canonicalName;
    legalEntity =
      known.legalEntities.length > 0 && rng.chance(0.7) ? rng.pick(known.legalEntities) : null;
  } else {
    name = `${coinedName(rng)}${rng.chance(0.3) ? ` ${coinedName(rng)}` : ''}`;
    legalEntity = rng.chance(0.6) ? `${name} ${rng.pick(COMPANY_SUFFIXES)}` : null;
  }
  const countries = new Set<string>();
  const nCountries = rng.chance(0.75) ? 1 : rng.int(2, 3);
  while (countries.size < nCountries) countries.add(weightedCountry(rng));
  const codes = [...countries];
  return {
    name,
    legalEntity,
    purpose: rng.pick(PURPOSES),
    countries: codes,
    transfer: mechanismsFor(rng, codes),
    section,
  };
}

/** Realistic page lengths: most lists have 5–60 entries, a few run past a hundred. */
function realisticEntryCount(rng: Rng): number {
  return Math.round(Math.exp(Math.log(5) + rng.next() * (Math.log(120) - Math.log(5))));
}

/** `count` entries in 1–4 sections, names unique within the page as real lists are. */
export function generateEntries(rng: Rng, vocab: Vocabulary, count: number): SyntheticEntry[] {
  const sections = Array.from({ length: rng.int(1, 4) }, () => rng.pick(SECTIONS));
  const seen = new Set<string>();
  const out: SyntheticEntry[] = [];
  while (out.length < count) {
    const section = sections[Math.floor((out.length / count) * sections.length)] ?? 'Other';
    const e = syntheticEntry(rng, vocab, section);
    if (!seen.has(e.name.toLowerCase())) {
      seen.add(e.name.toLowerCase());
      out.push(e);
    }
  }
  return out;
}

/**
 * The next version of a list: about 5% removed, 5% added and 10% changed (purpose or location),
 * the mix a vendor's update notice usually announces.
 */
export function mutateEntries(
  rng: Rng,
  vocab: Vocabulary,
  before: SyntheticEntry[],
): SyntheticEntry[] {
  const kept = before.filter(() => !rng.chance(0.05));
  const changed = kept.map((e) =>
    rng.chance(0.1)
      ? rng.chance(0.5)
        ? { ...e, purpose: rng.pick(PURPOSES) }
        : { ...e, countries: [weightedCountry(rng)] }
      : e,
  );
  const names = new Set(changed.map((e) => e.name.toLowerCase()));
  const target = changed.length + Math.max(1, Math.round(before.length * 0.05));
  while (changed.length < target) {
    const e = syntheticEntry(rng, vocab, before[0]?.section ?? 'Infrastructure');
    if (!names.has(e.name.toLowerCase())) {
      names.add(e.name.toLowerCase());
      changed.push(e);
    }
  }
  return changed;
}

function countryText(vocab: Vocabulary, codes: readonly string[]): string {
  return codes.map((c) => DISPLAY_PSEUDO[c] ?? vocab.countryNames.get(c) ?? c).join(', ');
}

function mechanismText(m: readonly TransferMechanism[]): string {
  return m.length === 0 ? 'N/A' : m.map((x) => MECHANISM_TEXT[x]).join('; ');
}

function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function groupBySection(entries: readonly SyntheticEntry[]): [string, SyntheticEntry[]][] {
  const groups = new Map<string, SyntheticEntry[]>();
  for (const e of entries) {
    const list = groups.get(e.section) ?? [];
    list.push(e);
    groups.set(e.section, list);
  }
  return [...groups];
}

interface PageMeta {
  vendor: string;
  updated: string;
  noticeDays: number;
}

// Saved pages carry navigation, a cookie banner, inline CSS and scripts around the list; the
// reader must skip all of it, so the bench must make it pay for it.
function htmlChrome(rng: Rng, meta: PageMeta, body: string): string {
  const links = Array.from(
    { length: rng.int(15, 40) },
    (_, i) => `<li><a href="/p/${i}">${escapeHtml(coinedName(rng))}</a></li>`,
  ).join('');
  const css = '.nav{display:flex;gap:8px}.footer a{color:#555}'.repeat(rng.int(20, 60));
  const script = `window.__STATE__=${JSON.stringify({ k: coinedName(rng).repeat(rng.int(50, 200)) })};`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sub-processors | ${escapeHtml(meta.vendor)}</title>
<link rel="canonical" href="https://${meta.vendor.toLowerCase()}.example/legal/subprocessors">
<style>${css}</style><script>${script}</script></head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience.</p><button>Accept all</button></div>
<header><nav class="nav"><ul>${links}</ul></nav></header>
<main><article>
<h1>${escapeHtml(meta.vendor)} Sub-processors</h1>
<p>Last updated: ${meta.updated}</p>
<p>${escapeHtml(meta.vendor)} engages the sub-processors listed below to support the delivery of the Services. We will notify customers at least ${meta.noticeDays} days before authorising any new sub-processor.</p>
${body}
</article></main>
<footer class="footer"><ul>${links}</ul><p>&copy; 2025 ${escapeHtml(meta.vendor)} Inc.</p></footer>
</body></html>`;
}

function renderHtmlTable(
  rng: Rng,
  vocab: Vocabulary,
  meta: PageMeta,
  entries: SyntheticEntry[],
): string {
  const body = groupBySection(entries)
    .map(([section, list]) => {
      const rows = list
        .map(
          (e) =>
            `<tr><td>${escapeHtml(e.name)}</td><td>${escapeHtml(e.legalEntity ?? '')}</td><td>${escapeHtml(e.purpose)}</td><td>${escapeHtml(countryText(vocab, e.countries))}</td><td>${escapeHtml(mechanismText(e.transfer))}</td></tr>`,
        )
        .join('\n');
      return `<h2>${escapeHtml(section)}</h2>
<table class="subprocessors"><thead><tr><th>Sub-processor</th><th>Legal entity</th><th>Purpose</th><th>Location</th><th>Transfer mechanism</th></tr></thead>
<tbody>${rows}</tbody></table>`;
    })
    .join('\n');
  return htmlChrome(rng, meta, body);
}

function renderHtmlBlocks(
  rng: Rng,
  vocab: Vocabulary,
  meta: PageMeta,
  entries: SyntheticEntry[],
): string {
  const body = groupBySection(entries)
    .map(([section, list]) => {
      const blocks = list
        .map(
          (e) => `<div class="subprocessor"><h3>${escapeHtml(e.name)}</h3>
${e.legalEntity ? `<p><strong>Entity:</strong> ${escapeHtml(e.legalEntity)}</p>` : ''}
<p><strong>Purpose:</strong> ${escapeHtml(e.purpose)}</p>
<p><strong>Location:</strong> ${escapeHtml(countryText(vocab, e.countries))}</p>
<p><strong>Transfer mechanism:</strong> ${escapeHtml(mechanismText(e.transfer))}</p></div>`,
        )
        .join('\n');
      return `<h2>${escapeHtml(section)}</h2>\n${blocks}`;
    })
    .join('\n');
  return htmlChrome(rng, meta, body);
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function renderMarkdown(vocab: Vocabulary, meta: PageMeta, entries: SyntheticEntry[]): string {
  const sections = groupBySection(entries)
    .map(([section, list]) => {
      const rows = list
        .map(
          (e) =>
            `| ${mdCell(e.name)} | ${mdCell(e.purpose)} | ${mdCell(countryText(vocab, e.countries))} | ${mdCell(mechanismText(e.transfer))} |`,
        )
        .join('\n');
      return `## ${section}\n\n| Subprocessor | Purpose | Location | Transfer mechanism |\n| --- | --- | --- | --- |\n${rows}\n`;
    })
    .join('\n');
  return `---\ntitle: Subprocessor List\nslug: subprocessors\n---\n\n# ${meta.vendor} Subprocessors\n\nLast updated: ${meta.updated}\n\nThis page lists the Subprocessors ${meta.vendor} has engaged to process Customer Data. We give ${meta.noticeDays} days' notice of changes.\n\n${sections}`;
}

function renderText(vocab: Vocabulary, meta: PageMeta, entries: SyntheticEntry[]): string {
  const title = 'Sub-processor list';
  const sections = groupBySection(entries)
    .map(([section, list]) => {
      const items = list
        .map((e) => {
          const head = e.legalEntity ?? e.name;
          return `${head}\n    ${e.purpose}. Location: ${countryText(vocab, e.countries)}. Transfer mechanism: ${mechanismText(e.transfer)}.`;
        })
        .join('\n\n');
      return `${section}\n${'-'.repeat(section.length)}\n\n${items}\n`;
    })
    .join('\n');
  return `${title}\n${'='.repeat(title.length)}\n\n:Last updated: ${meta.updated}\n\n${meta.vendor} uses services from the following sub-processors. We notify customers ${meta.noticeDays} days before adding a sub-processor.\n\n${sections}`;
}

function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function renderCsv(vocab: Vocabulary, entries: SyntheticEntry[]): string {
  const header = 'Name,Legal entity,Purpose,Location,Transfer mechanism,Category';
  const rows = entries.map((e) =>
    [
      e.name,
      e.legalEntity ?? '',
      e.purpose,
      countryText(vocab, e.countries),
      mechanismText(e.transfer),
      e.section,
    ]
      .map(csvField)
      .join(','),
  );
  return `${header}\n${rows.join('\n')}\n`;
}

/** Renders one vendor's page in `format`; the rng supplies the page's chrome and dates. */
export function renderPage(
  rng: Rng,
  vocab: Vocabulary,
  vendor: string,
  format: BenchFormat,
  entries: SyntheticEntry[],
): SyntheticPage {
  const month = rng.pick(['January', 'March', 'June', 'September', 'November']);
  const meta: PageMeta = {
    vendor,
    updated: `${month} ${rng.int(1, 28)}, ${rng.int(2022, 2025)}`,
    noticeDays: rng.pick([10, 14, 30]),
  };
  let text: string;
  switch (format) {
    case 'html-table':
      text = renderHtmlTable(rng, vocab, meta, entries);
      break;
    case 'html-blocks':
      text = renderHtmlBlocks(rng, vocab, meta, entries);
      break;
    case 'markdown':
      text = renderMarkdown(vocab, meta, entries);
      break;
    case 'text':
      text = renderText(vocab, meta, entries);
      break;
    case 'csv':
      text = renderCsv(vocab, entries);
      break;
  }
  const slug = vendor.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    vendor,
    format,
    fileName: `${slug}-subprocessors.${EXTENSIONS[format]}`,
    bytes: new TextEncoder().encode(text),
    entries,
  };
}

export interface CorpusOptions {
  pages: number;
  /** Entries per page; realistic lengths (5–120, log-uniform) when absent. */
  entries?: number;
  /** Formats to cycle through; all when absent. */
  formats?: readonly BenchFormat[];
}

/** `pages` vendors' pages, formats in rotation, vendor names unique; same seed, same bytes. */
export function generateCorpus(
  seed: number,
  vocab: Vocabulary,
  options: CorpusOptions,
): SyntheticPage[] {
  const rng = createRng(seed);
  const formats = options.formats ?? BENCH_FORMATS;
  const pages: SyntheticPage[] = [];
  const vendors = new Set<string>();
  for (let i = 0; i < options.pages; i++) {
    let vendor = coinedName(rng);
    // coined names collide in large corpora; a number keeps each page its own vendor
    if (vendors.has(vendor)) vendor = `${vendor} ${i}`;
    vendors.add(vendor);
    const count = options.entries ?? realisticEntryCount(rng);
    const format = formats[i % formats.length] ?? 'html-table';
    pages.push(renderPage(rng, vocab, vendor, format, generateEntries(rng, vocab, count)));
  }
  return pages;
}

/** A synthetic entry as the extractor would report it, for benches that skip parsing. */
export function toParsedEntry(e: SyntheticEntry): ParsedEntry {
  return {
    name: e.name,
    legalEntity: e.legalEntity,
    purpose: e.purpose,
    dataCategories: [],
    countries: e.countries,
    transfer: e.transfer,
    status: 'active',
    section: e.section,
    nameOnPage: true,
    confidence: 1,
    confidenceReasons: [],
    provenance: {},
  };
}

/** Vendors with realistic-length entry lists but no rendered page, for benches past the parser. */
export function generateVendors(
  seed: number,
  vocab: Vocabulary,
  count: number,
): { name: string; entries: SyntheticEntry[] }[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => ({
    name: `${coinedName(rng)} ${i}`,
    entries: generateEntries(rng, vocab, realisticEntryCount(rng)),
  }));
}
