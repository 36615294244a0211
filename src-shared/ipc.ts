/**
 * The one typed API contract between the renderer and the app. Every call the renderer may make is
 * listed here with its input schema (validated at runtime by every shell) and its output type.
 * The Electron preload, the browser-mode bridge and the CLI all serve exactly this table.
 */
import { z } from 'zod';
import {
  CORRECTABLE_FIELDS,
  DECISION_VALUES,
  ENTRY_STATUSES,
  TRANSFER_MECHANISMS,
  SEVERITIES,
  type Decision,
  type Entry,
  type ImportOutcome,
  type ParsedDocument,
  type Policy,
  type Snapshot,
  type Vendor,
} from './domain';
import type {
  SearchHit,
  ObjectionDeadline,
  PortfolioMatrix,
  SnapshotDiff,
  VendorReview,
  VendorSummary,
} from './review';
import { API_METHODS, type ApiMethod } from './api-methods';
import type {
  CheckPlan,
  DecisionImportPreview,
  FetchRecord,
  JobStatus,
  UrlImportSummary,
} from './sources';
import type { Result } from './result';

export { MAX_IMPORT_BYTES } from './limits';

const id = z.number().int().positive();
const fileName = z.string().trim().min(1).max(1024);
const vendorName = z.string().trim().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const policyRule = z.object({
  id: z.string().min(1).max(100),
  enabled: z.boolean(),
  severity: z.enum(SEVERITIES),
  params: z.record(z.string(), z.unknown()),
});
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected the file bytes');

function method<I extends z.ZodType>(input: I) {
  return {
    returns: <O>() => ({ input, output: undefined as unknown as O }),
  };
}

export const contract = {
  'app.info': method(z.object({})).returns<AppInfo>(),
  'vendors.list': method(z.object({})).returns<Vendor[]>(),
  'vendors.get': method(z.object({ vendorId: id })).returns<Vendor>(),
  'snapshots.list': method(z.object({ vendorId: id })).returns<Snapshot[]>(),
  'snapshots.source': method(z.object({ snapshotId: id })).returns<SnapshotSource>(),
  'snapshots.import': method(
    z.object({ vendorName: vendorName.optional(), fileName, bytes }),
  ).returns<ImportOutcome>(),
  // Many files as one job (pipelined parse and writes, progress, cancel between files); poll it
  // with jobs.status, whose `importResults` has one result per file in order.
  'snapshots.importStart': method(
    z.object({
      files: z
        .array(z.object({ vendorName: vendorName.optional(), fileName, bytes }))
        .min(1)
        .max(10_000),
      /** More parts of the same batch follow (no restore may start in between). */
      more: z.boolean().optional(),
    }),
  ).returns<JobStatus>(),
  'entries.list': method(
    z.union([z.object({ snapshotId: id }), z.object({ vendorId: id })]),
  ).returns<EntryList>(),
  'documents.parse': method(z.object({ fileName, bytes })).returns<ParsedDocument>(),
  'review.get': method(
    z.object({ vendorId: id, snapshotId: id.optional() }),
  ).returns<VendorReview>(),
  'review.library': method(z.object({})).returns<VendorSummary[]>(),
  'decisions.record': method(
    z.object({
      entryId: id,
      decision: z.enum(DECISION_VALUES),
      comment: z.string().max(4000),
      reviewer: z.string().trim().min(1, 'enter your name as reviewer').max(200),
      dpfVerifiedOn: isoDate.nullable().optional(),
    }),
  ).returns<Decision>(),
  'entries.correct': method(
    z.discriminatedUnion('field', [
      z.object({ entryId: id, field: z.literal('name'), value: z.string().trim().min(1).max(300) }),
      z.object({
        entryId: id,
        field: z.literal('legalEntity'),
        value: z.string().trim().max(300).nullable(),
      }),
      z.object({
        entryId: id,
        field: z.literal('purpose'),
        value: z.string().trim().max(4000).nullable(),
      }),
      z.object({
        entryId: id,
        field: z.literal('countries'),
        value: z
          .array(
            z
              .string()
              .regex(/^([A-Z]{2}|EU|EEA|GLOBAL)$/, 'use ISO codes such as DE, or EU, EEA, GLOBAL'),
          )
          .max(300),
      }),
      z.object({
        entryId: id,
        field: z.literal('transfer'),
        value: z.array(z.enum(TRANSFER_MECHANISMS)).max(10),
      }),
      z.object({ entryId: id, field: z.literal('status'), value: z.enum(ENTRY_STATUSES) }),
    ]),
  ).returns<Entry>(),
  'entries.undoCorrection': method(
    z.object({ entryId: id, field: z.enum(CORRECTABLE_FIELDS) }),
  ).returns<Entry>(),
  'policy.get': method(z.object({})).returns<PolicyView>(),
  'policy.save': method(
    z.object({ name: z.string().trim().min(1).max(200).optional(), rules: z.array(policyRule) }),
  ).returns<PolicyView>(),
  'policy.export': method(z.object({})).returns<TextFile>(),
  'policy.import': method(
    z.object({ fileName, json: z.string().max(1024 * 1024) }),
  ).returns<PolicyView>(),
  'compare.diff': method(
    z.object({ vendorId: id, fromSnapshotId: id.optional(), toSnapshotId: id.optional() }),
  ).returns<SnapshotComparison>(),
  'compare.matrix': method(z.object({})).returns<PortfolioMatrix>(),
  'compare.deadlinesIcs': method(z.object({})).returns<TextFile>(),
  'search.query': method(
    z.object({ q: z.string().max(200), limit: z.number().int().min(1).max(100).optional() }),
  ).returns<SearchHit[]>(),
  'export.start': method(
    z.object({ vendorIds: z.array(id).max(10_000).optional() }),
  ).returns<JobStatus>(),
  'export.csv': method(
    z.object({ kind: z.enum(['entries', 'flags']), vendorIds: z.array(id).max(10_000).optional() }),
  ).returns<TextFile>(),
  'decisions.previewImport': method(z.object({ fileName, bytes })).returns<DecisionImportPreview>(),
  'decisions.applyImport': method(z.object({ fileName, bytes })).returns<{ applied: number }>(),
  'jobs.status': method(z.object({ jobId: z.string().uuid() })).returns<JobStatus>(),
  'jobs.cancel': method(z.object({ jobId: z.string().uuid() })).returns<JobStatus>(),
  'sources.fetch': method(
    z.object({
      vendorId: id.optional(),
      vendorName: vendorName.optional(),
      url: z.string().trim().max(2048).optional(),
    }),
  ).returns<UrlImportSummary>(),
  'sources.planCheck': method(z.object({ vendorIds: z.array(id).optional() })).returns<CheckPlan>(),
  'sources.checkStart': method(
    z.object({
      vendorIds: z.array(id).optional(),
      concurrency: z.number().int().min(1).max(8).optional(),
    }),
  ).returns<JobStatus>(),
  'sources.history': method(z.object({ vendorId: id })).returns<FetchRecord[]>(),
  'vendors.setUrl': method(
    z.object({ vendorId: id, url: z.string().trim().max(2048).nullable() }),
  ).returns<{ url: string | null }>(),
  'vendors.suggestUrl': method(z.object({ vendorId: id })).returns<{ url: string | null }>(),
  'app.backup': method(z.object({})).returns<{ path: string }>(),
  'app.backups': method(z.object({})).returns<BackupInfo[]>(),
  'app.restore': method(
    z.object({ backupId: z.string().min(1).max(400) }),
  ).returns<RestoreOutcome>(),
  'settings.get': method(z.object({})).returns<Settings>(),
  'settings.set': method(
    z.object({ reviewerName: z.string().trim().max(200).optional() }),
  ).returns<Settings>(),
} as const satisfies Record<ApiMethod, { input: z.ZodType; output: unknown }>;

