/**
 * PX ⇄ Dataset without loss: what the model has a place for is mapped; every other PX entry travels in
 * `extension.px` and is written back as it came.
 *
 * Mapping: MATRIX → id; TITLE, SOURCE, UNITS, CONTACT, NOTE/NOTEX → texts per language; DECIMALS; LAST-UPDATED →
 * updated (ISO); STUB then HEADING → dimensions (code from VARIABLECODE, else the name); CODES/VALUES →
 * categories; TIMEVAL → role time; MAP or VARIABLE-TYPE "G" → geo; CONTVARIABLE → metric, with UNITS, REFPERIOD,
 * BASEPERIOD, CONTACT, LAST-UPDATED and STOCKFA per contents value → the category's `content`; ELIMINATION;
 * HIERARCHIES → parents; VALUENOTE(X) → category notes; NOTE(X)("var") → dimension notes; CELLNOTE(X) → cell notes;
 * DATANOTECELL made of the letters p, e, b → flags. Statuses: ".." not available, "-" nil, "x" confidential, any
 * other symbol kept with its DATASYMBOL text.
 */

import {
  bare,
  buildPx,
  entry,
  type PxEntry,
  type PxFile,
  type PxVariable,
  type ReadOptions,
  readPx,
  STATUS_FIRST_EXTRA,
  STATUS_NIL,
  STATUS_NOT_AVAILABLE,
  sortEntries,
  statusSymbol,
  text,
  type WriteOptions,
  writePx,
} from "@clearinghouse/px";
import {
  type Category,
  type CellNote,
  type ContentInfo,
  contentsDimension,
  type Dataset,
  type Dimension,
  FIRST_CUSTOM_STATUS,
  flagLetters,
  type MeasuringType,
  type Note,
  parseFlags,
  type Role,
  Status,
  symbolOf,
  type Texts,
} from "./model.ts";

/** Keywords the mapping consumes; every other entry goes to `extension.px`. */
const MAPPED = new Set([
  "CHARSET",
  "CODEPAGE",
  "AXIS-VERSION",
  "LANGUAGE",
  "LANGUAGES",
  "MATRIX",
  "TITLE",
  "SOURCE",
  "DECIMALS",
  "STUB",
  "HEADING",
  "VALUES",
  "CODES",
  "TIMEVAL",
  "VARIABLECODE",
  "ELIMINATION",
  "HIERARCHIES",
  "VALUENOTE",
  "VALUENOTEX",
  "CELLNOTE",
  "CELLNOTEX",
  "KEYS",
  "CONTVARIABLE",
]);
/** Mapped here only without subkeys (table level); with subkeys they belong to a contents value (contentInfoOf). */
const MAPPED_AT_TABLE_LEVEL = new Set(["UNITS", "CONTACT", "LAST-UPDATED"]);

export interface FromPxOptions {
  /** Language code for a file that declares none (default "en"). */
  readonly language?: string;
}

/** A Dataset from a PxFile. The value array is shared with the file, not copied. */
export function fromPx(file: PxFile, options: FromPxOptions = {}): Dataset {
  const mapping = pxMapping(file, options);
  const cells = file.data.length;
  const status = new Uint8Array(cells);
  for (let i = 0; i < cells; i++) status[i] = mapping.status(file.status[i] as number, file.extraSymbols);
  const flags = new Uint8Array(cells);
  for (const rule of mapping.flagRules) {
    forEachMatchingCell(mapping.head.dimensions, rule.where, (i) => {
      flags[i] = (flags[i] as number) | rule.bits;
    });
  }
  return mapping.dataset(file.data, status, flags);
}

/**
 * What fromPx works out from a file's metadata, and how it maps the cells: fromPx maps them all at once; a streamed
 * file (see px-stream.ts) block by block, with the file's metadata only (`data` empty).
 */
