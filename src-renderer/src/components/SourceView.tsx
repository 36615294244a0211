import { useEffect, useMemo, useRef } from 'react';
import type { Entry, Span } from '../../../src-shared/domain';

interface Piece {
  text: string;
  field: string | null;
}

/** Splits `text` into plain and highlighted pieces; overlapping spans keep the first field. */
export function highlightPieces(text: string, marks: { span: Span; field: string }[]): Piece[] {
  const sorted = marks
    .filter((m) => m.span.start >= 0 && m.span.end <= text.length && m.span.end > m.span.start)
    .sort((a, b) => a.span.start - b.span.start);
  const out: Piece[] = [];
  let pos = 0;
  for (const m of sorted) {
    if (m.span.start < pos) {
      continue;
    }
    if (m.span.start > pos) {
      out.push({ text: text.slice(pos, m.span.start), field: null });
    }
    out.push({ text: text.slice(m.span.start, m.span.end), field: m.field });
    pos = m.span.end;
  }
  if (pos < text.length) {
    out.push({ text: text.slice(pos), field: null });
  }
  return out;
}

export interface SourceMark {
  span: Span;
  field: string;
}

/** The marks of an entry's provenance: every field it was read from. */
export function entryMarks(entry: Entry | null): SourceMark[] {
  return Object.entries(entry?.provenance ?? {}).flatMap(([field, spans]) =>
    (spans ?? []).map((span) => ({ span, field })),
  );
}

/** The stored page text with the given spans highlighted; text only, never HTML. */
export function SourceView(props: { text: string; marks: SourceMark[] }) {
  const firstMark = useRef<HTMLElement>(null);
  const pieces = useMemo(() => highlightPieces(props.text, props.marks), [props.text, props.marks]);

  useEffect(() => {
    firstMark.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [props.marks]);

  const firstMarkIndex = pieces.findIndex((p) => p.field !== null);
  return (
    <pre className="source-text" aria-label="Source text" tabIndex={0}>
      {pieces.map((p, i) => {
        if (!p.field) {
          return p.text;
        }
        return (
          <mark
            key={i}
            ref={i === firstMarkIndex ? firstMark : undefined}
            className={`hl hl-${p.field}`}
            title={p.field}
          >
            {p.text}
          </mark>
        );
      })}
    </pre>
  );
}
