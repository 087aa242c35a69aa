/**
 * writePx: PxFile → bytes of a PX file that PCAxis.Core reads.
 *
 * - Entries keep their order (use `sortEntries` for entries built in code); DATA is last.
 * - CODEPAGE is set to the encoding written. Text that the encoding cannot hold is refused, not replaced.
 * - Lines stay within 256 characters: lists wrap after a comma, a long string is cut into quoted pieces on
 *   consecutive lines, which readers join with nothing between them.
 * - A string cannot contain `"` (PX has no escape): it is written as `'`, as PCAxis.Core does; a line break inside
 *   a string is written as `#`, the PX notation for a new line.
 * - DATA has one row of the heading's cells per line; numbers are written in the shortest form that reads back to
 *   the same double, never with an exponent; statuses as quoted symbols. Files with KEYS are written with KEYS,
 *   leaving out rows that are all zero (absent rows read as zero).
 */

import { canEncode, encode, normaliseEncoding } from "./encoding.ts";
import { type PxEntry, type PxFile, type PxValue, STATUS_NUMBER, statusSymbol, variablesOf } from "./model.ts";

export interface WriteOptions {
  /** Code page to write: `utf-8` (default), `windows-1251`, `iso-8859-1`, … */
  readonly encoding?: string;
  /** Line end, CRLF by default as PC-Axis tools write it. */
  readonly lineEnding?: "\r\n" | "\n";
}

export class PxWriteError extends Error {
  constructor(
    message: string,
    readonly keyword: string,
  ) {
    super(message);
    this.name = "PxWriteError";
  }
}

const LINE = 256;
/** Longest piece of a string on one line, leaving room for quotes and a comma or semicolon. */
const PIECE = 250;

/** Names written in CODEPAGE for the encodings we write. */
const CODEPAGE_NAME: Record<string, string> = {
  utf8: "utf-8",
  latin1: "iso-8859-1",
};

function encodingOf(options: WriteOptions): string {
  const encoding = normaliseEncoding(options.encoding ?? "utf-8");
  if (!encoding) throw new PxWriteError(`unknown encoding "${options.encoding}"`, "CODEPAGE");
  return encoding;
}

export function writePx(file: PxFile, options: WriteOptions = {}): Uint8Array {
  const encoding = encodingOf(options);
  const eol = options.lineEnding ?? "\r\n";
  const header = headerText(file, encoding, eol);
  const parts: Uint8Array[] = [encodeChecked(header, encoding, "header")];
  const writer = new DataWriter(file, eol);
  for (const chunk of writer.cells(file.data, file.status, file.extraSymbols, file.data.length)) {
    parts.push(encodeChecked(chunk, encoding, "DATA"));
  }
  parts.push(encodeChecked(writer.end(), encoding, "DATA"));
  return concat(parts);
}

/** The cells of a table, block by block in PX order (as `openPxStream` reads them). */
export interface CellBlock {
  readonly length: number;
  readonly data: Float64Array;
  readonly status: Uint8Array;
  readonly extraSymbols: readonly string[];
}

/**
 * writePx for a file whose cells come in blocks: `header` is the file without its cells (`data` empty). The bytes
 * are those `writePx` writes for the whole file, in chunks of about 64 KB.
 */
export async function* writePxStream(
  header: PxFile,
  blocks: AsyncIterable<CellBlock>,
  options: WriteOptions = {},
): AsyncGenerator<Uint8Array> {
  const encoding = encodingOf(options);
  const eol = options.lineEnding ?? "\r\n";
  yield encodeChecked(headerText(header, encoding, eol), encoding, "header");
  const writer = new DataWriter(header, eol);
  for await (const block of blocks) {
    for (const chunk of writer.cells(block.data, block.status, block.extraSymbols, block.length)) {
      yield encodeChecked(chunk, encoding, "DATA");
    }
  }
  yield encodeChecked(writer.end(), encoding, "DATA");
}

function headerText(file: PxFile, encoding: string, eol: string): string {
  const codepage: PxEntry = {
    keyword: "CODEPAGE",
    value: { items: [CODEPAGE_NAME[encoding] ?? encoding], bare: false },
    line: 0,
  };
  const entries = arrange(file.entries, codepage);
  const lines: string[] = [];
  for (const e of entries) {
    const text = formatEntry(e);
    if (!canEncode(text, encoding)) {
      throw new PxWriteError(
        `${e.keyword}${e.language ? `[${e.language}]` : ""} has characters that ${CODEPAGE_NAME[encoding] ?? encoding} cannot hold`,
        e.keyword,
      );
    }
    lines.push(...text.split("\n"));
  }
  lines.push("DATA=");
  return lines.join(eol) + eol;
}