// Both directions: a method in the list without a schema fails above, a schema without a name here.
type Extra = Exclude<keyof typeof contract, ApiMethod>;
const noExtraMethods: [Extra] extends [never] ? true : never = true;
void noExtraMethods;

/** A backup file the app can restore from (listed in Settings). */
export interface BackupInfo {
  /** Opaque; pass it back to app.restore. */
  id: string;
  /** 'backup': written on request; 'before-upgrade': taken automatically before a migration;
   * 'before-restore': the database a restore replaced. */
  kind: 'backup' | 'before-upgrade' | 'before-restore';
  fileName: string;
  bytes: number;
  modifiedAt: string;
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Where the database as it was before the restore is kept. */
  previous: string | null;
}

export interface AppInfo {
  version: string;
  mode: 'electron' | 'web' | 'cli';
  databasePath: string;
}

export interface SnapshotSource {
  snapshotId: number;
  fileName: string;
  format: Snapshot['format'];
  text: string;
}

/** The policy in force with each rule's title and explanation, for the policy editor. */
export interface PolicyView {
  policy: Policy;
  rules: { id: string; title: string; description: string }[];
  /** How many vendors were re-evaluated (after a save or import). */
  reevaluated: number;
}

/** Preferences stored with the data. */
export interface Settings {
  /** Written into every decision as "who"; empty until the reviewer enters it. */
  reviewerName: string;
}

/** A text file the renderer offers for download or saving. */
export interface TextFile {
  fileName: string;
  mediaType: string;
  text: string;
}

export interface SnapshotComparison {
  from: Snapshot | null;
  to: Snapshot | null;
  diff: SnapshotDiff | null;
  deadline: ObjectionDeadline | null;
}

export interface EntryList {
  snapshot: Snapshot | null;
  entries: Entry[];
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const METHOD_NAMES: readonly MethodName[] = API_METHODS;

export type Input<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends MethodName> = z.output<Contract[K]['input']>;
export type Output<K extends MethodName> = Contract[K]['output'];

/** What `window.api` is, in Electron and in browser mode alike. */
export type Api = { [K in MethodName]: (input: Input<K>) => Promise<Result<Output<K>>> };

/** The main side implements this: one handler per method, a missing one does not compile. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K>;
};

export function isMethodName(x: string): x is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, x);
}

export { channelOf } from './api-methods';
