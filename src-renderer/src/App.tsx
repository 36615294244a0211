import { useEffect, useRef, useState } from 'react';
import { callApi } from './api';
import type { FileResult } from './components/ImportPanel';
import { SearchDialog } from './components/SearchDialog';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { useLoad } from './hooks';
import { hrefOf, navigate, useRoute, type Route } from './router';
import { CompareScreen } from './screens/CompareScreen';
import { ExportScreen } from './screens/ExportScreen';
import { LibraryScreen } from './screens/LibraryScreen';
import { PolicyScreen } from './screens/PolicyScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { VendorScreen } from './screens/VendorScreen';
import { hasMod, IS_MAC, isTyping, screenKey } from './shortcuts';

const NAV: { route: Route; label: string; key: string }[] = [
  { route: { name: 'library' }, label: 'Library', key: '1' },
  { route: { name: 'compare' }, label: 'Compare', key: '2' },
  { route: { name: 'policy' }, label: 'Policy', key: '3' },
  { route: { name: 'export' }, label: 'Export', key: '4' },
  { route: { name: 'settings' }, label: 'Settings', key: '5' },
];

export function App() {
  const route = useRoute();
  // Bumped after imports and policy changes so every open screen re-reads its data.
  const [refreshKey, setRefreshKey] = useState(0);
  const [library, reloadLibrary] = useLoad(() => callApi('review.library', {}), [refreshKey]);
  const [settings, reloadSettings] = useLoad(() => callApi('settings.get', {}), []);
  const reviewerName = settings.state === 'ready' ? settings.value.reviewerName : '';

  const [searching, setSearching] = useState(false);
  const [helping, setHelping] = useState(false);
  // Files dropped anywhere on the window, or chosen with Ctrl/Cmd+O, go to the import panel on
  // the library screen.
  const [dropped, setDropped] = useState<File[] | null>(null);
  const openFiles = useRef<HTMLInputElement>(null);
  const receive = (files: File[]): void => {
    if (files.length > 0) {
      setDropped(files);
      navigate({ name: 'library' });
    }
  };

  // Ctrl/Cmd+K search, Ctrl/Cmd+O import, Alt+1..5 screens, "/" table filter, "?" this list.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const mod = hasMod(e);
      const key = e.key.toLowerCase();
      if (mod && key === 'k') {
        e.preventDefault();
        setSearching(true);
        return;
      }
      if (mod && key === 'o') {
        e.preventDefault();
        openFiles.current?.click();
        return;
      }
      const screen = screenKey(e);
      const item = screen ? NAV.find((n) => n.key === screen) : undefined;
      if (item) {
        e.preventDefault();
        navigate(item.route);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '?') {
        e.preventDefault();
        setHelping(true);
      } else if (e.key === '/') {
        const filter = document.querySelector<HTMLInputElement>('[data-shortcut="filter"]');
        if (filter) {
          e.preventDefault();
          filter.focus();
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onImported = (results: FileResult[]): void => {
    setRefreshKey((k) => k + 1);
    reloadLibrary();
    const imported = results.filter((r) => r.outcome);
    const last = imported[imported.length - 1];
    // One new snapshot: open it, on its diff when there is an earlier one to compare with.
    if (imported.length === 1 && last?.outcome && last.outcome.status === 'imported') {
      const tab = last.outcome.isFirstSnapshot ? 'review' : 'changes';
      navigate({ name: 'vendor', vendorId: last.outcome.vendor.id, tab });
    }
  };

  return (
    <div
      className="app"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        receive(Array.from(e.dataTransfer.files));
      }}
    >
      <input
        ref={openFiles}
        type="file"
        multiple
        hidden
        aria-hidden="true"
        tabIndex={-1}
        onChange={(e) => {
          receive(Array.from(e.target.files ?? []));
          e.target.value = '';
        }}
      />
      <header className="topbar">
        <h1>DPA Workbench</h1>
        <nav aria-label="Main">
          {NAV.map((n) => (
            <a
              key={n.label}
              href={hrefOf(n.route)}
              aria-current={route.name === n.route.name ? 'page' : undefined}
              title={`Alt+${n.key}`}
            >
              {n.label}
            </a>
          ))}
        </nav>
        <button type="button" className="search-button" onClick={() => setSearching(true)}>
          Search <kbd>{IS_MAC ? '⌘ K' : 'Ctrl K'}</kbd>
        </button>
        <button
          type="button"
          className="help-button"
          aria-label="Keyboard shortcuts"
          title="Keyboard shortcuts (?)"
          onClick={() => setHelping(true)}
        >
          ⌨
        </button>
      </header>
      {searching && <SearchDialog onClose={() => setSearching(false)} />}
      {helping && <ShortcutsDialog onClose={() => setHelping(false)} />}
      <nav className="sidebar" aria-label="Vendors">
        <h2 className="sidebar-title">Vendors</h2>
        {library.state === 'ready' && library.value.length === 0 && (
          <p className="empty">No vendors yet.</p>
        )}
        {library.state === 'ready' && (
          <ul className="vendor-list">
            {library.value.map((s) => (
              <li key={s.vendor.id}>
                <a
                  href={hrefOf({ name: 'vendor', vendorId: s.vendor.id, tab: 'review' })}
                  aria-current={
                    route.name === 'vendor' && route.vendorId === s.vendor.id ? 'page' : undefined
                  }
                >
                  <span className="vendor-name">{s.vendor.name}</span>
                  <span className="vendor-meta">
                    {s.vendor.entryCount} sub-processor{s.vendor.entryCount === 1 ? '' : 's'} ·{' '}
                    {s.openCount} to decide
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <main className="content">
        {route.name === 'library' && (
          <LibraryScreen
            library={library}
            onImported={onImported}
            dropped={dropped}
            onDropTaken={() => setDropped(null)}
          />
        )}
        {route.name === 'vendor' && (
          <VendorScreen
            vendorId={route.vendorId}
            tab={route.tab}
            refreshKey={refreshKey}
            reviewerName={reviewerName}
          />
        )}
        {route.name === 'compare' && <CompareScreen refreshKey={refreshKey} />}
        {route.name === 'policy' && <PolicyScreen onChanged={() => setRefreshKey((k) => k + 1)} />}
        {route.name === 'export' && <ExportScreen onChanged={() => setRefreshKey((k) => k + 1)} />}
        {route.name === 'settings' && (
          <SettingsScreen
            onSaved={reloadSettings}
            onRestored={() => {
              // Everything on screen came from the replaced database: read it all again.
              setRefreshKey((k) => k + 1);
              reloadLibrary();
              reloadSettings();
            }}
          />
        )}
      </main>
    </div>
  );
}
