/**
 * Lexer for the metadata part of a PX file (everything before `DATA=`).
 *
 * Rules, as real files and the reference reader (PCAxis.Core) have them:
 * - an entry is `KEYWORD[lang]("subkey",…)=value;` and may span several lines;
 * - a long text is written as several quoted strings on consecutive lines, and those are joined with nothing
 *   between them (`"… Sö"` + `"dertälje"` → `Södertälje`); a string left open at a line end continues on the next
 *   line (read with a warning, the line break as `#`) unless that line starts a new keyword;
 * - a value is a comma-separated list of quoted strings, or a bare word (YES, NO, 2, VALUES), or for TIMEVAL a
 *   `TLIST(…)` followed by a list, or for HIERARCHIES `"parent":"child"` pairs;
 * - there is no escape for `"` inside a string.
 * Problems are reported with line and column; the lexer never throws and always ends.
 */

import type { DiagnosticSink } from "./diagnostics.ts";
import type { PxEntry, PxValue } from "./model.ts";

export interface LexedEntry extends PxEntry {
  readonly column: number;
  /** Where a stray quote inside a string was found and kept as text; validation decides if that is fatal. */
  readonly strayQuote?: { readonly line: number; readonly column: number };
}

const isKeywordChar = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 95;
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 0xfeff || c === 0xa0;
const isNewline = (c: number): boolean => c === 10 || c === 13;

/** Characters that may follow the closing quote of a string. */
const isAfterString = (c: number): boolean =>
  c === 44 /* , */ || c === 59 /* ; */ || c === 41 /* ) */ || c === 58 /* : */ || c === 45 /* - */ || c === 34;

const KEYWORD_START = /^[A-Za-z][A-Za-z0-9_-]*(\[[^\]\r\n]*\])?\s*(\([^\r\n]*\))?\s*(\[[^\]\r\n]*\])?\s*=/;

