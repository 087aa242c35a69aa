/**
 * The Excel template read back (`templates/layout.ts`), and any worksheet laid out like it: per sheet, the key
 * cells (`table`, `reporter`) and a codes header found by its `year` cell in the first rows; columns mapped by
 * their header codes (the table's dimensions, label columns skipped, and either the codes of the dimension across,
 * the age groups in the template, or a `value` column for a sheet in long form); rows by their code cells, in any
 * order and any subset.
 *
 * The workbook is read from its XML, not through a spreadsheet library: the zip is checked before anything is
 * unpacked (`zip.ts`), each worksheet is unpacked only when read, and its rows are met one by one, so the row and
 * cell limits stop a huge sheet early. A cell with a formula is refused with its address: its cached value may be
 * stale or missing (files written by programs other than Excel carry none), and the figures sent must be the
 * figures typed.
 */

import { TABLE_IDS, type TableId, tableDecl } from "../tables.ts";
import { CODES_SHEET, HEADER_SEARCH_ROWS, NOTES_SHEET, REPORTER_KEY, TABLE_KEY } from "../templates/layout.ts";
import { parseCell } from "./cell.ts";
import { cellOffset, checkReporter, duplicate } from "./csv.ts";
import { count, placeText } from "./problems.ts";
import {
  isYear,
  resolveTable,
  type SliceDimension,
  tableIndex,
  tableShape,
  type UploadState,
  yearProblem,
} from "./slice.ts";
import type { UploadFile } from "./types.ts";
import { attribute, decodeEntities, xmlTags } from "./xml.ts";
import { ZipArchive, ZipError } from "./zip.ts";

interface XlsxCell {
  readonly column: number;
  /** Text of the cell (a number's as written in the file). */
  readonly text: string;
  readonly isNumber: boolean;
  readonly formula: boolean;
  readonly error: boolean;
}

interface XlsxRow {
  readonly row: number;
  readonly cells: readonly XlsxCell[];
}

const utf8 = new TextDecoder("utf-8");

export function columnLetters(n: number): string {
  let s = "";
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n;
}

function sharedStrings(xml: string): string[] {
  const out: string[] = [];
  let current: string[] | undefined;
  let inText = -1;
  let phonetic = 0;
  for (const tag of xmlTags(xml)) {
    if (tag.name === "si") {
      if (tag.closing) {
        out.push((current ?? []).join(""));
        current = undefined;
      } else if (tag.selfClosing) out.push("");
      else current = [];
    } else if (tag.name === "rPh") {
      if (!tag.selfClosing) phonetic += tag.closing ? -1 : 1;
    } else if (tag.name === "t" && current && phonetic === 0) {
      if (tag.closing && inText !== -1) {
        current.push(decodeEntities(xml.slice(inText, tag.start)));
        inText = -1;
      } else if (!tag.closing && !tag.selfClosing) inText = tag.end;
    }
  }
  return out;
}

