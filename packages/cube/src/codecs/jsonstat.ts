/**
 * JSON-stat codecs: JSON-stat 2.0 datasets both ways, JSON-stat 2.0 collections for table lists, and JSON-stat 1.x
 * as PxWeb's API v1 answers for the format "json-stat".
 *
 * JSON-stat 2.0 (https://json-stat.org/format/):
 * - A document is in one language: `lang` if the dataset has it, else its first; a text missing in it falls back
 *   as `textIn` does. Reading keys the texts by `lang`.
 * - `value` is an array with null for cells without a number. `status` is left out when every cell is a plain
 *   number; otherwise it is a sparse object {cell index: text}: the symbol of a cell without a number ("..", "-",
 *   "x" or a custom one), or the flag letters of a flagged number ("p", "pe", …).
 * - `role` lists the time, geo and metric dimensions; the others are in no list. `category.index` is an object
 *   (code → position). Category parents become `category.child` (parent → children); notes become `note` on the
 *   dataset and dimensions and `category.note` on categories. Metric categories (the values of the contents
 *   variable) get `unit` {label and base: the value's units, else the dataset's; decimals}: `label` is JSON-stat's
 *   name, `base` the one PxWebApi 2 writes and PxWeb 2 reads.
 * - `extension` holds what JSON-stat has no place for, using PxWeb API 2's names where it has one. On the dataset:
 *   `id`, `lang` (of this document), `languages` (of the table), `decimals`, `units`, `contact`, `noteMandatory`
 *   ({note position: true}), `symbols` (custom symbols with their labels, in status order) and `cellNotes`. On a
 *   dimension: `timeUnit` (Annual, HalfYear, Quarterly, Monthly, Weekly), `elimination` and
 *   `eliminationValueCode`, `noteMandatory`, `categoryNoteMandatory` ({code: {position: true}}), `valueSets` and
 *   `groupings`; on the contents variable, per value code, PxWebApi 2's `refperiod`, `basePeriod` and
 *   `measuringType` (Stock, Flow, Average) and our `contentContact` and `contentUpdated`. So `fromJsonStat2` rebuilds the dataset in that language, except `Dataset.extension`: the PX
 *   entries kept there for PX output are PX syntax in every language, of no use to a JSON-stat client.
 * - Reading takes any JSON-stat 2.0 dataset: `value` and `status` as arrays or sparse objects (`status` also as
 *   one string for all cells), `category.index` as an array or an object, or absent with `category.label` giving
 *   the categories. A null value is a cell without a number: its status text is its symbol (".." when it has
 *   none; an unknown symbol becomes a custom one). A number's status text is read as flag letters, or ignored
 *   when it is not (the model has no place for other qualifiers). Without our extension, units and decimals come
 *   from the first metric unit. Malformed input throws a JsonStatError saying what is wrong and where.
 *
 * JSON-stat 1.x as PxWeb writes it (PCAxis.Serializers JsonStatSerializer, serialized by Json.NET): `{"dataset":
 * {...}}` with `dimension` holding each dimension ({label, category: {index, label, unit}}), then `id`, `size` and
 * `role`; then `label`, `source` (null when absent), `updated`, `value` (numbers rounded as PxWeb shows them) and
 * `extension.px` {infofile, tableid, decimals}. With any status, PxWeb writes a subclass whose own `status`
 * property Json.NET puts first, and that copy leaves `extension` out; both are kept here.
 */

import {
  type Category,
  type CellNote,
  type ContentInfo,
  cellCount,
  type Dataset,
  type Dimension,
  FIRST_CUSTOM_STATUS,
  flagLetters,
  type Grouping,
  type MeasuringType,
  type Note,
  parseFlags,
  type Role,
  Status,
  statusOfSymbol,
  symbolOf,
  type Texts,
  type TimeUnit,
  textIn,
  type ValueSet,
} from "../model.ts";
import { outputLanguage, pxText, pxwebRounding, pxwebUpdated } from "./pxweb-json.ts";

export class JsonStatError extends Error {}

export interface JsonStatOptions {
  /** Language of the texts; default (and for a language the dataset does not have) its first language. */
  readonly lang?: string;
}

export interface FromJsonStatOptions {
  /** Language to key the texts by; default the document's `extension.lang`, else "en". */
  readonly lang?: string;
  /** Refuse documents whose dimensions make more cells than this (default 10 million). */
  readonly maxCells?: number;
}

/** Positions of the mandatory notes in a note list: {"0": true}. */
export type NoteMandatory = Record<string, true>;

