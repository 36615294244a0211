/**
 * Worker-thread entry (bundled to out/main/parse-worker.js): parses documents off the main thread,
 * so a batch import never freezes the window or the browser-mode server.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../src-shared/errors';
import { extractDocument } from '../extract';
import type { ParseReply, ParseRequest } from './parse-pool';

parentPort?.on('message', (req: ParseRequest) => {
  extractDocument({ fileName: req.fileName, bytes: req.bytes }).then(
    (doc) => parentPort?.postMessage({ id: req.id, ok: true, doc } satisfies ParseReply),
    (e: unknown) =>
      parentPort?.postMessage({
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
      } satisfies ParseReply),
  );
});
