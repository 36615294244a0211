import { useState } from 'react';
import type { BackupInfo } from '../../../src-shared/ipc';
import { callApi } from '../api';
import { useLoad } from '../hooks';

const BACKUP_KIND: Record<BackupInfo['kind'], string> = {
  backup: 'Backup',
  'before-upgrade': 'Before an app upgrade',
  'before-restore': 'Before a restore',
};

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function SettingsScreen(props: { onSaved: () => void; onRestored: () => void }) {
  // A restore replaces every setting too: read them again, and start the form afresh.
  const [generation, setGeneration] = useState(0);
  const [settings] = useLoad(() => callApi('settings.get', {}), [generation]);
  return (
    <>
      {settings.state === 'loading' && <p className="loading">Loading…</p>}
      {settings.state === 'error' && (
        <p role="alert" className="error">
          {settings.message}
        </p>
      )}
      {settings.state === 'ready' && (
        <SettingsForm
          key={`${generation}:${settings.value.reviewerName}`}
          initialName={settings.value.reviewerName}
          onSaved={props.onSaved}
        />
      )}
      <Backups
        onRestored={() => {
          setGeneration((g) => g + 1);
          props.onRestored();
        }}
      />
    </>
  );
}

function SettingsForm(props: { initialName: string; onSaved: () => void }) {
  const [info] = useLoad(() => callApi('app.info', {}), []);
  const [name, setName] = useState(props.initialName);
  const [saved, setSaved] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    try {
      const s = await callApi('settings.set', { reviewerName: name });
      setSaved(`Saved. Decisions will be recorded as ${s.reviewerName || '(no name)'}.`);
      props.onSaved();
    } catch (e) {
      setSaved(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          Reviewer name
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="primary">
          Save
        </button>
      </form>
      {saved && <p role="status">{saved}</p>}
      {info.state === 'ready' && (
        <dl className="facts">
          <dt>Database</dt>
          <dd>
            <code>{info.value.databasePath}</code>
          </dd>
          <dt>Version</dt>
          <dd>{info.value.version}</dd>
          <dt>Running as</dt>
          <dd>{info.value.mode === 'web' ? 'browser mode (127.0.0.1 only)' : 'desktop app'}</dd>
        </dl>
      )}
    </section>
  );
}

/** Back up now, and restore any backup the app knows, with the current data kept beside it. */
function Backups(props: { onRestored: () => void }) {
  const [reloadKey, setReloadKey] = useState(0);
  const [backups] = useLoad(() => callApi('app.backups', {}), [reloadKey]);
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

  const run = async (task: () => Promise<string>): Promise<void> => {
    setBusy(true);
    try {
      setMessage({ text: await task(), error: false });
    } catch (e) {
      setMessage({ text: e instanceof Error ? e.message : String(e), error: true });
    } finally {
      setBusy(false);
      setConfirming(null);
      setReloadKey((k) => k + 1);
    }
  };

  return (
    <section className="settings" aria-labelledby="backups-heading">
      <h3 id="backups-heading">Backups</h3>
      <p className="muted">
        A backup is a consistent copy of the whole database, safe to take while you work. Restoring
        one replaces the current database; the current one is kept and listed here, so a restore can
        be undone.
      </p>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          void run(async () => `Backup written to ${(await callApi('app.backup', {})).path}`)
        }
      >
        Back up now
      </button>
      {message && (
        <p
          role={message.error ? 'alert' : 'status'}
          className={message.error ? 'error' : undefined}
        >
          {message.text}
        </p>
      )}
      {backups.state === 'loading' && <p className="loading">Looking for backups…</p>}
      {backups.state === 'error' && (
        <p role="alert" className="error">
          {backups.message}
        </p>
      )}
      {backups.state === 'ready' && backups.value.length === 0 && (
        <p className="empty">No backups yet. “Back up now” writes the first one.</p>
      )}
      {backups.state === 'ready' && backups.value.length > 0 && (
        <table className="entries" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Size</th>
              <th scope="col">File</th>
              <th scope="col">
                <span className="visually-hidden">Restore</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.value.map((b) => (
              <tr key={b.id}>
                <td>{new Date(b.modifiedAt).toLocaleString()}</td>
                <td>{BACKUP_KIND[b.kind]}</td>
                <td>{megabytes(b.bytes)}</td>
                <td>
                  <code>{b.fileName}</code>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={busy}
                    aria-label={`Restore ${b.fileName}`}
                    onClick={() => setConfirming(b)}
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <div className="confirm" role="alertdialog" aria-labelledby="restore-question">
          <p id="restore-question">
            Replace the current database with <code>{confirming.fileName}</code> (
            {new Date(confirming.modifiedAt).toLocaleString()})? Work done since then is not in it;
            the current database is kept and listed here.
          </p>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(async () => {
                const r = await callApi('app.restore', { backupId: confirming.id });
                props.onRestored();
                return `Restored from ${r.restoredFrom}.${r.previous ? ` The database as it was is kept as ${r.previous}.` : ''}`;
              })
            }
          >
            {busy ? 'Restoring…' : 'Restore this backup'}
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
