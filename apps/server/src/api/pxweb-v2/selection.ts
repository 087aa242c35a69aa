/**
 * Selections as PxWeb API 2.0 states them (the VariablesSelection schema: `selection: [{variableCode, codelist,
 * valueCodes}]` and `placement: {heading, stub}`), from a POST body or from the query string of GET …/data
 * (`valuecodes[VAR]=a,b`, `codelist[VAR]=vs_X`, `heading=A,B`, `stub=C`), resolved against a table into the
 * `DimensionQuery` list that `select` runs.
 *
 * Value codes are codes, or selection expressions that are expanded here into explicit code lists, as the PxWebApi
 * server does:
 * - `*` alone is every value; `*` and `?` elsewhere are wildcards (any run of characters, one character), matched
 *   without regard to case;
 * - `top(n)` / `top(n,offset)`: the latest n periods of the time variable, the first n values of any other;
 *   `bottom(n)` / `bottom(n,offset)` the other end; the offset skips that many from the same end;
 * - `from(x)`, `to(x)`, `range(x,y)`: the values from x to the end, from the start to x, between x and y (in either
 *   order), both ends included.
 * A code in square brackets (`[a,b]`) is taken literally, never as an expression; in query strings it is also how a
 * code holding a comma is written. Codes and variable codes are matched exactly, else without regard to case, and
 * `time` names the time variable, as in PxWebApi. The selected values come out in the table's order.
 *
 * A codelist applies to one variable: `vs_ID` is the value set ID (the expressions then range over its values),
 * `agg_ID` the grouping ID (its groups are the values, each the sum of its members). A variable left out, or given
 * no value codes, is eliminated as `select` does it: its elimination value, or the sum of its values; a variable
 * that cannot be eliminated must be selected.
 *
 * With no selection at all the table's default selection is used (`defaultSelection`): every variable that can be
 * eliminated is, the time variable gets its latest period, the others all their values; when that makes more cells
 * than allowed, the largest of the others is cut to its first value until it fits. With nothing left to vary but
 * time (a one-value variable does not vary), the first variable that could be eliminated is kept with all its
 * values, so the default is a table rather than a single sum.
 */

import {
  type Dataset,
  type Dimension,
  type DimensionQuery,
  type Grouping,
  globMatcher,
  hasWildcard,
  selectionSizeError,
  type ValueSet,
} from "@clearinghouse/cube";
import { badRequest, problemOf } from "../../http/problem.ts";
import { API_MESSAGES } from "../messages.ts";

export interface VariableSelection {
  readonly variableCode: string;
  readonly codelist?: string;
  readonly valueCodes: readonly string[];
}

export interface Placement {
  readonly heading: readonly string[];
  readonly stub: readonly string[];
}

export interface VariablesSelection {
  readonly selection: readonly VariableSelection[];
  readonly placement?: Placement;
}

export interface ResolvedSelection {
  /** What `select` runs. */
  readonly queries: DimensionQuery[];
  /** The selection with canonical variable codes and every expression expanded (for SelectionResponse). */
  readonly expanded: VariableSelection[];
}

// ——— Reading selections ———

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function stringList(v: unknown, where: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === "string")) {
    throw badRequest(`${where} must be an array of strings`);
  }
  return v;
}

function placementOf(v: unknown, where: string): Placement | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw badRequest(`${where} must be an object {"heading": [...], "stub": [...]}`);
  return { heading: stringList(v.heading, `${where}.heading`), stub: stringList(v.stub, `${where}.stub`) };
}

/**
 * A VariablesSelection from a JSON body (already parsed, or raw bytes); undefined when there is none, which asks
 * for the default selection. Both `codelist` (PxWeb API 2.0) and `codeList` (its drafts) name the codelist.
 */
export function parseSelectionBody(body: unknown, where = "the body"): VariablesSelection | undefined {
  let json = body;
  if (Buffer.isBuffer(json)) {
    if (json.length === 0) return undefined;
    try {
      json = JSON.parse(json.toString("utf8"));
    } catch {
      throw badRequest(`${where} is not valid JSON`);
    }
  }
  if (json === undefined || json === null) return undefined;
  if (!isObject(json)) throw badRequest(`${where} must be a JSON object {"selection": [...]}`);
  const placement = placementOf(json.placement, `${where}: placement`);
  if (json.selection === undefined || json.selection === null) {
    return placement ? { selection: [], placement } : undefined;
  }
  if (!Array.isArray(json.selection)) throw badRequest(`${where}: selection must be an array`);
  refuseLargeSelection(
    json.selection.map((item: unknown) => ({
      code: isObject(item) && typeof item.variableCode === "string" ? item.variableCode : "",
      values: isObject(item) && Array.isArray(item.valueCodes) ? item.valueCodes : [],
    })),
  );
  const selection = json.selection.map((item: unknown, k): VariableSelection => {
    const at = `${where}: selection[${k}]`;
    if (!isObject(item) || typeof item.variableCode !== "string" || item.variableCode === "") {
      throw badRequest(`${at} must be {"variableCode": "…", "valueCodes": ["…"]}`);
    }
    const codelist = item.codelist ?? item.codeList;
    if (codelist !== undefined && codelist !== null && typeof codelist !== "string") {
      throw badRequest(`${at}.codelist must be a string`);
    }
    return {
      variableCode: item.variableCode,
      ...(typeof codelist === "string" && codelist !== "" ? { codelist } : {}),
      valueCodes: stringList(item.valueCodes, `${at}.valueCodes`),
    };
  });
  return { selection, ...(placement ? { placement } : {}) };
}