export function lexHeader(source: string, sink: DiagnosticSink, firstLine = 1): LexedEntry[] {
  const entries: LexedEntry[] = [];
  const n = source.length;
  let i = 0;
  let line = firstLine;
  let lineStart = 0;

  const column = (at: number): number => at - lineStart + 1;

  /** Skips blanks and line ends; returns true when a line end was crossed. */
  function skipWhitespace(): boolean {
    let crossed = false;
    while (i < n) {
      const c = source.charCodeAt(i);
      if (isBlank(c)) i++;
      else if (c === 13) {
        i++;
        if (source.charCodeAt(i) === 10) i++;
        line++;
        lineStart = i;
        crossed = true;
      } else if (c === 10) {
        i++;
        line++;
        lineStart = i;
        crossed = true;
      } else break;
    }
    return crossed;
  }

  function skipBlanks(): void {
    while (i < n && isBlank(source.charCodeAt(i))) i++;
  }

  // Every position between a scanned start and the line end it found shares that line end: remembering the last
  // scan keeps repeated look-ups on one long line linear.
  let scannedFrom = 0;
  let scannedEnd = -1;
  function lineEnd(from: number): number {
    if (from >= scannedFrom && from <= scannedEnd) return scannedEnd;
    let j = from;
    while (j < n && !isNewline(source.charCodeAt(j))) j++;
    scannedFrom = from;
    scannedEnd = j;
    return j;
  }

  /** After an unrecoverable error in an entry: go past the next `;` outside quotes (quotes end at a line end). */
  function skipEntry(): void {
    let quoted = false;
    while (i < n) {
      const c = source.charCodeAt(i);
      if (isNewline(c)) {
        quoted = false;
        skipWhitespace();
        continue;
      }
      i++;
      if (c === 34) quoted = !quoted;
      else if (c === 59 && !quoted) return;
    }
  }

  let stray: { line: number; column: number } | undefined;

  /**
   * Reads a quoted string starting at `i` (on the opening quote). The string ends at the first quote followed by
   * a separator; an earlier quote is a stray one, kept as text. A string may continue on the next line (PCAxis.Core
   * reads such files) unless that line starts a new keyword, in which case the string was never closed.
   */
  function readString(keyword: string): string {
    const open = i;
    let pos = open + 1;
    let acc = "";
    let end = lineEnd(pos);
    for (;;) {
      const quote = findQuote(pos, end);
      if (quote !== -1) {
        if (followsString(quote + 1, end)) {
          i = quote + 1;
          return acc + source.slice(pos, quote);
        }
        stray ??= { line, column: column(quote) };
        acc += source.slice(pos, quote + 1);
        pos = quote + 1;
        continue;
      }
      // No closing quote on this line.
      let next = end;
      if (source.charCodeAt(next) === 13) next++;
      if (source.charCodeAt(next) === 10) next++;
      let probe = next;
      while (probe < n && isBlank(source.charCodeAt(probe))) probe++;
      if (next >= n || next === end || KEYWORD_START.test(source.slice(probe, probe + 200))) {
        let stop = end;
        while (stop > pos && isBlank(source.charCodeAt(stop - 1))) stop--;
        if (source.charCodeAt(stop - 1) === 59) stop--;
        sink.repairable(
          "PX010",
          { line, column: column(open), keyword },
          {},
          "the string was closed at the end of the line",
        );
        i = stop;
        return acc + source.slice(pos, stop);
      }
      sink.warn("PX016", { line, column: column(end), keyword });
      acc += `${source.slice(pos, end)}#`;
      end = lineEnd(next);
      line++;
      lineStart = next;
      pos = next;
    }
  }

  // The first quote at or after `quoteFrom` is at `quoteAt` (n when there is none): a string continued over many
  // lines searches from each line, and without this every search would run on to the same far quote.
  let quoteFrom = 0;
  let quoteAt = -1;
  function findQuote(from: number, end: number): number {
    if (from < quoteFrom || from > quoteAt) {
      const q = source.indexOf('"', from);
      quoteFrom = from;
      quoteAt = q === -1 ? n : q;
    }
    return quoteAt >= end ? -1 : quoteAt;
  }

  /** The `]` closing a language code on the same line, or -1: never a search through the rest of the file. */
  function closingBracket(from: number): number {
    const end = lineEnd(from);
    for (let j = from; j < end; j++) if (source.charCodeAt(j) === 93) return j;
    return -1;
  }

  function followsString(from: number, end: number): boolean {
    let j = from;
    while (j < end && isBlank(source.charCodeAt(j))) j++;
    return j >= end || isAfterString(source.charCodeAt(j));
  }

  function readBareWord(): string {
    const start = i;
    while (i < n) {
      const c = source.charCodeAt(i);
      if (c === 44 || c === 59 || c === 34 || c === 58 || isBlank(c) || isNewline(c)) break;
      i++;
    }
    return source.slice(start, i);
  }

  const TLIST = /^TLIST\(\s*([A-Za-z][0-9]?)\s*(?:,\s*"([^"]*)"\s*-\s*"([^"]*)"\s*)?\)/i;

  function readValue(keyword: string): PxValue {
    const items: string[] = [];
    const parents: (string | null)[] = [];
    let hasParents = false;
    let bare = false;
    let tlist: PxValue["tlist"];
    let expectItem = true;
    let lastWasString = false;
    let pendingParent: string | null = null;

    while (true) {
      const crossed = skipWhitespace();
      if (i >= n) {
        sink.repairable("PX012", { line, column: column(i), keyword }, { keyword }, 'a ";" was assumed');
        break;
      }
      const c = source.charCodeAt(i);
      if (c === 59) {
        if (expectItem && items.length > 0) {
          // `"1","2",;` — PCAxis.Core reads an empty last item.
          sink.warn("PX017", { line, column: column(i), keyword }, { keyword });
          items.push("");
          parents.push(null);
        }
        i++;
        break;
      }
      if (crossed && !expectItem && c !== 34 && KEYWORD_START.test(source.slice(i, i + 200))) {
        sink.repairable("PX012", { line, column: column(i), keyword }, { keyword }, 'a ";" was assumed');
        break;
      }
      if (c === 34) {
        const s = readString(keyword);
        if (lastWasString && !expectItem) {
          items[items.length - 1] += s;
        } else {
          items.push(s);
          parents.push(pendingParent);
          pendingParent = null;
        }
        lastWasString = true;
        expectItem = false;
        continue;
      }
      lastWasString = false;
      if (c === 44) {
        i++;
        expectItem = true;
        continue;
      }
      if (c === 58 && !expectItem && items.length > 0) {
        // "parent":"child"
        i++;
        pendingParent = items.pop() ?? null;
        parents.pop();
        hasParents = true;
        expectItem = true;
        continue;
      }
      const tl =
        (c === 84 || c === 116) && /^tlist/i.test(source.slice(i, i + 5))
          ? TLIST.exec(source.slice(i, lineEnd(i)))
          : null;
      if (tl) {
        const unit = (tl[1] ?? "").toUpperCase();
        i += tl[0].length;
        if (tl[2] !== undefined && tl[3] !== undefined) {
          tlist = { unit, range: true };
          items.push(tl[2], tl[3]);
          parents.push(null, null);
        } else tlist = { unit, range: false };
        expectItem = false;
        continue;
      }
      const start = i;
      const word = readBareWord();
      if (word === "") {
        sink.repairable(
          "PX013",
          { line, column: column(start), keyword },
          { char: source[start] ?? "" },
          "the character was skipped",
        );
        i = start + 1;
        continue;
      }
      items.push(word);
      parents.push(pendingParent);
      pendingParent = null;
      bare = true;
      expectItem = false;
    }
    const value: { -readonly [K in keyof PxValue]: PxValue[K] } = { items, bare: bare && !lastWasString };
    if (tlist) value.tlist = tlist;
    if (hasParents) value.parents = parents;
    return value;
  }

  while (true) {
    skipWhitespace();
    if (i >= n) break;
    const entryLine = line;
    const entryColumn = column(i);
    const start = i;
    while (i < n && isKeywordChar(source.charCodeAt(i))) i++;
    if (i === start) {
      sink.repairable(
        "PX013",
        { line, column: column(i) },
        { char: source[i] ?? "" },
        "the text up to the next ; was skipped",
      );
      skipEntry();
      continue;
    }
    const written = source.slice(start, i);
    const keyword = written.toUpperCase();
    if (written !== keyword) {
      sink.repairable(
        "PX015",
        { line: entryLine, column: entryColumn, keyword },
        { keyword: written },
        "read as upper-case",
      );
    }
    skipBlanks();
    let language: string | undefined;
    if (source.charCodeAt(i) === 91) {
      const close = closingBracket(i);
      if (close === -1) {
        sink.error("PX014", { line, column: column(i), keyword }, { expected: '"]" after the language code' });
        skipEntry();
        continue;
      }
      language = source.slice(i + 1, close).trim();
      i = close + 1;
      skipBlanks();
    }
    let subkeys: string[] | undefined;
    if (source.charCodeAt(i) === 40) {
      i++;
      subkeys = [];
      let ok = false;
      while (i < n) {
        skipWhitespace();
        const c = source.charCodeAt(i);
        if (c === 41) {
          i++;
          ok = true;
          break;
        }
        if (c === 44) {
          i++;
          continue;
        }
        if (c === 34) subkeys.push(readString(keyword));
        else {
          const s = i;
          while (i < n && !/[,)\r\n;"]/.test(source[i] ?? "")) i++;
          if (i === s) break;
          subkeys.push(source.slice(s, i).trim());
        }
      }
      if (!ok) {
        sink.error("PX014", { line, column: column(i), keyword }, { expected: '")" after the subkeys' });
        skipEntry();
        continue;
      }
      skipBlanks();
      // Some writers put the language after the subkeys: KEYWORD("x")[lang]
      if (language === undefined && source.charCodeAt(i) === 91) {
        const close = closingBracket(i);
        if (close !== -1) {
          language = source.slice(i + 1, close).trim();
          i = close + 1;
          skipBlanks();
        }
      }
    }
    if (source.charCodeAt(i) !== 61) {
      sink.error("PX014", { line, column: column(i), keyword }, { expected: '"=" after the keyword' });
      skipEntry();
      continue;
    }
    i++;
    stray = undefined;
    const value = readValue(keyword);
    const entry: { -readonly [K in keyof LexedEntry]: LexedEntry[K] } = {
      keyword,
      value,
      line: entryLine,
      column: entryColumn,
    };
    if (language !== undefined) entry.language = language;
    if (subkeys !== undefined) entry.subkeys = subkeys;
    if (stray) entry.strayQuote = stray;
    entries.push(entry);
  }
  return entries;
}