export interface PxMapping {
  /** The dataset's first fields, as fromPx sets them. */
  readonly head: Pick<Dataset, "id" | "languages" | "title" | "decimals" | "dimensions">;
  /** The dataset status of a PX status; a custom symbol is added to `symbols` when first met. */
  status(pxStatus: number, extraSymbols: readonly string[]): number;
  /** The custom symbols met so far, in the order met. */
  readonly symbols: readonly { readonly symbol: string; readonly label: Texts }[];
  /** Flags from DATANOTECELL entries: the cells matching `where` (a code per dimension, null for any) get `bits`. */
  readonly flagRules: readonly { readonly where: readonly (string | null)[]; readonly bits: number }[];
  /** The whole dataset with these cells (its extension holds the entries nothing has used so far). */
  dataset(values: Float64Array, status: Uint8Array, flags: Uint8Array): Dataset;
}

export function pxMapping(file: PxFile, options: FromPxOptions = {}): PxMapping {
  const languages = file.languages.length > 0 ? [...file.languages] : [options.language ?? "en"];
  /** The file's key for a language (its default language may be ""). */
  const fileLang = (lang: string) => (lang === languages[0] ? file.defaultLanguage : lang);
  const variables = [...file.stub, ...file.heading];
  const consumed = new Set<PxEntry>();

  const find = (keyword: string, lang: string, subkeys?: readonly string[]) => {
    const wanted = fileLang(lang) === file.defaultLanguage ? undefined : lang;
    return file.entries.find(
      (e) =>
        e.keyword === keyword &&
        e.language === wanted &&
        (e.subkeys ?? []).length === (subkeys ?? []).length &&
        (e.subkeys ?? []).every((s, k) => s === subkeys?.[k]),
    );
  };
  /** Texts of a keyword in every language; subkeys given per language. */
  const texts = (keyword: string, subkeysIn?: (lang: string) => readonly string[]): Texts | undefined => {
    const out: Record<string, string> = {};
    for (const lang of languages) {
      const e = find(keyword, lang, subkeysIn?.(fileLang(lang)));
      if (e) {
        consumed.add(e);
        out[lang] = e.value.items.join(", ");
      }
    }
    return Object.keys(out).length ? out : undefined;
  };
  /** Every entry with this keyword (all languages) whose subkeys match, marked consumed. */
  const consumeAll = (keyword: string) => {
    for (const e of file.entries) if (e.keyword === keyword) consumed.add(e);
  };
  for (const e of file.entries) {
    if (MAPPED.has(e.keyword) || (MAPPED_AT_TABLE_LEVEL.has(e.keyword) && !e.subkeys)) consumed.add(e);
  }

  const nameIn = (v: PxVariable, lang: string) => v.names[lang] ?? v.name;
  const dimensions: Dimension[] = variables.map((v) => {
    const label: Record<string, string> = {};
    for (const lang of languages) label[lang] = nameIn(v, fileLang(lang));
    const code = find("VARIABLECODE", languages[0] as string, [v.name])?.value.items[0] ?? v.name;
    const values = (lang: string) => v.values[fileLang(lang)] ?? v.values[file.defaultLanguage] ?? [];
    const parents = hierarchyParents(file, v);
    const categories: Category[] = v.codes.map((c, i) => {
      const catLabel: Record<string, string> = {};
      for (const lang of languages) catLabel[lang] = values(lang)[i] ?? c;
      const notes = notesOf(texts, "VALUENOTE", (l) => [nameIn(v, l), v.values[l]?.[i] ?? ""]);
      const category: { -readonly [K in keyof Category]: Category[K] } = { code: c, label: catLabel };
      const parent = parents.get(c);
      if (parent !== undefined) category.parent = parent;
      if (notes.length) category.notes = notes;
      if (v.isContents) {
        const content = contentInfoOf(texts, (l) => [v.values[l]?.[i] ?? ""], languages[0] as string);
        if (content) category.content = content;
      }
      return category;
    });
    const dimension: { -readonly [K in keyof Dimension]: Dimension[K] } = {
      code,
      label,
      role: roleOf(file, v),
      categories,
    };
    if (v.timeUnit) dimension.timeUnit = v.timeUnit;
    const elimination = find("ELIMINATION", languages[0] as string, [v.name])?.value;
    if (elimination && elimination.items[0] !== "NO") {
      if (elimination.bare && elimination.items[0] === "YES") dimension.elimination = {};
      else {
        const at = values(languages[0] as string).indexOf(elimination.items[0] ?? "");
        if (at !== -1) dimension.elimination = { code: v.codes[at] as string };
      }
    }
    const notes = notesOf(texts, "NOTE", (l) => [nameIn(v, l)]);
    if (notes.length) dimension.notes = notes;
    return dimension;
  });

  // Statuses and flags
  const symbols: { symbol: string; label: Texts }[] = [];
  const statusMap = new Map<number, number>([
    [0, Status.value],
    [STATUS_NOT_AVAILABLE, Status.notAvailable],
    [STATUS_NIL, Status.nil],
  ]);
  const symbolLabel = (pxStatus: number): Texts => {
    const keyword =
      pxStatus === STATUS_NIL ? "DATASYMBOLNIL" : pxStatus === 7 ? "DATASYMBOLSUM" : `DATASYMBOL${pxStatus}`;
    return (pxStatus < STATUS_FIRST_EXTRA ? texts(keyword) : undefined) ?? { [languages[0] as string]: "" };
  };
  /** Dataset status per PX status, 255 until first met (a dataset status is below 4 + 252). */
  const statusTable = new Uint8Array(256).fill(255);
  const mapStatus = (s: number, extraSymbols: readonly string[]): number => {
    const known = statusTable[s] as number;
    if (known !== 255) return known;
    let mapped = statusMap.get(s);
    if (mapped === undefined) {
      const symbol = statusSymbol(s, extraSymbols) ?? "..";
      if (symbol === "x") mapped = Status.confidential;
      else {
        mapped = FIRST_CUSTOM_STATUS + symbols.length;
        symbols.push({ symbol, label: symbolLabel(s) });
      }
      statusMap.set(s, mapped);
    }
    statusTable[s] = mapped;
    return mapped;
  };

  const flagRules: { where: readonly (string | null)[]; bits: number }[] = [];
  const cellNotes: CellNote[] = [];
  const codeOf = (v: PxVariable, lang: string, value: string): string | null | undefined => {
    if (value === "*") return null;
    const i = (v.values[lang] ?? []).indexOf(value);
    if (i !== -1) return v.codes[i];
    return v.codes.includes(value) ? value : undefined;
  };
  const where = (e: PxEntry): (string | null)[] | undefined => {
    const lang = e.language ?? file.defaultLanguage;
    const out = variables.map((v, k) => codeOf(v, lang, e.subkeys?.[k] ?? "*"));
    return out.some((c) => c === undefined) ? undefined : (out as (string | null)[]);
  };
  for (const e of file.entries) {
    if (e.keyword === "DATANOTECELL" && e.language === undefined) {
      const bits = parseFlags(e.value.items.join(""));
      const at = where(e);
      if (bits === undefined || bits === 0 || !at) continue;
      flagRules.push({ where: at, bits });
      consumed.add(e);
      for (const variant of file.entries) {
        if (
          variant.keyword === "DATANOTECELL" &&
          variant.language !== undefined &&
          variant.value.items.join("") === e.value.items.join("")
        ) {
          consumed.add(variant);
        }
      }
    }
    if ((e.keyword === "CELLNOTE" || e.keyword === "CELLNOTEX") && e.language === undefined) {
      const at = where(e);
      if (!at) continue;
      const noteText: Record<string, string> = { [languages[0] as string]: e.value.items.join(", ") };
      for (const lang of languages.slice(1)) {
        const variant = file.entries.find(
          (x) => x.keyword === e.keyword && x.language === lang && sameCells(where(x), at),
        );
        if (variant) noteText[lang] = variant.value.items.join(", ");
      }
      cellNotes.push(
        e.keyword === "CELLNOTEX" ? { where: at, text: noteText, mandatory: true } : { where: at, text: noteText },
      );
    }
  }
  consumeAll("VALUENOTE");
  consumeAll("VALUENOTEX");

  const head = {
    id: find("MATRIX", languages[0] as string)?.value.items[0] ?? "",
    languages,
    title: texts("TITLE") ?? { [languages[0] as string]: "" },
    decimals: Number(find("DECIMALS", languages[0] as string)?.value.items[0] ?? 0),
    dimensions,
  };
  const source = texts("SOURCE");
  const units = texts("UNITS");
  const contact = texts("CONTACT");
  const updated = find("LAST-UPDATED", languages[0] as string)?.value.items[0];
  const notes = notesOf(texts, "NOTE");
  const dataset = (values: Float64Array, status: Uint8Array, flags: Uint8Array): Dataset => {
    const ds: { -readonly [K in keyof Dataset]: Dataset[K] } = { ...head, values, status, flags };
    if (source) ds.source = source;
    if (units) ds.units = units;
    if (contact) ds.contact = contact;
    if (updated) ds.updated = pxDateToIso(updated);
    if (notes.length) ds.notes = notes;
    if (symbols.length) ds.symbols = symbols;
    if (cellNotes.length) ds.cellNotes = cellNotes;
    // Labels of mapped standard symbols stay in the extension; only custom ones are consumed.
    for (const e of file.entries) if (/^DATASYMBOL/.test(e.keyword) && symbolsUse(e, symbols)) consumed.add(e);
    const rest = file.entries.filter((e) => !consumed.has(e));
    ds.extension = { px: rest, pxHeading: file.heading.length };
    return ds;
  };
  return { head, status: mapStatus, symbols, flagRules, dataset };
}

