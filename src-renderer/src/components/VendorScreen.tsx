import { useState } from 'react';
import { callApi } from '../api';
import { useLoad } from '../hooks';
import { EntriesTable } from './EntriesTable';
import { SourceView } from './SourceView';

export function VendorScreen(props: { vendorId: number; refreshKey: number }) {
  const [data] = useLoad(async () => {
    const vendor = await callApi('vendors.get', { vendorId: props.vendorId });
    const list = await callApi('entries.list', { vendorId: props.vendorId });
    const source = list.snapshot
      ? await callApi('snapshots.source', { snapshotId: list.snapshot.id })
      : null;
    return { vendor, ...list, source };
  }, [props.vendorId, props.refreshKey]);
  const [selected, setSelected] = useState<number | null>(null);

  if (data.state === 'loading') {
    return <p className="loading">Loading…</p>;
  }
  if (data.state === 'error') {
    return (
      <p role="alert" className="error">
        {data.message}
      </p>
    );
  }
  const { vendor, snapshot, entries, source } = data.value;
  const entry = entries.find((e) => e.id === selected) ?? null;
  return (
    <section className="vendor-screen" aria-labelledby="vendor-heading">
      <header className="vendor-header">
        <h2 id="vendor-heading">{vendor.name}</h2>
        {snapshot && (
          <p className="snapshot-meta">
            {entries.length} sub-processors from <strong>{snapshot.fileName}</strong>, imported{' '}
            {new Date(snapshot.importedAt).toLocaleString()} · page last updated{' '}
            {snapshot.lastUpdated ?? 'not stated'} · notice{' '}
            {snapshot.noticeDays === null ? 'not stated' : `${snapshot.noticeDays} days`}
          </p>
        )}
        {snapshot?.warnings.map((w, i) => (
          <p key={i} className="warning">
            {w}
          </p>
        ))}
      </header>
      <div className="vendor-body">
        <EntriesTable entries={entries} selectedId={selected} onSelect={setSelected} />
        {source && (
          <aside className="source-pane" aria-label="Source">
            <h3>
              Source text
              {entry ? ` — ${entry.name || 'selected row'}` : ' (select a row to highlight it)'}
            </h3>
            <SourceView text={source.text} entry={entry} />
          </aside>
        )}
      </div>
    </section>
  );
}
