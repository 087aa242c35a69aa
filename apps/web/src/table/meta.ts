/**
 * A table's metadata as the pages need it, read from the PxWeb API 2.0 metadata document (JSON-stat 2.0 without
 * values, plus PxWeb's extensions: elimination, codelists, notes). Pure: tested with plain documents.
 */

export interface NoteMeta {
  readonly text: string;
  readonly mandatory: boolean;
}

export interface ValueMeta {
  readonly code: string;
  readonly label: string;
  readonly notes: readonly NoteMeta[];
}

export interface CodelistMeta {
  readonly id: string;
  readonly label: string;
  readonly type: "Valueset" | "Aggregation";
}

export interface VariableMeta {
  readonly code: string;
  readonly label: string;
  readonly role: "time" | "geo" | "metric" | "other";
  /** The variable may be left out of a selection (summed over, or its total taken). */
  readonly elimination: boolean;
  readonly eliminationValueCode?: string;
  readonly values: readonly ValueMeta[];
  readonly codelists: readonly CodelistMeta[];
  readonly notes: readonly NoteMeta[];
}

export interface TableMeta {
  readonly id: string;
  readonly label: string;
  readonly source: string;
  readonly updated: string;
  readonly units: string;
  readonly decimals: number;
  readonly languages: readonly string[];
  readonly notes: readonly NoteMeta[];
  readonly variables: readonly VariableMeta[];
  /** PX HEADING and STUB: the table's own layout. */
  readonly heading: readonly string[];
  readonly stub: readonly string[];
  /** Figures made up to demonstrate the clearinghouse, not official statistics (shown with a badge). */
  readonly illustrative: boolean;
}

type Json = Record<string, unknown>;

const object = (value: unknown): Json =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {};
const string = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : fallback);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

function notesOf(texts: unknown, mandatory: unknown): NoteMeta[] {
  const flags = object(mandatory);
  return strings(texts).map((text, i) => ({ text, mandatory: flags[String(i)] === true }));
}

/** The categories of a JSON-stat dimension in index order (index may be an array or a code → position map). */
function categoryCodes(category: Json): string[] {
  const index = category.index;
  if (Array.isArray(index)) return strings(index);
  if (index && typeof index === "object") {
    return Object.entries(index as Record<string, number>)
      .sort((a, b) => a[1] - b[1])
      .map(([code]) => code);
  }
  return Object.keys(object(category.label));
}

export function tableMetaOf(doc: unknown): TableMeta {
  const json = object(doc);
  const extension = object(json.extension);
  const px = object(extension.px);
  const role = object(json.role);
  const roleOf = (code: string): VariableMeta["role"] => {
    for (const r of ["time", "geo", "metric"] as const) if (strings(role[r]).includes(code)) return r;
    return "other";
  };
  const dimensions = object(json.dimension);
  const variables = strings(json.id).map((code): VariableMeta => {
    const d = object(dimensions[code]);
    const category = object(d.category);
    const labels = object(category.label);
    const categoryNotes = object(category.note);
    const dext = object(d.extension);
    const categoryMandatory = object(dext.categoryNoteMandatory);
    const codelists = Array.isArray(dext.codelists) ? dext.codelists.map(object) : [];
    const eliminationValueCode = string(dext.eliminationValueCode);
    return {
      code,
      label: string(d.label, code),
      role: roleOf(code),
      elimination: dext.elimination === true,
      ...(eliminationValueCode ? { eliminationValueCode } : {}),
      values: categoryCodes(category).map((c) => ({
        code: c,
        label: string(labels[c], c),
        notes: notesOf(categoryNotes[c], categoryMandatory[c]),
      })),
      codelists: codelists.map((c) => ({
        id: string(c.id),
        label: string(c.label, string(c.id)),
        type: c.type === "Aggregation" ? "Aggregation" : "Valueset",
      })),
      notes: notesOf(d.note, dext.noteMandatory),
    };
  });
  const notes = notesOf(json.note, extension.noteMandatory);
  return {
    id: string(extension.id, string(px.tableid)),
    label: string(json.label),
    source: string(json.source),
    updated: string(json.updated),
    units: string(extension.units),
    decimals: typeof extension.decimals === "number" ? extension.decimals : 0,
    languages: strings(extension.languages),
    notes,
    variables,
    heading: strings(px.heading),
    stub: strings(px.stub),
    illustrative: extension.illustrative === true,
  };
}