/** The rows of a worksheet's XML, one at a time. */
function* sheetRows(xml: string, strings: readonly string[]): Generator<XlsxRow> {
  let rowNumber = 0;
  let cells: XlsxCell[] = [];
  let column = 0;
  let type = "";
  let value: string | undefined;
  let formula = false;
  let inline: string[] | undefined;
  let textStart = -1;
  let inCell = false;
  for (const tag of xmlTags(xml)) {
    switch (tag.name) {
      case "row":
        if (tag.closing || tag.selfClosing) {
          if (tag.selfClosing) rowNumber = Number(attribute(tag, "r") ?? rowNumber + 1);
          yield { row: rowNumber, cells };
          cells = [];
          column = 0;
        } else {
          rowNumber = Number(attribute(tag, "r") ?? rowNumber + 1);
          cells = [];
          column = 0;
        }
        break;
      case "c":
        if (!tag.closing) {
          const ref = attribute(tag, "r");
          column = ref ? columnNumber(ref) : column + 1;
          type = attribute(tag, "t") ?? "n";
          value = undefined;
          formula = false;
          inline = undefined;
          inCell = !tag.selfClosing;
        }
        if (tag.closing || tag.selfClosing) {
          inCell = false;
          let text = value ?? "";
          if (type === "s") text = strings[Number(text)] ?? "";
          else if (type === "inlineStr") text = (inline ?? []).join("");
          else if (type === "b") text = text === "1" ? "TRUE" : text === "0" ? "FALSE" : text;
          if (text !== "" || formula) {
            cells.push({ column, text, isNumber: type === "n" && text !== "", formula, error: type === "e" });
          }
        }
        break;
      case "f":
        if (inCell && !tag.closing) formula = true;
        break;
      case "v":
        if (inCell) {
          if (!tag.closing && !tag.selfClosing) textStart = tag.end;
          else if (tag.closing && textStart !== -1) {
            value = decodeEntities(xml.slice(textStart, tag.start));
            textStart = -1;
          }
        }
        break;
      case "is":
        if (inCell && !tag.closing) inline = [];
        break;
      case "t":
        if (inline) {
          if (!tag.closing && !tag.selfClosing) textStart = tag.end;
          else if (tag.closing && textStart !== -1) {
            inline.push(decodeEntities(xml.slice(textStart, tag.start)));
            textStart = -1;
          }
        }
        break;
    }
  }
}

interface SheetRef {
  readonly name: string;
  readonly path: string;
  readonly hidden: boolean;
}

