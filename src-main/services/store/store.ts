import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type {
  CorrectableField,
  Decision,
  DecisionValue,
  Entry,
  EntryStatus,
  Flag,
  FlagEvidence,
  Policy,
  PolicyRule,
  Severity,
  ParsedEntry,
  Provenance,
  SourceFormat,
  Snapshot,
  TransferMechanism,
  Vendor,
} from '../../../src-shared/domain';
import { AppError } from '../../../src-shared/errors';
import type { FlagDraft } from '../../../src-shared/review';
import type { FetchRecord } from '../../../src-shared/sources';
import { backupBeforeMigration } from '../backup/pre-migration-backup';
import { assertNotFromFuture, latestVersion, migrate } from './migrate';
import { MIGRATIONS, type Migration } from './migrations';

export interface SearchRow {
  entryId: number;
  name: string;
  legalEntity: string | null;
  purpose: string | null;
  countries: string;
  snapshotId: number;
  vendorId: number;
  vendorName: string;
  rank: number;
}

/** One active correction of a searchable text field; see `Store.latestTextCorrections`. */
export interface TextCorrectionRow {
  entryId: number;
  field: 'name' | 'legalEntity' | 'purpose';
  value: string;
  vendorId: number;
  vendorName: string;
  name: string;
  legalEntity: string | null;
  purpose: string | null;
  countries: string;
}

/** Matches of one search ranked at most (the newest); see `Store.searchEntries`. */
export const SEARCH_RANK_WINDOW = 2000;

/** A workbook the app wrote; its id is stored in the workbook to recognise it when read back. */
export interface ExportRecord {
  id: string;
  createdAt: string;
  vendorIds: number[];
  policyVersion: number;
  rowCount: number;
  fileName: string;
}

/** One page fetch the user asked for (table `fetches`); the bytes are in the snapshot it produced. */
export type { FetchRecord };

export type NewFetch = Omit<FetchRecord, 'id'>;

export interface NewSnapshot {
  vendorId: number;
  fileName: string;
  mediaType: string;
  format: SourceFormat;
  sha256: string;
  originalBytes: Uint8Array;
  sourceText: string;
  importedAt: string;
  lastUpdated: string | null;
  noticeDays: number | null;
  noticeBusinessDays: boolean;
  objectionDays: number | null;
  publisher: string | null;
  pageUrl: string | null;
  parserVersion: string;
  warnings: string[];
}

interface VendorRow {
  id: number;
  name: string;
  url: string | null;
  created_at: string;
  snapshot_count: number;
  entry_count: number;
  last_imported_at: string | null;
  last_updated: string | null;
}

interface SnapshotRow {
  id: number;
  vendor_id: number;
  file_name: string;
  media_type: string;
  format: string;
  sha256: string;
  byte_length: number;
  imported_at: string;
  last_updated: string | null;
  notice_days: number | null;
  notice_business_days: number;
  objection_days: number | null;
  publisher: string | null;
  parser_version: string;
  warnings: string;
  entry_count: number;
}

interface EntryRow {
  id: number;
  snapshot_id: number;
  position: number;
  name: string;
  legal_entity: string | null;
  purpose: string | null;
  data_categories: string;
  countries: string;
  transfer: string;
  status: string;
  section: string | null;
  name_on_page: number;
  confidence: number;
  confidence_reasons: string;
  provenance: string;
}

interface PolicyRow {
  version: number;
  name: string;
  rules: string;
  created_at: string;
}

// Parameter tuples of the positional INSERTs, in column order.
type SnapshotParams = [
  vendorId: number,
  fileName: string,
  mediaType: string,
  format: string,
  sha256: string,
  originalBytes: Buffer,
  sourceText: string,
  importedAt: string,
  lastUpdated: string | null,
  noticeDays: number | null,
  noticeBusinessDays: 0 | 1,
  objectionDays: number | null,
  publisher: string | null,
  pageUrl: string | null,
  parserVersion: string,
  warnings: string,
];
type EntryParams = [
  snapshotId: number,
  position: number,
  name: string,
  legalEntity: string | null,
  purpose: string | null,
  dataCategories: string,
  countries: string,
  transfer: string,
  status: string,
  section: string | null,
  nameOnPage: 0 | 1,
  confidence: number,
  confidenceReasons: string,
  provenance: string,
];
type FlagParams = [
  snapshotId: number,
  entryId: number | null,
  ruleId: string,
  severity: string,
  message: string,
  evidence: string,
  policyVersion: number,
];

interface FlagRow {
  id: number;
  snapshot_id: number;
  entry_id: number | null;
  rule_id: string;
  severity: string;
  message: string;
  evidence: string;
  policy_version: number;
}

interface DecisionRow {
  id: number;
  vendor_id: number;
  entity_key: string;
  decision: string;
  comment: string;
  reviewer: string;
  decided_at: string;
  entry_fingerprint: string;
  dpf_verified_on: string | null;
}

