/**
 * Types of the URL fetch, update check, export and decision round-trip results the renderer shows.
 * Pure types: the services implement them, the renderer displays them.
 */
import type { DecisionValue, ImportOutcome } from './domain';
import type { ObjectionDeadline } from './review';

export interface PlannedVendor {
  vendorId: number;
  vendor: string;
  url: string;
  /** false for a plain-http address (the page could be altered on the way). */
  isHttps: boolean;
}

export interface CheckPlan {
  /** Distinct host names that will be contacted, sorted, each with the vendors served from it. */
  hosts: { host: string; vendors: PlannedVendor[] }[];
  vendorCount: number;
  /** Vendors left out because no URL is known for them (import one from its URL first). */
  withoutUrl: { vendorId: number; vendor: string }[];
  /** Said plainly, since the plan can only name the first host of each page. */
  note: string;
}

export interface CheckResult {
  vendorId: number;
  vendor: string;
  url: string;
  outcome: 'unchanged' | 'changed' | 'failed';
  /** Why: the error for 'failed' ('cancelled' when cancelled), what matched for 'unchanged'. */
  reason?: string;
  /** The new snapshot ('changed'), or the stored one the page matched ('unchanged'). */
  snapshotId?: number;
  /** The `fetches` row, when a request was made. */
  fetchId?: number;
  finalUrl?: string;
  /** Counted against the previous snapshot; absent for a vendor's first snapshot. */
  diffSummary?: { added: number; removed: number; changed: number };
  deadline?: ObjectionDeadline;
  /** Remarks on the response (plain http, redirected to another host). */
  notes?: string[];
}

export interface UrlImportSummary {
  import: ImportOutcome;
  finalUrl: string;
  message: string;
}

export interface DecisionChange {
  entryId: number;
  vendor: string;
  subprocessor: string;
  before: { decision: DecisionValue | null; comment: string };
  after: { decision: DecisionValue; comment: string };
}

export interface DecisionImportPreview {
  exportId: string;
  fileName: string;
  changes: DecisionChange[];
  /** Entries whose rows match the decision in force (or are still blank). */
  unchanged: number;
}

/** A binary file the renderer offers for download (a workbook). */
export interface BinaryFile {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** What became of one file of a batch import (a job, or `dpa import`), in batch order. */
export interface ImportFileResult {
  fileName: string;
  /** 'cancelled': the batch was cancelled before this file was stored; nothing of it was kept. */
  status: 'imported' | 'duplicate' | 'failed' | 'cancelled';
  /** What happened, in a sentence naming the file. */
  message: string;
  outcome?: ImportOutcome;
}

/** A long task (export, update check, batch import) the renderer polls for progress and can cancel. */
export interface JobStatus {
  id: string;
  kind: 'export' | 'check' | 'import';
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** A line for the person: what is happening, or what went wrong. */
  message: string;
  workbook?: BinaryFile;
  checkResults?: CheckResult[];
  /** A batch import's results so far, one per finished file, in file order. */
  importResults?: ImportFileResult[];
}

/** One request the app made for a vendor's page, on the user's request. */
export interface FetchRecord {
  id: number;
  vendorId: number;
  url: string;
  finalUrl: string | null;
  /** Each URL redirected to, in order (the last is `finalUrl`). */
  redirects: string[];
  httpStatus: number | null;
  contentType: string | null;
  fetchedAt: string;
  bytesReceived: number;
  outcome: 'imported' | 'unchanged' | 'failed';
  /** The snapshot stored from it, or for 'unchanged' the stored snapshot it matched. */
  snapshotId: number | null;
  error: string | null;
}