/** The PX keywords kept per contents value, and the ContentInfo text each fills. */
const CONTENT_TEXTS = [
  ["UNITS", "units"],
  ["REFPERIOD", "refPeriod"],
  ["BASEPERIOD", "basePeriod"],
  ["CONTACT", "contact"],
] as const;
const MEASURING_TYPES: Readonly<Record<string, MeasuringType>> = { S: "stock", F: "flow", A: "average" };

/** A contents value's UNITS, REFPERIOD, BASEPERIOD, CONTACT, LAST-UPDATED and STOCKFA; undefined if it has none. */
function contentInfoOf(
  texts: (keyword: string, subkeys?: (lang: string) => readonly string[]) => Texts | undefined,
  subkeys: (lang: string) => readonly string[],
  main: string,
): ContentInfo | undefined {
  const out: { -readonly [K in keyof ContentInfo]: ContentInfo[K] } = {};
  for (const [keyword, field] of CONTENT_TEXTS) {
    const found = texts(keyword, subkeys);
    if (found) out[field] = found;
  }
  const updated = texts("LAST-UPDATED", subkeys)?.[main];
  if (updated) out.updated = pxDateToIso(updated);
  const stockfa = texts("STOCKFA", subkeys)?.[main]?.trim().toUpperCase();
  const measuring = stockfa ? MEASURING_TYPES[stockfa] : undefined;
  if (measuring) out.measuringType = measuring;
  return Object.keys(out).length ? out : undefined;
}

