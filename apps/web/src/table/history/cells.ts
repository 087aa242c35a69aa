/** A compared cell's side as text: the number in the reader's format, or the status symbol, with its flags. */
import type { ComparedSide } from "../../lib/api.ts";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";

/** Decimals a number is written with (at most 6): a comparison shows figures as stored, not rounded. */
export function decimalsOf(value: number): number {
  const text = String(value);
  const dot = text.indexOf(".");
  return dot === -1 || /e/i.test(text) ? 0 : Math.min(6, text.length - dot - 1);
}

/** "12 600", "..", "1 650 p"; "" for a side the cell does not have (added or removed). */
export function sideText(side: ComparedSide | null, lang: Lang): string {
  if (!side) return "";
  const figure = side.value === null ? side.status || ".." : formatNumber(side.value, lang, decimalsOf(side.value));
  return side.flags ? `${figure} ${side.flags}` : figure;
}

/** The version before `version` among the listed ones (newest first), undefined for the first. */
export function previousVersion(
  versions: readonly { readonly version: number }[],
  version: number,
): number | undefined {
  let best: number | undefined;
  for (const v of versions) if (v.version < version && (best === undefined || v.version > best)) best = v.version;
  return best;
}
