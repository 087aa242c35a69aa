/** What the symbols and flags in a table mean: only those that occur in it. Pure. */
import {
  type Dataset,
  FIRST_CUSTOM_STATUS,
  FLAG_LETTERS,
  STANDARD_SYMBOLS,
  symbolOf,
  type Texts,
  textIn,
} from "@clearinghouse/cube/browser";
import type { Lang } from "../../lib/i18n.ts";

export interface LegendItem {
  readonly kind: "symbol" | "flag";
  /** The symbol or flag letter as the cells show it. */
  readonly mark: string;
  readonly label: string;
}

/** The meaning of a cell status (a symbol) in `lang`. */
export function statusLabel(ds: Pick<Dataset, "symbols">, status: number, lang: Lang): string {
  const texts: Texts | undefined =
    status < FIRST_CUSTOM_STATUS ? STANDARD_SYMBOLS[status]?.label : ds.symbols?.[status - FIRST_CUSTOM_STATUS]?.label;
  return textIn(texts ?? STANDARD_SYMBOLS[1]?.label, lang);
}

/** The meanings of a cell's flags in `lang`, in p, e, b order. */
export function flagLabels(flags: number, lang: Lang): string[] {
  return FLAG_LETTERS.filter((f) => flags & f.bit).map((f) => textIn(f.label, lang));
}

/** The symbols (in status order) and flags (p, e, b) the cells use, each once. */
export function legendItems(ds: Pick<Dataset, "status" | "flags" | "symbols">, lang: Lang): LegendItem[] {
  const seen = new Uint8Array(256);
  for (const status of ds.status) seen[status] = 1;
  let flags = 0;
  for (const f of ds.flags) flags |= f;
  const items: LegendItem[] = [];
  const marks = new Set<string>();
  for (let status = 1; status < seen.length; status++) {
    if (!seen[status]) continue;
    const mark = symbolOf(ds, status);
    if (marks.has(mark)) continue;
    marks.add(mark);
    items.push({ kind: "symbol", mark, label: statusLabel(ds, status, lang) });
  }
  for (const f of FLAG_LETTERS) {
    if (flags & f.bit) items.push({ kind: "flag", mark: f.letter, label: textIn(f.label, lang) });
  }
  return items;
}
