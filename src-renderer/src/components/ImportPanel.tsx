import { useEffect, useRef, useState, type DragEvent } from 'react';
import { MAX_IMPORT_BYTES } from '../../../src-shared/limits';
import type { ImportFileResult } from '../../../src-shared/sources';
import { vendorNameFromFileName } from '../../../src-shared/vendor-name';
import { callApi } from '../api';
import { followJob } from '../jobs';

export type FileResult = ImportFileResult;

interface Staged {
  id: number;
  file: File;
  vendorName: string;
  /**
   * Where the vendor name came from: the file name while the page is being read, the page's own
   * publisher once read, or the reviewer. A name the reviewer typed is never replaced.
   */
  suggestion: 'reading' | 'from-page' | 'from-file-name' | 'typed';
}

let nextStagedId = 1;

const IMPORTABLE = /\.(html?|xhtml|mhtml?|mht|pdf|docx|txt|text|md|markdown|csv|tsv|rst)$/i;

/** Text pasted from a browser becomes a file: HTML when the clipboard had markup, else text. */
function pastedFile(html: string, text: string): File {
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return html.trim()
    ? new File([html], `pasted-${stamp}.html`, { type: 'text/html' })
    : new File([text], `pasted-${stamp}.txt`, { type: 'text/plain' });
}

/**
 * Import as people do it: drop files or a folder, choose files, or paste a page. Files are staged
 * first with the vendor name the page suggests (editable), then imported as a batch job (the app
 * parses the next files while it stores one) with progress; one bad file never stops the others,
 * and the batch can be cancelled between files.
 */
