/**
 * Data rows as SpreadsheetML text, rendered the way exceljs's streaming writer renders them but
 * without its Row, Cell and Value objects and a throwaway XML builder per row: for the 50,000-row
 * sheets those were most of an export's time and garbage. The sheet itself (columns, views,
 * filter, validations, protection) is still exceljs's; only the `<row>` elements are ours.
 */

/** A value as it goes into the XML: text is already neutralised, '' is already null. */
export type XmlCellValue = string | number | boolean | Date | null;

export interface XmlColumn {
  /** "A", "B", … "AA". */
  letter: string;
  /** Index into the workbook's cellXfs; 0 is the default style and is not written. */
  styleId: number;
}

const MS_PER_DAY = 24 * 3600 * 1000;

/** A moment as an Excel serial day (1900 date system), as exceljs computes it. */
export function excelSerial(d: Date): number {
  return 25569 + d.getTime() / MS_PER_DAY;
}

// Characters XML escapes, and those XML 1.0 cannot carry at all (dropped, as exceljs does).
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[<>&'"\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/;
// eslint-disable-next-line no-control-regex
const XML_SPECIAL_ALL = /[<>&'"\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/g;
const ENTITIES: Readonly<Record<string, string>> = {
  '<': '&lt;',
  '>': '&gt;',
  '&': '&amp;',
  "'": '&apos;',
  '"': '&quot;',
};

/** `text` escaped for an XML text node. */
export function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(XML_SPECIAL_ALL, (c) => ENTITIES[c] ?? '') : text;
}

/** Excel column letters of the 1-based column `n`. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) {
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  }
  return s;
}

/**
 * One `<row>`: a cell per value (an empty one keeps its column's style, as exceljs writes it), no
 * cells past the last value. Values beyond `columns` are an error in the caller.
 */
export function rowXml(
  rowNumber: number,
  values: readonly XmlCellValue[],
  columns: readonly XmlColumn[],
): string {
  if (values.length > columns.length) {
    throw new Error(`row ${rowNumber} has ${values.length} values for ${columns.length} columns`);
  }
  let xml = `<row r="${rowNumber}" spans="1:${values.length}" x14ac:dyDescent="0.25">`;
  for (let i = 0; i < values.length; i++) {
    const { letter, styleId } = columns[i] as XmlColumn;
    const value = values[i];
    const head =
      styleId === 0
        ? `<c r="${letter}${rowNumber}"`
        : `<c r="${letter}${rowNumber}" s="${styleId}"`;
    if (value === null || value === undefined) {
      if (styleId !== 0) {
        xml += `${head}/>`;
      }
    } else if (typeof value === 'string') {
      xml += `${head} t="str"><v>${xmlText(value)}</v></c>`;
    } else if (typeof value === 'number') {
      xml += `${head}><v>${value}</v></c>`;
    } else if (typeof value === 'boolean') {
      xml += `${head} t="b"><v>${value ? '1' : '0'}</v></c>`;
    } else {
      xml += `${head}><v>${excelSerial(value)}</v></c>`;
    }
  }
  return `${xml}</row>`;
}