export interface JsonStat2Category {
  readonly index: Record<string, number>;
  readonly label: Record<string, string>;
  readonly note?: Record<string, string[]>;
  readonly unit?: Record<string, JsonStat2Unit>;
  readonly child?: Record<string, string[]>;
}

/** A contents value's unit: `label` as JSON-stat 2.0 names it, `base` as PxWebApi 2 writes it (PxWeb 2 reads it). */
export interface JsonStat2Unit {
  readonly label?: string;
  readonly base?: string;
  readonly decimals: number;
}

export interface JsonStat2DimensionExtension {
  readonly timeUnit?: string;
  readonly elimination?: true;
  readonly eliminationValueCode?: string;
  readonly noteMandatory?: NoteMandatory;
  readonly categoryNoteMandatory?: Record<string, NoteMandatory>;
  /** Contents values: PxWebApi 2's per-value extensions, then our own for what it has no name for. */
  readonly refperiod?: Record<string, string>;
  readonly basePeriod?: Record<string, string>;
  readonly measuringType?: Record<string, "Stock" | "Flow" | "Average">;
  readonly contentContact?: Record<string, string>;
  readonly contentUpdated?: Record<string, string>;
  readonly valueSets?: { readonly id: string; readonly label: string; readonly codes: string[] }[];
  readonly groupings?: {
    readonly id: string;
    readonly label: string;
    readonly groups: { readonly code: string; readonly label: string; readonly members: string[] }[];
  }[];
}

export interface JsonStat2Dimension {
  readonly label: string;
  readonly note?: string[];
  readonly category: JsonStat2Category;
  readonly extension?: JsonStat2DimensionExtension;
}

export interface JsonStat2Extension {
  readonly id: string;
  readonly lang: string;
  readonly languages: string[];
  readonly decimals: number;
  readonly units?: string;
  readonly contact?: string;
  readonly noteMandatory?: NoteMandatory;
  readonly symbols?: { readonly symbol: string; readonly label: string }[];
  readonly cellNotes?: { readonly where: (string | null)[]; readonly text: string; readonly mandatory?: true }[];
}

export type JsonStatRoles = Partial<Record<"time" | "geo" | "metric", string[]>>;

export interface JsonStat2Dataset {
  readonly version: "2.0";
  readonly class: "dataset";
  readonly label: string;
  readonly source?: string;
  readonly updated?: string;
  readonly note?: string[];
  readonly role?: JsonStatRoles;
  readonly id: string[];
  readonly size: number[];
  readonly dimension: Record<string, JsonStat2Dimension>;
  readonly value: (number | null)[];
  readonly status?: Record<string, string>;
  readonly extension: JsonStat2Extension;
}

export interface JsonStat2CollectionItem {
  readonly href: string;
  readonly label: string;
  readonly updated?: string;
}

export interface JsonStat2Collection {
  readonly version: "2.0";
  readonly class: "collection";
  readonly href?: string;
  readonly label?: string;
  readonly updated?: string;
  readonly link: { readonly item: ({ readonly class: "dataset" } & JsonStat2CollectionItem)[] };
}

export interface JsonStat1Dimension {
  readonly label: string;
  readonly category: {
    readonly index: Record<string, number>;
    readonly label: Record<string, string>;
    readonly unit?: Record<string, { readonly base: string; readonly decimals: number }>;
  };
}

export interface JsonStat1Dataset {
  readonly status?: Record<string, string>;
  /** The dimensions by code, then `id`, `size` and `role`. */
  readonly dimension: Record<string, JsonStat1Dimension | string[] | number[] | JsonStatRoles>;
  readonly label: string;
  readonly source: string | null;
  readonly updated?: string;
  readonly value: (number | null)[];
  readonly extension?: {
    readonly px: { readonly infofile?: string; readonly tableid?: string; readonly decimals: number };
  };
}

type Translate = (texts: Texts | undefined) => string;

/** PxWeb API 2's names of the PX time units. */
const TIME_UNIT_NAMES: Readonly<Record<TimeUnit, string>> = {
  A1: "Annual",
  H1: "HalfYear",
  Q1: "Quarterly",
  M1: "Monthly",
  W1: "Weekly",
};

const DEFAULT_MAX_CELLS = 10_000_000;

// ——— Writing ———

