/**
 * From keyword entries to the table's structure: languages, variables with values and codes per language, time
 * units, and the checks of the PX specification. Pure: entries in, structure and diagnostics out.
 *
 * What is fatal follows the reference implementation (PCAxis.Core / PxWeb): a missing mandatory keyword, a
 * structural keyword that is malformed or refers to nothing; a descriptive keyword with a defect (a note on an
 * unknown variable, SHOWDECIMALS out of range, …) is reported and left out.
 */

import type { DiagnosticSink, PxLocation } from "./diagnostics.ts";
import {
  CELL_SUBKEY,
  CONTENTS_SUBKEY,
  MANDATORY,
  STRUCTURAL,
  VALUE_SUBKEY,
  VARIABLE_SUBKEY,
  YES_NO,
} from "./keywords.ts";
import type { LexedEntry } from "./lexer.ts";
import type { PxEntry, PxVariable, TimeUnit } from "./model.ts";
import { countOf, NOUNS } from "./plural.ts";
import { expandTimeRange, TIME_UNITS, timeValueProblem } from "./timeval.ts";

export interface KeysSpec {
  /** Key variables: the leading stub variables with KEYS, and whether rows name them by VALUES or CODES. */
  readonly variables: readonly { readonly index: number; readonly by: "VALUES" | "CODES" }[];
}

export interface Structure {
  readonly defaultLanguage: string;
  readonly languages: readonly string[];
  readonly stub: readonly PxVariable[];
  readonly heading: readonly PxVariable[];
  readonly keys?: KeysSpec;
  /** Entries that survived validation, in order (defective descriptive entries are dropped in lenient mode). */
  readonly entries: readonly PxEntry[];
}

type Entry = LexedEntry | (PxEntry & { column?: number; strayQuote?: undefined });

/** Mandatory keywords that must also have a text (SUBJECT-AREA and UNITS may be ""). */
const MUST_NOT_BE_EMPTY = new Set(["MATRIX", "SUBJECT-CODE", "CONTENTS", "TITLE"]);

/**
 * Most languages one table may have. Real files have a handful; every language multiplies the names and values to
 * check, so a file listing thousands would take time quadratic in its size.
 */
export const MAX_LANGUAGES = 30;

const where = (e: Entry): PxLocation => ({ line: e.line, column: e.column ?? 0, keyword: e.keyword });

/** Finds entries by keyword, language and subkeys. The default language is `undefined`. */
class EntryIndex {
  private readonly byKey = new Map<string, Entry>();
  private readonly byKeyword = new Map<string, Entry[]>();
  constructor(entries: readonly Entry[]) {
    for (const e of entries) {
      this.byKey.set(EntryIndex.key(e.keyword, e.language, e.subkeys), e);
      const list = this.byKeyword.get(e.keyword);
      if (list) list.push(e);
      else this.byKeyword.set(e.keyword, [e]);
    }
  }
  static key(keyword: string, language: string | undefined, subkeys: readonly string[] | undefined): string {
    return `${keyword}\u0000${language ?? ""}\u0000${(subkeys ?? []).join("\u0001")}`;
  }
  get(keyword: string, language?: string, subkeys?: readonly string[]): Entry | undefined {
    return this.byKey.get(EntryIndex.key(keyword, language, subkeys));
  }
  all(keyword: string): readonly Entry[] {
    return this.byKeyword.get(keyword) ?? [];
  }
}

interface Draft {
  name: string;
  placement: "stub" | "heading";
  names: Record<string, string>;
  values: Record<string, string[]>;
  codes: string[];
  /** The codes as a set, for the look-ups of keywords that name values. */
  codeSet: ReadonlySet<string>;
  hasCodes: boolean;
  timeUnit?: TimeUnit;
  isContents: boolean;
}

