/** A column header that sorts its table: click once ascending, again descending. */
export interface SortState<K extends string> {
  key: K;
  desc: boolean;
}

export function SortHeader<K extends string>(props: {
  column: K;
  label: string;
  sort: SortState<K>;
  onSort: (next: SortState<K>) => void;
}) {
  const active = props.sort.key === props.column;
  return (
    <th scope="col" aria-sort={active ? (props.sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className="th-button"
        onClick={() => props.onSort({ key: props.column, desc: active ? !props.sort.desc : false })}
      >
        {props.label}
      </button>
    </th>
  );
}