export function ImportPanel(props: {
  onImported: (results: FileResult[]) => void;
  /** Files dropped anywhere on the window (or chosen with Ctrl/Cmd+O) not yet staged. */
  dropped: File[] | null;
  /** Called once the dropped files are staged here. */
  onDropTaken: () => void;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const cancelRef = useRef(false);
  const jobRef = useRef<string | null>(null);
  const [staged, setStaged] = useState<Staged[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  const [dragging, setDragging] = useState(false);
  const [pasting, setPasting] = useState(false);

  // Folder picking is not a standard attribute React knows; set it on the element itself.
  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  // The page's suggestion arrives when the parser is done, possibly after the reviewer typed a
  // name: it only fills a row still waiting for it, read from the latest state, never a typed one.
  const settle = (id: number, publisher: string | null): void =>
    setStaged((s) =>
      s.map((x) =>
        x.id !== id || x.suggestion !== 'reading'
          ? x
          : publisher
            ? { ...x, vendorName: publisher, suggestion: 'from-page' }
            : { ...x, suggestion: 'from-file-name' },
      ),
    );

  const stage = (files: File[]): void => {
    // A folder (or a saved page with its "_files" folder of assets) brings images, scripts and
    // styles along: only the documents themselves are imported.
    const useful = files.filter(
      (f) =>
        f.size > 0 &&
        !f.name.startsWith('.') &&
        IMPORTABLE.test(f.name) &&
        !/(^|\/)[^/]*_files\//.test(f.webkitRelativePath),
    );
    const items = useful.map((file): Staged => ({
      id: nextStagedId++,
      file,
      vendorName: vendorNameFromFileName(file.name),
      suggestion: 'reading',
    }));
    setStaged((s) => [...s, ...items]);
    setResults([]);
    for (const item of items) {
      void item.file
        .arrayBuffer()
        .then((buf) =>
          callApi('documents.parse', { fileName: item.file.name, bytes: new Uint8Array(buf) }),
        )
        .then(
          (doc) => settle(item.id, doc.publisher),
          // The import will report the problem with its reason; keep the file-name suggestion.
          () => settle(item.id, null),
        );
    }
  };

  // A drop on another screen arrives as a prop once this panel is shown: stage it then, and tell
  // the app it was taken, so coming back to this screen later does not stage the same files again.
  // This is the panel reacting to an outside event (the drop), not state derived from props.
  const { dropped, onDropTaken } = props;
  useEffect(() => {
    if (dropped && dropped.length > 0) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- staging a drop from elsewhere
      stage(dropped);
      onDropTaken();
    }
    // Only a new drop should stage files, not a re-render with the same one.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- stage is recreated each render
  }, [dropped]);

  const run = async (): Promise<void> => {
    const batch = staged;
    cancelRef.current = false;
    setProgress({ done: 0, total: batch.length });
    const out: (FileResult | undefined)[] = batch.map(() => undefined);
    const failed = (i: number, e: unknown): void => {
      const fileName = batch[i]?.file.name ?? '';
      const reason = (e instanceof Error ? e.message : String(e)) || 'failed';
      const message = reason.startsWith(`${fileName}: `) ? reason : `${fileName}: ${reason}`;
      out[i] = { fileName, status: 'failed', message };
    };
    // Sent in parts of at most MAX_IMPORT_BYTES (a bigger file goes alone), so no request is larger
    // than the browser-mode server accepts; each part is one import job, pipelined inside.
    let next = 0;
    while (next < batch.length && !cancelRef.current) {
      const part: { index: number; fileName: string; bytes: Uint8Array; vendorName: string }[] = [];
      let size = 0;
      for (; next < batch.length; next++) {
        const item = batch[next] as Staged;
        if (part.length > 0 && size + item.file.size > MAX_IMPORT_BYTES) {
          break;
        }
        try {
          const bytes = new Uint8Array(await item.file.arrayBuffer());
          size += bytes.byteLength;
          part.push({
            index: next,
            fileName: item.file.name,
            bytes,
            vendorName: item.vendorName.trim() || vendorNameFromFileName(item.file.name),
          });
        } catch (e) {
          failed(next, e);
        }
      }
      if (part.length === 0) {
        continue;
      }
      const offset = out.filter(Boolean).length;
      try {
        const start = await callApi('snapshots.importStart', {
          files: part.map(({ fileName, bytes, vendorName }) => ({ fileName, bytes, vendorName })),
          more: next < batch.length,
        });
        jobRef.current = start.id;
        if (cancelRef.current) {
          await callApi('jobs.cancel', { jobId: start.id });
        }
        const final = await followJob(start, (s) =>
          setProgress({ done: Math.min(offset + s.done, batch.length), total: batch.length }),
        );
        part.forEach((p, k) => {
          const r = final.importResults?.[k];
          if (r) {
            out[p.index] = r;
          } else {
            failed(p.index, new Error(final.message));
          }
        });
      } catch (e) {
        for (const p of part) failed(p.index, e);
      } finally {
        jobRef.current = null;
      }
    }
    const results = batch.map(
      (item, i): FileResult =>
        out[i] ?? {
          fileName: item.file.name,
          status: 'cancelled',
          message: `${item.file.name}: not imported (cancelled)`,
        },
    );
    setProgress(null);
    setStaged([]);
    setResults(results);
    props.onImported(results);
  };

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    stage(Array.from(e.dataTransfer.files));
  };

  return (
    <section
      className={`import-panel${dragging ? ' dragging' : ''}`}
      aria-labelledby="import-heading"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <h2 id="import-heading">Import sub-processor lists</h2>
      <p className="hint">
        Drop saved pages anywhere on the window (HTML, MHTML, PDF, Word, text, Markdown, CSV),
        choose files or a folder, or paste a page. Each import becomes a dated snapshot; the
        original file is kept.
      </p>
      <div className="import-row">
        <label className="file-button">
          Choose files…
          <input
            ref={fileInput}
            type="file"
            multiple
            aria-label="Choose files to import"
            accept=".html,.htm,.mhtml,.mht,.pdf,.docx,.txt,.md,.markdown,.csv,.tsv,text/*"
            onChange={(e) => {
              stage(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>
        <label className="file-button secondary">
          Choose a folder…
          <input
            ref={folderInput}
            type="file"
            aria-label="Choose a folder to import"
            onChange={(e) => {
              stage(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" onClick={() => setPasting((p) => !p)} aria-expanded={pasting}>
          Paste a page…
        </button>
      </div>
      {pasting && (
        <textarea
          className="paste-area"
          aria-label="Paste a sub-processor page here"
          placeholder="Select the list in your browser, copy it, click here and paste (Ctrl+V / Cmd+V)."
          rows={4}
          onPaste={(e) => {
            e.preventDefault();
            const html = e.clipboardData.getData('text/html');
            const text = e.clipboardData.getData('text/plain');
            if (html.trim() || text.trim()) {
              stage([pastedFile(html, text)]);
              setPasting(false);
            }
          }}
        />
      )}
      {staged.length > 0 && !progress && (
        <div className="staged">
          <table className="entries" aria-label="Files to import">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Vendor</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staged.map((s) => (
                <tr key={s.id}>
                  <td>{s.file.name}</td>
                  <td>
                    <input
                      type="text"
                      aria-label={`Vendor for ${s.file.name}`}
                      value={s.vendorName}
                      onChange={(e) =>
                        setStaged((all) =>
                          all.map((x) =>
                            x.id === s.id
                              ? { ...x, vendorName: e.target.value, suggestion: 'typed' }
                              : x,
                          ),
                        )
                      }
                    />{' '}
                    <span className="muted">
                      {s.suggestion === 'reading'
                        ? 'reading the page…'
                        : s.suggestion === 'from-page'
                          ? 'named on the page'
                          : s.suggestion === 'typed'
                            ? 'your name'
                            : ''}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      aria-label={`Remove ${s.file.name}`}
                      onClick={() => setStaged((all) => all.filter((x) => x.id !== s.id))}
                    >
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              // Wait for the pages' own vendor names, so a quick click files nothing wrongly.
              disabled={staged.some((s) => s.suggestion === 'reading')}
              onClick={() => void run()}
            >
              Import {staged.length} file{staged.length === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => setStaged([])}>
              Clear
            </button>
          </div>
        </div>
      )}
      {progress && (
        <div className="progress" role="status">
          <progress max={progress.total} value={progress.done} aria-label="Import progress" />{' '}
          Importing {Math.min(progress.done + 1, progress.total)} of {progress.total}…{' '}
          <button
            type="button"
            onClick={() => {
              cancelRef.current = true;
              if (jobRef.current) {
                void callApi('jobs.cancel', { jobId: jobRef.current });
              }
            }}
          >
            Cancel
          </button>
        </div>
      )}
      {results.length > 0 && (
        <ul className="import-results" aria-label="Import results">
          {results.map((r, i) => (
            <li key={i} className={`result-${r.status}`}>
              <span className="badge">{r.status}</span> {r.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
