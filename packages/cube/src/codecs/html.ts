/**
 * An accessible HTML table of a dataset, as one `<table>` element to embed in a page. Every text is escaped.
 *
 * Decisions:
 * - Column headers: one header row per column dimension; a category heads all the columns under it with `colspan`,
 *   each header is `<th scope="col">`; the row dimensions' names head the row-header columns in the last header row.
 * - Row headers: an outer category spans its rows with `rowspan` rather than being repeated on every row, each
 *   `<th scope="row">`. Because not every screen reader follows spans to the cells, each data cell also names all
 *   its headers through `headers` and the headers' ids, which JAWS, NVDA and VoiceOver announce.
 * - Numbers are formatted for the language (en `12,345.6`, ru `12 345,6` with a no-break space) with the dataset's
 *   decimals; a cell without a number shows its symbol as `<abbr title="label">`; flags follow the number as `<sup>`
 *   letters, each an `<abbr>` with its label.
 * - `<tfoot>` holds the legend of the symbols and flags used, the notes and the source. The mandatory notes (PX
 *   NOTEX, the mark of illustrative figures) are also in the caption, after the title, so no reader misses them.
 */

import {
  cellCount,
  type Dataset,
  FIRST_CUSTOM_STATUS,
  FLAG_LETTERS,
  type Note,
  STANDARD_SYMBOLS,
  Status,
  strides,
  type Texts,
  textIn,
} from "../model.ts";
import { defaultLayout, type Pivot, type PivotLayout, pivot } from "../pivot.ts";

export interface HtmlTableOptions extends Partial<PivotLayout> {
  /** Language of the labels and of number formatting; default the dataset's first language. */
  readonly lang?: string;
  /** Refuse datasets of more cells than this; default 100,000. */
  readonly maxCells?: number;
  /** Start of the ids that `headers` refer to; give each table on a page its own. Default `t-` and the dataset id. */
  readonly idPrefix?: string;
}

export const DEFAULT_HTML_MAX_CELLS = 100_000;

export class HtmlTableError extends Error {}

const WORDS = {
  source: { en: "Source", ru: "Источник" },
} as const satisfies Record<string, Texts>;

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] as string);
}

/** What the parts of the table are drawn from. */
interface Context {
  readonly ds: Dataset;
  readonly lang: string;
  readonly table: Pivot;
  readonly idPrefix: string;
  /** A text in the table's language, escaped. */
  readonly text: (texts: Texts | undefined) => string;
}

export function toHtmlTable(ds: Dataset, options: HtmlTableOptions = {}): string {
  const cells = cellCount(ds.dimensions);
  const maxCells = options.maxCells ?? DEFAULT_HTML_MAX_CELLS;
  if (cells > maxCells) {
    throw new HtmlTableError(
      `the table has ${cells} cells, more than the ${maxCells} an HTML table may show: select fewer categories`,
    );
  }
  const lang = options.lang ?? ds.languages[0] ?? "en";
  const cx: Context = {
    ds,
    lang,
    table: pivot(ds, defaultLayout(ds, options)),
    // Ids go into space-separated `headers` lists, so they keep to a safe alphabet.
    idPrefix: (options.idPrefix ?? `t-${ds.id}`).replace(/[^A-Za-z0-9_-]/g, "_"),
    text: (texts) => escapeHtml(textIn(texts, lang, ds.languages)),
  };
  const units = ds.units ? ` (${cx.text(ds.units)})` : "";
  const mandatory = (ds.notes ?? [])
    .filter((n) => n.mandatory)
    .map((n) => `<p><strong>${cx.text(n.text)}</strong></p>`);
  return [
    `<table lang="${escapeHtml(lang)}">`,
    `<caption>${cx.text(ds.title)}${units}${mandatory.join("")}</caption>`,
    head(cx),
    body(cx),
    foot(cx),
    "</table>",
  ]
    .filter((part) => part !== "")
    .join("\n");
}