/** A JSON-stat 2.0 dataset in one language. */
export function toJsonStat2(ds: Dataset, options: JsonStatOptions = {}): JsonStat2Dataset {
  const lang = outputLanguage(ds, options.lang);
  const t: Translate = (texts) => textIn(texts, lang, ds.languages);
  return compact<JsonStat2Dataset>({
    version: "2.0",
    class: "dataset",
    label: t(ds.title),
    source: ds.source && t(ds.source),
    updated: ds.updated,
    note: noteTexts(ds.notes, t),
    role: rolesOf(ds),
    id: ds.dimensions.map((d) => d.code),
    size: ds.dimensions.map((d) => d.categories.length),
    dimension: Object.fromEntries(ds.dimensions.map((d) => [d.code, dimensionOf(ds, d, t)])),
    value: valuesWithNulls(ds),
    status: statusTexts(ds),
    extension: compact({
      id: ds.id,
      lang,
      languages: [...ds.languages],
      decimals: ds.decimals,
      units: ds.units && t(ds.units),
      contact: ds.contact && t(ds.contact),
      noteMandatory: noteMandatory(ds.notes),
      symbols: ds.symbols?.map((s) => ({ symbol: s.symbol, label: t(s.label) })),
      cellNotes: ds.cellNotes?.map((n) =>
        compact({ where: [...n.where], text: t(n.text), mandatory: n.mandatory ? (true as const) : undefined }),
      ),
    }),
  });
}

function dimensionOf(ds: Dataset, d: Dimension, t: Translate): JsonStat2Dimension {
  const noted = d.categories.filter((c) => c.notes?.length);
  const extension = compact({
    timeUnit: d.timeUnit && TIME_UNIT_NAMES[d.timeUnit],
    elimination: d.elimination ? (true as const) : undefined,
    eliminationValueCode: d.elimination?.code,
    noteMandatory: noteMandatory(d.notes),
    categoryNoteMandatory: nonEmpty(
      Object.fromEntries(
        noted.flatMap((c): [string, NoteMandatory][] => {
          const mandatory = noteMandatory(c.notes);
          return mandatory ? [[c.code, mandatory]] : [];
        }),
      ),
    ),
    ...contentExtension(d, t),
    valueSets: d.valueSets?.map((v) => ({ id: v.id, label: t(v.label), codes: [...v.codes] })),
    groupings: d.groupings?.map((g) => ({
      id: g.id,
      label: t(g.label),
      groups: g.groups.map((x) => ({ code: x.code, label: t(x.label), members: [...x.members] })),
    })),
  });
  return compact<JsonStat2Dimension>({
    label: t(d.label),
    note: noteTexts(d.notes, t),
    category: compact({
      index: categoryIndex(d),
      label: categoryLabels(d, t),
      note: nonEmpty(Object.fromEntries(noted.map((c) => [c.code, noteTexts(c.notes, t) ?? []]))),
      unit: d.role === "metric" ? Object.fromEntries(d.categories.map((c) => [c.code, unitOf(ds, c, t)])) : undefined,
      child: childrenOf(d),
    }),
    extension: nonEmpty(extension),
  });
}

/** Category code → position. */
function categoryIndex(d: Dimension): Record<string, number> {
  return Object.fromEntries(d.categories.map((c, i) => [c.code, i]));
}

function categoryLabels(d: Dimension, t: Translate): Record<string, string> {
  return Object.fromEntries(d.categories.map((c) => [c.code, t(c.label)]));
}

function unitOf(ds: Dataset, c: Category, t: Translate): JsonStat2Unit {
  const units = c.content?.units ?? ds.units;
  const label = units && t(units);
  return compact({ label, base: label, decimals: c.content?.decimals ?? ds.decimals });
}

const MEASURING_TYPE_NAMES: Readonly<Record<MeasuringType, "Stock" | "Flow" | "Average">> = {
  stock: "Stock",
  flow: "Flow",
  average: "Average",
};

/** The per-value extensions of a contents variable's categories (none on other dimensions). */
function contentExtension(d: Dimension, t: Translate): Partial<JsonStat2DimensionExtension> {
  if (d.role !== "metric") return {};
  const byCode = <T>(value: (info: ContentInfo) => T | undefined): Record<string, T> | undefined =>
    nonEmpty(
      Object.fromEntries(
        d.categories.flatMap((c): [string, T][] => {
          const v = c.content ? value(c.content) : undefined;
          return v === undefined ? [] : [[c.code, v]];
        }),
      ),
    );
  return compact({
    refperiod: byCode((i) => i.refPeriod && t(i.refPeriod)),
    basePeriod: byCode((i) => i.basePeriod && t(i.basePeriod)),
    measuringType: byCode((i) => i.measuringType && MEASURING_TYPE_NAMES[i.measuringType]),
    contentContact: byCode((i) => i.contact && t(i.contact)),
    contentUpdated: byCode((i) => i.updated),
  });
}