/**
 * Entries in the order to write: as given, with CODEPAGE replaced in place (or added after a leading CHARSET and
 * AXIS-VERSION), and LANGUAGE / LANGUAGES moved up if a `[lang]` entry came before them, as readers need them first.
 */
function arrange(given: readonly PxEntry[], codepage: PxEntry): PxEntry[] {
  const entries = [...given];
  const existing = entries.findIndex((e) => e.keyword === "CODEPAGE");
  if (existing !== -1) {
    entries.splice(existing, 1, codepage);
    for (let k = entries.length - 1; k > existing; k--) if (entries[k]?.keyword === "CODEPAGE") entries.splice(k, 1);
  } else {
    let at = 0;
    while (at < entries.length && ["CHARSET", "AXIS-VERSION"].includes(entries[at]?.keyword ?? "")) at++;
    entries.splice(at, 0, codepage);
  }
  const firstVariant = entries.findIndex((e) => e.language !== undefined);
  const languageAt = entries.findIndex((e) => e.keyword === "LANGUAGE" || e.keyword === "LANGUAGES");
  if (firstVariant !== -1 && languageAt > firstVariant) {
    const languageEntries = entries.filter((e) => e.keyword === "LANGUAGE" || e.keyword === "LANGUAGES");
    const rest = entries.filter((e) => e.keyword !== "LANGUAGE" && e.keyword !== "LANGUAGES");
    rest.splice(rest.indexOf(codepage) + 1, 0, ...languageEntries);
    return rest;
  }
  return entries;
}

/** Makes a text safe inside quotes. */
function clean(text: string): string {
  return text.replace(/\r\n|\r|\n/g, "#").replaceAll('"', "'");
}

/** One entry as PX text; its lines are separated by "\n". */
export function formatEntry(e: PxEntry): string {
  let head = e.keyword;
  if (e.language !== undefined) head += `[${e.language}]`;
  if (e.subkeys !== undefined) head += `(${e.subkeys.map((s) => `"${clean(s)}"`).join(",")})`;
  head += "=";
  return formatValue(head, e.value);
}

/** Lays out a value after `head`, wrapping lines at {@link LINE} characters. */
function formatValue(head: string, value: PxValue): string {
  const lines: string[] = [];
  let line = head;
  const push = (piece: string, separator: string) => {
    if (line.length + separator.length + piece.length > LINE && line.length > 0) {
      lines.push(line + separator.trimEnd());
      line = "";
      separator = "";
    }
    line += separator + piece;
  };
  if (value.tlist) {
    const { unit, range } = value.tlist;
    if (range) {
      line += `TLIST(${unit},"${clean(value.items[0] ?? "")}"-"${clean(value.items[1] ?? "")}");`;
      return line;
    }
    line += `TLIST(${unit})`;
    for (const item of value.items) push(`"${clean(item)}"`, ",");
    return [...lines, `${line};`].join("\n");
  }
  value.items.forEach((item, k) => {
    const separator = k === 0 ? "" : ",";
    const parent = value.parents?.[k];
    if (value.bare) push(item, separator);
    else if (parent != null) push(`"${clean(parent)}":"${clean(item)}"`, separator);
    else {
      // A long string becomes quoted pieces on consecutive lines.
      const [first = "", ...more] = splitPieces(clean(item));
      push(`"${first}"`, separator);
      for (const piece of more) {
        lines.push(line);
        line = `"${piece}"`;
      }
    }
  });
  lines.push(`${line};`);
  return lines.join("\n");
}

