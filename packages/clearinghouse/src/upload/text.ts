/**
 * Text files as spreadsheets and statistical offices write them: decoding (UTF-8 with or without a byte order
 * mark, UTF-16 with one, windows-1251, the Cyrillic code page Excel uses in the region) and delimited records
 * (RFC 4180 quoting; the delimiter, comma, semicolon or tab, found in the header line, or given by Excel's
 * `sep=;` first line).
 */

import type { Bilingual } from "@clearinghouse/cube";

export type Decoded =
  | { readonly ok: true; readonly text: string; readonly encoding: "utf-8" | "utf-16le" | "utf-16be" | "windows-1251" }
  | { readonly ok: false; readonly line: number; readonly column: number; readonly message: Bilingual };

/** Byte offset of the first byte that is not well-formed UTF-8, or -1. */
export function invalidUtf8At(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function lineAndColumn(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** Bytes of windows-1251 text in Russian and the region's languages: letters, Ё ё, Ukrainian and Belarusian
 * letters, dashes, quotes «», №, no-break space. 0x98 is unassigned. */
function isCyrillic1251(b: number): boolean {
  return (
    b >= 0xc0 ||
    [
      0xa8, 0xb8, 0xaa, 0xba, 0xaf, 0xbf, 0xb2, 0xb3, 0xb4, 0xa5, 0xa1, 0xa2, 0x96, 0x97, 0xab, 0xbb, 0xb9, 0xa0, 0x85,
      0x93, 0x94, 0x84,
    ].includes(b)
  );
}

function hex(b: number): string {
  return `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const bad = invalidUtf8At(bytes);
    if (bad === -1) return { ok: true, text: new TextDecoder("utf-8").decode(bytes.subarray(3)), encoding: "utf-8" };
    const at = lineAndColumn(bytes, bad);
    return {
      ok: false,
      ...at,
      message: {
        en: `the file says it is UTF-8 (it starts with a byte order mark), but byte ${hex(bytes[bad] as number)} at line ${at.line}, byte ${at.column} is not UTF-8; save the file again as "CSV UTF-8"`,
        ru: `файл объявлен как UTF-8 (начинается с метки порядка байтов), но байт ${hex(bytes[bad] as number)} в строке ${at.line}, позиция ${at.column} — не UTF-8; сохраните файл снова как «CSV UTF-8»`,
      },
    };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const at = lineAndColumn(bytes, nul);
    return {
      ok: false,
      ...at,
      message: {
        en: `the file is not text: it has a zero byte at line ${at.line}, byte ${at.column} (upload a CSV, PX or Excel file)`,
        ru: `файл не текстовый: нулевой байт в строке ${at.line}, позиция ${at.column} (загрузите файл CSV, PX или Excel)`,
      },
    };
  }
  const bad = invalidUtf8At(bytes);
  if (bad === -1) return { ok: true, text: new TextDecoder("utf-8").decode(bytes), encoding: "utf-8" };
  let high = 0;
  let cyrillic = 0;
  let unassigned = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    high++;
    if (isCyrillic1251(b)) cyrillic++;
    else if (b === 0x98 && unassigned === -1) unassigned = i;
  }
  if (unassigned === -1 && cyrillic >= 0.9 * high) {
    return { ok: true, text: new TextDecoder("windows-1251").decode(bytes), encoding: "windows-1251" };
  }
  const at = lineAndColumn(bytes, unassigned === -1 ? bad : unassigned);
  const b = bytes[unassigned === -1 ? bad : unassigned] as number;
  return {
    ok: false,
    ...at,
    message: {
      en: `the file is neither UTF-8 nor windows-1251: byte ${hex(b)} at line ${at.line}, byte ${at.column} cannot be read; save the file as "CSV UTF-8"`,
      ru: `файл не в кодировке UTF-8 и не в windows-1251: байт ${hex(b)} в строке ${at.line}, позиция ${at.column} не читается; сохраните файл как «CSV UTF-8»`,
    },
  };
}

export type Delimiter = "," | ";" | "\t";

export interface CsvRecord {
  readonly fields: string[];
  /** 1-based line where the record starts. */
  readonly line: number;
}

export type RecordProblem = { readonly kind: "too-long" | "unclosed-quote"; readonly line: number };

/** Counts of candidate delimiters outside quotes in one line; the most frequent wins, comma on a tie. */
export function detectDelimiter(line: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "," || ch === ";" || ch === "\t")) counts[ch]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","] && counts["\t"] > counts[";"]) return "\t";
  return ",";
}

/**
 * Records of delimited text, one at a time (a caller counting rows stops early). A record longer than
 * `maxRecord` characters is reported, not built: a 10 MB line costs one scan, not a 10 MB field array.
 */
export function* csvRecords(
  text: string,
  delimiter: Delimiter,
  maxRecord: number,
  start = 0,
  firstLine = 1,
): Generator<CsvRecord | RecordProblem> {
  let pos = start;
  let line = firstLine;
  const n = text.length;
  // The next quote after pos, looked up again only once passed: a file without quotes is scanned once, not per line.
  let quote = -2;
  while (pos < n) {
    let end = text.indexOf("\n", pos);
    if (end === -1) end = n;
    if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
    if (quote === -1 || quote >= end) {
      // The common case: no quotes in the line.
      if (end - pos > maxRecord) {
        yield { kind: "too-long", line };
        return;
      }
      let content = text.slice(pos, end);
      if (content.endsWith("\r")) content = content.slice(0, -1);
      yield { fields: content.split(delimiter), line };
      pos = end + 1;
      line++;
      continue;
    }
    const startLine = line;
    const fields: string[] = [];
    let field = "";
    let i = pos;
    let quoted = false;
    let done = false;
    while (i < n) {
      if (i - pos > maxRecord) {
        yield { kind: "too-long", line: startLine };
        return;
      }
      const ch = text[i] as string;
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          quoted = false;
          i++;
          continue;
        }
        if (ch === "\n") line++;
        field += ch;
        i++;
        continue;
      }
      if (ch === '"' && field.trim() === "") {
        quoted = true;
        field = "";
        i++;
      } else if (ch === delimiter) {
        fields.push(field);
        field = "";
        i++;
      } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
        i += ch === "\r" ? 2 : 1;
        done = true;
        break;
      } else {
        field += ch;
        i++;
      }
    }
    if (quoted) {
      yield { kind: "unclosed-quote", line: startLine };
      return;
    }
    fields.push(field);
    yield { fields, line: startLine };
    line++;
    pos = done ? i : n;
  }
}