const isExpressionWildcard = (value: unknown) => typeof value === "string" && hasWildcard(value, { anyOne: true });

/** Refuses a selection beyond the size limits (SELECTION_LIMITS) before any work is done on it. */
function refuseLargeSelection(asked: readonly { code: string; values: readonly unknown[] }[]): void {
  // Non-strings are reported by the shape checks; here they only count.
  const error = selectionSizeError(
    asked.map((a) => ({ code: a.code, values: a.values.map((v) => (typeof v === "string" ? v : "")) })),
    isExpressionWildcard,
  );
  if (error) throw badRequest(error.message.en, error.message.ru);
}

/** Splits a comma-separated list at the commas outside brackets and parentheses: `a,top(2,1),[x,y]`. */
export function splitList(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "(" || ch === "[") depth++;
    else if ((ch === ")" || ch === "]") && depth > 0) depth--;
    else if (ch === "," && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

const values = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]);

/** A comma-separated (or repeated) query parameter as a list. */
export function listParameter(v: unknown): string[] {
  return values(v).flatMap(splitList);
}

/**
 * The selection of GET …/data from its query string: `valuecodes[VAR]=…`, `codelist[VAR]=…`, `heading=…`,
 * `stub=…` (parameter names without regard to case). Undefined selection entries mean the default selection.
 */