/** The mandatory (NOTEX-style) and optional notes of one keyword family, in that order. */
function notesOf(
  texts: (keyword: string, subkeys?: (lang: string) => readonly string[]) => Texts | undefined,
  keyword: "NOTE" | "VALUENOTE",
  subkeys?: (lang: string) => readonly string[],
): Note[] {
  const notes: Note[] = [];
  const mandatory = texts(`${keyword}X`, subkeys);
  if (mandatory) notes.push({ text: mandatory, mandatory: true });
  const optional = texts(keyword, subkeys);
  if (optional) notes.push({ text: optional });
  return notes;
}

function symbolsUse(e: PxEntry, symbols: readonly { symbol: string }[]): boolean {
  const symbol =
    e.keyword === "DATASYMBOLNIL"
      ? "-"
      : e.keyword === "DATASYMBOLSUM"
        ? "......."
        : ".".repeat(Number(e.keyword.slice(10)) || 0);
  return symbols.some((s) => s.symbol === symbol);
}

function sameCells(a: readonly (string | null)[] | undefined, b: readonly (string | null)[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, k) => x === b[k]);
}

function roleOf(file: PxFile, v: PxVariable): Role {
  if (v.timeUnit) return "time";
  if (v.isContents) return "metric";
  const type = file.entries.find((e) => e.keyword === "VARIABLE-TYPE" && e.subkeys?.[0] === v.name && !e.language);
  if (type?.value.items[0]?.toUpperCase() === "G") return "geo";
  if (file.entries.some((e) => e.keyword === "MAP" && e.subkeys?.[0] === v.name)) return "geo";
  return "other";
}

