/**
 * Bytes → text: where the metadata ends, which code page the file is in, and decoding.
 *
 * The metadata part is decoded as a whole with the file's code page; DATA is read straight from the bytes (numbers
 * and symbols are ASCII in every code page PX files use), so a large file never becomes one large string.
 */

import { createRequire } from "node:module";
import type { DiagnosticSink } from "./diagnostics.ts";

type Iconv = typeof import("iconv-lite");
let iconvModule: Iconv | undefined;
/**
 * iconv-lite, loaded on first use: loading it takes about 0.1 s, which a command on a UTF-8 or ISO-8859-1 file
 * (decoded without it) need not pay at start.
 */
function iconv(): Iconv {
  iconvModule ??= createRequire(import.meta.url)("iconv-lite") as Iconv;
  return iconvModule;
}

export interface HeaderSplit {
  /** Offset of the `DATA` keyword, or -1 when the file has none. */
  readonly dataKeyword: number;
  /** Offset just after `DATA=`. */
  readonly dataStart: number;
  /** Number of line ends before `dataStart` (so DATA's first line is `linesBefore + 1`). */
  readonly linesBefore: number;
}

/**
 * Finds the `DATA=` keyword: at the start of an entry (file start, a line start or after a `;`), outside quotes.
 * Quotes are reset at each line end, as strings never span lines, so a stray quote cannot hide DATA.
 */
export function splitHeader(bytes: Uint8Array): HeaderSplit {
  let quoted = false;
  let atEntryStart = true;
  let lines = 0;
  const n = bytes.length;
  for (let i = 0; i < n; i++) {
    const c = bytes[i] as number;
    if (c === 10 || c === 13) {
      if (c === 10 || bytes[i + 1] !== 10) lines++;
      quoted = false;
      atEntryStart = true;
      continue;
    }
    if (c === 32 || c === 9) continue;
    if (quoted) {
      if (c === 34) quoted = false;
      continue;
    }
    if (c === 34) {
      quoted = true;
      atEntryStart = false;
      continue;
    }
    if (c === 59) {
      atEntryStart = true;
      continue;
    }
    if (atEntryStart && (c === 68 || c === 100) && isDataKeyword(bytes, i)) {
      let j = i + 4;
      while (bytes[j] === 32 || bytes[j] === 9) j++;
      return { dataKeyword: i, dataStart: j + 1, linesBefore: lines };
    }
    atEntryStart = false;
  }
  return { dataKeyword: -1, dataStart: n, linesBefore: lines };
}

function isDataKeyword(bytes: Uint8Array, i: number): boolean {
  const upper = (k: number) => (bytes[i + k] ?? 0) & 0xdf;
  if (upper(1) !== 65 || upper(2) !== 84 || upper(3) !== 65) return false;
  let j = i + 4;
  while (bytes[j] === 32 || bytes[j] === 9) j++;
  return bytes[j] === 61;
}

/** Canonical iconv-lite names for the code pages PX files declare. */
const ALIASES: Record<string, string> = {
  "utf-8": "utf8",
  utf8: "utf8",
  "iso-8859-1": "latin1",
  "iso8859-1": "latin1",
  "iso-8859-15": "iso-8859-15",
  latin1: "latin1",
  "windows-1252": "windows-1252",
  cp1252: "windows-1252",
  "windows-1251": "windows-1251",
  cp1251: "windows-1251",
  "windows-1250": "windows-1250",
  "windows-1257": "windows-1257",
  "iso-8859-5": "iso-8859-5",
  "koi8-r": "koi8-r",
  "koi8-u": "koi8-u",
  cp866: "cp866",
  ibm866: "cp866",
  cp850: "cp850",
  cp437: "cp437",
};

/** Normalises a declared code page to an iconv-lite encoding name, or undefined if unsupported. */
export function normaliseEncoding(name: string): string | undefined {
  const key = name.trim().toLowerCase();
  const alias = ALIASES[key];
  if (alias) return alias;
  return iconv().encodingExists(key) ? key : undefined;
}

