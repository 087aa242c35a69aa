/**
 * DATA parsing, straight from the file's bytes into a Float64Array and a parallel status array.
 *
 * Values are separated by blanks, tabs, line ends or commas, and the part ends with `;`. A value is a decimal
 * number or a quoted data symbol (`"."` … `"......"`, `"-"`, or another text kept as an extra symbol). Numbers
 * with at most 15 significant digits and no exponent take an exact fast path (an integer divided by a power of ten
 * is correctly rounded); anything else goes through `Number()`. Work is linear in the input and never throws.
 *
 * Dense DATA can also be read in pieces (streaming): the bytes come chunk by chunk, a token cut by the end of a
 * chunk waits for the next one, and the cells go into a block of fixed size that is handed out and reused. The
 * whole-file reader is the same code with one chunk and one block, so both give the same cells and diagnostics.
 */

import type { DiagnosticSink } from "./diagnostics.ts";
import { MAX_EXTRA_SYMBOLS, STATUS_FIRST_EXTRA, STATUS_NIL, STATUS_NOT_AVAILABLE } from "./model.ts";
import { countOf, NOUNS } from "./plural.ts";

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** At most this many diagnostics of one kind are listed; the rest are counted in a summary. */
const MAX_LISTED = 10;

export interface DataTarget {
  readonly data: Float64Array;
  readonly status: Uint8Array;
  /** Extra quoted symbols; statuses 8+ index into it. Grows as new symbols are met. */
  readonly extraSymbols: string[];
}

export interface DataContext {
  readonly sink: DiagnosticSink;
  /** 1-based line of the first byte of DATA. */
  readonly firstLine: number;
  /** Column of the first byte of DATA on that line. */
  readonly firstColumn: number;
  /** Decodes bytes of the file with its code page (for quoted symbols and KEYS texts). */
  readonly decode: (bytes: Uint8Array) => string;
}

/**
 * Status of a quoted data symbol's text, adding it to the extra symbols when new (beyond the one-byte limit of
 * distinct symbols, a symbol reads as "..").
 */
export function symbolStatus(text: string, extraSymbols: string[]): number {
  if (text === "-") return STATUS_NIL;
  if (text.length >= 1 && text.length <= 7 && /^\.+$/.test(text)) return text.length;
  let k = extraSymbols.indexOf(text);
  if (k === -1) {
    if (extraSymbols.length >= MAX_EXTRA_SYMBOLS) return STATUS_NOT_AVAILABLE;
    k = extraSymbols.length;
    extraSymbols.push(text);
  }
  return STATUS_FIRST_EXTRA + k;
}

enum Tok {
  End, // `;` or end of input
  Number,
  Symbol,
  Bad,
  /** The bytes ran out inside a token (or a CR LF) and more are coming: feed them, then read again. */
  More,
}

/**
 * A cursor over the DATA bytes that yields one value at a time; the token's number or status is left in fields
 * to avoid allocating per value.
 */
class DataScanner {
  i: number;
  line: number;
  /** File offset of the current line's first byte. */
  lineStart: number;
  /** File offset of `bytes[0]`. */
  base: number;
  value = 0;
  status = 0;
  tokenStart = 0;
  tokenEnd = 0;
  tokenLine = 0;
  /** The token was a bare (unquoted) symbol such as `..`. */
  bareSymbol = false;
  terminated = false;

  /**
   * `bytes` from index `start` on are DATA; `base` is the file offset of `bytes[0]`. With `more`, further bytes
   * follow (see {@link feed}).
   */
  constructor(
    public bytes: Uint8Array,
    start: number,
    readonly ctx: DataContext,
    public extraSymbols: string[],
    public more = false,
    base = 0,
  ) {
    this.i = start;
    this.base = base;
    this.line = ctx.firstLine;
    this.lineStart = base + start - (ctx.firstColumn - 1);
  }

  /** Appends the next bytes of the file to what is left unread; `more` is false for the last ones. */
  feed(chunk: Uint8Array, more: boolean): void {
    const rest = this.bytes.subarray(this.i);
    this.base += this.i;
    if (rest.length === 0) this.bytes = chunk;
    else {
      const joined = new Uint8Array(rest.length + chunk.length);
      joined.set(rest);
      joined.set(chunk, rest.length);
      this.bytes = joined;
    }
    this.i = 0;
    this.more = more;
  }

  /** Column of the byte at index `at` of `bytes`. */
  column(at: number): number {
    return this.base + at - this.lineStart + 1;
  }

