import { useEffect, useRef, useState } from 'react';
import type { SearchHit } from '../../../src-shared/review';
import { callApi } from '../api';
import { navigate } from '../router';

/**
 * Global search (Ctrl/Cmd+K): vendors, sub-processors, purposes and countries, answered on every
 * keystroke. Up/Down choose, Enter opens, Escape closes.
 */
export function SearchDialog(props: { onClose: () => void }) {
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  // The newest keystroke wins: an older, slower answer never overwrites a newer one.
  const latest = useRef(0);

  useEffect(() => input.current?.focus(), []);

  const onChange = (value: string): void => {
    setQ(value);
    const ticket = ++latest.current;
    void callApi('search.query', { q: value, limit: 20 }).then(
      (h) => {
        if (ticket === latest.current) {
          setHits(h);
          setActive(0);
        }
      },
      () => undefined,
    );
  };

  const open = (h: SearchHit): void => {
    props.onClose();
    navigate({ name: 'vendor', vendorId: h.vendorId, tab: 'review' });
  };

  return (
    <div className="modal-backdrop" onClick={props.onClose}>
      <div
        className="search-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Search"
        onClick={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          type="search"
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="search-results"
          aria-activedescendant={hits[active] ? `search-hit-${active}` : undefined}
          aria-label="Search vendors, sub-processors, purposes, countries"
          placeholder="Search vendors, sub-processors, purposes, countries…"
          value={q}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              props.onClose();
            } else if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, hits.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter' && hits[active]) {
              open(hits[active]);
            }
          }}
        />
        <ul id="search-results" role="listbox" aria-label="Search results">
          {hits.map((h, i) => (
            <li
              key={`${h.kind}-${h.vendorId}-${h.entryId ?? 'v'}`}
              id={`search-hit-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseEnter={() => setActive(i)}
              onClick={() => open(h)}
            >
              <span className="hit-title">{h.title}</span>
              <span className="hit-detail">
                {h.kind === 'entry' ? `${h.vendorName} · ` : 'Vendor · '}
                {h.detail}
                {h.match === 'fuzzy' ? ' · similar name' : ''}
              </span>
            </li>
          ))}
        </ul>
        {q.trim() && hits.length === 0 && <p className="muted">Nothing matches “{q}”.</p>}
      </div>
    </div>
  );
}
