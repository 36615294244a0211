import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import type { Handlers } from '../../../src-shared/ipc';
import type { ImportFileResult, JobStatus } from '../../../src-shared/sources';
import {
  applyDecisionImport,
  entriesCsv,
  flagsCsv,
  previewDecisionImport,
  writeReviewWorkbook,
} from '../export';
import {
  checkForUpdates,
  importFromUrl,
  normalizeUrl,
  planCheck,
  suggestVendorUrl,
  type FetchDeps,
} from '../fetch';
import { listBackups, putBack, restoreDatabase } from '../backup';
import { importBatch } from '../import';
import { storeFlags, type ReviewDeps } from '../review';
import type { WriteGate } from './write-gate';

type IoHandlers = Pick<
  Handlers,
  | 'snapshots.importStart'
  | 'export.start'
  | 'export.csv'
  | 'decisions.previewImport'
  | 'decisions.applyImport'
  | 'jobs.status'
  | 'jobs.cancel'
  | 'sources.fetch'
  | 'sources.planCheck'
  | 'sources.checkStart'
  | 'sources.history'
  | 'vendors.setUrl'
  | 'vendors.suggestUrl'
  | 'app.backups'
  | 'app.restore'
>;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Job {
  status: JobStatus;
  abort: AbortController;
}

/** Counts a batch's results in one line: "12 imported, 1 duplicate, 2 failed". */
function importSummary(results: readonly ImportFileResult[]): string {
  const n = (status: ImportFileResult['status']): number =>
    results.filter((r) => r.status === status).length;
  const parts = [`${n('imported')} imported`];
  if (n('duplicate')) parts.push(`${n('duplicate')} already there`);
  if (n('failed')) parts.push(`${n('failed')} failed`);
  if (n('cancelled')) parts.push(`${n('cancelled')} not imported (cancelled)`);
  return `${parts.join(', ')}.`;
}

/**
 * Batch import, export, decision round trip and URL fetching. Long tasks run as jobs the renderer polls for
 * progress (the same way over IPC and the browser bridge) and can cancel. Nothing here touches the
 * network unless the user asked: only sources.fetch and sources.checkStart do.
 */