/** Vendors are matched case- and space-insensitively: "Acme  Corp" and "acme corp" are one vendor. */
export function vendorKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

const SNAPSHOT_COLUMNS = `s.id, s.vendor_id, s.file_name, s.media_type, s.format, s.sha256,
  length(s.original_bytes) AS byte_length, s.imported_at, s.last_updated, s.notice_days, s.notice_business_days,
  s.objection_days, s.publisher, s.parser_version, s.warnings,
  (SELECT count(*) FROM entries e WHERE e.snapshot_id = s.id) AS entry_count`;

const VENDOR_COLUMNS = `v.id, v.name, v.url, v.created_at,
  (SELECT count(*) FROM snapshots s WHERE s.vendor_id = v.id) AS snapshot_count,
  (SELECT count(*) FROM entries e WHERE e.snapshot_id =
     (SELECT s.id FROM snapshots s WHERE s.vendor_id = v.id ORDER BY s.imported_at DESC, s.id DESC LIMIT 1)
  ) AS entry_count,
  (SELECT max(s.imported_at) FROM snapshots s WHERE s.vendor_id = v.id) AS last_imported_at,
  (SELECT s.last_updated FROM snapshots s WHERE s.vendor_id = v.id
     ORDER BY s.imported_at DESC, s.id DESC LIMIT 1) AS last_updated`;

export interface StoreOptions {
  migrations?: readonly Migration[];
  /** The Electron build of better-sqlite3, when running inside Electron. */
  nativeBinding?: string | undefined;
}

/**
 * The app's SQLite database. One instance per file; every statement is prepared once here and exposed
 * as a named method, so services never hold SQL.
 */
export class Store {
  readonly path: string;
  private connection: Database.Database;
  private readonly options: StoreOptions;
  /** Bumped each time the file is swapped under the store (see reopenAround). */
  private swaps = 0;

  private constructor(db: Database.Database, path: string, options: StoreOptions) {
    this.connection = db;
    this.path = path;
    this.options = options;
  }

  get db(): Database.Database {
    return this.connection;
  }

  /**
   * Which file the store has open: changes when a restore swaps it. Ids in the new file may name
   * other vendors and snapshots, so caches keyed on ids must start again when it changes.
   */
  get generation(): number {
    return this.swaps;
  }

  /**
   * Opens (creating if needed) and migrates the database at `path`. `nativeBinding` points the
   * Electron shell at the better-sqlite3 build for Electron's ABI; plain Node uses the default.
   */
  static open(path: string, options: StoreOptions = {}): Store {
    return new Store(Store.connect(path, options), path, options);
  }

