/** The controls of a table's filter row: one per column, '' meaning "All". */
export function FilterText(props: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <td>
      <input
        type="search"
        aria-label={props.label}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </td>
  );
}

/** A list filter; `options` are [value, label] pairs, or plain values shown as they are. */
export function FilterSelect<V extends string>(props: {
  label: string;
  value: V | '';
  options: readonly (V | readonly [V, string])[];
  onChange: (value: V | '') => void;
}) {
  return (
    <td>
      <select
        aria-label={props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as V | '')}
      >
        <option value="">All</option>
        {props.options.map((o) => {
          const [value, label] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={value} value={value}>
              {label}
            </option>
          );
        })}
      </select>
    </td>
  );
}
