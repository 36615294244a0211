import { useState } from 'react';
import { callApi } from './api';
import { ImportPanel, type FileResult } from './components/ImportPanel';
import { VendorList } from './components/VendorList';
import { VendorScreen } from './components/VendorScreen';
import { useLoad } from './hooks';

export function App() {
  const [vendors, reloadVendors] = useLoad(() => callApi('vendors.list', {}), []);
  const [selected, setSelected] = useState<number | null>(null);
  // Bumped after each import so the open vendor screen re-reads its latest snapshot.
  const [refreshKey, setRefreshKey] = useState(0);

  const onImported = (results: FileResult[]): void => {
    reloadVendors();
    setRefreshKey((k) => k + 1);
    const last = [...results].reverse().find((r) => r.outcome);
    if (last?.outcome) {
      setSelected(last.outcome.vendor.id);
    }
  };

  return (
    <div className="app">
      <header className="topbar">
        <h1>DPA Workbench</h1>
      </header>
      <nav className="sidebar" aria-label="Library">
        <h2 className="sidebar-title">Vendors</h2>
        {vendors.state === 'loading' && <p className="loading">Loading…</p>}
        {vendors.state === 'error' && (
          <p role="alert" className="error">
            {vendors.message}
          </p>
        )}
        {vendors.state === 'ready' && (
          <VendorList vendors={vendors.value} selectedId={selected} onSelect={setSelected} />
        )}
      </nav>
      <main className="content">
        <ImportPanel onImported={onImported} />
        {selected !== null && <VendorScreen vendorId={selected} refreshKey={refreshKey} />}
      </main>
    </div>
  );
}
