/**
 * Keeping some of a file's languages, with any of them as the new default.
 *
 * In PX the default language's entries have no `[lang]`, and subkeys name variables and values in the entry's own
 * language. Making another language the default therefore moves its `[lang]` entries to the default, turns the old
 * default's translatable entries into `[old]` variants, and rewrites the subkeys of language-independent entries
 * (CODES, TIMEVAL, ELIMINATION, …) into the new default's names.
 */

import { buildPx, entry, text } from "./build.ts";
import { CELL_SUBKEY, CONTENTS_SUBKEY, VALUE_SUBKEY, VARIABLE_SUBKEY } from "./keywords.ts";
import { type PxEntry, type PxFile, variablesOf } from "./model.ts";

/** Rewrites subkeys from one language's names to another's. */
function subkeyTranslator(file: PxFile, from: string, to: string) {
  const variables = variablesOf(file);
  const byName = new Map(variables.map((v) => [v.names[from] ?? v.name, v]));
  const valueIn = (v: (typeof variables)[number] | undefined, value: string) => {
    if (!v || value === "*") return value;
    const k = (v.values[from] ?? []).indexOf(value);
    return k === -1 ? value : (v.values[to]?.[k] ?? value);
  };
  const contents = variables.find((v) => v.isContents);
  return (e: PxEntry): readonly string[] | undefined => {
    const subkeys = e.subkeys;
    if (!subkeys) return undefined;
    if (VARIABLE_SUBKEY.has(e.keyword)) {
      const v = byName.get(subkeys[0] ?? "");
      const out = [v?.names[to] ?? subkeys[0] ?? ""];
      if (VALUE_SUBKEY.has(e.keyword) && subkeys.length > 1) out.push(valueIn(v, subkeys[1] ?? ""));
      return out;
    }
    if (CONTENTS_SUBKEY.has(e.keyword)) return [valueIn(contents, subkeys[0] ?? "")];
    if (CELL_SUBKEY.has(e.keyword)) return subkeys.map((s, k) => valueIn(variables[k], s));
    return subkeys;
  };
}

const key = (keyword: string, subkeys: readonly string[] | undefined) =>
  `${keyword}\u0000${(subkeys ?? []).join("\u0001")}`;

/**
 * Keeps only `languages`, the first of which becomes the default. The data is shared, not copied; a file without
 * its cells (a streamed file's metadata) stays one.
 */
export function selectLanguages(file: PxFile, languages: readonly string[]): PxFile {
  const [target] = languages;
  if (target === undefined) throw new Error("selectLanguages needs at least one language");
  const missing = languages.filter((l) => !file.languages.includes(l));
  if (missing.length) throw new Error(`the file has no language ${missing.map((l) => `"${l}"`).join(", ")}`);
  const old = file.defaultLanguage;
  const translate = subkeyTranslator(file, old, target);
  const translated = new Set(file.entries.filter((e) => e.language === target).map((e) => key(e.keyword, e.subkeys)));

  const entries: PxEntry[] = [entry("LANGUAGE", text(target))];
  if (languages.length > 1) entries.push(entry("LANGUAGES", text(...languages)));
  for (const e of file.entries) {
    if (e.keyword === "LANGUAGE" || e.keyword === "LANGUAGES") continue;
    const { language, subkeys: _subkeys, ...rest } = e;
    if (language === undefined) {
      if (target === old) {
        entries.push(e);
        continue;
      }
      const subkeys = translate(e);
      const withSubkeys = subkeys ? { ...rest, subkeys } : rest;
      // A translatable entry that the target language has: the old default keeps it as a variant (if kept).
      if (translated.has(key(e.keyword, subkeys))) {
        if (languages.includes(old)) entries.push({ ...e, language: old });
      } else entries.push(withSubkeys);
    } else if (language === target) {
      entries.push(e.subkeys ? { ...rest, subkeys: e.subkeys } : rest);
    } else if (languages.includes(language)) entries.push(e);
  }
  const withoutCells = file.data.length === 0;
  return buildPx({ entries, data: file.data, status: file.status, extraSymbols: file.extraSymbols, withoutCells });
}
