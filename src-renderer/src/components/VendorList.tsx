import type { Vendor } from '../../../src-shared/domain';

export function VendorList(props: {
  vendors: Vendor[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  if (props.vendors.length === 0) {
    return <p className="empty">No vendors yet — import a sub-processor page to start.</p>;
  }
  return (
    <ul className="vendor-list" aria-label="Vendors">
      {props.vendors.map((v) => (
        <li key={v.id}>
          <button
            type="button"
            aria-current={v.id === props.selectedId ? 'true' : undefined}
            onClick={() => props.onSelect(v.id)}
          >
            <span className="vendor-name">{v.name}</span>
            <span className="vendor-meta">
              {v.entryCount} sub-processor{v.entryCount === 1 ? '' : 's'} · {v.snapshotCount}{' '}
              snapshot{v.snapshotCount === 1 ? '' : 's'}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