  private static connect(path: string, options: StoreOptions): Database.Database {
    const migrations = options.migrations ?? MIGRATIONS;
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
    }
    let db: Database.Database;
    try {
      db = new Database(
        path,
        options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
      );
    } catch (cause) {
      throw new AppError('database-error', `cannot open the database: ${String(cause)}`, {
        file: path,
        cause,
      });
    }
    try {
      const version = assertNotFromFuture(db, migrations, path);
      // WAL keeps readers going during an import; synchronous=FULL because a reviewer's decisions
      // must survive a power cut, and the extra fsync is cheap next to parsing.
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      // An upgrade rewrites the reviews in place: keep the file as it was, so a migration that goes
      // wrong can be undone with `dpa restore`. A new file (version 0) has nothing to lose.
      if (path !== ':memory:' && version > 0 && version < latestVersion(migrations)) {
        backupBeforeMigration(db, path, version);
      }
      migrate(db, migrations, path);
    } catch (e) {
      db.close();
      if (e instanceof AppError) {
        throw e;
      }
      const reason = e instanceof Error ? e.message : String(e);
      throw new AppError('database-error', `cannot use the database: ${reason}`, {
        file: path,
        cause: e,
      });
    }
    return db;
  }

  close(): void {
    if (this.connection.open) {
      this.connection.close();
    }
  }

  /**
   * Closes the database, lets `replace` swap the file (a restore), and opens it again, migrating it
   * forward if the new file is older. The store reopens even when `replace` fails, so the app keeps
   * working on whichever file is there. When the new file cannot be opened (its migration failed),
   * `rollback` puts the old one back, the store reopens that, and the opening error is thrown.
   * Statements are prepared afresh on the new connection.
   */
  async reopenAround<T>(
    replace: (path: string) => Promise<T>,
    rollback?: (replaced: T, path: string) => void,
  ): Promise<T> {
    if (this.path === ':memory:') {
      throw new AppError('bad-request', 'an in-memory database cannot be replaced');
    }
    this.close();
    this.statements.clear();
    let replaced: T;
    try {
      replaced = await replace(this.path);
    } catch (e) {
      this.connection = Store.connect(this.path, this.options);
      throw e;
    } finally {
      this.swaps++;
    }
    try {
      this.connection = Store.connect(this.path, this.options);
    } catch (e) {
      if (!rollback) {
        throw e;
      }
      rollback(replaced, this.path);
      this.connection = Store.connect(this.path, this.options);
      const reason = e instanceof AppError ? e.reason : e instanceof Error ? e.message : String(e);
      throw new AppError(
        'database-error',
        `the restored copy could not be opened (${reason}); the database was put back as it was before the restore`,
        { file: this.path, cause: e },
      );
    }
    return replaced;
  }

  /** Runs `fn` in one transaction: everything it writes lands, or nothing does. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  // ---- vendors ----------------------------------------------------------------------------------

  private stmtVendorByKey(): Database.Statement<[string], { id: number; name: string }> {
    return this.prepared<[string], { id: number; name: string }>(
      'vendorByKey',
      'SELECT id, name FROM vendors WHERE name_key = ?',
    );
  }

  findOrCreateVendor(name: string, now: string): { id: number; name: string; created: boolean } {
    const key = vendorKey(name);
    const found = this.stmtVendorByKey().get(key);
    if (found) {
      return { ...found, created: false };
    }
    const info = this.prepared<[string, string, string]>(
      'insertVendor',
      'INSERT INTO vendors (name, name_key, created_at) VALUES (?, ?, ?)',
    ).run(name.trim().replace(/\s+/g, ' '), key, now);
    return { id: Number(info.lastInsertRowid), name: name.trim(), created: true };
  }

  listVendors(): Vendor[] {
    return this.prepared<[], VendorRow>(
      'listVendors',
      `SELECT ${VENDOR_COLUMNS} FROM vendors v ORDER BY v.name COLLATE NOCASE`,
    )
      .all()
      .map(toVendor);
  }

  getVendor(id: number): Vendor | undefined {
    const row = this.prepared<[number], VendorRow>(
      'getVendor',
      `SELECT ${VENDOR_COLUMNS} FROM vendors v WHERE v.id = ?`,
    ).get(id);
    return row ? toVendor(row) : undefined;
  }

  findVendorByName(name: string): Vendor | undefined {
    const found = this.stmtVendorByKey().get(vendorKey(name));
    return found ? this.getVendor(found.id) : undefined;
  }

  // ---- snapshots --------------------------------------------------------------------------------

  findSnapshotBySha(vendorId: number, sha256: string): Snapshot | undefined {
    const row = this.prepared<[number, string], SnapshotRow>(
      'snapshotBySha',
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots s WHERE s.vendor_id = ? AND s.sha256 = ?`,
    ).get(vendorId, sha256);
    return row ? toSnapshot(row) : undefined;
  }

  insertSnapshot(s: NewSnapshot): number {
    const info = this.prepared<SnapshotParams>(
      'insertSnapshot',
      `INSERT INTO snapshots (vendor_id, file_name, media_type, format, sha256, original_bytes,
         source_text, imported_at, last_updated, notice_days, notice_business_days, objection_days,
         publisher, page_url, parser_version, warnings)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      s.vendorId,
      s.fileName,
      s.mediaType,
      s.format,
      s.sha256,
      Buffer.from(s.originalBytes.buffer, s.originalBytes.byteOffset, s.originalBytes.byteLength),
      s.sourceText,
      s.importedAt,
      s.lastUpdated,
      s.noticeDays,
      s.noticeBusinessDays ? 1 : 0,
      s.objectionDays,
      s.publisher,
      s.pageUrl,
      s.parserVersion,
      JSON.stringify(s.warnings),
    );
    return Number(info.lastInsertRowid);
  }

  getSnapshot(id: number): Snapshot | undefined {
    const row = this.prepared<[number], SnapshotRow>(
      'getSnapshot',
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots s WHERE s.id = ?`,
    ).get(id);
    return row ? toSnapshot(row) : undefined;
  }

  /** Newest first. */
  listSnapshots(vendorId: number): Snapshot[] {
    return this.prepared<[number], SnapshotRow>(
      'listSnapshots',
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots s WHERE s.vendor_id = ?
       ORDER BY s.imported_at DESC, s.id DESC`,
    )
      .all(vendorId)
      .map(toSnapshot);
  }

  latestSnapshot(vendorId: number): Snapshot | undefined {
    return this.listSnapshots(vendorId)[0];
  }

  getSnapshotSource(
    id: number,
  ): { text: string; fileName: string; format: SourceFormat; bytes: Uint8Array } | undefined {
    const row = this.prepared<
      [number],
      { source_text: string; file_name: string; format: string; original_bytes: Buffer }
    >(
      'snapshotSource',
      'SELECT source_text, file_name, format, original_bytes FROM snapshots WHERE id = ?',
    ).get(id);
    if (!row) {
      return undefined;
    }
    return {
      text: row.source_text,
      fileName: row.file_name,
      format: row.format as SourceFormat,
      bytes: new Uint8Array(row.original_bytes),
    };
  }

  // ---- entries ----------------------------------------------------------------------------------

  insertEntry(snapshotId: number, position: number, e: ParsedEntry): number {
    // Positional parameters: an import inserts tens of thousands of rows, and binding by name
    // costs a few microseconds more per row than binding by position.
    const info = this.prepared<EntryParams>(
      'insertEntry',
      `INSERT INTO entries (snapshot_id, position, name, legal_entity, purpose, data_categories,
         countries, transfer, status, section, name_on_page, confidence, confidence_reasons, provenance)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      snapshotId,
      position,
      e.name,
      e.legalEntity,
      e.purpose,
      JSON.stringify(e.dataCategories),
      JSON.stringify(e.countries),
      JSON.stringify(e.transfer),
      e.status,
      e.section,
      e.nameOnPage ? 1 : 0,
      e.confidence,
      JSON.stringify(e.confidenceReasons),
      JSON.stringify(e.provenance),
    );
    return Number(info.lastInsertRowid);
  }

  listEntries(snapshotId: number): Entry[] {
    const entries = this.prepared<[number], EntryRow>(
      'listEntries',
      'SELECT * FROM entries WHERE snapshot_id = ? ORDER BY position',
    )
      .all(snapshotId)
      .map(toEntry);
    const corrections = this.prepared<[number], CorrectionRow>(
      'snapshotCorrections',
      `SELECT c.* FROM corrections c JOIN entries e ON e.id = c.entry_id
       WHERE e.snapshot_id = ? AND c.undone_at IS NULL ORDER BY c.id`,
    ).all(snapshotId);
    return applyCorrections(entries, corrections);
  }

  // ---- corrections ------------------------------------------------------------------------------

  /** Records a reviewer's correction of one field of an entry; the parsed value stays stored. */
  insertCorrection(c: {
    entryId: number;
    field: CorrectableField;
    value: unknown;
    reviewer: string;
    createdAt: string;
  }): void {
    this.prepared(
      'insertCorrection',
      `INSERT INTO corrections (entry_id, field, value, reviewer, created_at)
       VALUES (@entryId, @field, @value, @reviewer, @createdAt)`,
    ).run({ ...c, value: JSON.stringify(c.value) });
  }

  /** Undoes the newest active correction of a field; false when there was none. */
  undoCorrection(entryId: number, field: CorrectableField, at: string): boolean {
    const info = this.prepared<[string, number, string]>(
      'undoCorrection',
      `UPDATE corrections SET undone_at = ? WHERE id = (
         SELECT id FROM corrections WHERE entry_id = ? AND field = ? AND undone_at IS NULL
         ORDER BY id DESC LIMIT 1)`,
    ).run(at, entryId, field);
    return info.changes > 0;
  }

  /** Every entry of a vendor's snapshots, oldest snapshot first (for carry-over and diffs). */
  listVendorEntries(vendorId: number): Entry[] {
    return this.prepared<[number], EntryRow>(
      'listVendorEntries',
      `SELECT e.* FROM entries e JOIN snapshots s ON s.id = e.snapshot_id
       WHERE s.vendor_id = ? ORDER BY s.imported_at, s.id, e.position`,
    )
      .all(vendorId)
      .map(toEntry);
  }

  getEntry(id: number): Entry | undefined {
    const row = this.prepared<[number], EntryRow>(
      'getEntry',
      'SELECT * FROM entries WHERE id = ?',
    ).get(id);
    if (!row) {
      return undefined;
    }
    const corrections = this.prepared<[number], CorrectionRow>(
      'entryCorrections',
      'SELECT * FROM corrections WHERE entry_id = ? AND undone_at IS NULL ORDER BY id',
    ).all(id);
    return applyCorrections([toEntry(row)], corrections)[0];
  }

  /** The snapshot imported just before `snapshotId` for the same vendor. */
  previousSnapshot(snapshotId: number): Snapshot | undefined {
    const row = this.prepared<[number, number], SnapshotRow>(
      'previousSnapshot',
      `SELECT ${SNAPSHOT_COLUMNS} FROM snapshots s, snapshots cur
       WHERE cur.id = ? AND s.vendor_id = cur.vendor_id AND s.id <> cur.id
         AND (s.imported_at < cur.imported_at OR (s.imported_at = cur.imported_at AND s.id < ?))
       ORDER BY s.imported_at DESC, s.id DESC LIMIT 1`,
    ).get(snapshotId, snapshotId);
    return row ? toSnapshot(row) : undefined;
  }

  // ---- policies ---------------------------------------------------------------------------------

  /** Stores a new policy version (one more than the highest so far) and returns it. */
  insertPolicy(p: { name: string; rules: PolicyRule[]; createdAt: string }): Policy {
    const next =
      (this.prepared<[], { v: number | null }>(
        'maxPolicy',
        'SELECT max(version) AS v FROM policies',
      ).get()?.v ?? 0) + 1;
    this.prepared<[number, string, string, string]>(
      'insertPolicy',
      'INSERT INTO policies (version, name, rules, created_at) VALUES (?, ?, ?, ?)',
    ).run(next, p.name, JSON.stringify(p.rules), p.createdAt);
    return { version: next, name: p.name, rules: p.rules, createdAt: p.createdAt };
  }

  /**
   * The policy in force: the newest version, or undefined before the first is stored. Every
   * import asks once per file; the rules are parsed again only when the row differs from the one
   * last read (compared whole, so a row replaced by another connection is noticed too). The object
   * is shared between callers, so it is frozen, deeply.
   */
  activePolicy(): Policy | undefined {
    const row = this.prepared<[], PolicyRow>(
      'activePolicy',
      'SELECT * FROM policies ORDER BY version DESC LIMIT 1',
    ).get();
    if (!row) {
      return undefined;
    }
    const cached = this.policyCache;
    if (
      cached &&
      cached.row.version === row.version &&
      cached.row.name === row.name &&
      cached.row.rules === row.rules &&
      cached.row.created_at === row.created_at
    ) {
      return cached.policy;
    }
    const policy = deepFreeze(toPolicy(row));
    this.policyCache = { row, policy };
    return policy;
  }

  private policyCache: { row: PolicyRow; policy: Policy } | null = null;

  listPolicies(): Policy[] {
    return this.prepared<[], PolicyRow>(
      'listPolicies',
      'SELECT * FROM policies ORDER BY version DESC',
    )
      .all()
      .map(toPolicy);
  }

  // ---- flags ------------------------------------------------------------------------------------

  /** Replaces a snapshot's flags with those computed under `policyVersion`. */
  replaceFlags(snapshotId: number, policyVersion: number, flags: FlagDraft[]): void {
    this.prepared<[number]>('deleteFlags', 'DELETE FROM flags WHERE snapshot_id = ?').run(
      snapshotId,
    );
    // Positional parameters, as for entries: an import stores a few flags per entry.
    const insert = this.prepared<FlagParams>(
      'insertFlag',
      `INSERT INTO flags (snapshot_id, entry_id, rule_id, severity, message, evidence, policy_version)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const f of flags) {
      insert.run(
        snapshotId,
        f.entryId,
        f.ruleId,
        f.severity,
        f.message,
        JSON.stringify(f.evidence),
        policyVersion,
      );
    }
  }

  listFlags(snapshotId: number): Flag[] {
    return this.prepared<[number], FlagRow>(
      'listFlags',
      `SELECT * FROM flags WHERE snapshot_id = ?
       ORDER BY CASE severity WHEN 'high' THEN 0 WHEN 'medium' THEN 1 WHEN 'low' THEN 2 ELSE 3 END, id`,
    )
      .all(snapshotId)
      .map(toFlag);
  }

  /** The policy version a snapshot's stored flags were computed with, if any were stored. */
  flagsPolicyVersion(snapshotId: number): number | undefined {
    return (
      this.prepared<[number], { v: number | null }>(
        'flagsPolicyVersion',
        'SELECT max(policy_version) AS v FROM flags WHERE snapshot_id = ?',
      ).get(snapshotId)?.v ?? undefined
    );
  }

  // ---- decisions --------------------------------------------------------------------------------

  insertDecision(d: Omit<Decision, 'id'>): Decision {
    const info = this.prepared(
      'insertDecision',
      `INSERT INTO decisions (vendor_id, entity_key, decision, comment, reviewer, decided_at,
         entry_fingerprint, dpf_verified_on)
       VALUES (@vendorId, @entityKey, @decision, @comment, @reviewer, @decidedAt,
         @entryFingerprint, @dpfVerifiedOn)`,
    ).run({ ...d });
    return { id: Number(info.lastInsertRowid), ...d };
  }

  /** The newest decision per sub-processor identity for a vendor (history stays in the table). */
  latestDecisions(vendorId: number): Map<string, Decision> {
    const rows = this.prepared<[number], DecisionRow>(
      'latestDecisions',
      `SELECT * FROM decisions WHERE vendor_id = ? ORDER BY decided_at, id`,
    ).all(vendorId);
    const out = new Map<string, Decision>();
    for (const r of rows) {
      out.set(r.entity_key, toDecision(r));
    }
    return out;
  }

  decisionHistory(vendorId: number, entityKey: string): Decision[] {
    return this.prepared<[number, string], DecisionRow>(
      'decisionHistory',
      'SELECT * FROM decisions WHERE vendor_id = ? AND entity_key = ? ORDER BY decided_at DESC, id DESC',
    )
      .all(vendorId, entityKey)
      .map(toDecision);
  }

  // ---- search -----------------------------------------------------------------------------------

  /**
   * Entries of each vendor's latest snapshot matching an FTS5 query, best first. `match` must be a
   * query built by the search service (quoted terms), never raw user text.
   *
   * Ranking costs per matching row, and a first keystroke ("c") matches most of the portfolio, so
   * only the newest `window` matches are ranked (bm25 scores stay those of the whole table). A
   * query matching fewer rows, which is any query past its first letters, ranks them all; when the
   * window holds fewer than `limit` latest entries, all matches are ranked after all.
   */
  searchEntries(match: string, limit: number, window = SEARCH_RANK_WINDOW): SearchRow[] {
    const from =
      this.prepared<[string, number], number>(
        'searchWindow',
        'SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?',
      )
        .pluck()
        .get(match, window - 1) ?? 0;
    const ranked = this.prepared<[string, number, number], SearchRow>(
      'searchEntries',
      `SELECT e.id AS entryId, e.name, e.legal_entity AS legalEntity, e.purpose, e.countries,
              s.id AS snapshotId, v.id AS vendorId, v.name AS vendorName, bm25(entries_fts) AS rank
       FROM entries_fts
       JOIN entries e ON e.id = entries_fts.rowid
       JOIN snapshots s ON s.id = e.snapshot_id
       JOIN vendors v ON v.id = s.vendor_id AND v.latest_snapshot_id = s.id
       WHERE entries_fts MATCH ? AND entries_fts.rowid >= ?
       ORDER BY rank LIMIT ?`,
    );
    const rows = ranked.all(match, from, limit);
    return rows.length < limit && from > 0 ? ranked.all(match, 0, limit) : rows;
  }

  /** Distinct entry names of each vendor's latest snapshot, for the fuzzy name index. */
  latestEntryNames(): { name: string; vendorId: number; vendorName: string; entryId: number }[] {
    return this.prepared<
      [],
      { name: string; vendorId: number; vendorName: string; entryId: number }
    >(
      'latestEntryNames',
      `SELECT e.name, v.id AS vendorId, v.name AS vendorName, min(e.id) AS entryId
       FROM vendors v
       JOIN entries e ON e.snapshot_id = v.latest_snapshot_id
       WHERE e.name <> ''
       GROUP BY v.id, e.name`,
    ).all();
  }

  /**
   * Every named entry of each vendor's latest snapshot as bare [vendorId, name, entryId] rows, in
   * no particular order and with repeats: the search index's first build reads 50,000+ of them
   * before answering the first keystroke, and skipping the grouping and row objects halves that.
   */
  latestEntryNameRows(): [vendorId: number, name: string, entryId: number][] {
    return this.prepared<[], [number, string, number]>(
      'latestEntryNameRows',
      `SELECT v.id, e.name, e.id FROM vendors v
       JOIN entries e ON e.snapshot_id = v.latest_snapshot_id
       WHERE e.name <> ''`,
    )
      .raw()
      .all() as [number, string, number][];
  }

  /**
   * The reviewer's active corrections of an entry's name, legal entity or purpose in each vendor's
   * latest snapshot, oldest first (a later row for the same entry and field supersedes an earlier
   * one), with the entry as parsed: the full-text index holds only parsed text, so search reads
   * these, which are few, beside it. `value` is the stored JSON text.
   */
  latestTextCorrections(): TextCorrectionRow[] {
    return this.prepared<[], TextCorrectionRow>(
      'latestTextCorrections',
      `SELECT c.entry_id AS entryId, c.field, c.value, v.id AS vendorId, v.name AS vendorName,
              e.name, e.legal_entity AS legalEntity, e.purpose, e.countries
       FROM corrections c
       JOIN entries e ON e.id = c.entry_id
       JOIN vendors v ON v.latest_snapshot_id = e.snapshot_id
       WHERE c.undone_at IS NULL AND c.field IN ('name', 'legalEntity', 'purpose')
       ORDER BY c.id`,
    ).all();
  }

  /** Changes whenever a correction is made or undone: caches of corrections keyed on it stay correct. */
  correctionsVersion(): string {
    const r = this.prepared<[], { n: number; m: number | null; u: number }>(
      'correctionsVersion',
      'SELECT count(*) AS n, max(id) AS m, count(undone_at) AS u FROM corrections',
    ).get();
    return `${r?.n ?? 0}:${r?.m ?? 0}:${r?.u ?? 0}`;
  }

  /** Each vendor's latest snapshot id (null before its first import), kept by triggers (0080). */
  latestSnapshotIds(): Map<number, number | null> {
    const rows = this.prepared<[], { id: number; latest: number | null }>(
      'latestSnapshotIds',
      'SELECT id, latest_snapshot_id AS latest FROM vendors',
    ).all();
    return new Map(rows.map((r) => [r.id, r.latest]));
  }

  /** Distinct non-empty entry names of one snapshot, each with its first entry. */
  snapshotEntryNames(snapshotId: number): { name: string; entryId: number }[] {
    return this.prepared<[number], { name: string; entryId: number }>(
      'snapshotEntryNames',
      `SELECT name, min(id) AS entryId FROM entries
       WHERE snapshot_id = ? AND name <> '' GROUP BY name ORDER BY entryId`,
    ).all(snapshotId);
  }

  /** Changes whenever snapshots are added or removed: caches keyed on it stay correct. */
  dataVersion(): string {
    const r = this.prepared<[], { n: number; m: number | null }>(
      'dataVersion',
      'SELECT count(*) AS n, max(id) AS m FROM snapshots',
    ).get();
    // The generation changes when a restore swaps the file, whose counts may happen to match.
    return `${this.swaps}:${r?.n ?? 0}:${r?.m ?? 0}`;
  }

  // ---- settings ---------------------------------------------------------------------------------

  getSetting(key: string): string | undefined {
    return this.prepared<[string], { value: string }>(
      'getSetting',
      'SELECT value FROM settings WHERE key = ?',
    ).get(key)?.value;
  }

  setSetting(key: string, value: string): void {
    this.prepared<[string, string]>(
      'setSetting',
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  }

  // ---- exports ----------------------------------------------------------------------------------

  insertExport(e: ExportRecord): void {
    this.prepared(
      'insertExport',
      `INSERT INTO exports (id, created_at, vendor_ids, policy_version, row_count, file_name)
       VALUES (@id, @createdAt, @vendorIds, @policyVersion, @rowCount, @fileName)`,
    ).run({ ...e, vendorIds: JSON.stringify(e.vendorIds) });
  }

  getExport(id: string): ExportRecord | undefined {
    const r = this.prepared<
      [string],
      {
        id: string;
        created_at: string;
        vendor_ids: string;
        policy_version: number;
        row_count: number;
        file_name: string;
      }
    >('getExport', 'SELECT * FROM exports WHERE id = ?').get(id);
    return r
      ? {
          id: r.id,
          createdAt: r.created_at,
          vendorIds: parseJson<number[]>(r.vendor_ids, []),
          policyVersion: r.policy_version,
          rowCount: r.row_count,
          fileName: r.file_name,
        }
      : undefined;
  }

  // ---- vendor sources and fetches --------------------------------------------------------------

  /** Sets (or with null clears) the address a vendor's list is fetched from. */
  setVendorUrl(vendorId: number, url: string | null): void {
    const info = this.prepared<[string | null, number]>(
      'setVendorUrl',
      'UPDATE vendors SET url = ? WHERE id = ?',
    ).run(url, vendorId);
    if (info.changes === 0) {
      throw new AppError('not-found', 'that vendor does not exist (it may have been deleted)');
    }
  }

  /** The URL the newest snapshot that states one gives for itself (the page's canonical URL). */
  latestPageUrl(vendorId: number): string | undefined {
    return this.prepared<[number], { page_url: string }>(
      'latestPageUrl',
      `SELECT page_url FROM snapshots WHERE vendor_id = ? AND page_url IS NOT NULL AND page_url <> ''
       ORDER BY imported_at DESC, id DESC LIMIT 1`,
    ).get(vendorId)?.page_url;
  }

  insertFetch(f: NewFetch): number {
    const info = this.prepared(
      'insertFetch',
      `INSERT INTO fetches (vendor_id, url, final_url, redirects, http_status, content_type,
         fetched_at, bytes_received, outcome, snapshot_id, error)
       VALUES (@vendorId, @url, @finalUrl, @redirects, @httpStatus, @contentType, @fetchedAt,
         @bytesReceived, @outcome, @snapshotId, @error)`,
    ).run({ ...f, redirects: JSON.stringify(f.redirects) });
    return Number(info.lastInsertRowid);
  }

  /** Newest first. */
  listFetches(vendorId: number): FetchRecord[] {
    return this.prepared<[number], FetchRow>(
      'listFetches',
      'SELECT * FROM fetches WHERE vendor_id = ? ORDER BY fetched_at DESC, id DESC',
    )
      .all(vendorId)
      .map(toFetch);
  }

  /** Row counts per table, for tests and diagnostics. */
  counts(): Record<'vendors' | 'snapshots' | 'entries', number> {
    const n = (t: string): number =>
      (this.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    return { vendors: n('vendors'), snapshots: n('snapshots'), entries: n('entries') };
  }

  // Statements are prepared on first use and kept: preparing is the expensive part of a query.
  private readonly statements = new Map<string, Database.Statement>();

  private prepared<P extends unknown[] | [Record<string, unknown>] = unknown[], R = unknown>(
    name: string,
    sql: string,
  ): Database.Statement<P, R> {
    let s = this.statements.get(name);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(name, s);
    }
    return s as unknown as Database.Statement<P, R>;
  }
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toVendor(r: VendorRow): Vendor {
  return {
    id: r.id,
    name: r.name,
    url: r.url,
    createdAt: r.created_at,
    snapshotCount: r.snapshot_count,
    entryCount: r.entry_count,
    lastImportedAt: r.last_imported_at,
    lastUpdated: r.last_updated,
  };
}

function toSnapshot(r: SnapshotRow): Snapshot {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    format: r.format as SourceFormat,
    sha256: r.sha256,
    byteLength: r.byte_length,
    importedAt: r.imported_at,
    lastUpdated: r.last_updated,
    noticeDays: r.notice_days,
    noticeBusinessDays: r.notice_business_days === 1,
    objectionDays: r.objection_days,
    publisher: r.publisher,
    parserVersion: r.parser_version,
    entryCount: r.entry_count,
    warnings: parseJson<string[]>(r.warnings, []),
  };
}

function toEntry(r: EntryRow): Entry {
  return {
    id: r.id,
    snapshotId: r.snapshot_id,
    position: r.position,
    name: r.name,
    legalEntity: r.legal_entity,
    purpose: r.purpose,
    dataCategories: parseJson<string[]>(r.data_categories, []),
    countries: parseJson<string[]>(r.countries, []),
    transfer: parseJson<TransferMechanism[]>(r.transfer, []),
    status: r.status as EntryStatus,
    section: r.section,
    nameOnPage: r.name_on_page === 1,
    confidence: r.confidence,
    confidenceReasons: parseJson<string[]>(r.confidence_reasons, []),
    provenance: parseJson<Provenance>(r.provenance, {}),
  };
}

/** Freezes a JSON-like value and everything in it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function toPolicy(r: PolicyRow): Policy {
  return {
    version: r.version,
    name: r.name,
    rules: parseJson<PolicyRule[]>(r.rules, []),
    createdAt: r.created_at,
  };
}

function toFlag(r: FlagRow): Flag {
  return {
    id: r.id,
    snapshotId: r.snapshot_id,
    entryId: r.entry_id,
    ruleId: r.rule_id,
    severity: r.severity as Severity,
    message: r.message,
    evidence: parseJson<FlagEvidence[]>(r.evidence, []),
    policyVersion: r.policy_version,
  };
}

function toDecision(r: DecisionRow): Decision {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    entityKey: r.entity_key,
    decision: r.decision as DecisionValue,
    comment: r.comment,
    reviewer: r.reviewer,
    decidedAt: r.decided_at,
    entryFingerprint: r.entry_fingerprint,
    dpfVerifiedOn: r.dpf_verified_on,
  };
}

interface FetchRow {
  id: number;
  vendor_id: number;
  url: string;
  final_url: string | null;
  redirects: string;
  http_status: number | null;
  content_type: string | null;
  fetched_at: string;
  bytes_received: number;
  outcome: string;
  snapshot_id: number | null;
  error: string | null;
}

function toFetch(r: FetchRow): FetchRecord {
  return {
    id: r.id,
    vendorId: r.vendor_id,
    url: r.url,
    finalUrl: r.final_url,
    redirects: parseJson<string[]>(r.redirects, []),
    httpStatus: r.http_status,
    contentType: r.content_type,
    fetchedAt: r.fetched_at,
    bytesReceived: r.bytes_received,
    outcome: r.outcome as FetchRecord['outcome'],
    snapshotId: r.snapshot_id,
    error: r.error,
  };
}

interface CorrectionRow {
  id: number;
  entry_id: number;
  field: CorrectableField;
  value: string;
  reviewer: string;
  created_at: string;
}

/** Entries with the reviewer's active corrections applied (the newest per field wins). */
function applyCorrections(entries: Entry[], rows: CorrectionRow[]): Entry[] {
  if (rows.length === 0) {
    return entries;
  }
  const byEntry = new Map<number, CorrectionRow[]>();
  for (const r of rows) {
    byEntry.set(r.entry_id, [...(byEntry.get(r.entry_id) ?? []), r]);
  }
  return entries.map((e) => {
    const mine = byEntry.get(e.id);
    if (!mine) {
      return e;
    }
    const out: Entry = { ...e, corrected: {} };
    const record = out as unknown as Record<CorrectableField, unknown>;
    for (const r of mine) {
      const was = out.corrected?.[r.field]?.was ?? record[r.field];
      record[r.field] = parseJson<unknown>(r.value, record[r.field]);
      out.corrected = { ...out.corrected, [r.field]: { was, by: r.reviewer, at: r.created_at } };
    }
    return out;
  });
}
