import { collapsePiece, type Piece } from '../piece';

/**
 * Drops inline Markdown/HTML markup from a piece while keeping each kept character's source
 * offset: `[text](url)` -> text, `**b**`/`_i_` -> b/i, `<u>x</u>` -> x, `<br>` -> a space.
 */
export function stripInlineMarkup(p: Piece): Piece {
  let text = '';
  const map: number[] = [];
  const s = p.text;
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    // link: keep the label, skip the target
    const link = /^!?\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/.exec(rest);
    if (link) {
      const label = link[1] ?? '';
      const labelStart = i + (rest.startsWith('!') ? 2 : 1);
      const inner = stripInlineMarkup({
        text: label,
        map: p.map.slice(labelStart, labelStart + label.length),
      });
      text += inner.text;
      map.push(...inner.map);
      i += link[0].length;
      continue;
    }
    const br = /^<br\s*\/?>/i.exec(rest);
    if (br) {
      text += ' ';
      map.push(-1);
      i += br[0].length;
      continue;
    }
    const tag = /^<\/?[a-z][a-z0-9]*(?:\s[^<>]*)?\/?>|^<!--.*?-->/i.exec(rest);
    if (tag) {
      i += tag[0].length;
      continue;
    }
    const ch = s[i] ?? '';
    if (ch === '\\' && i + 1 < s.length && /[\\`*_{}[\]()#+\-.!|]/.test(s[i + 1] ?? '')) {
      text += s[i + 1];
      map.push(p.map[i + 1] ?? -1);
      i += 2;
      continue;
    }
    // emphasis markers: ** __ * _ ` at word edges (not inside words like snake_case)
    if (ch === '*' || ch === '`' || (ch === '_' && isEdge(s, i))) {
      i++;
      continue;
    }
    const ent = /^&(#\d+|#x[0-9a-f]+|[a-z]+);/i.exec(rest);
    if (ent) {
      const decoded = decodeEntity(ent[1] ?? '');
      if (decoded !== null) {
        text += decoded;
        for (let k = 0; k < decoded.length; k++) map.push(p.map[i] ?? -1);
        i += ent[0].length;
        continue;
      }
    }
    text += ch;
    map.push(p.map[i] ?? -1);
    i++;
  }
  return collapsePiece({ text, map });
}

function isEdge(s: string, i: number): boolean {
  const before = s[i - 1] ?? ' ';
  const after = s[i + 1] ?? ' ';
  return !/[a-z0-9]/i.test(before) || !/[a-z0-9]/i.test(after);
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  hellip: '…',
  middot: '·',
  bull: '•',
  copy: '©',
  reg: '®',
  trade: '™',
  eacute: 'é',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  sect: '§',
};

export function decodeEntity(body: string): string | null {
  if (body.startsWith('#x') || body.startsWith('#X')) {
    const n = Number.parseInt(body.slice(2), 16);
    return Number.isFinite(n) ? String.fromCodePoint(n) : null;
  }
  if (body.startsWith('#')) {
    const n = Number.parseInt(body.slice(1), 10);
    return Number.isFinite(n) ? String.fromCodePoint(n) : null;
  }
  return NAMED_ENTITIES[body.toLowerCase()] ?? null;
}
