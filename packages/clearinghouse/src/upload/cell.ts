/**
 * One cell as a person writes it: a number (digits grouped by spaces allowed, a decimal point or comma) with
 * optional flag letters (`123p`, `45 e`, or in a flags column), or a status symbol: `..` not available, `-` nil
 * (also the dashes – and — that keyboards and Word put in), `x` confidential. Whether a count is negative or
 * fractional is for the rules (`rules/`), not malformed: such a number is read as it is.
 */

import { type Bilingual, FLAG_LETTERS, parseFlags, Status } from "@clearinghouse/cube";

export type ParsedCell =
  | { readonly kind: "empty" }
  | { readonly kind: "cell"; readonly value: number; readonly status: number; readonly flags: number }
  | { readonly kind: "invalid"; readonly code: "value.invalid" | "value.flags"; readonly message: Bilingual };

const EMPTY: ParsedCell = { kind: "empty" };
const NUMBER = /^([+-]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,](\d+))?\s*([a-zA-Z]*)$/;
const SYMBOLS: Readonly<Record<string, number>> = {
  "..": Status.notAvailable,
  "-": Status.nil,
  "–": Status.nil,
  "—": Status.nil,
  x: Status.confidential,
  X: Status.confidential,
};
const LETTERS = FLAG_LETTERS.map((f) => f.letter).join(", ");
const MAX_SHOWN = 40;

function shown(text: string): string {
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function flagsOf(letters: string): number | ParsedCell {
  const flags = parseFlags(letters.toLowerCase());
  if (flags !== undefined) return flags;
  return {
    kind: "invalid",
    code: "value.flags",
    message: {
      en: `"${shown(letters)}" are not flags: the flags are ${LETTERS} (provisional, estimated, break in series)`,
      ru: `«${shown(letters)}» — не признаки: признаки — ${LETTERS} (предварительные, оценка, разрыв ряда)`,
    },
  };
}

/** A cell from its text and, when the file has a flags column, that column's text. */
export function parseCell(raw: string, flagsRaw = ""): ParsedCell {
  const text = raw.trim();
  const flagText = flagsRaw.trim();
  if (text === "") {
    if (flagText === "") return EMPTY;
    return {
      kind: "invalid",
      code: "value.flags",
      message: { en: "flags without a value", ru: "признаки без значения" },
    };
  }
  const symbol = SYMBOLS[text];
  if (symbol !== undefined) {
    if (flagText === "") return { kind: "cell", value: Number.NaN, status: symbol, flags: 0 };
    return {
      kind: "invalid",
      code: "value.flags",
      message: {
        en: `flags qualify a number, not the symbol "${text}"`,
        ru: `признаки относятся к числу, а не к символу «${text}»`,
      },
    };
  }
  const m = NUMBER.exec(text);
  if (!m) {
    return {
      kind: "invalid",
      code: "value.invalid",
      message: {
        en: `"${shown(text)}" is not a number nor a symbol (.. not available, - nil, x confidential)`,
        ru: `«${shown(text)}» — не число и не символ (.. нет данных, - явление отсутствует, x конфиденциально)`,
      },
    };
  }
  const [, sign, whole = "", fraction, letters = ""] = m;
  const value = Number(`${sign}${whole.replace(/[ \u00a0\u202f]/g, "")}${fraction ? `.${fraction}` : ""}`);
  if (!Number.isFinite(value)) {
    return {
      kind: "invalid",
      code: "value.invalid",
      message: { en: `"${shown(text)}" is too large a number`, ru: `«${shown(text)}» — слишком большое число` },
    };
  }
  let flags = 0;
  for (const part of [letters, flagText]) {
    if (!part) continue;
    const f = flagsOf(part);
    if (typeof f !== "number") return f;
    flags |= f;
  }
  return { kind: "cell", value: Object.is(value, -0) ? 0 : value, status: Status.value, flags };
}