/** Parent code → its children's codes, in category order; undefined without a hierarchy. */
function childrenOf(d: Dimension): Record<string, string[]> | undefined {
  const children = new Map<string, string[]>();
  for (const c of d.categories) {
    if (c.parent !== undefined) children.set(c.parent, [...(children.get(c.parent) ?? []), c.code]);
  }
  return children.size ? Object.fromEntries(children) : undefined;
}

function rolesOf(ds: Dataset): JsonStatRoles | undefined {
  const roles: JsonStatRoles = {};
  for (const d of ds.dimensions) if (d.role !== "other") roles[d.role] = [...(roles[d.role] ?? []), d.code];
  return nonEmpty(roles);
}

/**
 * The value array, null where a cell has no number. A preallocated array filled in a plain loop: several times
 * faster to build and to stringify than Array.from with a mapper (bench/cube-select.ts).
 */
function valuesWithNulls(ds: Dataset): (number | null)[] {
  const n = ds.values.length;
  const out = new Array<number | null>(n);
  for (let i = 0; i < n; i++) out[i] = ds.status[i] === Status.value ? (ds.values[i] as number) : null;
  return out;
}

/** Cell index → symbol of a cell without a number, or flag letters of a flagged number; undefined if none. */
function statusTexts(ds: Dataset): Record<string, string> | undefined {
  const texts: Record<string, string> = {};
  let any = false;
  const n = ds.status.length;
  for (let i = 0; i < n; i++) {
    const status = ds.status[i] as number;
    const flags = ds.flags[i] as number;
    if (status !== Status.value) texts[i] = symbolOf(ds, status);
    else if (flags) texts[i] = flagLetters(flags);
    else continue;
    any = true;
  }
  return any ? texts : undefined;
}

function noteTexts(notes: readonly Note[] | undefined, t: Translate): string[] | undefined {
  return notes?.length ? notes.map((n) => t(n.text)) : undefined;
}

function noteMandatory(notes: readonly Note[] | undefined): NoteMandatory | undefined {
  const mandatory = (notes ?? []).flatMap((n, i): [string, true][] => (n.mandatory ? [[String(i), true]] : []));
  return nonEmpty(Object.fromEntries(mandatory));
}

/** A JSON-stat 2.0 collection listing tables (as dataset items), for table lists. */
export function toJsonStat2Collection(
  items: readonly JsonStat2CollectionItem[],
  about: { readonly href?: string; readonly label?: string; readonly updated?: string } = {},
): JsonStat2Collection {
  return compact<JsonStat2Collection>({
    version: "2.0",
    class: "collection",
    href: about.href,
    label: about.label,
    updated: about.updated,
    link: {
      item: items.map((item) =>
        compact({ class: "dataset" as const, href: item.href, label: item.label, updated: item.updated }),
      ),
    },
  });
}

/** The JSON-stat 1.x response of PxWeb's API v1 for the format "json-stat". */
export function toJsonStat1(ds: Dataset, options: JsonStatOptions = {}): { dataset: JsonStat1Dataset } {
  const lang = outputLanguage(ds, options.lang);
  const t: Translate = (texts) => textIn(texts, lang, ds.languages);
  const { decimals, round } = pxwebRounding(ds);
  const status = statusTexts(ds);
  return {
    dataset: compact<JsonStat1Dataset>({
      status,
      dimension: {
        ...Object.fromEntries(ds.dimensions.map((d) => [d.code, jsonStat1Dimension(ds, d, t, decimals)])),
        id: ds.dimensions.map((d) => d.code),
        size: ds.dimensions.map((d) => d.categories.length),
        role: rolesOf(ds) ?? {},
      },
      label: t(ds.title),
      source: ds.source ? t(ds.source) : null,
      updated: pxwebUpdated(ds),
      value: Array.from(ds.values, (v, i) => (ds.status[i] === Status.value ? round(v) : null)),
      extension: status
        ? undefined
        : {
            px: compact({ infofile: pxText(ds, "INFOFILE", lang), tableid: pxText(ds, "TABLEID", lang), decimals }),
          },
    }),
  };
}

/** A dimension as PxWeb writes it: metric categories have a unit {base: the units, decimals}. */
function jsonStat1Dimension(ds: Dataset, d: Dimension, t: Translate, decimals: number): JsonStat1Dimension {
  const unit = (c: Category) => ({ base: t(c.content?.units ?? ds.units), decimals });
  return {
    label: t(d.label),
    category: compact({
      index: categoryIndex(d),
      label: categoryLabels(d, t),
      unit: d.role === "metric" ? Object.fromEntries(d.categories.map((c) => [c.code, unit(c)])) : undefined,
    }),
  };
}