export function selectionFromQuery(query: Record<string, unknown>): VariablesSelection | undefined {
  const selected = new Map<string, string[]>();
  const codelists = new Map<string, string>();
  for (const [key, value] of Object.entries(query)) {
    const lower = key.toLowerCase();
    for (const name of ["valuecodes", "codelist"] as const) {
      if (!lower.startsWith(name)) continue;
      const variable = /^[^[]+\[(.+)\]$/s.exec(key)?.[1];
      if (lower.slice(0, key.indexOf("[")) !== name || variable === undefined) {
        throw badRequest(`query parameter "${key}" should be written ${name}[VARIABLE]`);
      }
      if (name === "valuecodes") selected.set(variable, [...(selected.get(variable) ?? []), ...listParameter(value)]);
      else {
        const lists = [...new Set(values(value))];
        if (lists.length !== 1 || lists[0] === "") throw badRequest(`codelist[${variable}] must name one codelist`);
        codelists.set(variable, lists[0] as string);
      }
    }
  }
  for (const variable of codelists.keys()) {
    if (!selected.has(variable)) throw badRequest(`codelist[${variable}] needs valuecodes[${variable}] beside it`);
  }
  const heading = listParameter(query.heading);
  const stub = listParameter(query.stub);
  const placement = heading.length || stub.length ? { placement: { heading, stub } } : {};
  refuseLargeSelection([...selected].map(([code, values]) => ({ code, values })));
  if (selected.size === 0) return Object.keys(placement).length ? { selection: [], ...placement } : undefined;
  return {
    selection: [...selected].map(([variableCode, valueCodes]) => {
      const codelist = codelists.get(variableCode);
      return { variableCode, ...(codelist ? { codelist } : {}), valueCodes };
    }),
    ...placement,
  };
}

// ——— Resolving against a table ———

/** The dimension a variable code names: exactly, else without regard to case, else `time` for the time variable. */
export function findDimension(dimensions: readonly Dimension[], code: string): Dimension | undefined {
  const lower = code.toLowerCase();
  return (
    dimensions.find((d) => d.code === code) ??
    dimensions.find((d) => d.code.toLowerCase() === lower) ??
    (lower === "time" ? dimensions.find((d) => d.role === "time") : undefined)
  );
}

interface Listed {
  readonly code: string;
}

/** The positions in `items` that the value codes select, in order; expressions expanded. */
export function expandValueCodes(
  items: readonly Listed[],
  valueCodes: readonly string[],
  options: { readonly isTime: boolean; readonly variable: string },
): number[] {
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  items.forEach((item, i) => {
    if (!exact.has(item.code)) exact.set(item.code, i);
    const lower = item.code.toLowerCase();
    if (!folded.has(lower)) folded.set(lower, i);
  });
  const lookup = (code: string) => exact.get(code) ?? folded.get(code.toLowerCase());
  const known = (code: string) => {
    const at = lookup(code);
    if (at === undefined) throw problemOf(400, API_MESSAGES.notAValue(code, options.variable));
    return at;
  };
  const chosen = new Set<number>();
  const patterns = new Set<string>();
  const n = items.length;
  const add = (from: number, to: number) => {
    for (let i = Math.max(from, 0); i <= Math.min(to, n - 1); i++) chosen.add(i);
  };
  for (const raw of valueCodes) {
    const text = raw.trim();
    if (text.startsWith("[") && text.endsWith("]") && text.length >= 2) {
      chosen.add(known(text.slice(1, -1)));
      continue;
    }
    const direct = lookup(text);
    if (direct !== undefined) {
      chosen.add(direct);
      continue;
    }
    const ends = /^(top|bottom)\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)$/i.exec(text);
    if (ends) {
      const count = Number(ends[2]);
      const offset = Number(ends[3] ?? 0);
      if (count < 1) throw badRequest(`${text}: the count must be 1 or more`);
      // top is the latest periods of time, the first values of anything else; bottom the other end.
      const fromEnd = (ends[1]?.toLowerCase() === "top") === options.isTime;
      if (fromEnd) add(n - offset - count, n - offset - 1);
      else add(offset, offset + count - 1);
      continue;
    }
    const single = /^(from|to)\((.+)\)$/i.exec(text);
    if (single) {
      const at = known((single[2] as string).trim());
      if (single[1]?.toLowerCase() === "from") add(at, n - 1);
      else add(0, at);
      continue;
    }
    const range = /^range\(([^,]+),([^,]+)\)$/i.exec(text);
    if (range) {
      const a = known((range[1] as string).trim());
      const b = known((range[2] as string).trim());
      add(Math.min(a, b), Math.max(a, b));
      continue;
    }
    if (/^(top|bottom|from|to|range)\(/i.test(text)) {
      throw badRequest(
        `"${text}" is not a valid selection expression for "${options.variable}" (top(n), top(n,offset), bottom(n), bottom(n,offset), from(x), to(x), range(x,y))`,
      );
    }
    if (hasWildcard(text, { anyOne: true })) {
      if (patterns.has(text)) continue; // a repeated pattern selects nothing new
      patterns.add(text);
      const matches = globMatcher(text, { anyOne: true, ignoreCase: true });
      items.forEach((item, i) => {
        if (matches(item.code)) chosen.add(i);
      });
      continue;
    }
    known(text);
  }
  return [...chosen].sort((a, b) => a - b);
}

type Codelist =
  | { readonly kind: "valueset"; readonly set: ValueSet }
  | { readonly kind: "grouping"; readonly grouping: Grouping };

/** The codelist `id` (`vs_…` or `agg_…`) of a dimension, or undefined. */
export function codelistOf(d: Dimension, id: string): Codelist | undefined {
  if (id.startsWith("vs_")) {
    const set = d.valueSets?.find((v) => v.id === id.slice(3));
    return set ? { kind: "valueset", set } : undefined;
  }
  if (id.startsWith("agg_")) {
    const grouping = d.groupings?.find((g) => g.id === id.slice(4));
    return grouping ? { kind: "grouping", grouping } : undefined;
  }
  return undefined;
}

/** Checks a selection against a table and turns it into `select`'s queries, expressions expanded. */
export function resolveSelection(
  ds: Omit<Dataset, "values" | "status" | "flags">,
  input: VariablesSelection,
): ResolvedSelection {
  const seen = new Set<string>();
  const queries: DimensionQuery[] = [];
  const expanded: VariableSelection[] = [];
  for (const item of input.selection) {
    const d = findDimension(ds.dimensions, item.variableCode);
    if (!d) throw problemOf(400, API_MESSAGES.noVariable(item.variableCode));
    if (seen.has(d.code)) {
      throw badRequest(
        `variable "${d.code}" is selected more than once`,
        `переменная «${d.code}» выбрана больше одного раза`,
      );
    }
    seen.add(d.code);
    const options = { isTime: d.role === "time", variable: d.code };
    if (item.codelist === undefined) {
      if (item.valueCodes.length === 0) continue; // eliminated
      const picked = expandValueCodes(d.categories, item.valueCodes, options);
      if (picked.length === 0) throw badRequest(`the value codes of "${d.code}" select no values`);
      const codes = picked.map((i) => (d.categories[i] as { code: string }).code);
      queries.push({ code: d.code, selection: { filter: "item", values: codes } });
      expanded.push({ variableCode: d.code, valueCodes: codes });
      continue;
    }
    const codelist = codelistOf(d, item.codelist);
    if (!codelist) throw problemOf(400, API_MESSAGES.noCodelistOf(d.code, item.codelist));
    if (item.valueCodes.length === 0) continue; // eliminated
    if (codelist.kind === "valueset") {
      const members = new Set(codelist.set.codes);
      const items = d.categories.filter((c) => members.has(c.code));
      const codes = expandValueCodes(items, item.valueCodes, options).map((i) => (items[i] as { code: string }).code);
      if (codes.length === 0) throw badRequest(`the value codes of "${d.code}" select no values of ${item.codelist}`);
      queries.push({ code: d.code, selection: { filter: "item", values: codes } });
      expanded.push({ variableCode: d.code, codelist: item.codelist, valueCodes: codes });
    } else {
      const groups = codelist.grouping.groups;
      const codes = expandValueCodes(groups, item.valueCodes, options).map((i) => (groups[i] as { code: string }).code);
      if (codes.length === 0) throw badRequest(`the value codes of "${d.code}" select no groups of ${item.codelist}`);
      queries.push({ code: d.code, selection: { filter: `agg:${codelist.grouping.id}`, values: codes } });
      expanded.push({ variableCode: d.code, codelist: item.codelist, valueCodes: codes });
    }
  }
  return { queries, expanded };
}

/** The table's default selection (see the top of this file), with the contents and time variables in the heading. */
export function defaultSelection(
  ds: Omit<Dataset, "values" | "status" | "flags">,
  maxCells: number,
): VariablesSelection {
  const chosen = new Map<number, number[]>();
  const all = (d: Dimension) => d.categories.map((_, i) => i);
  ds.dimensions.forEach((d, k) => {
    if (d.elimination && d.categories.length > 1) return;
    chosen.set(k, d.role === "time" ? [d.categories.length - 1] : all(d));
  });
  // A one-value variable (a contents variable, say) does not vary either.
  const varies = (k: number) => ds.dimensions[k]?.role !== "time" && (ds.dimensions[k]?.categories.length ?? 0) > 1;
  if (![...chosen.keys()].some(varies)) {
    const keep = ds.dimensions.findIndex((d, k) => d.role !== "time" && !chosen.has(k));
    const d = ds.dimensions[keep];
    if (d) chosen.set(keep, all(d));
  }
  const cells = () => [...chosen.values()].reduce((p, list) => p * list.length, 1);
  while (cells() > maxCells) {
    let widest: number | undefined;
    for (const [k, list] of chosen) {
      if (ds.dimensions[k]?.role === "time" || list.length < 2) continue;
      if (widest === undefined || list.length > (chosen.get(widest)?.length ?? 0)) widest = k;
    }
    if (widest === undefined) break;
    chosen.set(widest, [0]);
  }
  const order = [...chosen.keys()].sort((a, b) => a - b);
  const selection = order.map((k) => {
    const d = ds.dimensions[k] as Dimension;
    return {
      variableCode: d.code,
      valueCodes: (chosen.get(k) ?? []).map((i) => (d.categories[i] as { code: string }).code),
    };
  });
  const time = order.find((k) => ds.dimensions[k]?.role === "time") ?? order.at(-1);
  const contents = order.find((k) => ds.dimensions[k]?.role === "metric");
  // As PxWeb tables have them: the contents above time, so the column heads say what the figures count.
  const across = [contents, time].filter((k, i, all): k is number => k !== undefined && all.indexOf(k) === i);
  const code = (k: number) => (ds.dimensions[k] as Dimension).code;
  return {
    selection,
    placement: { heading: across.map(code), stub: order.filter((k) => !across.includes(k)).map(code) },
  };
}

/**
 * Where the result's variables go: the heading and stub asked for, the variables named in neither added to the
 * stub (or to the heading when only a stub was given). Undefined when no placement was asked for.
 */
export function resolvePlacement(ds: Dataset, placement: Placement | undefined): Placement | undefined {
  if (!placement || (placement.heading.length === 0 && placement.stub.length === 0)) return undefined;
  const used = new Set<string>();
  const canonical = (code: string) => {
    const d = findDimension(ds.dimensions, code);
    if (!d) {
      throw badRequest(
        `placement names "${code}", which is not a variable of the result (${ds.dimensions.map((x) => x.code).join(", ") || "none"}): eliminated variables cannot be placed`,
      );
    }
    if (used.has(d.code)) throw badRequest(`placement names "${d.code}" more than once`);
    used.add(d.code);
    return d.code;
  };
  const heading = placement.heading.map(canonical);
  const stub = placement.stub.map(canonical);
  const rest = ds.dimensions.map((d) => d.code).filter((code) => !used.has(code));
  return heading.length === 0 && stub.length > 0 ? { heading: rest, stub } : { heading, stub: [...stub, ...rest] };
}