  next(): Tok {
    const b = this.bytes;
    const n = b.length;
    const more = this.more;
    let i = this.i;
    // Separators
    while (i < n) {
      const c = b[i] as number;
      if (c === 32 || c === 9 || c === 44) i++;
      else if (c === 10) {
        i++;
        this.line++;
        this.lineStart = this.base + i;
      } else if (c === 13) {
        if (i + 1 >= n && more) break; // a LF may follow in the next bytes
        i++;
        if (b[i] === 10) i++;
        this.line++;
        this.lineStart = this.base + i;
      } else break;
    }
    this.tokenLine = this.line;
    this.tokenStart = i;
    this.bareSymbol = false;
    if (i >= n || b[i] === 13) {
      this.i = i;
      return more ? Tok.More : Tok.End;
    }
    let c = b[i] as number;
    if (c === 59) {
      this.i = i + 1;
      this.terminated = true;
      return Tok.End;
    }
    if (c === 34) {
      let j = i + 1;
      while (j < n) {
        const d = b[j] as number;
        if (d === 34 || d === 10 || d === 13 || d === 59) break;
        j++;
      }
      if (j >= n && more) {
        this.i = i;
        return Tok.More;
      }
      this.tokenEnd = j;
      this.i = b[j] === 34 ? j + 1 : j;
      this.status = this.quotedStatus(i + 1, j);
      return Tok.Symbol;
    }
    // Number fast path
    const start = i;
    let neg = false;
    if (c === 45 || c === 43) {
      neg = c === 45;
      i++;
    }
    let mant = 0;
    let digits = 0;
    let frac = 0;
    c = b[i] ?? 0;
    while (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      c = b[++i] ?? 0;
    }
    if (c === 46) {
      c = b[++i] ?? 0;
      while (c >= 48 && c <= 57) {
        mant = mant * 10 + (c - 48);
        digits++;
        frac++;
        c = b[++i] ?? 0;
      }
    }
    if (i >= n && more) {
      this.i = start;
      return Tok.More;
    }
    const atDelimiter = i >= n || c === 32 || c === 10 || c === 13 || c === 9 || c === 59 || c === 44 || c === 34;
    if (atDelimiter && digits > 0 && digits <= 15) {
      const v = frac === 0 ? mant : mant / (POW10[frac] as number);
      this.value = neg ? -v + 0 : v;
      this.i = i;
      this.tokenEnd = i;
      return Tok.Number;
    }
    // Slow path: read the whole token
    while (i < n) {
      const d = b[i] as number;
      if (d === 32 || d === 10 || d === 13 || d === 9 || d === 59 || d === 44 || d === 34) break;
      i++;
    }
    if (i >= n && more) {
      this.i = start;
      return Tok.More;
    }
    this.i = i;
    this.tokenEnd = i;
    const text = this.ctx.decode(b.subarray(start, i));
    if (NUMBER.test(text)) {
      const v = Number(text);
      if (Number.isFinite(v)) {
        this.value = v + 0;
        return Tok.Number;
      }
    }
    if (/^(\.{1,7}|-)$/.test(text)) {
      this.bareSymbol = true;
      this.status = symbolStatus(text, this.extraSymbols);
      return Tok.Symbol;
    }
    return Tok.Bad;
  }

  /** Status of the quoted symbol in bytes [start, end): the standard ones straight from the bytes. */
  private quotedStatus(start: number, end: number): number {
    const b = this.bytes;
    const length = end - start;
    if (length === 1 && b[start] === 45) return STATUS_NIL;
    if (length >= 1 && length <= 7) {
      let dots = true;
      for (let k = start; k < end; k++) if (b[k] !== 46) dots = false;
      if (dots) return length;
    }
    return symbolStatus(this.ctx.decode(b.subarray(start, end)), this.extraSymbols);
  }

  /** Reads the next token as text (the inside of quotes, or a bare word); undefined at the end. */
  nextText(): string | undefined {
    const symbols = this.extraSymbols;
    this.extraSymbols = [];
    const tok = this.next();
    this.extraSymbols = symbols;
    if (tok === Tok.End) return undefined;
    return this.bytes[this.tokenStart] === 34
      ? this.ctx.decode(this.bytes.subarray(this.tokenStart + 1, this.tokenEnd))
      : this.tokenText();
  }

  tokenText(): string {
    return this.ctx.decode(this.bytes.subarray(this.tokenStart, this.tokenEnd));
  }

  /** After the closing `;`: the file offset of the first byte that is not blank, if any (the rest is consumed). */
  trailingText(): number | undefined {
    const b = this.bytes;
    for (let i = this.i; i < b.length; i++) {
      const c = b[i] as number;
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0x1a && c !== 0) {
        this.i = b.length;
        return this.base + i;
      }
    }
    this.i = b.length;
    return undefined;
  }
}

/** Reports per-kind problems, listing the first few and summarising the rest. */
class ProblemCounter {
  bad = 0;
  bare = 0;
  constructor(readonly scanner: DataScanner) {}

