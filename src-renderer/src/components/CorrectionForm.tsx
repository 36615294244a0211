import { useState } from 'react';
import {
  ENTRY_STATUSES,
  TRANSFER_MECHANISMS,
  type CorrectableField,
  type Entry,
  type EntryStatus,
  type TransferMechanism,
} from '../../../src-shared/domain';
import { callApi } from '../api';
import { STATUS_LABEL } from './EntriesTable';

const FIELD_LABEL: Record<CorrectableField, string> = {
  name: 'Name',
  legalEntity: 'Legal entity',
  purpose: 'Purpose',
  countries: 'Countries',
  transfer: 'Transfer mechanisms',
  status: 'Status',
};

function shown(v: unknown): string {
  if (v === null || v === undefined || v === '') {
    return '—';
  }
  return Array.isArray(v) ? v.join(', ') || '—' : String(v);
}

/**
 * Corrects what the parser extracted. Corrections are kept apart from the parsed values (shown as
 * "was …") and each can be undone; flags are recomputed with the corrected values.
 */
export function CorrectionForm(props: { entry: Entry; onChanged: () => void }) {
  const e = props.entry;
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(e.name);
  const [legalEntity, setLegalEntity] = useState(e.legalEntity ?? '');
  const [countries, setCountries] = useState(e.countries.join(', '));
  const [transfer, setTransfer] = useState<TransferMechanism[]>(e.transfer);
  const [status, setStatus] = useState<EntryStatus>(e.status);
  const [error, setError] = useState<string | null>(null);

  const run = async (p: Promise<unknown>): Promise<void> => {
    setError(null);
    try {
      await p;
      props.onChanged();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  const save = async (): Promise<void> => {
    const codes = countries
      .split(/[,\s]+/)
      .map((c) => c.trim().toUpperCase())
      .filter(Boolean);
    const calls: Promise<unknown>[] = [];
    const id = e.id;
    if (name.trim() && name.trim() !== e.name) {
      calls.push(callApi('entries.correct', { entryId: id, field: 'name', value: name.trim() }));
    }
    if ((legalEntity.trim() || null) !== e.legalEntity) {
      calls.push(
        callApi('entries.correct', {
          entryId: id,
          field: 'legalEntity',
          value: legalEntity.trim() || null,
        }),
      );
    }
    if (codes.join(',') !== e.countries.join(',')) {
      calls.push(callApi('entries.correct', { entryId: id, field: 'countries', value: codes }));
    }
    if ([...transfer].sort().join(',') !== [...e.transfer].sort().join(',')) {
      calls.push(callApi('entries.correct', { entryId: id, field: 'transfer', value: transfer }));
    }
    if (status !== e.status) {
      calls.push(callApi('entries.correct', { entryId: id, field: 'status', value: status }));
    }
    // One at a time keeps each correction a clean step in the history.
    await run(calls.reduce((p, c) => p.then(() => c), Promise.resolve<unknown>(undefined)));
    setOpen(false);
  };

  const corrected = Object.entries(e.corrected ?? {}) as [
    CorrectableField,
    { was: unknown; by: string; at: string },
  ][];

  return (
    <section className="corrections" aria-label="Corrections">
      {corrected.length > 0 && (
        <ul className="corrected-list">
          {corrected.map(([field, c]) => (
            <li key={field}>
              <strong>{FIELD_LABEL[field]}</strong> corrected by {c.by} (parsed: {shown(c.was)}){' '}
              <button
                type="button"
                className="link"
                onClick={() =>
                  void run(callApi('entries.undoCorrection', { entryId: e.id, field }))
                }
              >
                Undo
              </button>
            </li>
          ))}
        </ul>
      )}
      {!open ? (
        <button type="button" onClick={() => setOpen(true)}>
          Correct what was extracted…
        </button>
      ) : (
        <form
          className="decision-form"
          aria-label="Correct the entry"
          onSubmit={(ev) => {
            ev.preventDefault();
            void save();
          }}
        >
          <label>
            Name
            <input type="text" value={name} onChange={(ev) => setName(ev.target.value)} />
          </label>
          <label>
            Legal entity
            <input
              type="text"
              value={legalEntity}
              onChange={(ev) => setLegalEntity(ev.target.value)}
            />
          </label>
          <label>
            Countries (ISO codes, or EU, EEA, GLOBAL)
            <input type="text" value={countries} onChange={(ev) => setCountries(ev.target.value)} />
          </label>
          <fieldset className="mechanisms">
            <legend>Transfer mechanisms</legend>
            {TRANSFER_MECHANISMS.map((m) => (
              <label key={m}>
                <input
                  type="checkbox"
                  checked={transfer.includes(m)}
                  onChange={(ev) =>
                    setTransfer((t) => (ev.target.checked ? [...t, m] : t.filter((x) => x !== m)))
                  }
                />{' '}
                {m}
              </label>
            ))}
          </fieldset>
          <label htmlFor={`status-${e.id}`}>Status</label>
          <select
            id={`status-${e.id}`}
            value={status}
            onChange={(ev) => setStatus(ev.target.value as EntryStatus)}
          >
            {ENTRY_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
          <div className="toolbar">
            <button type="submit" className="primary">
              Save correction
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