// ——— Reading ———

type JsonObject = Record<string, unknown>;

/** A dataset from a JSON-stat 2.0 dataset (parsed JSON), its texts keyed by one language. */
export function fromJsonStat2(json: unknown, options: FromJsonStatOptions = {}): Dataset {
  const doc = asObject(json, "the document");
  if (doc.class !== undefined && doc.class !== "dataset") {
    throw new JsonStatError(`class is ${describe(doc.class)}, expected "dataset"`);
  }
  const extension = optionalObject(doc.extension, "extension") ?? {};
  const lang = options.lang ?? optionalString(extension.lang, "extension.lang") ?? "en";
  const ids = stringArray(doc.id, "id");
  const sizes = sizesOf(doc.size, ids.length);
  const dimensionJson = asObject(doc.dimension, "dimension");
  const roles = rolesFrom(doc.role);
  const unit = firstMetricUnit(ids, dimensionJson, roles);
  const units =
    optionalString(extension.units, "extension.units") ??
    optionalString(unit?.label, "unit label") ??
    optionalString(unit?.base, "unit base");
  const decimals = decimalsOf(extension.decimals ?? unit?.decimals);
  const dimensions = ids.map((code, k) =>
    readDimension(code, dimensionJson, sizes[k] as number, roles, { lang, units, decimals }),
  );
  const n = cellCount(dimensions);
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  if (n > maxCells) throw new JsonStatError(`the dimensions make ${n} cells, more than the limit of ${maxCells}`);
  const cells = readCells(doc, n, readSymbols(extension.symbols, lang), lang);
  const inLang = (text: string | undefined): Texts | undefined => (text === undefined ? undefined : { [lang]: text });
  return compact<Dataset>({
    id: optionalString(extension.id, "extension.id") ?? "",
    languages: [lang],
    title: { [lang]: optionalString(doc.label, "label") ?? "" },
    source: inLang(optionalString(doc.source, "source")),
    units: inLang(units),
    decimals,
    updated: optionalString(doc.updated, "updated"),
    contact: inLang(optionalString(extension.contact, "extension.contact")),
    notes: readNotes(doc.note, extension.noteMandatory, lang, "note"),
    dimensions,
    values: cells.values,
    status: cells.status,
    flags: cells.flags,
    symbols: cells.symbols.length ? cells.symbols : undefined,
    cellNotes: readCellNotes(extension.cellNotes, dimensions, lang),
  });
}

function sizesOf(json: unknown, dimensions: number): number[] {
  if (!Array.isArray(json) || !json.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new JsonStatError("size must be an array of whole numbers");
  }
  if (json.length !== dimensions) {
    throw new JsonStatError(`id has ${dimensions} dimensions, size has ${json.length}`);
  }
  return json;
}

/** Dimension code → role, from the time, geo and metric lists (the first list naming a dimension wins). */
function rolesFrom(json: unknown): Map<string, Role> {
  const roles = new Map<string, Role>();
  const lists = optionalObject(json, "role") ?? {};
  for (const role of ["time", "geo", "metric"] as const) {
    if (lists[role] === undefined || lists[role] === null) continue;
    for (const code of stringArray(lists[role], `role.${role}`)) if (!roles.has(code)) roles.set(code, role);
  }
  return roles;
}

function readDimension(
  code: string,
  dimensionJson: JsonObject,
  size: number,
  roles: ReadonlyMap<string, Role>,
  table: { readonly lang: string; readonly units: string | undefined; readonly decimals: number },
): Dimension {
  const { lang } = table;
  const where = `dimension "${code}"`;
  const json = own(dimensionJson, code);
  if (json === undefined) throw new JsonStatError(`${where} is listed in id but not described in dimension`);
  const d = asObject(json, where);
  const category = asObject(d.category, `${where}: category`);
  const codes = categoryCodes(category, where);
  if (codes.length !== size) {
    throw new JsonStatError(`${where}: category index has ${codes.length} entries, size says ${size}`);
  }
  const extension = optionalObject(d.extension, `${where}: extension`) ?? {};
  const labels = optionalObject(category.label, `${where}: category label`) ?? {};
  const notes = optionalObject(category.note, `${where}: category note`) ?? {};
  const mandatory = optionalObject(extension.categoryNoteMandatory, `${where}: categoryNoteMandatory`) ?? {};
  const parents = parentsOf(category.child, codes, where);
  const categories = codes.map((c) =>
    compact<Category>({
      code: c,
      label: { [lang]: optionalString(own(labels, c), `${where}: label of category "${c}"`) ?? c },
      parent: parents.get(c),
      notes: readNotes(own(notes, c), own(mandatory, c), lang, `${where}: note of category "${c}"`),
      content: roles.get(code) === "metric" ? readContent(category, extension, c, table, where) : undefined,
    }),
  );
  const eliminationCode = optionalString(extension.eliminationValueCode, `${where}: eliminationValueCode`);
  return compact<Dimension>({
    code,
    label: { [lang]: optionalString(d.label, `${where}: label`) ?? code },
    role: roles.get(code) ?? "other",
    categories,
    timeUnit: timeUnitNamed(extension.timeUnit),
    elimination: extension.elimination === true ? compact({ code: eliminationCode }) : undefined,
    notes: readNotes(d.note, extension.noteMandatory, lang, `${where}: note`),
    valueSets: readValueSets(extension.valueSets, `${where}: valueSets`, lang),
    groupings: readGroupings(extension.groupings, `${where}: groupings`, lang),
  });
}