/** The value of `CODEPAGE="…"` in the metadata bytes, if present. */
export function declaredCodepage(header: Uint8Array): { name: string; line: number } | undefined {
  const text = Buffer.from(header.buffer, header.byteOffset, header.byteLength).toString("latin1");
  const m = /(^|[;\r\n])[ \t]*CODEPAGE[ \t]*=[ \t]*"([^"\r\n]*)"/i.exec(text);
  if (!m || m[2] === undefined) return undefined;
  const line = text.slice(0, m.index + (m[1]?.length ?? 0)).split(/\r\n|\r|\n/).length;
  return { name: m[2], line };
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Whether the bytes are valid UTF-8 and contain at least one multi-byte sequence. */
export function looksLikeUtf8(bytes: Uint8Array): boolean {
  let multi = false;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const c = bytes[i] as number;
    if (c < 0x80) {
      i++;
      continue;
    }
    let extra: number;
    if (c >= 0xc2 && c <= 0xdf) extra = 1;
    else if (c >= 0xe0 && c <= 0xef) extra = 2;
    else if (c >= 0xf0 && c <= 0xf4) extra = 3;
    else return false;
    for (let k = 1; k <= extra; k++) {
      const d = bytes[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return false;
    }
    multi = true;
    i += extra + 1;
  }
  return multi;
}

/**
 * Guesses the single-byte code page of text that is not UTF-8: Cyrillic text in windows-1251 has most letters in
 * 0xC0–0xFF, while Latin text has only a few accented letters among ASCII ones.
 */
export function guessSingleByte(bytes: Uint8Array): "windows-1251" | "windows-1252" {
  let high = 0;
  let ascii = 0;
  for (const c of bytes) {
    if (c >= 0xc0) high++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) ascii++;
  }
  return high > 0 && high >= ascii * 0.3 ? "windows-1251" : "windows-1252";
}

export interface EncodingChoice {
  /** iconv-lite name used to decode. */
  readonly encoding: string;
  /** Byte offset where text starts (after a BOM). */
  readonly offset: number;
}

/**
 * Chooses how to decode: a UTF-8 BOM wins; otherwise the declared CODEPAGE, checked against the bytes; without
 * one, ISO-8859-1 (the PX default) unless the bytes are UTF-8.
 */
export function chooseEncoding(
  bytes: Uint8Array,
  header: Uint8Array,
  sink: DiagnosticSink,
  forced?: string,
): EncodingChoice {
  const bom = hasUtf8Bom(bytes) ? 3 : 0;
  if (forced) return { encoding: normaliseEncoding(forced) ?? forced, offset: bom };
  const declared = declaredCodepage(header);
  const where = { line: declared?.line ?? 0, column: 0, keyword: "CODEPAGE" };
  if (bom) {
    if (declared && normaliseEncoding(declared.name) !== "utf8") {
      sink.repairable(
        "PX002",
        where,
        { declared: declared.name, detected: "UTF-8" },
        "read as UTF-8 (the file starts with a UTF-8 byte order mark)",
      );
    }
    return { encoding: "utf8", offset: bom };
  }
  const body = header.subarray(bom);
  if (!declared) return { encoding: looksLikeUtf8(body) ? "utf8" : "latin1", offset: 0 };
  const normal = normaliseEncoding(declared.name);
  if (!normal) {
    const used = looksLikeUtf8(body) ? "utf8" : guessSingleByte(body);
    sink.repairable("PX001", where, { codepage: declared.name, used }, "detected from the bytes");
    return { encoding: used, offset: 0 };
  }
  if (normal === "utf8") {
    if (!looksLikeUtf8(body) && body.some((c) => c >= 0x80)) {
      const used = guessSingleByte(body);
      sink.repairable(
        "PX002",
        where,
        { declared: declared.name, detected: used },
        "the declared code page was not used",
      );
      return { encoding: used, offset: 0 };
    }
    return { encoding: normal, offset: 0 };
  }
  if (looksLikeUtf8(body)) {
    sink.repairable(
      "PX002",
      where,
      { declared: declared.name, detected: "UTF-8" },
      "the declared code page was not used",
    );
    return { encoding: "utf8", offset: 0 };
  }
  return { encoding: normal, offset: 0 };
}

const utf8Decoder = new TextDecoder("utf-8");

export function decode(bytes: Uint8Array, encoding: string): string {
  if (encoding === "utf8") return utf8Decoder.decode(bytes);
  if (encoding === "latin1") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
}

export function encode(text: string, encoding: string): Uint8Array {
  const normal = normaliseEncoding(encoding) ?? encoding;
  if (normal === "utf8") return new TextEncoder().encode(text);
  return iconv().encode(text, normal);
}

/** Whether every character of `text` survives a trip through `encoding`. */
export function canEncode(text: string, encoding: string): boolean {
  const normal = normaliseEncoding(encoding) ?? encoding;
  if (normal === "utf8") return true;
  return decode(encode(text, normal), normal) === text;
}
