import type { Entry } from '../../../src-shared/domain';

const STATUS_LABEL: Record<Entry['status'], string> = {
  active: 'Active',
  conditional: 'Conditional',
  inactive: 'Not engaged',
  'customer-managed': 'Customer-managed',
};

export function EntriesTable(props: {
  entries: Entry[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  if (props.entries.length === 0) {
    return (
      <p className="empty">
        No sub-processors were found in this snapshot. Check the source text on the right: if the
        page lists them in an unusual layout, the parser may have missed them.
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="entries" aria-label="Sub-processors">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Legal entity</th>
            <th scope="col">Purpose</th>
            <th scope="col">Countries</th>
            <th scope="col">Transfer</th>
            <th scope="col">Status</th>
            <th scope="col">Section</th>
            <th scope="col">Confidence</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr
              key={e.id}
              aria-selected={e.id === props.selectedId}
              tabIndex={0}
              onClick={() => props.onSelect(e.id)}
              onKeyDown={(k) => {
                if (k.key === 'Enter' || k.key === ' ') {
                  k.preventDefault();
                  props.onSelect(e.id);
                }
              }}
            >
              <td className="name">
                {e.name || <em>(name not printed)</em>}
                {!e.nameOnPage && e.name && <span className="tag"> inferred</span>}
              </td>
              <td>{e.legalEntity ?? '—'}</td>
              <td className="purpose">{e.purpose ?? '—'}</td>
              <td>{e.countries.join(', ') || '—'}</td>
              <td>{e.transfer.join(', ') || '—'}</td>
              <td>
                <span className={`status status-${e.status}`}>{STATUS_LABEL[e.status]}</span>
              </td>
              <td>{e.section ?? '—'}</td>
              <td title={e.confidenceReasons.join('; ')}>{Math.round(e.confidence * 100)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
