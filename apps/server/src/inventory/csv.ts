/**
 * CSV for the inventory's files (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF,
 * an optional byte order mark). The demo data's reader (packages/clearinghouse/src/demo/csv.ts) knows only commas
 * and drops blank lines; an import must also read the ";"-separated files that spreadsheets save in Russian
 * locales, and name each problem's row as a spreadsheet numbers it, blank rows included. Pure.
 */

export type Separator = "," | ";" | "\t";

/** The records of a CSV text, each numbered as the spreadsheet row it is (a record may span several lines). */
export interface CsvTable {
  readonly separator: Separator;
  readonly records: readonly (readonly string[])[];
}

/** The separator of the header line: the most frequent of comma, semicolon and tab outside quotes. */
function separatorOf(text: string): Separator {
  const counts = new Map<Separator, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && counts.has(ch as Separator))
      counts.set(ch as Separator, (counts.get(ch as Separator) ?? 0) + 1);
  }
  let best: Separator = ",";
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep;
  return best;
}

/** Reads every record, the blank ones as `[""]`, so that record k is spreadsheet row k + 1. */
export function readCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const separator = separatorOf(body);
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (body[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || record.length > 0 || quoted) {
    record.push(field);
    records.push(record);
  }
  return { separator, records };
}

/**
 * Writes records as comma-separated CSV with CRLF endings. Fields are quoted when they hold a quote, a line break
 * or any of the separators, so that the reader's guess of the separator cannot be misled.
 */
export function writeCsv(records: Iterable<readonly string[]>, options: { readonly bom?: boolean } = {}): string {
  const quote = (field: string) => (/[",;\t\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  let out = options.bom ? "\uFEFF" : "";
  for (const record of records) out += `${record.map(quote).join(",")}\r\n`;
  return out;
}
