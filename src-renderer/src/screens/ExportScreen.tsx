import { useState } from 'react';
import type { DecisionImportPreview, JobStatus } from '../../../src-shared/sources';
import { callApi } from '../api';
import { DECISION_LABEL } from '../components/DecisionForm';
import { downloadBytes, downloadText } from '../download';
import { useLoad } from '../hooks';
import { followJob } from '../jobs';

/** Review workbooks out, reviewers' decisions back in. */
export function ExportScreen(props: { onChanged: () => void }) {
  const [library] = useLoad(() => callApi('review.library', {}), []);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const [job, setJob] = useState<JobStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [preview, setPreview] = useState<{ file: File; preview: DecisionImportPreview } | null>(
    null,
  );
  const [applied, setApplied] = useState<string | null>(null);

  const vendorIds = chosen.size > 0 ? [...chosen] : undefined;

  const exportWorkbook = async (): Promise<void> => {
    setError(null);
    try {
      const final = await followJob(await callApi('export.start', { vendorIds }), setJob);
      if (final.state === 'done' && final.workbook) {
        downloadBytes(final.workbook.fileName, final.workbook.mediaType, final.workbook.bytes);
      } else if (final.state !== 'done') {
        setError(final.message);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const exportCsv = async (kind: 'entries' | 'flags'): Promise<void> => {
    try {
      const f = await callApi('export.csv', { kind, vendorIds });
      downloadText(f.fileName, f.mediaType, f.text);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const readBack = async (file: File): Promise<void> => {
    setError(null);
    setApplied(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      setPreview({
        file,
        preview: await callApi('decisions.previewImport', { fileName: file.name, bytes }),
      });
    } catch (e) {
      setPreview(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const apply = async (): Promise<void> => {
    if (!preview) {
      return;
    }
    try {
      const bytes = new Uint8Array(await preview.file.arrayBuffer());
      const r = await callApi('decisions.applyImport', { fileName: preview.file.name, bytes });
      setApplied(`${r.applied} decision${r.applied === 1 ? '' : 's'} recorded.`);
      setPreview(null);
      props.onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="export" aria-labelledby="export-heading">
      <h2 id="export-heading">Export</h2>
      <p className="muted">
        A styled Excel workbook (Summary, Sub-processors, Flags with a decision column, Changes,
        Matrix, Policy) to hand to legal or to the vendor. Reviewers can fill in decisions and
        comments in the Flags sheet; read the workbook back below to record them.
      </p>
      {library.state === 'ready' && library.value.length > 0 && (
        <fieldset className="vendor-pick">
          <legend>Vendors (none ticked: all)</legend>
          {library.value.map((s) => (
            <label key={s.vendor.id}>
              <input
                type="checkbox"
                checked={chosen.has(s.vendor.id)}
                onChange={(e) =>
                  setChosen((c) => {
                    const next = new Set(c);
                    if (e.target.checked) {
                      next.add(s.vendor.id);
                    } else {
                      next.delete(s.vendor.id);
                    }
                    return next;
                  })
                }
              />{' '}
              {s.vendor.name}
            </label>
          ))}
        </fieldset>
      )}
      {library.state === 'ready' && library.value.length === 0 && (
        <p className="empty">Nothing to export yet — import a vendor&apos;s list first.</p>
      )}
      <div className="toolbar">
        <button
          type="button"
          className="primary"
          disabled={job?.state === 'running'}
          onClick={() => void exportWorkbook()}
        >
          Export workbook (.xlsx)
        </button>
        <button type="button" onClick={() => void exportCsv('entries')}>
          Entries as CSV
        </button>
        <button type="button" onClick={() => void exportCsv('flags')}>
          Flags as CSV
        </button>
      </div>
      {job && (
        <div className="progress" role="status">
          {job.state === 'running' && (
            <progress max={job.total || 1} value={job.done} aria-label="Export progress" />
          )}{' '}
          {job.message}
        </div>
      )}
      <h3>Read decisions back</h3>
      <label className="file-button secondary">
        Choose a reviewed workbook…
        <input
          type="file"
          accept=".xlsx"
          aria-label="Choose a reviewed workbook"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) {
              void readBack(f);
            }
            e.target.value = '';
          }}
        />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {applied && <p role="status">{applied}</p>}
      {preview && (
        <section aria-label="Decisions to record">
          <p>
            {preview.preview.changes.length} change
            {preview.preview.changes.length === 1 ? '' : 's'} in {preview.preview.fileName};{' '}
            {preview.preview.unchanged} unchanged.
          </p>
          {preview.preview.changes.length > 0 && (
            <table className="entries" aria-label="Decision changes">
              <thead>
                <tr>
                  <th scope="col">Vendor</th>
                  <th scope="col">Sub-processor</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                  <th scope="col">Comment</th>
                </tr>
              </thead>
              <tbody>
                {preview.preview.changes.map((c) => (
                  <tr key={c.entryId}>
                    <td>{c.vendor}</td>
                    <td>{c.subprocessor}</td>
                    <td>{c.before.decision ? DECISION_LABEL[c.before.decision] : '—'}</td>
                    <td>{DECISION_LABEL[c.after.decision]}</td>
                    <td>{c.after.comment}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="toolbar">
            <button
              type="button"
              className="primary"
              disabled={preview.preview.changes.length === 0}
              onClick={() => void apply()}
            >
              Record these decisions
            </button>
            <button type="button" onClick={() => setPreview(null)}>
              Cancel
            </button>
          </div>
        </section>
      )}
    </section>
  );
}