const spanAttribute = (name: string, n: number) => (n > 1 ? ` ${name}="${n}"` : "");

/** Ids of the column headers over column `column`, outermost first; a table without column dimensions has one. */
function columnHeaderIds(cx: Context, columnSpans: readonly number[], column: number): string[] {
  if (columnSpans.length === 0) return [`${cx.idPrefix}-c0-0`];
  return columnSpans.map((span, k) => `${cx.idPrefix}-c${k}-${Math.floor(column / span)}`);
}

function head(cx: Context): string {
  const { table } = cx;
  // A category spans as many columns (rows) as its dimension's stride among the column (row) dimensions.
  const columnSpans = strides(table.columnDimensions);
  const levels = Math.max(table.columnDimensions.length, 1);
  const rowHeaderColumns = table.rowDimensions.length;
  const rows: string[] = [];
  for (let k = 0; k < levels; k++) {
    let row = "<tr>";
    if (rowHeaderColumns > 0 && k === 0 && levels > 1) {
      row += `<td${spanAttribute("rowspan", levels - 1)}${spanAttribute("colspan", rowHeaderColumns)}></td>`;
    }
    if (k === levels - 1) {
      row += table.rowDimensions.map((d) => `<th scope="col">${cx.text(d.label)}</th>`).join("");
    }
    if (table.columnDimensions.length === 0) {
      const label = cx.ds.units ?? STANDARD_SYMBOLS[Status.value]?.label;
      row += `<th scope="col" id="${columnHeaderIds(cx, [], 0)[0]}">${cx.text(label)}</th>`;
    }
    const span = columnSpans[k] ?? 1;
    for (let c = 0; c < table.columnCount && k < columnSpans.length; c += span) {
      const category = table.columnCategories(c)[k];
      const id = columnHeaderIds(cx, columnSpans, c)[k];
      row += `<th scope="col" id="${id}"${spanAttribute("colspan", span)}>${cx.text(category?.label)}</th>`;
    }
    rows.push(`${row}</tr>`);
  }
  return `<thead>\n${rows.join("\n")}\n</thead>`;
}

function body(cx: Context): string {
  const { table, ds } = cx;
  const rowSpans = strides(table.rowDimensions);
  const columnSpans = strides(table.columnDimensions);
  const columnIds = Array.from({ length: table.columnCount }, (_, c) => columnHeaderIds(cx, columnSpans, c).join(" "));
  const cell = cellRenderer(cx);
  const rows: string[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    const categories = table.rowCategories(r);
    const rowIds = rowSpans.map((span, k) => `${cx.idPrefix}-r${k}-${Math.floor(r / span)}`);
    let row = "<tr>";
    rowSpans.forEach((span, k) => {
      // An outer category's header stands in its first row and spans the others.
      if (r % span === 0) {
        row += `<th scope="row" id="${rowIds[k]}"${spanAttribute("rowspan", span)}>${cx.text(categories[k]?.label)}</th>`;
      }
    });
    const headersOfRow = rowIds.map((id) => `${id} `).join("");
    for (let c = 0; c < table.columnCount; c++) {
      const i = table.cell(r, c);
      row += `<td headers="${headersOfRow}${columnIds[c]}">${cell(ds.status[i] as number, ds.values[i] as number, ds.flags[i] as number)}</td>`;
    }
    rows.push(`${row}</tr>`);
  }
  return `<tbody>\n${rows.join("\n")}\n</tbody>`;
}

/** A cell's status, counting a status-0 cell without a finite number as not available. */
const statusOfCell = (status: number, value: number) =>
  status === Status.value && !Number.isFinite(value) ? Status.notAvailable : status;