function workbookSheets(zip: ZipArchive): SheetRef[] {
  const workbook = zip.entry("xl/workbook.xml");
  if (!workbook)
    throw new ZipError({
      en: "the file is a zip archive but not an Excel workbook (no xl/workbook.xml)",
      ru: "файл — zip-архив, но не книга Excel (нет xl/workbook.xml)",
    });
  const relsEntry = zip.entry("xl/_rels/workbook.xml.rels");
  const targets = new Map<string, string>();
  if (relsEntry) {
    for (const tag of xmlTags(utf8.decode(zip.read(relsEntry)))) {
      if (tag.name !== "Relationship" || tag.closing) continue;
      const id = attribute(tag, "Id");
      const target = attribute(tag, "Target");
      if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target.replace(/^\.\//, "")}`);
    }
  }
  const out: SheetRef[] = [];
  for (const tag of xmlTags(utf8.decode(zip.read(workbook)))) {
    if (tag.name !== "sheet" || tag.closing) continue;
    const name = attribute(tag, "name") ?? "";
    const id = attribute(tag, "id");
    const path = id ? targets.get(id) : undefined;
    if (path) out.push({ name, path, hidden: (attribute(tag, "state") ?? "visible") !== "visible" });
  }
  return out;
}

/** What the columns of a sheet's codes header mean. */
interface SheetColumns {
  readonly year: number;
  readonly reporter?: number;
  readonly value?: number;
  readonly status?: number;
  readonly flags?: number;
  readonly dimensions: ReadonlyMap<string, number>;
  /** Value columns of the dimension across (the age groups): column → position in that dimension. */
  readonly across?: { readonly dimension: SliceDimension; readonly columns: ReadonlyMap<number, number> };
}

const LABEL_COLUMN = /(_label(_en|_ru)?|_en|_ru)$/;

export function readXlsx(file: UploadFile, state: UploadState): void {
  const { problems, limits } = state;
  const name = file.name;
  let zip: ZipArchive;
  let sheets: SheetRef[];
  let strings: string[] = [];
  try {
    zip = new ZipArchive(file.bytes, { maxUnzippedBytes: limits.maxUnzippedBytes });
    sheets = workbookSheets(zip);
    const shared = zip.entry("xl/sharedStrings.xml");
    if (shared) strings = sharedStrings(utf8.decode(zip.read(shared)));
  } catch (e) {
    if (!(e instanceof ZipError)) throw e;
    problems.add("error", e.code, name, {}, e.text);
    return;
  }
  let tablesFound = 0;
  for (const sheet of sheets) {
    if (state.stopped) return;
    // The template's own sheets besides the tables.
    if (sheet.name === NOTES_SHEET || sheet.name === CODES_SHEET) continue;
    const entry = zip.entry(sheet.path);
    if (!entry) continue;
    let xml: string;
    try {
      xml = utf8.decode(zip.read(entry));
    } catch (e) {
      if (!(e instanceof ZipError)) throw e;
      problems.add("error", "file.zip", name, { sheet: sheet.name }, e.text);
      return;
    }
    if (readSheet(name, sheet, xml, strings, state)) tablesFound++;
  }
  if (tablesFound === 0 && !state.stopped) {
    problems.add(
      "error",
      "table.unknown",
      name,
      {},
      {
        en: `no sheet of the workbook is a table of the template (a sheet named after its table, T1_1 … T7_2, with the "year" header)`,
        ru: `ни один лист книги не таблица шаблона (лист с именем таблицы, T1_1 … T7_2, и заголовком «year»)`,
      },
    );
  }
}

/** Reads one sheet into its table's slice; false when the sheet is not a table. */
function readSheet(
  file: string,
  sheet: SheetRef,
  xml: string,
  strings: readonly string[],
  state: UploadState,
): boolean {
  const { problems, limits } = state;
  const at = (row: number, column?: number) => ({
    sheet: sheet.name,
    row,
    ...(column === undefined ? {} : { column: columnLetters(column) }),
  });
  const rows = sheetRows(xml, strings);
  let tableText: { text: string; row: number; column: number } | undefined;
  let reporterText: { text: string; row: number; column: number } | undefined;
  let header: XlsxRow | undefined;
  let rowCount = 0;
  const counted = (r: XlsxRow): boolean => {
    rowCount++;
    if (rowCount > limits.maxRows) {
      problems.add("error", "limit.rows", file, at(r.row), {
        en: `sheet "${sheet.name}" has more than ${count(limits.maxRows).en} rows, the most one sheet may have; reading stopped at row ${r.row}`,
        ru: `на листе «${sheet.name}» больше ${count(limits.maxRows).ru} строк — больше допустимого для одного листа; чтение остановлено на строке ${r.row}`,
      });
      return false;
    }
    return state.countCells(Math.max(r.cells.length, 1), file, at(r.row));
  };
  for (let next = rows.next(); !next.done; next = rows.next()) {
    const r = next.value;
    if (!counted(r)) return true;
    r.cells.forEach((c, k) => {
      const key = c.text.trim().toLowerCase();
      const following = r.cells[k + 1];
      const value = following && following.column === c.column + 1 ? following : undefined;
      if (key === TABLE_KEY && value && !tableText)
        tableText = { text: value.text.trim(), row: r.row, column: value.column };
      if (key === REPORTER_KEY && value && !reporterText)
        reporterText = { text: value.text.trim(), row: r.row, column: value.column };
    });
    if (r.cells.some((c) => c.text.trim().toLowerCase() === "year")) {
      header = r;
      break;
    }
    if (rowCount >= HEADER_SEARCH_ROWS) break;
  }
  if (!header) {
    if (!sheet.hidden) {
      problems.add(
        "warning",
        "sheet.ignored",
        file,
        { sheet: sheet.name },
        {
          en: `sheet "${sheet.name}" has no codes header (a row starting with "year") in its first ${HEADER_SEARCH_ROWS} rows and is not read`,
          ru: `на листе «${sheet.name}» нет заголовка с кодами (строки, начинающейся с «year») в первых ${HEADER_SEARCH_ROWS} строках; лист не читается`,
        },
      );
    }
    return false;
  }

  const headerCells = new Map<string, number>();
  for (const c of header.cells) {
    const key = c.text.trim().toLowerCase();
    if (key && !headerCells.has(key)) headerCells.set(key, c.column);
  }
  let table: TableId | undefined;
  if (tableText) {
    table = resolveTable(tableText.text);
    if (!table) {
      const place = at(tableText.row, tableText.column);
      problems.add(
        "error",
        "table.unknown",
        file,
        place,
        {
          en: `"${tableText.text}" is not a standard table (${placeText(place).en}); the tables are ${TABLE_IDS.join(", ")}`,
          ru: `«${tableText.text}» — не стандартная таблица (${placeText(place).ru}); таблицы: ${TABLE_IDS.join(", ")}`,
        },
        tableIndex().suggest(tableText.text),
      );
      return true;
    }
  } else table = resolveTable(sheet.name);
  if (!table) {
    const fits = TABLE_IDS.filter((id) => tableDecl(id).own.every((d) => headerCells.has(d.code.toLowerCase())));
    if (fits.length === 1) table = fits[0] as TableId;
    else {
      problems.add(
        "error",
        fits.length ? "table.ambiguous" : "table.unknown",
        file,
        { sheet: sheet.name },
        {
          en: `sheet "${sheet.name}" does not say which table it is: put "table" and the table's id (T1_2) in a cell and the next one, or name the sheet after the table`,
          ru: `на листе «${sheet.name}» не указано, какая это таблица: впишите в ячейку «table», а в соседнюю — код таблицы (T1_2), или назовите лист кодом таблицы`,
        },
      );
      return true;
    }
  }
  if (reporterText && !checkReporter(state, file, reporterText.text, at(reporterText.row, reporterText.column)))
    return true;

  const tableId: TableId = table;
  const shape = tableShape(tableId);
  const columns = sheetColumns(file, sheet.name, header, shape.dimensions, state);
  if (!columns) return true;
  const slice = state.slice(tableId, { file, sheet: sheet.name });
  const yearLabels = new Set(["year", "год"]);

  for (let next = rows.next(); !next.done; next = rows.next()) {
    const r = next.value;
    if (r.cells.length === 0) continue;
    if (!counted(r)) return true;
    const byColumn = new Map(r.cells.map((c) => [c.column, c]));
    const text = (col: number | undefined) => (col === undefined ? "" : (byColumn.get(col)?.text ?? "").trim());
    const yearText = text(columns.year);
    if (yearLabels.has(yearText.toLowerCase())) continue;
    const valueColumns = columns.across ? [...columns.across.columns.keys()] : [columns.value as number];
    const given = valueColumns.filter((col) => byColumn.has(col));
    const codesEmpty = [columns.year, ...columns.dimensions.values()].every((col) => text(col) === "");
    if (codesEmpty && given.length === 0) continue;
    for (const c of r.cells) {
      if (c.formula) {
        problems.add("error", "value.formula", file, at(r.row, c.column), {
          en: `cell ${columnLetters(c.column)}${r.row} of sheet "${sheet.name}" holds a formula: type the figure itself (copy the cells, then paste values)`,
          ru: `в ячейке ${columnLetters(c.column)}${r.row} листа «${sheet.name}» формула: введите само число (скопируйте ячейки и вставьте значения)`,
        });
      }
    }
    if (r.cells.some((c) => c.formula)) continue;
    if (
      columns.reporter !== undefined &&
      !checkReporter(state, file, text(columns.reporter), at(r.row, columns.reporter))
    )
      continue;
    const year = /^\d{4}(\.0+)?$/.test(yearText) ? yearText.slice(0, 4) : yearText;
    if (!isYear(year)) {
      problems.add("error", "year.invalid", file, at(r.row, columns.year), yearProblem(yearText));
      continue;
    }
    const offset = cellOffset(
      state,
      file,
      slice,
      (code) => {
        const col = columns.dimensions.get(code);
        return col === undefined ? undefined : { text: text(col), column: columnLetters(col) };
      },
      { sheet: sheet.name, row: r.row },
    );
    if (offset === undefined) continue;
    if (!state.addYear(slice, year, file, at(r.row))) return true;
    for (const col of given) {
      const c = byColumn.get(col) as XlsxCell;
      const cellText = c.isNumber ? c.text : c.text || text(columns.status);
      const cell = c.error
        ? ({
            kind: "invalid",
            code: "value.invalid",
            message: { en: `the cell holds the error ${c.text}`, ru: `в ячейке ошибка ${c.text}` },
          } as const)
        : parseCell(cellText, text(columns.flags));
      const place = at(r.row, col);
      if (cell.kind === "empty") continue;
      if (cell.kind === "invalid") {
        problems.add("error", cell.code, file, place, {
          en: `${cell.message.en} (${placeText(place).en})`,
          ru: `${cell.message.ru} (${placeText(place).ru})`,
        });
        continue;
      }
      const across = columns.across;
      const cellAt = across ? offset + (across.columns.get(col) as number) * across.dimension.stride : offset;
      if (!slice.put(year, cellAt, cell.value, cell.status, cell.flags)) duplicate(state, file, tableId, place);
    }
  }
  return true;
}

function sheetColumns(
  file: string,
  sheet: string,
  header: XlsxRow,
  dimensions: readonly SliceDimension[],
  state: UploadState,
): SheetColumns | undefined {
  const { problems } = state;
  const byCode = new Map(dimensions.map((d) => [d.code.toLowerCase(), d]));
  const dims = new Map<string, number>();
  const loose: { column: number; text: string }[] = [];
  let year: number | undefined;
  const special: Record<string, number | undefined> = {};
  for (const c of header.cells) {
    const raw = c.text.trim();
    const key = raw.toLowerCase();
    const d = byCode.get(key);
    if (key === "year") year ??= c.column;
    else if (key === "reporter" || key === "value" || key === "status" || key === "flags") special[key] ??= c.column;
    else if (d) {
      if (!dims.has(d.code)) dims.set(d.code, c.column);
    } else if (key !== "" && !LABEL_COLUMN.test(key)) loose.push({ column: c.column, text: raw });
  }
  const missing = dimensions.filter((d) => !dims.has(d.code) && d.code !== "ContentsCode");
  let across: SheetColumns["across"];
  if (special.value === undefined) {
    const [dimension, ...more] = missing;
    if (!dimension || more.length > 0) {
      problems.add(
        "error",
        "column.missing",
        file,
        { sheet, row: header.row },
        {
          en: `the codes header of sheet "${sheet}" has neither a "value" column nor the codes of one dimension across (the age groups of the template)`,
          ru: `в заголовке листа «${sheet}» нет ни столбца «value», ни кодов одного измерения по столбцам (возрастных групп шаблона)`,
        },
      );
      return undefined;
    }
    const columns = new Map<number, number>();
    for (const l of loose) {
      const position =
        dimension.index.position(l.text) === -1
          ? dimension.index.position(dimension.index.resolve(l.text)?.code ?? "")
          : dimension.index.position(l.text);
      if (position !== -1) columns.set(l.column, position);
      else warnColumn(state, file, sheet, header.row, l);
    }
    across = { dimension, columns };
  } else {
    for (const d of missing) {
      problems.add(
        "error",
        "column.missing",
        file,
        { sheet, row: header.row },
        {
          en: `the codes header of sheet "${sheet}" has no "${d.code}" column (${d.label.en})`,
          ru: `в заголовке листа «${sheet}» нет столбца «${d.code}» (${d.label.ru})`,
        },
      );
    }
    if (missing.length > 0) return undefined;
    for (const l of loose) warnColumn(state, file, sheet, header.row, l);
  }
  return {
    year: year as number,
    ...(special.reporter === undefined ? {} : { reporter: special.reporter }),
    ...(special.value === undefined ? {} : { value: special.value }),
    ...(special.status === undefined ? {} : { status: special.status }),
    ...(special.flags === undefined ? {} : { flags: special.flags }),
    dimensions: dims,
    ...(across ? { across } : {}),
  };
}

function warnColumn(
  state: UploadState,
  file: string,
  sheet: string,
  row: number,
  l: { column: number; text: string },
): void {
  const t = l.text.length > 40 ? `${l.text.slice(0, 40)}…` : l.text;
  state.problems.add(
    "warning",
    "column.unknown",
    file,
    { sheet, row, column: columnLetters(l.column) },
    {
      en: `column ${columnLetters(l.column)} ("${t}") of sheet "${sheet}" is not a column of the table and is not read`,
      ru: `столбец ${columnLetters(l.column)} («${t}») листа «${sheet}» не из таблицы и не читается`,
    },
  );
}
