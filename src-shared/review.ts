/**
 * Types of the review, compare and export results the renderer shows. Pure types only.
 */
import type {
  Decision,
  Entry,
  Flag,
  FlagEvidence,
  ProvenanceField,
  Severity,
  Snapshot,
  Vendor,
} from './domain';

/** A flag as computed by the risk engine, before it is stored. */
export interface FlagDraft {
  entryId: number | null;
  ruleId: string;
  severity: Severity;
  /** A sentence a non-lawyer understands: what was found and why it matters. */
  message: string;
  evidence: FlagEvidence[];
}

export type SeverityCounts = Record<Severity, number>;

export interface QualityCriterion {
  id:
    | 'last-updated'
    | 'legal-entities'
    | 'countries'
    | 'purposes'
    | 'mechanisms'
    | 'notice-period'
    | 'objection-path';
  label: string;
  /** 0..1: the share of entries (or 0/1 for page-level facts) that meet it. */
  score: number;
  detail: string;
}

/** How reviewable a vendor's published list is, 0..100, and why. */
export interface ListQuality {
  score: number;
  criteria: QualityCriterion[];
}

/** Fields compared between two snapshots' entries. */
export const DIFF_FIELDS = [
  'name',
  'legalEntity',
  'purpose',
  'countries',
  'transfer',
  'status',
  'section',
  'dataCategories',
] as const satisfies readonly ProvenanceField[];
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldChange {
  field: DiffField;
  before: string | string[] | null;
  after: string | string[] | null;
}

export interface ChangedEntry {
  before: Entry;
  after: Entry;
  fields: FieldChange[];
  /** How the two were matched: same canonical identity, or a fuzzy name match (a rename). */
  match: 'identity' | 'fuzzy';
  /** 0..1, 1 for identity matches. */
  similarity: number;
}

export interface AmbiguousMatch {
  /** An entry of the newer snapshot that could be any of several older ones (or vice versa). */
  entry: Entry;
  side: 'before' | 'after';
  candidates: { entry: Entry; similarity: number }[];
}

export interface SnapshotDiff {
  added: Entry[];
  removed: Entry[];
  changed: ChangedEntry[];
  unchangedCount: number;
  ambiguous: AmbiguousMatch[];
}

export interface ObjectionDeadline {
  /** YYYY-MM-DD, the last day to object. */
  deadline: string;
  /** The date the window counts from (YYYY-MM-DD) and why that date. */
  from: string;
  basis: string;
  days: number;
  businessDays: boolean;
  /** Whole days from today to the deadline; negative when past. */
  daysLeft: number;
  state: 'open' | 'soon' | 'past';
}

export interface MatrixRow {
  key: string;
  name: string;
  category: string | null;
  /** Vendor ids that use this sub-processor (in their latest snapshot). */
  vendorIds: number[];
}

export interface CountryReach {
  code: string;
  vendorIds: number[];
  /** Sub-processor keys processing there. */
  subprocessorKeys: string[];
}

export interface PortfolioMatrix {
  vendors: { id: number; name: string }[];
  rows: MatrixRow[];
  countries: CountryReach[];
}

/** Where a sub-processor's review stands in the snapshot shown. */
export type DecisionState = 'open' | 'decided' | 'reopened';

export interface EntryReview {
  entry: Entry;
  /** Canonical identity; decisions follow it across snapshots. */
  entityKey: string;
  /** The catalog's name for it, when the catalog knows it. */
  knownAs: string | null;
  flags: Flag[];
  /** The latest decision for this identity, even when re-opened by a change. */
  decision: Decision | null;
  decisionState: DecisionState;
}

export type ReviewStatus = 'not-started' | 'in-progress' | 'needs-attention' | 'complete';

export interface VendorReview {
  vendor: Vendor;
  snapshot: Snapshot | null;
  policy: { version: number; name: string };
  entries: EntryReview[];
  /** Flags about the page as a whole (notice period, age). */
  pageFlags: Flag[];
  summary: SeverityCounts;
  quality: ListQuality | null;
  status: ReviewStatus;
}

/** One row of the library: a vendor with where its review stands. */
export interface VendorSummary {
  vendor: Vendor;
  status: ReviewStatus;
  summary: SeverityCounts;
  qualityScore: number | null;
  /** Entries of the latest snapshot that still need a decision (open or re-opened). */
  openCount: number;
}

/** One result of the global search. */
export interface SearchHit {
  kind: 'vendor' | 'entry';
  vendorId: number;
  vendorName: string;
  entryId: number | null;
  /** What to show first: the vendor or sub-processor name. */
  title: string;
  /** A line of context: purpose and countries, or the vendor's counts. */
  detail: string;
  /** How it matched: the words themselves, or a similar name (typo-tolerant). */
  match: 'text' | 'fuzzy';
}