const MEASURING_TYPE_OF_NAME = new Map(
  Object.entries(MEASURING_TYPE_NAMES).map(([type, name]) => [name, type as MeasuringType]),
);

/**
 * A contents value's ContentInfo from its unit and the dimension's per-value extensions; units equal to the
 * table's are the table's (the writer repeats them on every value), so they are not kept twice.
 */
function readContent(
  category: JsonObject,
  extension: JsonObject,
  code: string,
  table: { readonly lang: string; readonly units: string | undefined; readonly decimals: number },
  where: string,
): ContentInfo | undefined {
  const inLang = (text: string | undefined): Texts | undefined =>
    text === undefined ? undefined : { [table.lang]: text };
  const perValue = (key: string) => {
    const map = optionalObject(extension[key], `${where}: extension.${key}`);
    return map ? optionalString(own(map, code), `${where}: extension.${key} of "${code}"`) : undefined;
  };
  const unit = optionalObject(own(optionalObject(category.unit, `${where}: category unit`) ?? {}, code), where);
  const units =
    optionalString(unit?.label, `${where}: unit label of "${code}"`) ??
    optionalString(unit?.base, `${where}: unit base of "${code}"`);
  const measuring = perValue("measuringType");
  const decimals = unit?.decimals;
  return nonEmpty(
    compact<ContentInfo>({
      units: units === table.units ? undefined : inLang(units),
      refPeriod: inLang(perValue("refperiod")),
      basePeriod: inLang(perValue("basePeriod")),
      contact: inLang(perValue("contentContact")),
      updated: perValue("contentUpdated"),
      measuringType: measuring === undefined ? undefined : MEASURING_TYPE_OF_NAME.get(measuring as "Stock"),
      decimals:
        Number.isInteger(decimals) && (decimals as number) >= 0 && decimals !== table.decimals
          ? (decimals as number)
          : undefined,
    }),
  );
}

/** Category codes in index order, from `index` (array or object) or, without one, from `label`. */
function categoryCodes(category: JsonObject, where: string): string[] {
  if (category.index === undefined) {
    // JSON-stat lets `label` name the categories when there is no index (meant for a single category).
    if (category.label === undefined) throw new JsonStatError(`${where}: category has neither index nor label`);
    return Object.keys(asObject(category.label, `${where}: category label`));
  }
  if (Array.isArray(category.index)) {
    const codes = stringArray(category.index, `${where}: category index`);
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice !== undefined) throw new JsonStatError(`${where}: category index lists "${twice}" twice`);
    return codes;
  }
  const positions = asObject(category.index, `${where}: category index`);
  const codes = Object.keys(positions);
  const ordered = new Array<string>(codes.length);
  for (const c of codes) {
    const at = positions[c];
    if (typeof at !== "number" || !Number.isInteger(at) || at < 0 || at >= codes.length || ordered[at] !== undefined) {
      throw new JsonStatError(
        `${where}: category "${c}" has index ${describe(at)}, expected a position from 0 to ${codes.length - 1} that no other category has`,
      );
    }
    ordered[at] = c;
  }
  return ordered;
}

/** Child code → parent code, from `category.child` (parent → children). */
function parentsOf(json: unknown, codes: readonly string[], where: string): Map<string, string> {
  const parents = new Map<string, string>();
  const known = new Set(codes);
  for (const [parent, children] of Object.entries(optionalObject(json, `${where}: category child`) ?? {})) {
    if (!known.has(parent)) throw new JsonStatError(`${where}: category child names "${parent}", not a category`);
    for (const child of stringArray(children, `${where}: children of "${parent}"`)) {
      if (!known.has(child)) throw new JsonStatError(`${where}: "${child}", a child of "${parent}", is not a category`);
      parents.set(child, parent);
    }
  }
  return parents;
}

