// RFC 4180 files (quoted commas, doubled quotes, quoted line breaks), read and written with csv-parse
// and csv-stringify.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

/** Every record as its fields; a byte-order mark is dropped, records may differ in length. */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      bom: true,
      relax_column_count: true,
      // Files written on one system and edited on another mix both line endings.
      record_delimiter: ['\r\n', '\n'],
    });
  } catch (error) {
    throw new Error(`Not a readable CSV file: ${(error as Error).message}`, { cause: error });
  }
}

/** Records as objects keyed by the header row; a record shorter than the header gets ''. */
export function readCsvObjects(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [header = [], ...records] = parseCsv(text);
  const rows = records
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
  return { header, rows };
}

export function writeCsv(rows: readonly (readonly string[])[]): string {
  // A field with a line break of either kind is quoted, not only one with the record delimiter.
  return stringify(rows as string[][], { record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}