function hierarchyParents(file: PxFile, v: PxVariable): Map<string, string> {
  const out = new Map<string, string>();
  const e = file.entries.find((x) => x.keyword === "HIERARCHIES" && x.subkeys?.[0] === v.name && !x.language);
  if (!e?.value.parents) return out;
  e.value.items.forEach((child, k) => {
    const parent = e.value.parents?.[k];
    if (parent != null) out.set(child, parent);
  });
  return out;
}

/** Calls `visit` with the index of every cell matching `where` (null = any category). */
export function forEachMatchingCell(
  dimensions: readonly Dimension[],
  where: readonly (string | null)[],
  visit: (index: number) => void,
): void {
  const choices = dimensions.map((d, k) => {
    const code = where[k];
    if (code === null || code === undefined) return d.categories.map((_, i) => i);
    const i = d.categories.findIndex((c) => c.code === code);
    return i === -1 ? [] : [i];
  });
  const walk = (k: number, base: number) => {
    if (k === dimensions.length) return visit(base);
    const size = dimensions[k]?.categories.length ?? 1;
    for (const i of choices[k] ?? []) walk(k + 1, base * size + i);
  };
  if (choices.every((c) => c.length > 0)) walk(0, 0);
}

/** "20050301 09:00" → "2005-03-01T09:00:00"; other texts are returned unchanged. */
export function pxDateToIso(text: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})(?:\s+(\d{2}):(\d{2}))?/.exec(text.trim());
  if (!m) return text;
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? "00"}:${m[5] ?? "00"}:00`;
}

/** "2005-03-01T09:00:00…" → "20050301 09:00". */
export function isoToPxDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[1]}${m[2]}${m[3]} ${m[4] ?? "00"}:${m[5] ?? "00"}`;
}

export interface ToPxOptions {
  /** Number of trailing dimensions to put in HEADING (default: as read from PX, else the last one). */
  readonly headingCount?: number;
  /** Languages to write, the first the default (default: the dataset's). */
  readonly languages?: readonly string[];
}

