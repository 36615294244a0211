import { useState } from 'react';
import { SEVERITIES, type PolicyRule, type Severity } from '../../../src-shared/domain';
import type { PolicyView } from '../../../src-shared/ipc';
import { callApi } from '../api';
import { downloadText } from '../download';
import { useLoad } from '../hooks';

function ParamEditor(props: { name: string; value: unknown; onChange: (v: unknown) => void }) {
  const label = props.name.replace(/([A-Z])/g, ' $1').toLowerCase();
  if (typeof props.value === 'number') {
    return (
      <label className="param">
        {label}
        <input
          type="number"
          min={0}
          value={props.value}
          onChange={(e) => props.onChange(Number(e.target.value))}
        />
      </label>
    );
  }
  if (Array.isArray(props.value)) {
    return (
      <label className="param">
        {label} <span className="muted">(comma-separated)</span>
        <input
          type="text"
          value={props.value.join(', ')}
          onChange={(e) =>
            props.onChange(
              e.target.value
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
        />
      </label>
    );
  }
  return null;
}

/** The review policy as data: each rule on or off, its severity and its parameters. */
export function PolicyScreen(props: { onChanged: () => void }) {
  const [data, reload] = useLoad(() => callApi('policy.get', {}), []);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
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
  // Keyed by version: a saved or imported policy starts a fresh editor with its rules.
  return (
    <PolicyEditor
      key={data.value.policy.version}
      view={data.value}
      message={message}
      setMessage={setMessage}
      onSaved={() => {
        reload();
        props.onChanged();
      }}
    />
  );
}

function PolicyEditor(props: {
  view: PolicyView;
  message: { kind: 'ok' | 'error'; text: string } | null;
  setMessage: (m: { kind: 'ok' | 'error'; text: string } | null) => void;
  onSaved: () => void;
}) {
  const { view, message, setMessage } = props;
  const [rules, setRules] = useState<PolicyRule[]>(view.policy.rules);
  const describe = new Map(view.rules.map((r) => [r.id, r]));
  const update = (i: number, patch: Partial<PolicyRule>): void =>
    setRules((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  const done = (v: PolicyView, what: string): void => {
    setMessage({
      kind: 'ok',
      text: `${what}: policy version ${v.policy.version}, ${v.reevaluated} vendor${v.reevaluated === 1 ? '' : 's'} re-evaluated.`,
    });
    props.onSaved();
  };
  const fail = (e: unknown): void =>
    setMessage({ kind: 'error', text: e instanceof Error ? e.message : String(e) });

  const save = async (): Promise<void> => {
    try {
      done(await callApi('policy.save', { rules }), 'Saved');
    } catch (e) {
      fail(e);
    }
  };
  const exportPolicy = async (): Promise<void> => {
    try {
      const f = await callApi('policy.export', {});
      downloadText(f.fileName, f.mediaType, f.text);
    } catch (e) {
      fail(e);
    }
  };
  const importPolicy = async (file: File): Promise<void> => {
    try {
      done(
        await callApi('policy.import', { fileName: file.name, json: await file.text() }),
        'Imported',
      );
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section className="policy" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Policy</h2>
      <p className="muted">
        {view.policy.name}, version {view.policy.version}. Saving creates a new version and
        re-checks every vendor against it; flags record the version they were computed with.
      </p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void save()}>
          Save policy
        </button>
        <button type="button" onClick={() => void exportPolicy()}>
          Export JSON
        </button>
        <label className="file-button secondary">
          Import JSON…
          <input
            type="file"
            accept=".json,application/json"
            aria-label="Import a policy file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) {
                void importPolicy(f);
              }
              e.target.value = '';
            }}
          />
        </label>
      </div>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          className={message.kind === 'error' ? 'error' : 'ok'}
        >
          {message.text}
        </p>
      )}
      <ul className="rules" aria-label="Rules">
        {rules.map((r, i) => {
          const d = describe.get(r.id);
          return (
            <li key={r.id} className="rule">
              <div className="rule-head">
                <label className="rule-toggle">
                  <input
                    type="checkbox"
                    checked={r.enabled}
                    onChange={(e) => update(i, { enabled: e.target.checked })}
                  />
                  <strong>{d?.title ?? r.id}</strong>
                </label>
                <label>
                  <span className="visually-hidden">Severity of {d?.title ?? r.id}</span>
                  <select
                    value={r.severity}
                    onChange={(e) => update(i, { severity: e.target.value as Severity })}
                  >
                    {SEVERITIES.map((s) => (
                      <option key={s} value={s}>
                        {s}
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {d?.description && <p className="muted">{d.description}</p>}
              {Object.entries(r.params).map(([k, v]) => (
                <ParamEditor
                  key={k}
                  name={k}
                  value={v}
                  onChange={(nv) => update(i, { params: { ...r.params, [k]: nv } })}
                />
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
