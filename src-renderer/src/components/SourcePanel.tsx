import { useState } from 'react';
import { callApi } from '../api';
import { useLoad } from '../hooks';

/** The vendor's list address, fetched only when the reviewer clicks, and the fetch history. */
export function SourcePanel(props: {
  vendorId: number;
  url: string | null;
  onFetched: () => void;
}) {
  const [url, setUrl] = useState(props.url ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [suggestion] = useLoad(
    () => callApi('vendors.suggestUrl', { vendorId: props.vendorId }),
    [props.vendorId],
  );
  const [history, reloadHistory] = useLoad(
    () => callApi('sources.history', { vendorId: props.vendorId }),
    [props.vendorId],
  );
  const suggested =
    suggestion.state === 'ready' && suggestion.value.url && suggestion.value.url !== url
      ? suggestion.value.url
      : null;

  const fetchNow = async (): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await callApi('sources.fetch', { vendorId: props.vendorId, url });
      setMessage({ kind: 'ok', text: r.message });
      props.onFetched();
    } catch (e) {
      setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    }
    setBusy(false);
    reloadHistory();
  };

  return (
    <section className="source-panel" aria-labelledby="source-heading">
      <h3 id="source-heading">Where the list is published</h3>
      <form
        className="toolbar"
        onSubmit={(e) => {
          e.preventDefault();
          void fetchNow();
        }}
      >
        <label>
          Page address
          <input
            type="text"
            inputMode="url"
            value={url}
            placeholder="https://vendor.example/legal/subprocessors"
            onChange={(e) => setUrl(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !url.trim()}>
          {busy ? 'Fetching…' : 'Fetch now'}
        </button>
        {suggested && (
          <button type="button" onClick={() => setUrl(suggested)}>
            Use the page&apos;s own address
          </button>
        )}
      </form>
      <p className="muted">
        The app contacts this address only when you click Fetch now or Check for updates.
      </p>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'ok'}
        >
          {message.text}
        </p>
      )}
      {history.state === 'ready' && history.value.length > 0 && (
        <table className="entries" aria-label="Fetch history">
          <thead>
            <tr>
              <th scope="col">Fetched</th>
              <th scope="col">Address</th>
              <th scope="col">Status</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {history.value.map((f) => (
              <tr key={f.id}>
                <td>{new Date(f.fetchedAt).toLocaleString()}</td>
                <td className="purpose">{f.finalUrl ?? f.url}</td>
                <td>{f.httpStatus ?? '—'}</td>
                <td>{f.error ? `failed: ${f.error}` : f.outcome}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