/** A PxFile from a Dataset. */
export function toPx(ds: Dataset, options: ToPxOptions = {}): PxFile {
  const languages = options.languages?.length ? options.languages : ds.languages;
  const [main] = languages;
  if (main === undefined) throw new Error("a PX file needs a language");
  const other = languages.slice(1);
  const t = (texts: Texts | undefined, lang: string) =>
    texts?.[lang] ?? texts?.[ds.languages[0] ?? ""] ?? Object.values(texts ?? {})[0] ?? "";
  // PX needs a TITLE (and CONTENTS); a dataset from a format without one is named after its dimensions.
  const title: Texts = Object.fromEntries(
    languages.map((lang) => [
      lang,
      t(ds.title, lang).trim() || ds.dimensions.map((d) => t(d.label, lang)).join(", ") || ds.id || "Table",
    ]),
  );
  const extension = (ds.extension?.px ?? []).filter(
    (e) => e.language === undefined || (e.language !== main && languages.includes(e.language)),
  );
  const headingCount = options.headingCount ?? ds.extension?.pxHeading ?? Math.min(1, ds.dimensions.length);
  const split = ds.dimensions.length - Math.min(headingCount, ds.dimensions.length);
  const name = (d: Dimension, lang: string) => t(d.label, lang);
  const valueText = (c: Category, lang: string) => t(c.label, lang);

  const entries: PxEntry[] = [];
  const add = (
    keyword: string,
    value: ReturnType<typeof text>,
    opts: { language?: string; subkeys?: readonly string[] } = {},
  ) => entries.push(entry(keyword, value, opts.language === main ? { ...opts, language: undefined } : opts));
  const perLanguage = (keyword: string, texts: Texts | undefined, subkeys?: (lang: string) => readonly string[]) => {
    if (!texts) return;
    for (const lang of languages) {
      if (texts[lang] === undefined && lang !== main) continue;
      add(keyword, text(t(texts, lang)), { language: lang, ...(subkeys ? { subkeys: subkeys(lang) } : {}) });
    }
  };
  const has = (keyword: string) => extension.some((e) => e.keyword === keyword && !e.subkeys);

  add("CHARSET", text("ANSI"));
  add("AXIS-VERSION", text("2013"));
  add("LANGUAGE", text(main));
  if (other.length) add("LANGUAGES", text(...languages));
  add("DECIMALS", bare(ds.decimals));
  add("MATRIX", text(ds.id || "TABLE"));
  if (!has("SUBJECT-CODE")) add("SUBJECT-CODE", text(ds.id || "TABLE"));
  if (!has("SUBJECT-AREA")) perLanguage("SUBJECT-AREA", title);
  perLanguage("TITLE", title);
  if (!has("CONTENTS")) perLanguage("CONTENTS", title);
  perLanguage("UNITS", ds.units ?? Object.fromEntries(languages.map((l) => [l, ""])));
  const stub = ds.dimensions.slice(0, split);
  const heading = ds.dimensions.slice(split);
  for (const lang of languages) {
    if (stub.length) add("STUB", text(...stub.map((d) => name(d, lang))), { language: lang });
    if (heading.length) add("HEADING", text(...heading.map((d) => name(d, lang))), { language: lang });
  }
  const contents = contentsDimension(ds.dimensions);
  const everyLanguage = (value: string): Texts => Object.fromEntries(languages.map((l) => [l, value]));
  if (contents) {
    for (const lang of languages) add("CONTVARIABLE", text(name(contents, lang)), { language: lang });
    for (const c of contents.categories) {
      // PX wants UNITS for every contents value: the table's when the value has none of its own.
      const info = { ...c.content, units: c.content?.units ?? ds.units ?? everyLanguage("") };
      const subkey = (lang: string) => [valueText(c, lang)];
      for (const [keyword, field] of CONTENT_TEXTS) perLanguage(keyword, info[field], subkey);
      if (info.updated) perLanguage("LAST-UPDATED", everyLanguage(isoToPxDate(info.updated)), subkey);
      const stockfa = Object.entries(MEASURING_TYPES).find(([, m]) => m === info.measuringType)?.[0];
      if (stockfa) perLanguage("STOCKFA", everyLanguage(stockfa), subkey);
    }
  }
  for (const d of ds.dimensions) {
    const subkey = (lang: string) => [name(d, lang)];
    for (const lang of languages)
      add("VALUES", text(...d.categories.map((c) => valueText(c, lang))), { language: lang, subkeys: subkey(lang) });
    add("CODES", text(...d.categories.map((c) => c.code)), { subkeys: subkey(main) });
    if (d.code !== name(d, main)) add("VARIABLECODE", text(d.code), { subkeys: subkey(main) });
    if (d.timeUnit) {
      entries.push({
        keyword: "TIMEVAL",
        subkeys: subkey(main),
        line: 0,
        value: { items: d.categories.map((c) => c.code), bare: false, tlist: { unit: d.timeUnit, range: false } },
      });
    }
    if (
      d.role === "geo" &&
      !extension.some((e) => (e.keyword === "MAP" || e.keyword === "VARIABLE-TYPE") && e.subkeys?.[0] === name(d, main))
    ) {
      add("VARIABLE-TYPE", text("G"), { subkeys: subkey(main) });
    }
    if (d.elimination) {
      const total = d.categories.find((c) => c.code === d.elimination?.code);
      add("ELIMINATION", total ? text(valueText(total, main)) : bare("YES"), { subkeys: subkey(main) });
    }
    const children = d.categories.filter((c) => c.parent !== undefined);
    if (children.length) {
      const roots = d.categories.filter((c) => c.parent === undefined && children.some((x) => x.parent === c.code));
      const items = [...roots.map((c) => c.code), ...children.map((c) => c.code)];
      const parents = [...roots.map(() => null), ...children.map((c) => c.parent ?? null)];
      entries.push({ keyword: "HIERARCHIES", subkeys: subkey(main), line: 0, value: { items, bare: false, parents } });
    }
    for (const note of d.notes ?? []) perLanguage(note.mandatory ? "NOTEX" : "NOTE", note.text, subkey);
    for (const c of d.categories) {
      for (const note of c.notes ?? []) {
        perLanguage(note.mandatory ? "VALUENOTEX" : "VALUENOTE", note.text, (lang) => [
          name(d, lang),
          valueText(c, lang),
        ]);
      }
    }
  }
  perLanguage("SOURCE", ds.source);
  perLanguage("CONTACT", ds.contact);
  if (ds.updated) add("LAST-UPDATED", text(isoToPxDate(ds.updated)));
  for (const note of ds.notes ?? []) perLanguage(note.mandatory ? "NOTEX" : "NOTE", note.text);
  for (const note of ds.cellNotes ?? []) {
    perLanguage(note.mandatory ? "CELLNOTEX" : "CELLNOTE", note.text, (lang) =>
      note.where.map((code, k) => {
        const d = ds.dimensions[k];
        const c = d?.categories.find((x) => x.code === code);
        return c ? valueText(c, lang) : "*";
      }),
    );
  }
  // Custom symbols: their DATASYMBOL texts.
  for (const s of ds.symbols ?? []) {
    const keyword =
      s.symbol === "-"
        ? "DATASYMBOLNIL"
        : s.symbol === "......."
          ? "DATASYMBOLSUM"
          : /^\.{1,6}$/.test(s.symbol)
            ? `DATASYMBOL${s.symbol.length}`
            : undefined;
    if (keyword && Object.values(s.label).some((l) => l !== "")) perLanguage(keyword, s.label);
  }
  // Flags become data notes on the cells that carry them.
  entries.push(...flagNotes(ds));
  // Everything else from the source PX file, skipping what was written above.
  const written = new Set(
    entries.map((e) => `${e.keyword}\u0000${e.language ?? ""}\u0000${(e.subkeys ?? []).join("\u0001")}`),
  );
  for (const e of extension) {
    if (!written.has(`${e.keyword}\u0000${e.language ?? ""}\u0000${(e.subkeys ?? []).join("\u0001")}`)) entries.push(e);
  }

  // Data
  const { status: pxStatus, extraSymbols } = pxStatuses(ds);
  return buildPx({ entries: sortEntries(entries), data: ds.values, status: pxStatus, extraSymbols });
}