  badToken(sink: DiagnosticSink, cell: number): void {
    if (++this.bad > MAX_LISTED) return;
    const s = this.scanner;
    sink.repairable(
      "PX041",
      { line: s.tokenLine, column: s.column(s.tokenStart), keyword: "DATA" },
      { token: s.tokenText().slice(0, 40), cell: cell + 1 },
      'read as ".." (not available)',
    );
  }

  bareSymbol(sink: DiagnosticSink, cell: number): void {
    if (++this.bare > MAX_LISTED) return;
    const s = this.scanner;
    sink.warn(
      "PX044",
      { line: s.tokenLine, column: s.column(s.tokenStart), keyword: "DATA" },
      {
        token: s.tokenText(),
        cell: cell + 1,
      },
    );
  }

  summarise(sink: DiagnosticSink): void {
    const s = this.scanner;
    const where = { line: s.line, column: 0, keyword: "DATA" };
    if (this.bad > MAX_LISTED) {
      sink.repairable("PX041", where, { token: `${this.bad - MAX_LISTED} more`, cell: "…" }, 'read as ".."');
    }
    if (this.bare > MAX_LISTED) {
      sink.warn("PX044", where, { token: `${this.bare - MAX_LISTED} more`, cell: "…" });
    }
  }
}

/** Stores one value token at `index` of the target; `cell` is its place in the table, for messages. */
function store(
  tok: Tok,
  s: DataScanner,
  target: DataTarget,
  index: number,
  problems: ProblemCounter,
  sink: DiagnosticSink,
  cell = index,
): void {
  if (tok === Tok.Number) {
    target.data[index] = s.value;
    target.status[index] = 0;
    return;
  }
  target.data[index] = Number.NaN;
  if (tok === Tok.Symbol) {
    target.status[index] = s.status;
    if (s.bareSymbol) problems.bareSymbol(sink, cell);
  } else {
    target.status[index] = STATUS_NOT_AVAILABLE;
    problems.badToken(sink, cell);
  }
}

function finish(s: DataScanner, ctx: DataContext, problems: ProblemCounter, trailingAt?: number): void {
  problems.summarise(ctx.sink);
  if (!s.terminated) {
    ctx.sink.repairable(
      "PX012",
      { line: s.line, column: s.column(s.i), keyword: "DATA" },
      { keyword: "DATA" },
      "the end of the file ends DATA",
    );
    return;
  }
  const at = trailingAt ?? s.trailingText();
  if (at !== undefined) {
    ctx.sink.warn("PX043", { line: s.line, column: at - s.lineStart + 1, keyword: "DATA" });
  }
}

/** What {@link DenseDataReader.read} stopped at. */
export type DenseReadState =
  /** The block is full: use it, then call `nextBlock` and read on. */
  | "block"
  /** The bytes ran out: `feed` the next ones (or an empty last chunk), then read on. */
  | "more"
  /** DATA is read: the block holds the last cells (`blockLength` of them); call `finish`. */
  | "end";

/**
 * Reads dense DATA (one value per cell, in order) into blocks of `block.data.length` cells. Missing values become
 * ".." and extra ones are ignored, as the whole-file reader does.
 */
export class DenseDataReader {
  private readonly s: DataScanner;
  private readonly problems: ProblemCounter;
  /** Cells placed so far (read or filled in). */
  private cell = 0;
  /** Cells DATA gave, once it has ended. */
  private given = -1;
  private extra = 0;
  private trailingAt: number | undefined;
  /** Table index of the block's first cell. */
  blockFirst = 0;
  /** Cells in the block so far. */
  blockLength = 0;

  /** `bytes` from `start` on are DATA (`base`: the file offset of `bytes[0]`); `more` as in `feed`. */
  constructor(
    bytes: Uint8Array,
    start: number,
    private readonly cells: number,
    private readonly block: DataTarget,
    private readonly ctx: DataContext,
    more: boolean,
    base = 0,
  ) {
    this.s = new DataScanner(bytes, start, ctx, block.extraSymbols, more, base);
    this.problems = new ProblemCounter(this.s);
  }

  /** The next bytes of the file; `more` is false with the last (possibly empty) chunk. */
  feed(chunk: Uint8Array, more: boolean): void {
    this.s.feed(chunk, more);
  }

