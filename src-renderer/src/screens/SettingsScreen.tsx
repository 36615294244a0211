import { useState } from 'react';
import { callApi } from '../api';
import { useLoad } from '../hooks';

export function SettingsScreen(props: { onSaved: () => void }) {
  const [settings] = useLoad(() => callApi('settings.get', {}), []);
  if (settings.state === 'loading') {
    return <p className="loading">Loading…</p>;
  }
  if (settings.state === 'error') {
    return (
      <p role="alert" className="error">
        {settings.message}
      </p>
    );
  }
  return <SettingsForm initialName={settings.value.reviewerName} onSaved={props.onSaved} />;
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
      <h3>Backup</h3>
      <p className="muted">
        A consistent copy of the whole database (safe while you work). To restore one, close the app
        and run <code>npx dpa restore FILE</code>; the current database is kept beside it.
      </p>
      <button
        type="button"
        onClick={() =>
          void callApi('app.backup', {}).then(
            (r) => setSaved(`Backup written to ${r.path}`),
            (e: unknown) => setSaved(e instanceof Error ? e.message : String(e)),
          )
        }
      >
        Back up now
      </button>
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
