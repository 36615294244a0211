/**
 * Worker-thread entry (bundled to out/main/parse-worker.js): parses documents off the main thread,
 * so a batch import never freezes the window or the browser-mode server.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { extractDocument, preloadPdfReader } from '../extract';
import type { ParseBatch, ParseReply, ParseRequest } from './parse-pool';
import { saveBuiltins } from './worker-builtins';

// Before anything can load pdf.js (see worker-builtins.ts for why).
const restoreBuiltins = saveBuiltins();

/**
 * pdf.js takes ~250 ms to load. Loaded at spawn, it competed with the first files of every import
 * (most imports hold no PDF); loaded on the first PDF, that file waits for it. So it loads once
 * the worker has been idle this long, or on the first PDF, whichever comes first.
 */
const PDF_IDLE_LOAD_MS = 500;
let isPdfLoaded = false;
let idleTimer: NodeJS.Timeout | null = null;

function armIdleLoad(): void {
  if (isPdfLoaded || idleTimer) {
    return;
  }
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (isRunning) {
      return;
    }
    isPdfLoaded = true;
    preloadPdfReader().then(
      () => restoreBuiltins(),
      () => {
        // a failed preload is retried, and reported, by the first PDF's parse
        isPdfLoaded = false;
      },
    );
  }, PDF_IDLE_LOAD_MS);
  idleTimer.unref();
}

function disarmIdleLoad(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
}

const queue: ParseRequest[] = [];
let isRunning = false;

/** Parses the held files one after another, replying to each as soon as it is done. */
async function drain(): Promise<void> {
  isRunning = true;
  for (let req = queue.shift(); req; req = queue.shift()) {
    const reply = await parseOne(req);
    // A PDF loads pdf.js on the way; undo its polyfills before the next file.
    restoreBuiltins();
    parentPort?.postMessage(reply);
  }
  isRunning = false;
  armIdleLoad();
}

async function parseOne(req: ParseRequest): Promise<ParseReply> {
  try {
    const doc = await extractDocument({ fileName: req.fileName, bytes: req.bytes });
    return { id: req.id, ok: true, doc };
  } catch (e) {
    return {
      id: req.id,
      ok: false,
      error:
        e instanceof AppError
          ? e.toData()
          : {
              code: 'internal',
              reason: `the parser failed: ${e instanceof Error ? e.message : String(e)}`,
              file: req.fileName,
            },
    };
  }
}

parentPort?.on('message', (batch: ParseBatch) => {
  disarmIdleLoad();
  queue.push(...batch.requests);
  if (!isRunning) void drain();
});
armIdleLoad();
