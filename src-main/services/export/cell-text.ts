/**
 * Text that came from an imported page is data. Spreadsheets treat a cell typed (or a CSV field
 * read) starting with `=`, `+`, `-`, `@`, tab or carriage return as a formula, so such text is
 * written with a leading apostrophe, as OWASP recommends for CSV injection:
 * https://owasp.org/www-community/attacks/CSV_Injection
 */
import { DECISION_VALUES, type DecisionValue } from '../../../src-shared/domain';

/** Characters that make Excel, LibreOffice or Sheets read a cell as a formula or DDE call. */
const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * Text we quoted on the way out. Text that already starts with apostrophes before a formula
 * character is quoted too, so reading back (drop one apostrophe) restores every value exactly.
 */
const QUOTED = /^'+[=+\-@\t\r]/;

/** Excel refuses (with a repair prompt) cells longer than this. */
export const MAX_CELL_CHARS = 32_767;

// Control characters other than tab and line breaks, lone surrogates and the two non-characters:
// XML 1.0 cannot carry them (exceljs drops some, not lone surrogates) and they mean nothing here.
const NOT_XML = /[^\P{Cc}\t\n\r]|\p{Cs}|[\uFFFE\uFFFF]/gu;

/** `text` made safe to show in a spreadsheet cell or CSV field: never a formula. */
export function neutralise(text: string): string {
  const clean = text.replace(NOT_XML, '');
  const quoted = FORMULA_START.test(clean) || QUOTED.test(clean) ? `'${clean}` : clean;
  if (quoted.length <= MAX_CELL_CHARS) {
    return quoted;
  }
  // Never cut between the two halves of a surrogate pair (an emoji would become U+FFFD).
  const cut = /[\uD800-\uDBFF]/.test(quoted.charAt(MAX_CELL_CHARS - 2))
    ? MAX_CELL_CHARS - 2
    : MAX_CELL_CHARS - 1;
  return `${quoted.slice(0, cut)}…`;
}

/** The text `neutralise` was given (for text read back from a workbook we wrote). */
export function restore(text: string): string {
  return QUOTED.test(text) ? text.slice(1) : text;
}

/** Decision values as a reviewer reads them in the workbook's dropdown. */
export const DECISION_LABELS: Record<DecisionValue, string> = {
  approved: 'Approved',
  'approved-with-conditions': 'Approved with conditions',
  'needs-follow-up': 'Needs follow-up',
  rejected: 'Rejected',
};

/** The decision a cell names, by label or value, ignoring case and spacing; undefined if none. */
export function parseDecision(text: string): DecisionValue | undefined {
  const wanted = text.trim().replace(/\s+/g, ' ').toLowerCase();
  return DECISION_VALUES.find((v) => v === wanted || DECISION_LABELS[v].toLowerCase() === wanted);
}

/** Names for the pseudo-codes the extractor uses besides ISO 3166-1. */
export const PSEUDO_COUNTRIES: Readonly<Record<string, string>> = {
  EU: 'European Union',
  EEA: 'European Economic Area',
  GLOBAL: 'Worldwide',
};
