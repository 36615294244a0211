import { useRef, useState, type DragEvent } from 'react';
import type { ImportOutcome } from '../../../src-shared/domain';
import { callApi } from '../api';

export interface FileResult {
  fileName: string;
  status: 'imported' | 'duplicate' | 'failed';
  message: string;
  outcome?: ImportOutcome;
}

/** Reads the files and imports them one by one; one bad file never stops the others. */
export async function importFiles(
  files: File[],
  vendorName: string,
  onProgress: (done: number, total: number) => void,
): Promise<FileResult[]> {
  const results: FileResult[] = [];
  for (const [i, file] of files.entries()) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const outcome = await callApi('snapshots.import', {
        fileName: file.name,
        bytes,
        ...(vendorName.trim() ? { vendorName: vendorName.trim() } : {}),
      });
      results.push({
        fileName: file.name,
        status: outcome.status,
        message: outcome.message,
        outcome,
      });
    } catch (e) {
      results.push({
        fileName: file.name,
        status: 'failed',
        message: e instanceof Error ? e.message : String(e),
      });
    }
    onProgress(i + 1, files.length);
  }
  return results;
}

export function ImportPanel(props: { onImported: (results: FileResult[]) => void }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [vendorName, setVendorName] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  const [dragging, setDragging] = useState(false);

  const run = async (files: File[]): Promise<void> => {
    if (files.length === 0) {
      return;
    }
    setProgress({ done: 0, total: files.length });
    const r = await importFiles(files, vendorName, (done, total) => setProgress({ done, total }));
    setProgress(null);
    setResults(r);
    props.onImported(r);
    if (inputRef.current) {
      inputRef.current.value = '';
    }
  };

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault();
    setDragging(false);
    void run(Array.from(e.dataTransfer.files));
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
      <h2 id="import-heading">Import a sub-processor list</h2>
      <p className="hint">
        Drop saved pages here (HTML, PDF, text, Markdown, CSV), or choose files. Each import becomes
        a dated snapshot; the original file is kept.
      </p>
      <div className="import-row">
        <label>
          Vendor
          <input
            type="text"
            value={vendorName}
            placeholder="Suggested from the page"
            onChange={(e) => setVendorName(e.target.value)}
          />
        </label>
        <label className="file-button">
          Choose files…
          <input
            ref={inputRef}
            type="file"
            multiple
            aria-label="Choose files to import"
            accept=".html,.htm,.pdf,.txt,.md,.markdown,.csv,.tsv,.mhtml,.mht,.docx,text/*"
            onChange={(e) => void run(Array.from(e.target.files ?? []))}
          />
        </label>
      </div>
      {progress && (
        <div className="progress" role="status">
          <progress max={progress.total} value={progress.done} /> Importing {progress.done} of{' '}
          {progress.total}…
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