export function createIoHandlers(
  reviewDeps: ReviewDeps,
  fetchDeps: FetchDeps,
  reviewerName: () => string,
  gate: WriteGate,
): IoHandlers {
  const { store } = reviewDeps;
  const jobs = new Map<string, Job>();

  /** Starts a job (refused during a restore); `after` runs once it has ended, whatever the outcome. */
  const startJob = (
    kind: JobStatus['kind'],
    run: (job: Job) => Promise<void>,
    after?: () => void,
  ): JobStatus => {
    const leave = gate.enter();
    const job: Job = {
      status: { id: randomUUID(), kind, state: 'running', done: 0, total: 0, message: 'Starting…' },
      abort: new AbortController(),
    };
    jobs.set(job.status.id, job);
    // Finished jobs are kept until read, but never more than a handful; running ones always.
    if (jobs.size > 20) {
      const oldest = [...jobs.entries()].find(([, j]) => j.status.state !== 'running')?.[0];
      if (oldest) {
        jobs.delete(oldest);
      }
    }
    void run(job)
      .catch((e: unknown) => {
        job.status = {
          ...job.status,
          state: job.abort.signal.aborted ? 'cancelled' : 'failed',
          message: e instanceof AppError ? e.message : 'the task failed; details are in the log',
        };
      })
      .finally(() => {
        after?.();
        leave();
      });
    return job.status;
  };

  const jobOf = (id: string): Job => {
    const job = jobs.get(id);
    if (!job) {
      throw new AppError('not-found', 'that task is no longer known (it finished long ago)');
    }
    return job;
  };

  return {
    'app.backups': () => listBackups(store.path).map(({ path: _path, ...info }) => info),
    'app.restore': async ({ backupId }) => {
      const backup = listBackups(store.path).find((b) => b.id === backupId);
      if (!backup) {
        throw new AppError('not-found', 'that backup is no longer there; nothing was changed');
      }
      // Refused while anything writes; every call waits it out with a plain message. The store
      // closes its file, the backup is checked and swapped in atomically (the current file is
      // kept beside it), and the store reopens, migrating an older backup forward; if the
      // restored file cannot be opened, the kept one is put back.
      const result = await gate.restore(() =>
        store.reopenAround(
          (path) => restoreDatabase(backup.path, path, { now: reviewDeps.now() }),
          (restored, path) => {
            if (restored.previous) {
              putBack(restored.previous, path);
            }
          },
        ),
      );
      return { restoredFrom: backup.fileName, previous: result.previous };
    },
    'snapshots.importStart': ({ files, more }) => {
      // The next part of a batch: its job takes over from the hold the last part left.
      gate.endHold();
      return startJob(
        'import',
        async (job) => {
          const results: ImportFileResult[] = [];
          job.status = {
            ...job.status,
            total: files.length,
            message: `Importing ${files.length} file${files.length === 1 ? '' : 's'}…`,
            importResults: results,
          };
          await importBatch(store, fetchDeps.parser, files, {
            now: reviewDeps.now,
            signal: job.abort.signal,
            // Each file's flags land in the same transaction (savepoint) as its entries.
            onStored: (snapshotId, stored) => {
              storeFlags(reviewDeps, snapshotId, stored);
            },
            // Only after the file's commit: a file shown as imported is on disk.
            onResult: (r, done, total) => {
              results.push({
                fileName: r.fileName,
                status: r.status,
                message: r.message,
                ...('outcome' in r ? { outcome: r.outcome } : {}),
              });
              job.status = {
                ...job.status,
                done,
                total,
                message: `Imported ${done} of ${total}…`,
                importResults: [...results],
              };
            },
          });
          job.status = {
            ...job.status,
            state: job.abort.signal.aborted ? 'cancelled' : 'done',
            importResults: results,
            message: importSummary(results),
          };
        },
        // More parts of the same batch follow: no restore in between.
        more ? () => gate.hold() : undefined,
      );
    },
    'export.start': ({ vendorIds }) =>
      startJob('export', async (job) => {
        const dir = await mkdtemp(join(tmpdir(), 'dpa-export-'));
        try {
          const stamp = reviewDeps.now().toISOString().slice(0, 10);
          const path = join(dir, `dpa-review-${stamp}.xlsx`);
          const result = await writeReviewWorkbook(reviewDeps, {
            ...(vendorIds ? { vendorIds } : {}),
            outPath: path,
            onProgress: (done, total) => {
              job.status = {
                ...job.status,
                done,
                total,
                message: `Writing row ${done} of ${total}…`,
              };
            },
          });
          job.status = {
            ...job.status,
            state: 'done',
            message: `Exported ${result.rows} sub-processors of ${result.vendors} vendor${result.vendors === 1 ? '' : 's'}.`,
            workbook: {
              fileName: `dpa-review-${stamp}.xlsx`,
              mediaType: XLSX,
              bytes: new Uint8Array(await readFile(path)),
            },
          };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      }),
    'export.csv': ({ kind, vendorIds }) => ({
      fileName: `dpa-${kind}-${reviewDeps.now().toISOString().slice(0, 10)}.csv`,
      mediaType: 'text/csv',
      text:
        kind === 'entries' ? entriesCsv(reviewDeps, vendorIds) : flagsCsv(reviewDeps, vendorIds),
    }),
    'decisions.previewImport': (input) => previewDecisionImport(reviewDeps, input),
    'decisions.applyImport': (input) =>
      gate.run(async () => {
        const reviewer = reviewerName();
        if (!reviewer) {
          throw new AppError(
            'bad-request',
            'enter your name in Settings first: decisions record who made them',
          );
        }
        const preview = await previewDecisionImport(reviewDeps, input);
        return { applied: applyDecisionImport(reviewDeps, preview, reviewer) };
      }),
    'jobs.status': ({ jobId }) => jobOf(jobId).status,
    'jobs.cancel': ({ jobId }) => {
      const job = jobOf(jobId);
      job.abort.abort();
      return job.status;
    },
    'sources.fetch': ({ vendorId, vendorName, url }) =>
      gate.run(async () => {
        const r = await importFromUrl(fetchDeps, { vendorId, vendorName, url });
        return { import: r.import, finalUrl: r.page.finalUrl, message: r.message };
      }),
    'sources.planCheck': ({ vendorIds }) => planCheck({ store }, vendorIds),
    'sources.checkStart': ({ vendorIds, concurrency }) =>
      startJob('check', async (job) => {
        const results = await checkForUpdates(fetchDeps, {
          vendorIds,
          concurrency,
          signal: job.abort.signal,
          onProgress: (done, total) => {
            job.status = { ...job.status, done, total, message: `Checked ${done} of ${total}…` };
          },
        });
        const changed = results.filter((r) => r.outcome === 'changed').length;
        const failed = results.filter((r) => r.outcome === 'failed').length;
        job.status = {
          ...job.status,
          state: job.abort.signal.aborted ? 'cancelled' : 'done',
          checkResults: results,
          message: `${results.length} checked: ${changed} changed, ${failed} failed, ${results.length - changed - failed} unchanged.`,
        };
      }),
    'sources.history': ({ vendorId }) => store.listFetches(vendorId),
    'vendors.setUrl': ({ vendorId, url }) => {
      if (!store.getVendor(vendorId)) {
        throw new AppError('not-found', 'that vendor does not exist');
      }
      const clean = url === null || url.trim() === '' ? null : normalizeUrl(url).href;
      store.setVendorUrl(vendorId, clean);
      return { url: clean };
    },
    'vendors.suggestUrl': ({ vendorId }) => ({ url: suggestVendorUrl(store, vendorId) }),
  };
}