export function buildStructure(input: readonly Entry[], sink: DiagnosticSink): Structure | undefined {
  const dropped = new Set<Entry>();
  const drop = (e: Entry) => dropped.add(e);

  // Stray quotes: fatal in structural keywords, repaired elsewhere.
  for (const e of input) {
    if (!("strayQuote" in e) || !e.strayQuote) continue;
    const at = { line: e.strayQuote.line, column: e.strayQuote.column, keyword: e.keyword };
    if (STRUCTURAL.has(e.keyword)) sink.error("PX028", at, { keyword: e.keyword });
    else sink.repairable("PX011", at, {}, "the quote was kept as part of the text");
  }

  // Languages
  const index0 = new EntryIndex(input);
  const languageEntry = index0.get("LANGUAGE");
  const languagesEntry = index0.get("LANGUAGES");
  const declared = languagesEntry?.value.items ?? [];
  const defaultLanguage = languageEntry?.value.items[0] ?? declared[0] ?? "";
  const languages = defaultLanguage === "" ? [] : [defaultLanguage, ...declared.filter((l) => l !== defaultLanguage)];
  if (languageEntry && languagesEntry && !declared.includes(defaultLanguage)) {
    sink.repairable("PX023", where(languageEntry), { language: defaultLanguage }, "added to the languages");
  }
  if (languages.length > MAX_LANGUAGES) {
    sink.error("PX033", where(languagesEntry ?? (languageEntry as Entry)), {
      found: languages.length,
      limit: MAX_LANGUAGES,
    });
    return undefined;
  }
  const others = languages.slice(1);
  const otherSet = new Set(others);
  // A variant in the default language (TITLE[en] in an `en` file) is the default entry.
  const entries: Entry[] = [];
  for (const e of input) {
    if (e.language !== undefined && (e.language === defaultLanguage || e.language === "")) {
      const { language: _omit, ...rest } = e;
      entries.push(rest);
    } else if (e.language !== undefined && !otherSet.has(e.language)) {
      sink.repairable("PX023", where(e), { language: e.language }, "the entry was ignored");
    } else entries.push(e);
  }
  const index = new EntryIndex(entries);

  // Mandatory keywords
  for (const keyword of MANDATORY) {
    const e = index.get(keyword);
    if (!e) sink.error("PX020", { line: 0, column: 0, keyword }, { keyword });
    else if (MUST_NOT_BE_EMPTY.has(keyword) && (e.value.items[0] ?? "").trim() === "") {
      sink.error("PX026", where(e), { keyword, expected: "a non-empty text", found: "" });
    }
  }
  const stubEntry = index.get("STUB");
  const headingEntry = index.get("HEADING");
  if (!stubEntry && !headingEntry) {
    sink.error("PX020", { line: 0, column: 0, keyword: "STUB" }, { keyword: "STUB / HEADING" });
    return undefined;
  }

  // DECIMALS and SHOWDECIMALS
  const decimalsEntry = index.get("DECIMALS");
  let decimals = 0;
  if (decimalsEntry) {
    const text = decimalsEntry.value.items[0] ?? "";
    if (!/^\d{1,2}$/.test(text) || Number(text) > 15) {
      sink.error("PX026", where(decimalsEntry), { keyword: "DECIMALS", expected: "a whole number 0–15", found: text });
    } else decimals = Number(text);
  }
  const showEntry = index.get("SHOWDECIMALS");
  if (showEntry) {
    const text = showEntry.value.items[0] ?? "";
    if (!/^\d$/.test(text) || Number(text) > 6 || Number(text) > decimals) {
      sink.repairable(
        "PX026",
        where(showEntry),
        {
          keyword: "SHOWDECIMALS",
          expected: `a whole number 0–${Math.min(6, decimals)} (not above DECIMALS)`,
          found: text,
        },
        "SHOWDECIMALS was ignored",
      );
      drop(showEntry);
    }
  }
  for (const e of entries) {
    if (YES_NO.has(e.keyword) && !e.subkeys && !/^(YES|NO)$/.test(e.value.items[0] ?? "")) {
      sink.repairable(
        "PX026",
        where(e),
        { keyword: e.keyword, expected: "YES or NO", found: e.value.items.join(",") },
        `${e.keyword} was ignored`,
      );
      drop(e);
    }
  }
  const descDefault = index.get("DESCRIPTIONDEFAULT");
  if (descDefault && descDefault.value.items[0] === "YES" && !index.get("DESCRIPTION")) {
    sink.repairable("PX020", where(descDefault), { keyword: "DESCRIPTION" }, "DESCRIPTIONDEFAULT was ignored");
    drop(descDefault);
  }

  // Variables
  const names = [...(stubEntry?.value.items ?? []), ...(headingEntry?.value.items ?? [])];
  const stubCount = stubEntry?.value.items.length ?? 0;
  const seenNames = new Set<string>();
  for (const name of names) {
    if (seenNames.has(name)) {
      sink.error("PX029", where((stubEntry ?? headingEntry) as Entry), { variable: name });
      return undefined;
    }
    seenNames.add(name);
  }
  const drafts: Draft[] = names.map((name, k) => ({
    name,
    placement: k < stubCount ? "stub" : "heading",
    names: { [defaultLanguage]: name },
    values: {},
    codes: [],
    codeSet: new Set(),
    hasCodes: false,
    isContents: false,
  }));
  const variableByName = new Map(names.map((name, k) => [name, k]));

  for (const e of entries) {
    if (!VARIABLE_SUBKEY.has(e.keyword) || e.language !== undefined || !e.subkeys) continue;
    const variable = e.subkeys[0] ?? "";
    if (!variableByName.has(variable)) {
      if (STRUCTURAL.has(e.keyword)) {
        sink.repairable("PX021", where(e), { keyword: e.keyword, variable }, "the entry was ignored");
      } else sink.repairable("PX021", where(e), { keyword: e.keyword, variable }, "the entry was ignored");
      drop(e);
    }
  }

  // VALUES and CODES in the default language
  for (const d of drafts) {
    const v = index.get("VALUES", undefined, [d.name]);
    if (!v) {
      sink.error("PX020", { line: 0, column: 0, keyword: "VALUES" }, { keyword: `VALUES("${d.name}")` });
      continue;
    }
    if (v.value.items.length === 0) {
      sink.error("PX026", where(v), { keyword: `VALUES("${d.name}")`, expected: "at least one value", found: "" });
    }
    d.values[defaultLanguage] = [...v.value.items];
    const c = index.get("CODES", undefined, [d.name]);
    if (c) {
      if (c.value.items.length !== v.value.items.length) {
        sink.error("PX025", where(c), {
          keyword: "CODES",
          found: c.value.items.length,
          variable: d.name,
          expected: v.value.items.length,
        });
      } else {
        d.codes = [...c.value.items];
        d.hasCodes = true;
      }
    } else d.codes = [...v.value.items];
    d.codeSet = new Set(d.codes);
    const dup = firstDuplicate(d.codes);
    if (dup !== undefined) sink.error("PX030", where(c ?? v), { value: dup, variable: d.name });
  }
  if (sink.hasErrors && drafts.some((d) => !d.values[defaultLanguage])) return undefined;

  // Other languages: names, then values
  const languagesWithValues = new Set(index.all("VALUES").map((e) => e.language));
  for (const lang of others) {
    const stubL = index.get("STUB", lang)?.value.items;
    const headingL = index.get("HEADING", lang)?.value.items;
    const namesL = [...(stubL ?? (stubEntry ? [] : [])), ...(headingL ?? [])];
    const complete = (stubEntry ? stubL !== undefined : true) && (headingEntry ? headingL !== undefined : true);
    if (!complete || namesL.length !== names.length) {
      const keyword = stubEntry && !stubL ? "STUB" : "HEADING";
      sink.repairable(
        "PX031",
        { line: 0, column: 0, keyword },
        { keyword, language: lang },
        "the default language's names are used",
      );
    }
    const ownNames = complete && namesL.length === names.length;
    if (!ownNames && !languagesWithValues.has(lang)) {
      // Nothing of its own: the default language's names and values, without a look-up per variable.
      for (const d of drafts) {
        d.names[lang] = d.name;
        d.values[lang] = d.values[defaultLanguage] ?? [];
      }
      sink.repairableMany(drafts.length, (k) => ({
        code: "PX031",
        where: { line: 0, column: 0, keyword: "VALUES" },
        params: { keyword: `VALUES("${drafts[k]?.name}")`, language: lang },
        repair: "the default language's values are used",
      }));
      continue;
    }
    drafts.forEach((d, k) => {
      const nameL = ownNames ? (namesL[k] ?? d.name) : d.name;
      d.names[lang] = nameL;
      const v = index.get("VALUES", lang, [nameL]);
      const base = d.values[defaultLanguage] ?? [];
      if (!v || v.value.items.length !== base.length) {
        if (v) {
          sink.repairable(
            "PX025",
            where(v),
            { keyword: `VALUES[${lang}]`, found: v.value.items.length, variable: nameL, expected: base.length },
            "the default language's values are used",
          );
        } else {
          sink.repairable(
            "PX031",
            { line: 0, column: 0, keyword: "VALUES" },
            { keyword: `VALUES("${nameL}")`, language: lang },
            "the default language's values are used",
          );
        }
        d.values[lang] = base; // shared, not copied: values are read-only from here on
      } else d.values[lang] = [...v.value.items];
    });
  }

  // CONTVARIABLE
  const contEntry = index.get("CONTVARIABLE");
  let contents: Draft | undefined;
  let contentsIndex = -1;
  if (contEntry) {
    const name = contEntry.value.items[0] ?? "";
    const k = variableByName.get(name);
    if (k === undefined) {
      sink.error("PX021", where(contEntry), { keyword: "CONTVARIABLE", variable: name });
    } else {
      contents = drafts[k] as Draft;
      contentsIndex = k;
      contents.isContents = true;
      for (const lang of others) {
        const cl = index.get("CONTVARIABLE", lang);
        if (!cl) {
          sink.repairable(
            "PX031",
            where(contEntry),
            { keyword: "CONTVARIABLE", language: lang },
            "the variable in the same position is used",
          );
        } else if (cl.value.items[0] !== contents.names[lang]) {
          sink.repairable(
            "PX021",
            where(cl),
            { keyword: `CONTVARIABLE[${lang}]`, variable: cl.value.items[0] ?? "" },
            "the variable in the same position is used",
          );
        }
      }
      // Each contents value needs its UNITS.
      for (const value of contents.values[defaultLanguage] ?? []) {
        if (!index.get("UNITS", undefined, [value])) {
          sink.error("PX020", { line: 0, column: 0, keyword: "UNITS" }, { keyword: `UNITS("${value}")` });
        }
      }
    }
  }

  // Texts every language needs: what the table is called and counted in.
  const perLanguage = ["TITLE", "CONTENTS", "UNITS"];
  if (descDefault?.value.items[0] === "YES" && index.get("DESCRIPTION")) perLanguage.push("DESCRIPTION");
  for (const lang of others) {
    for (const keyword of perLanguage) {
      const base = index.get(keyword);
      if (base && !index.get(keyword, lang)) {
        sink.repairable("PX031", where(base), { keyword, language: lang }, "the default language's text is used");
      }
    }
  }

  // Lookups per language: variable name → draft, and value text → index
  const variableLookup = new Map<string, Map<string, number>>();
  const valueLookup = new Map<string, Map<string, number>[]>();
  // Languages that fell back on the default language's values share its arrays, and so their look-ups.
  const lookupOf = new Map<readonly string[], Map<string, number>>();
  const lookup = (values: readonly string[]) => {
    let map = lookupOf.get(values);
    if (!map) {
      map = new Map(values.map((v, k) => [v, k]));
      lookupOf.set(values, map);
    }
    return map;
  };
  const defaultNames = new Map(drafts.map((d, k) => [d.name, k]));
  for (const lang of languages.length ? languages : [defaultLanguage]) {
    const same = drafts.every((d) => (d.names[lang] ?? d.name) === d.name);
    variableLookup.set(lang, same ? defaultNames : new Map(drafts.map((d, k) => [d.names[lang] ?? d.name, k])));
    valueLookup.set(
      lang,
      drafts.map((d) => lookup(d.values[lang] ?? [])),
    );
  }
  const langOf = (e: Entry) => e.language ?? defaultLanguage;

  // Keywords that refer to variables and values
  for (const e of entries) {
    if (dropped.has(e) || !e.subkeys) continue;
    const lang = langOf(e);
    const vars = variableLookup.get(lang);
    const vals = valueLookup.get(lang);
    if (!vars || !vals) continue;
    if (VARIABLE_SUBKEY.has(e.keyword)) {
      const k = vars.get(e.subkeys[0] ?? "");
      if (k === undefined) {
        if (e.language !== undefined && e.keyword !== "VALUES") {
          sink.repairable(
            "PX021",
            where(e),
            { keyword: e.keyword, variable: e.subkeys[0] ?? "" },
            "the entry was ignored",
          );
          drop(e);
        }
        continue;
      }
      if (VALUE_SUBKEY.has(e.keyword) && e.subkeys.length >= 2) {
        const value = e.subkeys[1] ?? "";
        if (!vals[k]?.has(value) && !(drafts[k]?.codeSet.has(value) ?? false)) {
          sink.repairable(
            "PX022",
            where(e),
            { keyword: e.keyword, value, variable: e.subkeys[0] ?? "" },
            "the entry was ignored",
          );
          drop(e);
        }
      }
      if (e.keyword === "ELIMINATION" && !e.value.bare) {
        const value = e.value.items[0] ?? "";
        if (!vals[k]?.has(value)) {
          sink.repairable(
            "PX022",
            where(e),
            { keyword: e.keyword, value, variable: e.subkeys[0] ?? "" },
            "the entry was ignored",
          );
          drop(e);
        }
      }
    } else if (CONTENTS_SUBKEY.has(e.keyword)) {
      const contentValues = contents ? vals[contentsIndex] : undefined;
      const value = e.subkeys[0] ?? "";
      if (!contentValues?.has(value)) {
        sink.repairable(
          "PX022",
          where(e),
          { keyword: e.keyword, value, variable: contents?.names[lang] ?? "CONTVARIABLE" },
          "the entry was ignored",
        );
        drop(e);
      }
    } else if (CELL_SUBKEY.has(e.keyword)) {
      if (e.subkeys.length !== drafts.length) {
        sink.repairable(
          "PX027",
          where(e),
          { keyword: e.keyword, found: e.subkeys.length, expected: drafts.length },
          "the entry was ignored",
        );
        drop(e);
        continue;
      }
      const bad = e.subkeys.findIndex((s, k) => s !== "*" && !vals[k]?.has(s) && !drafts[k]?.codeSet.has(s));
      if (bad !== -1) {
        sink.repairable(
          "PX022",
          where(e),
          { keyword: e.keyword, value: e.subkeys[bad] ?? "", variable: drafts[bad]?.names[lang] ?? "" },
          "the entry was ignored",
        );
        drop(e);
      }
    }
  }

  // TIMEVAL
  for (const e of entries) {
    if (e.keyword !== "TIMEVAL" || dropped.has(e) || e.language !== undefined) continue;
    const d = drafts[variableByName.get(e.subkeys?.[0] ?? "") ?? -1];
    if (!d) continue;
    const problem = checkTimeval(e, d, defaultLanguage);
    if (problem) {
      sink.repairable(
        "PX032",
        where(e),
        { variable: d.name, problem: problem.en, problemRu: problem.ru },
        "the variable is read without time information",
      );
      drop(e);
    } else d.timeUnit = (e.value.tlist?.unit ?? "A1") as TimeUnit;
  }

  // KEYS
  let keys: KeysSpec | undefined;
  const keyEntries = entries.filter((e) => e.keyword === "KEYS" && !dropped.has(e) && e.language === undefined);
  if (keyEntries.length > 0) {
    const spec: { index: number; by: "VALUES" | "CODES" }[] = [];
    for (const e of keyEntries) {
      const k = variableByName.get(e.subkeys?.[0] ?? "") ?? -1;
      const by = e.value.items[0]?.toUpperCase();
      if (by !== "VALUES" && by !== "CODES") {
        sink.error("PX026", where(e), { keyword: "KEYS", expected: "VALUES or CODES", found: e.value.items[0] ?? "" });
        continue;
      }
      if (k >= stubCount) {
        sink.error("PX021", where(e), { keyword: "KEYS", variable: e.subkeys?.[0] ?? "" });
        continue;
      }
      spec.push({ index: k, by });
    }
    spec.sort((a, b) => a.index - b.index);
    if (spec.some((s, k) => s.index !== k)) {
      sink.error("PX026", where(keyEntries[0] as Entry), {
        keyword: "KEYS",
        expected: "the first STUB variables",
        found: spec.map((s) => names[s.index]).join(", "),
      });
    }
    keys = { variables: spec };
  }

  if (sink.hasErrors) return undefined;
  const variables: PxVariable[] = drafts.map((d) => {
    const v: { -readonly [K in keyof PxVariable]: PxVariable[K] } = {
      name: d.name,
      placement: d.placement,
      names: d.names,
      values: d.values,
      codes: d.codes,
      hasCodes: d.hasCodes,
      isContents: d.isContents,
    };
    if (d.timeUnit) v.timeUnit = d.timeUnit;
    return v;
  });
  const result: { -readonly [K in keyof Structure]: Structure[K] } = {
    defaultLanguage,
    languages,
    stub: variables.slice(0, stubCount),
    heading: variables.slice(stubCount),
    entries: entries.filter((e) => !dropped.has(e)).map(stripLexInfo),
  };
  if (keys) result.keys = keys;
  return result;
}

