import { createHash } from 'node:crypto';
import type { ParsedEntry } from '../../../src-shared/domain';
import { findKnownSubprocessor, nameKey, type KnownSubprocessor } from '../resources';

/** The catalog entry an extracted entry denotes, by its printed name first, then its legal entity. */
export function knownSubprocessorOf(
  catalog: readonly KnownSubprocessor[],
  entry: Pick<ParsedEntry, 'name' | 'legalEntity'>,
): KnownSubprocessor | undefined {
  return (
    (entry.name ? findKnownSubprocessor(catalog, entry.name) : undefined) ??
    (entry.legalEntity ? findKnownSubprocessor(catalog, entry.legalEntity) : undefined)
  );
}

/**
 * The canonical identity of a sub-processor, stable across snapshots and vendors: the catalog id
 * when the catalog knows it ("AWS" and "Amazon Web Services, Inc." are `known:amazon-web-services`),
 * else the name's comparison key (`name:acmeanalytics`). A row whose name was lost is keyed by its
 * purpose, so its decision still follows it to the next snapshot.
 */
export function entityKey(
  catalog: readonly KnownSubprocessor[],
  entry: Pick<ParsedEntry, 'name' | 'legalEntity' | 'purpose'>,
): string {
  return entityKeyOfKnown(knownSubprocessorOf(catalog, entry), entry);
}

/**
 * entityKey for a caller that already looked the entry up (`knownSubprocessorOf`), so the
 * catalog is not searched twice per entry.
 */
export function entityKeyOfKnown(
  known: KnownSubprocessor | undefined,
  entry: Pick<ParsedEntry, 'name' | 'legalEntity' | 'purpose'>,
): string {
  if (known) {
    return `known:${known.id}`;
  }
  const key = nameKey(entry.name) || (entry.legalEntity ? nameKey(entry.legalEntity) : '');
  if (key) {
    return `name:${key}`;
  }
  const purpose = (entry.purpose ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return `unnamed:${createHash('sha256').update(purpose).digest('hex').slice(0, 16)}`;
}

/**
 * A fingerprint of what a reviewer decided on: the fields whose change re-opens a decision.
 * Order-insensitive for lists, so a page that reorders countries changes nothing.
 */
export function entryFingerprint(
  entry: Pick<
    ParsedEntry,
    'legalEntity' | 'purpose' | 'countries' | 'transfer' | 'status' | 'dataCategories'
  >,
): string {
  const norm = (s: string | null): string => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  const payload = JSON.stringify([
    norm(entry.legalEntity),
    norm(entry.purpose),
    [...entry.countries].sort(),
    [...entry.transfer].sort(),
    entry.status,
    [...entry.dataCategories].map(norm).sort(),
  ]);
  return createHash('sha256').update(payload).digest('hex').slice(0, 32);
}