  read(): DenseReadState {
    const { s, block, cells, problems } = this;
    const size = block.data.length;
    const sink = this.ctx.sink;
    if (this.given === -1) {
      for (;;) {
        if (this.blockLength === size && this.cell < cells) return "block";
        const tok = s.next();
        if (tok === Tok.More) return "more";
        if (tok === Tok.End) break;
        if (this.cell < cells) store(tok, s, block, this.blockLength++, problems, sink, this.cell++);
        else this.extra++;
      }
      this.given = this.cell;
    }
    while (this.cell < cells) {
      if (this.blockLength === size) return "block";
      block.data[this.blockLength] = Number.NaN;
      block.status[this.blockLength++] = STATUS_NOT_AVAILABLE;
      this.cell++;
    }
    if (s.terminated && this.trailingAt === undefined) {
      this.trailingAt = s.trailingText();
      if (s.more) return "more";
    }
    return "end";
  }

  /** Starts the next block, once the full one has been used. */
  nextBlock(): void {
    this.blockFirst += this.blockLength;
    this.blockLength = 0;
  }

  /** Reports what was repaired, after `read` has returned "end". */
  finish(): void {
    const { s, ctx, cells, extra } = this;
    const given = this.given;
    finish(s, ctx, this.problems, this.trailingAt);
    if (given < cells || extra > 0) {
      const found = given + extra;
      const repair =
        given < cells ? `the last ${cells - given} cells were set to ".."` : `${extra} extra values were ignored`;
      ctx.sink.repairable("PX040", { line: s.line, column: 0, keyword: "DATA" }, { found, expected: cells }, repair);
    }
  }
}

/** Reads dense DATA (one value per cell, in order). Missing values become ".." and extra ones are ignored. */
export function parseDenseData(bytes: Uint8Array, start: number, target: DataTarget, ctx: DataContext): void {
  const reader = new DenseDataReader(bytes, start, target.data.length, target, ctx, false);
  while (reader.read() !== "end");
  reader.finish();
}

export interface KeysLayout {
  /** Number of leading stub variables that are keys. */
  readonly keyCount: number;
  /** For each key variable: text (value or code, as KEYS says) → index. */
  readonly lookups: readonly ReadonlyMap<string, number>[];
  /** Names of the key variables, for messages. */
  readonly names: readonly string[];
  /** Number of values per row (product of the sizes of the other variables). */
  readonly rowLength: number;
  /** Size of the key variables, for the row index. */
  readonly sizes: readonly number[];
}

/**
 * Reads sparse DATA written with KEYS: each row starts with the key variables' values (or codes) in quotes, then
 * the values of the remaining variables. Cells of rows that are absent are 0, as the PX format defines.
 */
export function parseKeysData(
  bytes: Uint8Array,
  start: number,
  target: DataTarget,
  layout: KeysLayout,
  ctx: DataContext,
): void {
  target.data.fill(0);
  target.status.fill(0);
  const s = new DataScanner(bytes, start, ctx, target.extraSymbols);
  const problems = new ProblemCounter(s);
  const seen = new Uint8Array(layout.sizes.reduce((a, b) => a * b, 1));
  let listed = 0;
  const report = (problem: string, problemRu: string, repair: string, line: number, column: number) => {
    if (++listed > MAX_LISTED) return;
    ctx.sink.repairable("PX042", { line, column, keyword: "DATA" }, { problem, problemRu }, repair);
  };

  for (;;) {
    let row = 0;
    let skip = false;
    const rowLine = s.line;
    let ended = false;
    for (let k = 0; k < layout.keyCount; k++) {
      const key = s.nextText();
      if (key === undefined) {
        if (k > 0)
          report(
            "the row ends inside its keys",
            "строка заканчивается внутри ключей",
            "the row was skipped",
            rowLine,
            0,
          );
        ended = true;
        break;
      }
      const index = layout.lookups[k]?.get(key);
      if (index === undefined) {
        report(
          `"${key}" is not a value of "${layout.names[k]}"`,
          `«${key}» не является значением переменной «${layout.names[k]}»`,
          "the row was skipped",
          s.tokenLine,
          s.column(s.tokenStart),
        );
        skip = true;
      } else row = row * (layout.sizes[k] as number) + index;
    }
    if (ended) break;
    if (!skip && seen[row]) {
      report(
        "the same keys appear in two rows",
        "одни и те же ключи встречаются в двух строках",
        "the later row was used",
        rowLine,
        0,
      );
    }
    if (!skip) seen[row] = 1;
    const base = row * layout.rowLength;
    for (let v = 0; v < layout.rowLength; v++) {
      const tok = s.next();
      if (tok === Tok.End) {
        report(
          `the row has ${countOf(v, NOUNS.value.en)}, expected ${layout.rowLength}`,
          `в строке ${countOf(v, NOUNS.value.ru, "ru")}, ожидалось ${layout.rowLength}`,
          "the missing values were set to 0",
          s.line,
          0,
        );
        ended = true;
        break;
      }
      if (!skip) store(tok, s, target, base + v, problems, ctx.sink);
    }
    if (ended) break;
  }
  finish(s, ctx, problems);
}