function stripLexInfo(e: Entry): PxEntry {
  const out: { -readonly [K in keyof PxEntry]: PxEntry[K] } = { keyword: e.keyword, value: e.value, line: e.line };
  if (e.language !== undefined) out.language = e.language;
  if (e.subkeys !== undefined) out.subkeys = e.subkeys;
  return out;
}

function firstDuplicate(items: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const s of items) {
    if (seen.has(s)) return s;
    seen.add(s);
  }
  return undefined;
}

function checkTimeval(e: Entry, d: Draft, lang: string): { en: string; ru: string } | undefined {
  const tlist = e.value.tlist;
  if (!tlist) return { en: "expected TLIST(unit)", ru: "ожидалось TLIST(единица)" };
  if (!TIME_UNITS.includes(tlist.unit as TimeUnit)) {
    return { en: `unknown time unit ${tlist.unit}`, ru: `неизвестная единица времени ${tlist.unit}` };
  }
  const unit = tlist.unit as TimeUnit;
  let items: readonly string[] = e.value.items;
  if (tlist.range) {
    const expanded = expandTimeRange(unit, items[0] ?? "", items[1] ?? "");
    if (!expanded) return { en: "the range is not valid", ru: "недопустимый диапазон" };
    items = expanded;
  }
  const values = d.values[lang] ?? [];
  if (items.length > 0 && items.length !== values.length) {
    return {
      en: `${countOf(items.length, NOUNS.period.en)} for ${countOf(values.length, NOUNS.value.en)}`,
      ru: `${countOf(items.length, NOUNS.period.ru, "ru")} для ${countOf(values.length, NOUNS.value.ru, "ru")}`,
    };
  }
  for (const item of items) {
    const p = timeValueProblem(unit, item);
    if (p) return p;
  }
  return undefined;
}
