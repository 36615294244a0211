import { useMemo, useState } from 'react';
import { callApi } from '../api';
import { downloadText } from '../download';
import { useLoad } from '../hooks';

/** Which sub-processors the portfolio depends on, and where its data goes. */
export function CompareScreen(props: { refreshKey: number }) {
  const [data] = useLoad(() => callApi('compare.matrix', {}), [props.refreshKey]);
  const [sortBy, setSortBy] = useState<'count' | 'name'>('count');
  const [error, setError] = useState<string | null>(null);

  const rows = useMemo(() => {
    if (data.state !== 'ready') {
      return [];
    }
    const r = [...data.value.rows];
    return sortBy === 'name' ? r.sort((a, b) => a.name.localeCompare(b.name)) : r;
  }, [data, sortBy]);

  const exportIcs = async (): Promise<void> => {
    try {
      const f = await callApi('compare.deadlinesIcs', {});
      downloadText(f.fileName, f.mediaType, f.text);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

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
  const { vendors, countries } = data.value;
  if (vendors.length === 0) {
    return <p className="empty">Import two or more vendors&apos; lists to compare them.</p>;
  }
  const vendorName = new Map(vendors.map((v) => [v.id, v.name]));
  return (
    <section className="compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare vendors</h2>
      <div className="toolbar">
        <label>
          Sort
          <select value={sortBy} onChange={(e) => setSortBy(e.target.value as 'count' | 'name')}>
            <option value="count">Most shared first</option>
            <option value="name">By name</option>
          </select>
        </label>
        <button type="button" onClick={() => void exportIcs()}>
          Export objection deadlines (.ics)
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-wrap" tabIndex={0}>
        <table className="matrix" aria-label="Sub-processors by vendor">
          <thead>
            <tr>
              <th scope="col">Sub-processor</th>
              <th scope="col">Vendors</th>
              {vendors.map((v) => (
                <th key={v.id} scope="col" className="vendor-col">
                  {v.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.name}
                  {r.category && <span className="sub"> {r.category}</span>}
                </th>
                <td>{r.vendorIds.length}</td>
                {vendors.map((v) => (
                  <td key={v.id} className="cell">
                    {r.vendorIds.includes(v.id) ? <span aria-label="uses">●</span> : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Where the portfolio&apos;s data goes</h3>
      <table className="entries" aria-label="Countries reached">
        <thead>
          <tr>
            <th scope="col">Country</th>
            <th scope="col">Vendors</th>
            <th scope="col">Via</th>
          </tr>
        </thead>
        <tbody>
          {countries.map((c) => (
            <tr key={c.code}>
              <td>{c.code}</td>
              <td>{c.vendorIds.map((id) => vendorName.get(id) ?? id).join(', ')}</td>
              <td className="muted">{c.subprocessorKeys.length} sub-processors</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