function timeUnitNamed(name: unknown): TimeUnit | undefined {
  const found = Object.entries(TIME_UNIT_NAMES).find(([, n]) => n === name);
  return found?.[0] as TimeUnit | undefined;
}

function readNotes(texts: unknown, mandatory: unknown, lang: string, where: string): Note[] | undefined {
  if (texts === undefined || texts === null) return undefined;
  const list = stringArray(texts, where);
  const flags = optionalObject(mandatory, `${where}: mandatory`) ?? {};
  const notes = list.map((text, i): Note => {
    const note = { text: { [lang]: text } };
    return own(flags, String(i)) === true ? { ...note, mandatory: true } : note;
  });
  return notes.length ? notes : undefined;
}

function readValueSets(json: unknown, where: string, lang: string): ValueSet[] | undefined {
  if (json === undefined) return undefined;
  return objectArray(json, where).map((v, i) => ({
    id: requiredString(v.id, `${where}[${i}].id`),
    label: { [lang]: requiredString(v.label, `${where}[${i}].label`) },
    codes: stringArray(v.codes, `${where}[${i}].codes`),
  }));
}

function readGroupings(json: unknown, where: string, lang: string): Grouping[] | undefined {
  if (json === undefined) return undefined;
  return objectArray(json, where).map((g, i) => ({
    id: requiredString(g.id, `${where}[${i}].id`),
    label: { [lang]: requiredString(g.label, `${where}[${i}].label`) },
    groups: objectArray(g.groups, `${where}[${i}].groups`).map((x, j) => ({
      code: requiredString(x.code, `${where}[${i}].groups[${j}].code`),
      label: { [lang]: requiredString(x.label, `${where}[${i}].groups[${j}].label`) },
      members: stringArray(x.members, `${where}[${i}].groups[${j}].members`),
    })),
  }));
}

function readSymbols(json: unknown, lang: string): { symbol: string; label: Texts }[] {
  if (json === undefined) return [];
  return objectArray(json, "extension.symbols").map((s, i) => ({
    symbol: requiredString(s.symbol, `extension.symbols[${i}].symbol`),
    label: { [lang]: optionalString(s.label, `extension.symbols[${i}].label`) ?? "" },
  }));
}

function readCellNotes(json: unknown, dimensions: readonly Dimension[], lang: string): CellNote[] | undefined {
  if (json === undefined) return undefined;
  return objectArray(json, "extension.cellNotes").map((n, i) => {
    const where = `extension.cellNotes[${i}]`;
    if (!Array.isArray(n.where) || n.where.length !== dimensions.length) {
      throw new JsonStatError(
        `${where}.where must list one code or null for each of the ${dimensions.length} dimensions`,
      );
    }
    const codes = n.where.map((code, k) => {
      if (code === null) return null;
      if (!dimensions[k]?.categories.some((c) => c.code === code)) {
        throw new JsonStatError(
          `${where}.where[${k}] is ${describe(code)}, not a category of "${dimensions[k]?.code}"`,
        );
      }
      return code as string;
    });
    const note = { where: codes, text: { [lang]: requiredString(n.text, `${where}.text`) } };
    return n.mandatory === true ? { ...note, mandatory: true } : note;
  });
}

/** The unit of the first category of the first metric dimension: where other producers keep units and decimals. */
function firstMetricUnit(
  ids: readonly string[],
  dimensionJson: JsonObject,
  roles: ReadonlyMap<string, Role>,
): JsonObject | undefined {
  const metric = ids.find((code) => roles.get(code) === "metric");
  if (metric === undefined) return undefined;
  const units = (own(dimensionJson, metric) as { category: { unit?: unknown } }).category.unit;
  const first = isObject(units) ? Object.values(units)[0] : undefined;
  return isObject(first) ? first : undefined;
}

function decimalsOf(json: unknown): number {
  if (json === undefined) return 0;
  if (typeof json !== "number" || !Number.isInteger(json) || json < 0) {
    throw new JsonStatError(`decimals is ${describe(json)}, expected a whole number`);
  }
  return json;
}

interface Cells {
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
  readonly symbols: { symbol: string; label: Texts }[];
}

