/**
 * Domain model shared by every layer. Pure types and constants: no imports from main or renderer.
 */

/** Transfer mechanisms a page can name for an entry (LABELING.md). */
export const TRANSFER_MECHANISMS = [
  'SCC',
  'DPF',
  'BCR',
  'ADEQUACY',
  'IDTA',
  'UK_ADDENDUM',
] as const;
export type TransferMechanism = (typeof TRANSFER_MECHANISMS)[number];

/**
 * active: engaged now (the default); conditional: only with an optional feature, consent, plan or region;
 * inactive: listed but not engaged; customer-managed: contracted by the customer, disclosed only.
 */
export const ENTRY_STATUSES = ['active', 'conditional', 'inactive', 'customer-managed'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export const SOURCE_FORMATS = ['html', 'pdf', 'text', 'markdown', 'csv', 'docx'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** A half-open character range [start, end) in a snapshot's stored source text. */
export interface Span {
  start: number;
  end: number;
}

/** Fields whose origin in the source text is recorded. */
export const PROVENANCE_FIELDS = [
  'name',
  'legalEntity',
  'purpose',
  'dataCategories',
  'countries',
  'transfer',
  'status',
  'section',
] as const;
export type ProvenanceField = (typeof PROVENANCE_FIELDS)[number];
export type Provenance = Partial<Record<ProvenanceField, Span[]>>;

/** One sub-processor as extracted from a page, before it is stored. */
export interface ParsedEntry {
  /** Brand as printed; '' when the page does not print it and nothing on the page states it. */
  name: string;
  legalEntity: string | null;
  purpose: string | null;
  dataCategories: string[];
  /** ISO 3166-1 alpha-2 codes plus the pseudo-codes EU, EEA, GLOBAL. */
  countries: string[];
  transfer: TransferMechanism[];
  status: EntryStatus;
  section: string | null;
  /** false when the name was inferred from context (e.g. a logo image lost in text). */
  nameOnPage: boolean;
  /** 0..1; below 0.7 the entry is marked for review. */
  confidence: number;
  /** Why the confidence is not 1, in words a reviewer understands. */
  confidenceReasons: string[];
  provenance: Provenance;
}

/** What the extractor makes of one document. */
export interface ParsedDocument {
  format: SourceFormat;
  /** The text every provenance span points into; stored with the snapshot. */
  text: string;
  publisher: string | null;
  /** YYYY-MM-DD, the page's own last-updated or effective date. */
  lastUpdated: string | null;
  noticeDays: number | null;
  /** true when the page counts its notice period in business (working) days. */
  noticeBusinessDays: boolean;
  objectionDays: number | null;
  /** The list's own URL when the page states one. */
  url: string | null;
  entries: ParsedEntry[];
  /** Human-readable remarks about the document as a whole (e.g. "no table or list found"). */
  warnings: string[];
}

export interface Vendor {
  id: number;
  name: string;
  url: string | null;
  createdAt: string;
  snapshotCount: number;
  entryCount: number;
  lastImportedAt: string | null;
  lastUpdated: string | null;
}

export interface Snapshot {
  id: number;
  vendorId: number;
  fileName: string;
  mediaType: string;
  format: SourceFormat;
  sha256: string;
  byteLength: number;
  importedAt: string;
  lastUpdated: string | null;
  noticeDays: number | null;
  noticeBusinessDays: boolean;
  objectionDays: number | null;
  publisher: string | null;
  parserVersion: string;
  entryCount: number;
  warnings: string[];
}

export const CORRECTABLE_FIELDS = [
  'name',
  'legalEntity',
  'purpose',
  'countries',
  'transfer',
  'status',
] as const;
export type CorrectableField = (typeof CORRECTABLE_FIELDS)[number];

/** A reviewer's correction of one field; the parsed value is kept as `was`. */
export interface Correction {
  was: unknown;
  by: string;
  at: string;
}

export interface Entry extends ParsedEntry {
  id: number;
  snapshotId: number;
  position: number;
  /** Fields the reviewer corrected (the entry's own fields carry the corrected values). */
  corrected?: Partial<Record<CorrectableField, Correction>>;
}

export const SEVERITIES = ['high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface FlagEvidence {
  field: ProvenanceField | 'snapshot';
  value: string;
  spans: Span[];
}

export interface Flag {
  id: number;
  entryId: number | null;
  snapshotId: number;
  ruleId: string;
  severity: Severity;
  /** A sentence a non-lawyer understands. */
  message: string;
  evidence: FlagEvidence[];
  policyVersion: number;
}

export const DECISION_VALUES = [
  'approved',
  'approved-with-conditions',
  'needs-follow-up',
  'rejected',
] as const;
export type DecisionValue = (typeof DECISION_VALUES)[number];

export interface Decision {
  id: number;
  vendorId: number;
  /** Canonical identity of the sub-processor the decision is about, stable across snapshots. */
  entityKey: string;
  decision: DecisionValue;
  comment: string;
  reviewer: string;
  decidedAt: string;
  /** The entry's content fingerprint when decided; a changed entry re-opens the decision. */
  entryFingerprint: string;
  /** YYYY-MM-DD the reviewer verified the entity's DPF certification, if they did. */
  dpfVerifiedOn: string | null;
}

export interface PolicyRule {
  id: string;
  enabled: boolean;
  severity: Severity;
  /** Rule-specific parameters (blocked countries, minimum notice days, ...). */
  params: Record<string, unknown>;
}

export interface Policy {
  version: number;
  name: string;
  rules: PolicyRule[];
  createdAt: string;
}

/** Result of importing one file. */
export interface ImportOutcome {
  status: 'imported' | 'duplicate';
  vendor: { id: number; name: string };
  snapshot: Snapshot;
  /** What happened, in a sentence naming the file. */
  message: string;
  /** true when the vendor had no snapshot before this one (so there is nothing to diff yet). */
  isFirstSnapshot: boolean;
}
