import type { Piece } from './piece';

/**
 * The common block model every format reader produces. Entry extraction only sees blocks, so a
 * rule written once works for HTML, Markdown, PDF and plain text alike.
 */
export type Block = HeadingBlock | ParagraphBlock | ListItemBlock | TableBlock | DefinitionBlock;

export interface HeadingBlock {
  kind: 'heading';
  /** 1..6; readers guess a level for formats without one (bold lines, underlined RST titles). */
  level: number;
  content: Piece;
}

/** A paragraph; `lines` keeps hard line breaks (`<br>`, wrapped text) for headed-block parsing. */
export interface ParagraphBlock {
  kind: 'paragraph';
  content: Piece;
  lines: Piece[];
  /** The first line was visually emphasised (bold), a hint that it names something. */
  isLeadEmphasised?: boolean;
}

export interface ListItemBlock {
  kind: 'list-item';
  depth: number;
  content: Piece;
  /** The link text, when the item starts with a link (vendor DPA links, "[Stripe, Inc.](...)"). */
  linkText?: Piece;
}

export interface TableBlock {
  kind: 'table';
  /** Rows of cells, header row(s) included; `headerRows` says how many lead the table. */
  rows: Piece[][];
  headerRows: number;
}

/** A term with its description: RST/`<dl>` definition lists, "Vendor\n    description". */
export interface DefinitionBlock {
  kind: 'definition';
  term: Piece;
  description: Piece;
}