function pxStatuses(ds: Dataset): { status: Uint8Array; extraSymbols: string[] } {
  const extraSymbols: string[] = [];
  const table = new Map<number, number>();
  const pxOf = (status: number): number => {
    const symbol = symbolOf(ds, status);
    if (status === Status.notAvailable) return STATUS_NOT_AVAILABLE;
    if (symbol === "-") return STATUS_NIL;
    if (/^\.{1,7}$/.test(symbol)) return symbol.length;
    let k = extraSymbols.indexOf(symbol);
    if (k === -1) {
      k = extraSymbols.length;
      extraSymbols.push(symbol);
    }
    return STATUS_FIRST_EXTRA + k;
  };
  const status = new Uint8Array(ds.status.length);
  for (let i = 0; i < status.length; i++) {
    const s = ds.status[i] as number;
    if (s === Status.value) continue;
    let px = table.get(s);
    if (px === undefined) {
      px = pxOf(s);
      table.set(s, px);
    }
    status[i] = px;
  }
  return { status, extraSymbols };
}

/** DATANOTECELL entries for flagged cells, one per cell (codes as subkeys). */
function flagNotes(ds: Dataset): PxEntry[] {
  const out: PxEntry[] = [];
  const dims = ds.dimensions;
  const sizes = dims.map((d) => d.categories.length);
  for (let i = 0; i < ds.flags.length; i++) {
    const f = ds.flags[i] as number;
    if (f === 0) continue;
    let rest = i;
    const where = new Array<string>(dims.length);
    for (let k = dims.length - 1; k >= 0; k--) {
      const size = sizes[k] as number;
      where[k] = dims[k]?.categories[rest % size]?.code ?? "*";
      rest = Math.floor(rest / size);
    }
    out.push(entry("DATANOTECELL", text(flagLetters(f)), { subkeys: where }));
  }
  return out;
}

/** Reads PX bytes into a Dataset; diagnostics as readPx gives them. */
export function datasetFromPxBytes(bytes: Uint8Array, options: ReadOptions & FromPxOptions = {}) {
  const result = readPx(bytes, options);
  return { dataset: result.file ? fromPx(result.file, options) : undefined, diagnostics: result.diagnostics };
}

/** Writes a Dataset as PX bytes. */
export function datasetToPxBytes(ds: Dataset, options: ToPxOptions & WriteOptions = {}): Uint8Array {
  return writePx(toPx(ds, options), options);
}