/** A symbol's text and label in the table's language. */
function symbolEntry(cx: Context, status: number): { symbol: string; label: string } {
  const entry = status < FIRST_CUSTOM_STATUS ? STANDARD_SYMBOLS[status] : cx.ds.symbols?.[status - FIRST_CUSTOM_STATUS];
  return { symbol: escapeHtml(entry?.symbol ?? ".."), label: cx.text(entry?.label ?? STANDARD_SYMBOLS[1]?.label) };
}

/** The inner HTML of a cell from its status, value and flags; symbol and flag markup is prepared once. */
function cellRenderer(cx: Context): (status: number, value: number, flags: number) => string {
  const digits = Math.min(Math.max(Math.trunc(cx.ds.decimals) || 0, 0), 20);
  const numbers = new Intl.NumberFormat(cx.lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const symbols = Array.from({ length: 256 }, (_, s) => {
    const { symbol, label } = symbolEntry(cx, s);
    return `<abbr title="${label}">${symbol}</abbr>`;
  });
  const flagMarks = Array.from({ length: 256 }, (_, f) =>
    FLAG_LETTERS.filter((x) => f & x.bit)
      .map((x) => `<sup><abbr title="${cx.text(x.label)}">${x.letter}</abbr></sup>`)
      .join(""),
  );
  return (status, value, flags) => {
    const shown = statusOfCell(status, value);
    return `${shown === Status.value ? numbers.format(value) : symbols[shown]}${flagMarks[flags]}`;
  };
}

/** The statuses (other than numbers) and flag bits that cells use, for the legend. */
function used(ds: Dataset): { statuses: number[]; flags: number } {
  const statuses = new Set<number>();
  let flags = 0;
  for (let i = 0; i < ds.status.length; i++) {
    const status = statusOfCell(ds.status[i] as number, ds.values[i] as number);
    if (status !== Status.value) statuses.add(status);
    flags |= ds.flags[i] as number;
  }
  return { statuses: [...statuses].sort((a, b) => a - b), flags };
}

function legend(cx: Context): string {
  const { statuses, flags } = used(cx.ds);
  const entries = [
    ...statuses.map((s) => symbolEntry(cx, s)).map(({ symbol, label }) => `<dt>${symbol}</dt><dd>${label}</dd>`),
    ...FLAG_LETTERS.filter((x) => flags & x.bit).map((x) => `<dt>${x.letter}</dt><dd>${cx.text(x.label)}</dd>`),
  ];
  return entries.length > 0 ? `<dl class="legend">${entries.join("")}</dl>` : "";
}

/** The notes on the dataset, its dimensions, categories and cells, each prefixed with what it is about. */
function notes(cx: Context): string {
  const { ds } = cx;
  const item = (about: string, note: Note) => `<li>${about ? `${about}: ` : ""}${cx.text(note.text)}</li>`;
  const items = [
    ...(ds.notes ?? []).map((n) => item("", n)),
    ...ds.dimensions.flatMap((d) => [
      ...(d.notes ?? []).map((n) => item(cx.text(d.label), n)),
      ...d.categories.flatMap((c) => (c.notes ?? []).map((n) => item(cx.text(c.label), n))),
    ]),
    ...(ds.cellNotes ?? []).map((n) => {
      const about = n.where.flatMap((code, k) => {
        const category = ds.dimensions[k]?.categories.find((c) => c.code === code);
        return code === null || !category ? [] : [cx.text(category.label)];
      });
      return item(about.join(", "), n);
    }),
  ];
  return items.length > 0 ? `<ul class="notes">${items.join("")}</ul>` : "";
}

function foot(cx: Context): string {
  const source = cx.ds.source ? `<p class="source">${cx.text(WORDS.source)}: ${cx.text(cx.ds.source)}</p>` : "";
  const content = legend(cx) + notes(cx) + source;
  if (content === "") return "";
  const width = cx.table.rowDimensions.length + cx.table.columnCount;
  return `<tfoot>\n<tr><td${spanAttribute("colspan", width)}>${content}</td></tr>\n</tfoot>`;
}
