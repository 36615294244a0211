import type { Block } from '../blocks';
import { collapsePiece, type Piece } from '../piece';

/** Reads CSV/TSV (RFC 4180 quoting) into one table block; the first row is the header. */
export function readCsvBlocks(source: string, delimiter: string): Block[] {
  const rows: Piece[][] = [];
  let row: Piece[] = [];
  let cell: Piece = { text: '', map: [] };
  let inQuotes = false;
  const endCell = (): void => {
    row.push(collapsePiece(cell));
    cell = { text: '', map: [] };
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? '';
    if (inQuotes) {
      if (ch === '"' && source[i + 1] === '"') {
        cell.text += '"';
        cell.map.push(i);
        i++;
      } else if (ch === '"') {
        inQuotes = false;
      } else {
        cell.text += ch;
        cell.map.push(i);
      }
      continue;
    }
    if (ch === '"' && cell.text.trim() === '') {
      inQuotes = true;
    } else if (ch === delimiter) {
      endCell();
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endCell();
      if (row.some((c) => c.text)) rows.push(row);
      row = [];
    } else {
      cell.text += ch;
      cell.map.push(i);
    }
  }
  endCell();
  if (row.some((c) => c.text)) rows.push(row);
  return rows.length ? [{ kind: 'table', rows, headerRows: 1 }] : [];
}

/**
 * The delimiter: tab for .tsv, else whichever of `,` `;` tab the header line uses most (European
 * spreadsheets save CSV with semicolons, since the comma is their decimal mark).
 */
export function csvDelimiter(fileName: string, source: string): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  const firstLine = /^[^\r\n]*/.exec(source.replace(/"[^"]*"/g, ''))?.[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