/** Cuts a text into pieces of at most {@link PIECE} characters, never inside a surrogate pair. */
function splitPieces(text: string): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > PIECE) {
    let cut = PIECE;
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

/** Shortest decimal text that reads back to the same double, without an exponent. */
export function formatNumber(v: number): string {
  const s = String(v);
  // Exponent form appears only below 1e-6 or from 1e21 on.
  if (Math.abs(v) < 1e21 && (Math.abs(v) >= 1e-6 || v === 0)) return s;
  if (!s.includes("e")) return s;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign, lead, fraction = "", exp] = m;
  const digits = `${lead}${fraction}`;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * DATA text, cell by cell in PX order, in chunks of about 64 KB: one row of the heading's cells per line (with
 * KEYS, the row's keys first, and rows that are all zero left out); `end` gives the rest, ending with `;`. The
 * cells may come all at once or block by block: the text is the same.
 */
class DataWriter {
  private readonly keys: number;
  private readonly keyTexts: (readonly string[])[];
  private readonly keySizes: number[];
  private readonly rowWidth: number;
  /** Quoted DATA text per status, worked out on first use (the extra symbols grow while a stream is read). */
  private readonly symbols: (string | undefined)[] = new Array(256);
  private buffer: string[] = [];
  private size = 0;
  /** The row being written: its text so far, its index, how many of its cells are written, whether all are 0. */
  private line = "";
  private row = 0;
  private inRow = 0;
  private allZero = true;

  constructor(
    file: PxFile,
    private readonly eol: string,
  ) {
    const variables = variablesOf(file);
    const keyNames = new Set(
      file.entries.filter((e) => e.keyword === "KEYS" && e.language === undefined).map((e) => e.subkeys?.[0]),
    );
    const keyCount = file.stub.findIndex((v) => !keyNames.has(v.name));
    this.keys = keyNames.size === 0 ? 0 : keyCount === -1 ? file.stub.length : keyCount;
    const keysByCode = new Set(
      file.entries
        .filter((e) => e.keyword === "KEYS" && e.language === undefined && e.value.items[0]?.toUpperCase() === "CODES")
        .map((e) => e.subkeys?.[0]),
    );
    const keyVariables = variables.slice(0, this.keys);
    this.keyTexts = keyVariables.map((v) =>
      keysByCode.has(v.name) ? v.codes : (v.values[file.defaultLanguage] ?? []),
    );
    this.keySizes = keyVariables.map((v) => v.codes.length);
    const rowLength = variables.slice(this.keys).reduce((p, v) => p * v.codes.length, 1);
    this.rowWidth = this.keys > 0 ? rowLength : file.heading.reduce((p, v) => p * v.codes.length, 1);
  }

  private symbol(status: number, extraSymbols: readonly string[]): string {
    let text = this.symbols[status];
    if (text === undefined) {
      text = `"${clean(statusSymbol(status, extraSymbols) ?? "..")}"`;
      this.symbols[status] = text;
    }
    return text;
  }

  /** The keys of row `row`, quoted and each followed by a comma. */
  private keyLabels(row: number): string {
    let rest = row;
    const labels: string[] = [];
    for (let k = this.keys - 1; k >= 0; k--) {
      const size = this.keySizes[k] as number;
      labels.unshift(`"${clean(this.keyTexts[k]?.[rest % size] ?? "")}"`);
      rest = Math.floor(rest / size);
    }
    return `${labels.join(",")},`;
  }

  /** Writes the first `count` cells of the arrays (the next ones of the table); yields the chunks completed. */
  *cells(data: Float64Array, status: Uint8Array, extraSymbols: readonly string[], count: number): Generator<string> {
    const { rowWidth, keys } = this;
    for (let c = 0; c < count; c++) {
      const s = status[c] as number;
      const v = data[c] as number;
      if (keys > 0 && (s !== STATUS_NUMBER || v !== 0)) this.allZero = false;
      const text = s === STATUS_NUMBER ? formatNumber(v) : this.symbol(s, extraSymbols);
      this.line += this.inRow === 0 ? text : ` ${text}`;
      if (++this.inRow < rowWidth) continue;
      if (keys === 0 || !this.allZero) {
        const line = keys > 0 ? this.keyLabels(this.row) + this.line : this.line;
        this.buffer.push(line);
        this.size += line.length;
      }
      this.row++;
      this.inRow = 0;
      this.line = "";
      this.allZero = true;
      if (this.size > 65536) {
        yield this.buffer.join(this.eol) + this.eol;
        this.buffer = [];
        this.size = 0;
      }
    }
  }

  /** The rest of DATA, ending with `;`. */
  end(): string {
    return `${this.buffer.join(this.eol)};${this.eol}`;
  }
}

function encodeChecked(text: string, encoding: string, where: string): Uint8Array {
  const bytes = encode(text, encoding);
  if (encoding !== "utf8" && where === "DATA" && !canEncode(text, encoding)) {
    throw new PxWriteError(`a data symbol has characters that ${encoding} cannot hold`, "DATA");
  }
  return bytes;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const total = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