/** Values, statuses and flags; `symbols` grows by the symbols the document uses but does not list. */
function readCells(doc: JsonObject, n: number, symbols: { symbol: string; label: Texts }[], lang: string): Cells {
  const values = readValues(doc.value, n);
  const texts = readStatus(doc.status, n);
  const status = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const statusOf = (symbol: string): number => {
    const known = statusOfSymbol({ symbols }, symbol);
    if (known !== undefined) return known;
    if (FIRST_CUSTOM_STATUS + symbols.length > 255) throw new JsonStatError("status uses more symbols than fit");
    symbols.push({ symbol, label: { [lang]: "" } });
    return FIRST_CUSTOM_STATUS + symbols.length - 1;
  };
  for (let i = 0; i < n; i++) {
    const text = texts[i];
    if (Number.isNaN(values[i])) status[i] = statusOf(text ?? "..");
    else if (text) flags[i] = parseFlags(text) ?? 0;
  }
  return { values, status, flags, symbols };
}

/** Cell values, NaN for null. */
function readValues(json: unknown, n: number): Float64Array {
  const values = new Float64Array(n).fill(Number.NaN);
  const put = (i: number, v: unknown, where: string) => {
    if (v === null) return;
    if (typeof v !== "number") throw new JsonStatError(`${where} is ${describe(v)}, expected a number or null`);
    values[i] = v;
  };
  if (Array.isArray(json)) {
    if (json.length !== n) throw new JsonStatError(`value has ${json.length} cells, the dimensions make ${n}`);
    json.forEach((v, i) => {
      put(i, v, `value[${i}]`);
    });
  } else {
    for (const [key, v] of Object.entries(asObject(json, "value"))) {
      put(cellIndex(key, n, "value"), v, `value["${key}"]`);
    }
  }
  return values;
}

/** Status text of each cell (undefined for none), from a string for all cells, an array or a sparse object. */
function readStatus(json: unknown, n: number): (string | undefined)[] {
  const texts = new Array<string | undefined>(n).fill(undefined);
  const put = (i: number, text: unknown, where: string) => {
    if (text === null) return;
    if (typeof text !== "string") throw new JsonStatError(`${where} is ${describe(text)}, expected a string`);
    texts[i] = text;
  };
  if (json === undefined || json === null) return texts;
  if (typeof json === "string") return texts.fill(json);
  if (Array.isArray(json)) {
    if (json.length === 1 && n !== 1) return texts.fill(optionalString(json[0], "status[0]"));
    if (json.length !== n) throw new JsonStatError(`status has ${json.length} cells, the dimensions make ${n}`);
    json.forEach((text, i) => {
      put(i, text, `status[${i}]`);
    });
    return texts;
  }
  for (const [key, text] of Object.entries(asObject(json, "status"))) {
    put(cellIndex(key, n, "status"), text, `status["${key}"]`);
  }
  return texts;
}

function cellIndex(key: string, n: number, what: string): number {
  const i = /^\d+$/.test(key) ? Number(key) : Number.NaN;
  if (!(i < n)) throw new JsonStatError(`${what} has a cell "${key}", expected an index from 0 to ${n - 1}`);
  return i;
}

// ——— Small helpers ———

/** The object without its undefined properties, so that optional keys are absent rather than undefined. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty<T extends object>(o: T): T | undefined {
  return Object.keys(o).length ? o : undefined;
}

/** An own property (never one inherited from Object.prototype, such as "toString"). */
function own(o: JsonObject, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return "an array";
  if (isObject(v)) return "an object";
  return v === undefined ? "missing" : JSON.stringify(v);
}

function asObject(v: unknown, what: string): JsonObject {
  if (!isObject(v)) throw new JsonStatError(`${what} is ${describe(v)}, expected an object`);
  return v;
}

function optionalObject(v: unknown, what: string): JsonObject | undefined {
  return v === undefined || v === null ? undefined : asObject(v, what);
}

function objectArray(v: unknown, what: string): JsonObject[] {
  if (!Array.isArray(v)) throw new JsonStatError(`${what} is ${describe(v)}, expected an array`);
  return v.map((item, i) => asObject(item, `${what}[${i}]`));
}

function stringArray(v: unknown, what: string): string[] {
  if (!Array.isArray(v)) throw new JsonStatError(`${what} is ${describe(v)}, expected an array of strings`);
  const bad = v.findIndex((s) => typeof s !== "string");
  if (bad !== -1) throw new JsonStatError(`${what}[${bad}] is ${describe(v[bad])}, expected a string`);
  return v;
}

function optionalString(v: unknown, what: string): string | undefined {
  return v === undefined || v === null ? undefined : requiredString(v, what);
}

function requiredString(v: unknown, what: string): string {
  if (typeof v !== "string") throw new JsonStatError(`${what} is ${describe(v)}, expected a string`);
  return v;
}
