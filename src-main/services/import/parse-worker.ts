/**
 * Worker-thread entry (bundled to out/main/parse-worker.js): parses documents off the main thread,
 * so a batch import never freezes the window or the browser-mode server.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { extractDocument } from '../extract';
import type { ParseBatch, ParseReply, ParseRequest } from './parse-pool';

const queue: ParseRequest[] = [];
let isRunning = false;

/** Parses the held files one after another, replying to each as soon as it is done. */
async function drain(): Promise<void> {
  isRunning = true;
  for (let req = queue.shift(); req; req = queue.shift()) {
    parentPort?.postMessage(await parseOne(req));
  }
  isRunning = false;
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
  queue.push(...batch.requests);
  if (!isRunning) void drain();
});
