/**
 * Long CSV: one row per cell, columns named by the table's dimension codes (`templateCsv` writes them; the cube's
 * own long CSV download is read too). Columns:
 * - `table` (id `T1_2`, number `1.2` or title), optional: without it the file's name (`T1_2_KAZ.csv`) or its
 *   columns and contents code tell the table;
 * - `reporter` (optional: the submission's country), `year`, the table's own dimension (`cob`, `citstatus`, …),
 *   `sex`, `age`, `ContentsCode` (optional): each a code, a label in English or Russian, or for countries an ISO
 *   alpha-2 or numeric code;
 * - `value` (a number with optional flag letters, or a symbol), `status` (a symbol, as the cube's CSV writes it)
 *   and `flags` (letters), the last two optional;
 * - label columns (`cob_label`, `cob_label_en`, `cob_label_ru`, `cob_en`, …) are there for people and not read.
 * Rows may come in any order and any subset; an empty value leaves the cell `..`.
 */

import { dimensionCodes, TABLE_IDS, type TableId, tableDecl } from "../tables.ts";
import { parseCell } from "./cell.ts";
import { count, placeText } from "./problems.ts";
import {
  countryIndex,
  isYear,
  resolveTable,
  type TableSlice,
  tableShape,
  type UploadState,
  yearProblem,
} from "./slice.ts";
import { type CsvRecord, csvRecords, type Delimiter, decodeText, detectDelimiter, type RecordProblem } from "./text.ts";
import type { UploadFile } from "./types.ts";

/** A longer record is not a row of this format (the longest country name with labels is under 300 characters). */
export const MAX_RECORD_LENGTH = 65_536;

const LABEL_COLUMN = /(_label(_en|_ru)?|_en|_ru)$/;
const KNOWN_COLUMNS = new Set([
  "table",
  "value",
  "status",
  "flags",
  ...TABLE_IDS.flatMap((id) => dimensionCodes(id).map((c) => c.toLowerCase())),
]);

function isProblem(r: CsvRecord | RecordProblem): r is RecordProblem {
  return "kind" in r;
}

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The table a file's name names (`T1_2_KAZ.csv`, `table-5.1.csv`), if exactly one. */
export function tableOfFileName(name: string): TableId | undefined {
  const found = new Set<TableId>();
  for (const m of name.matchAll(/(?:^|[^a-z0-9])t?(\d(?:[._]\d)?)(?=$|[^0-9])/gi)) {
    const id = resolveTable((m[1] as string).replace("_", "."));
    if (id) found.add(id);
  }
  for (const m of name.matchAll(/T\d(?:_\d)?/gi)) {
    const id = resolveTable(m[0].toUpperCase());
    if (id) found.add(id);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

export function readLongCsv(file: UploadFile, state: UploadState): void {
  const { problems, limits } = state;
  const name = file.name;
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) {
    problems.add("error", "file.encoding", name, { line: decoded.line }, decoded.message);
    return;
  }
  let text = decoded.text;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (decoded.encoding === "windows-1251") {
    problems.add(
      "warning",
      "file.encoding",
      name,
      {},
      {
        en: "the file is not UTF-8; it was read as windows-1251 (Cyrillic): check the labels",
        ru: "файл не в UTF-8; он прочитан как windows-1251 (кириллица): проверьте подписи",
      },
    );
  }

  // Excel's `sep=;` line, then the header.
  let start = 0;
  let line = 1;
  let delimiter: Delimiter;
  const sep = /^sep=([,;\t])\r?\n/.exec(text.slice(0, 8));
  if (sep) {
    delimiter = sep[1] as Delimiter;
    start = sep[0].length;
    line = 2;
  } else {
    const end = text.indexOf("\n");
    delimiter = detectDelimiter(text.slice(0, Math.min(end === -1 ? text.length : end, MAX_RECORD_LENGTH)));
  }
  const records = csvRecords(text, delimiter, MAX_RECORD_LENGTH, start, line);
  const tooLong = (r: RecordProblem) => {
    if (r.kind === "too-long") {
      problems.add(
        "error",
        "limit.line",
        name,
        { line: r.line },
        {
          en: `line ${r.line} is longer than ${count(MAX_RECORD_LENGTH).en} characters: this is not a row of a long CSV file`,
          ru: `строка ${r.line} длиннее ${count(MAX_RECORD_LENGTH).ru} символов: это не строка файла CSV в длинном формате`,
        },
      );
    } else {
      problems.add(
        "error",
        "file.format",
        name,
        { line: r.line },
        {
          en: `the quoted field starting at line ${r.line} is never closed`,
          ru: `поле в кавычках, начатое в строке ${r.line}, не закрыто`,
        },
      );
    }
  };

  let header: CsvRecord | undefined;
  // Not a for-of: leaving one closes the generator, and the rows follow the header.
  for (let next = records.next(); !next.done; next = records.next()) {
    const r = next.value;
    if (isProblem(r)) {
      tooLong(r);
      return;
    }
    if (r.fields.some((f) => f.trim() !== "")) {
      header = r;
      break;
    }
  }
  if (!header) {
    problems.add("error", "file.empty", name, {}, { en: "the file has no rows", ru: "в файле нет строк" });
    return;
  }

  const columns = new Map<string, number>();
  header.fields.forEach((raw, k) => {
    const col = raw.trim().toLowerCase();
    if (col === "") return;
    if (columns.has(col)) {
      problems.add(
        "error",
        "column.duplicate",
        name,
        { line: header.line, column: raw.trim() },
        {
          en: `column "${shown(raw.trim())}" appears twice in the header`,
          ru: `столбец «${shown(raw.trim())}» встречается в заголовке дважды`,
        },
      );
      return;
    }
    columns.set(col, k);
    if (!KNOWN_COLUMNS.has(col) && !LABEL_COLUMN.test(col)) {
      problems.add(
        "warning",
        "column.unknown",
        name,
        { line: header.line, column: raw.trim() },
        {
          en: `column "${shown(raw.trim())}" is not a column of the template and is not read`,
          ru: `столбец «${shown(raw.trim())}» не из шаблона и не читается`,
        },
      );
    }
  });
  const headerName = (col: string) => header.fields[columns.get(col) as number]?.trim() ?? col;
  for (const required of ["year", "value"]) {
    if (!columns.has(required)) {
      problems.add(
        "error",
        "column.missing",
        name,
        { line: header.line },
        {
          en: `the header has no "${required}" column (the template's columns: table, reporter, year, the table's dimensions, sex, age, value, flags)`,
          ru: `в заголовке нет столбца «${required}» (столбцы шаблона: table, reporter, year, измерения таблицы, sex, age, value, flags)`,
        },
      );
      return;
    }
  }

  // The table of rows without a `table` column: from the file's name, else from the columns (and contents code).
  const tableColumn = columns.get("table");
  const byName = tableOfFileName(name);
  const byColumns = TABLE_IDS.filter((id) => tableDecl(id).own.every((d) => columns.has(d.code.toLowerCase())));
  const contentsColumn = columns.get("contentscode");
  const fileTable = (record: CsvRecord): TableId | undefined => {
    if (byName && byColumns.includes(byName)) return byName;
    const candidates = byColumns.filter((id) => {
      const c = contentsColumn === undefined ? "" : (record.fields[contentsColumn] ?? "").trim();
      return c === "" || tableDecl(id).content.code === c;
    });
    if (candidates.length === 1) return candidates[0];
    problems.addOnce(
      `${name}\0table`,
      "error",
      candidates.length ? "table.ambiguous" : "table.unknown",
      name,
      { line: record.line },
      () =>
        candidates.length
          ? {
              en: `the columns fit tables ${candidates.map((c) => tableDecl(c).number).join(", ")}: add a "table" column or name the table in the file name (T1_2_KAZ.csv)`,
              ru: `столбцы подходят к таблицам ${candidates.map((c) => tableDecl(c).number).join(", ")}: добавьте столбец «table» или укажите таблицу в имени файла (T1_2_KAZ.csv)`,
            }
          : {
              en: 'no standard table has these columns: add a "table" column, or use the columns of the table\'s template',
              ru: "ни у одной стандартной таблицы нет таких столбцов: добавьте столбец «table» или используйте столбцы шаблона таблицы",
            },
    );
    return undefined;
  };

  const missingFor = new Map<TableId, boolean>();
  const tableReady = (table: TableId, record: CsvRecord): boolean => {
    const known = missingFor.get(table);
    if (known !== undefined) return !known;
    const missing = tableShape(table).dimensions.filter(
      (d) => d.code !== "ContentsCode" && !columns.has(d.code.toLowerCase()),
    );
    for (const d of missing) {
      problems.add(
        "error",
        "column.missing",
        name,
        { line: record.line },
        {
          en: `table ${tableDecl(table).number} needs a "${d.code}" column (${d.label.en}), which the header does not have`,
          ru: `для таблицы ${tableDecl(table).number} нужен столбец «${d.code}» (${d.label.ru}), которого нет в заголовке`,
        },
      );
    }
    missingFor.set(table, missing.length > 0);
    return missing.length === 0;
  };

  const reporterColumn = columns.get("reporter");
  const yearColumn = columns.get("year") as number;
  const valueColumn = columns.get("value") as number;
  const statusColumn = columns.get("status");
  const flagsColumn = columns.get("flags");
  const field = (r: CsvRecord, k: number | undefined) => (k === undefined ? "" : (r.fields[k] ?? "").trim());
  let rows = 0;

  for (const r of records) {
    if (isProblem(r)) {
      tooLong(r);
      return;
    }
    if (r.fields.every((f) => f.trim() === "")) continue;
    rows++;
    if (rows > limits.maxRows) {
      problems.add(
        "error",
        "limit.rows",
        name,
        { line: r.line },
        {
          en: `the file has more than ${count(limits.maxRows).en} rows, the most one file may have; reading stopped at line ${r.line} (split it into several files)`,
          ru: `в файле больше ${count(limits.maxRows).ru} строк — больше, чем допустимо в одном файле; чтение остановлено на строке ${r.line} (разделите его на несколько файлов)`,
        },
      );
      return;
    }
    if (!state.countCells(1, name, { line: r.line })) return;

    let table: TableId | undefined;
    if (tableColumn !== undefined) {
      const t = field(r, tableColumn);
      table = resolveTable(t);
      if (!table) {
        const place = { line: r.line, column: headerName("table") };
        problems.addOnce(`${name}\0table\0${t}`, "error", "table.unknown", name, place, () => ({
          en: `"${shown(t)}" is not a standard table (${placeText(place).en}); the tables are ${TABLE_IDS.join(", ")}`,
          ru: `«${shown(t)}» — не стандартная таблица (${placeText(place).ru}); таблицы: ${TABLE_IDS.join(", ")}`,
        }));
        continue;
      }
    } else table = fileTable(r);
    if (!table || !tableReady(table, r)) continue;

    if (
      reporterColumn !== undefined &&
      !checkReporter(state, name, field(r, reporterColumn), { line: r.line, column: headerName("reporter") })
    )
      continue;

    const year = field(r, yearColumn);
    if (!isYear(year)) {
      problems.add("error", "year.invalid", name, { line: r.line, column: headerName("year") }, yearProblem(year));
      continue;
    }
    const slice = state.slice(table, { file: name });
    const offset = cellOffset(
      state,
      name,
      slice,
      (code) => {
        const k = columns.get(code.toLowerCase());
        return k === undefined ? undefined : { text: field(r, k), column: headerName(code.toLowerCase()) };
      },
      { line: r.line },
    );
    if (offset === undefined) continue;

    const valueText = field(r, valueColumn) || field(r, statusColumn);
    const cell = parseCell(valueText, field(r, flagsColumn));
    if (cell.kind === "empty") {
      if (!state.addYear(slice, year, name, { line: r.line })) return;
      continue;
    }
    if (cell.kind === "invalid") {
      problems.add("error", cell.code, name, { line: r.line, column: headerName("value") }, cell.message);
      continue;
    }
    if (!state.addYear(slice, year, name, { line: r.line })) return;
    if (!slice.put(year, offset, cell.value, cell.status, cell.flags)) duplicate(state, name, table, { line: r.line });
  }
}

/** Whether a reporter text is the submission's country; says what is wrong when not. */
export function checkReporter(
  state: UploadState,
  file: string,
  text: string,
  place: { line?: number; row?: number; sheet?: string; column?: string | number },
): boolean {
  if (text === "") return true;
  const index = countryIndex();
  const match = index.resolve(text);
  if (match?.code === state.reporter) return true;
  const key = `${file}\0${place.sheet ?? ""}\0reporter\0${text}`;
  if (match) {
    const other = index.entry(match.code);
    state.problems.addOnce(key, "error", "reporter.wrong", file, place, () => ({
      en: `the reporting country is ${match.code} (${other?.label.en}), not ${state.reporter}, the country of this submission (${placeText(place).en})`,
      ru: `страна, представившая данные, — ${match.code} (${other?.label.ru}), а не ${state.reporter}, страна этой подачи (${placeText(place).ru})`,
    }));
    return false;
  }
  state.problems.addOnce(
    key,
    "error",
    "code.unknown",
    file,
    place,
    () => ({
      en: `"${shown(text)}" is not a country code (${placeText(place).en}); the reporting country is ${state.reporter}`,
      ru: `«${shown(text)}» — не код страны (${placeText(place).ru}); страна, представившая данные, — ${state.reporter}`,
    }),
    () => index.suggest(text),
  );
  return false;
}

/**
 * A cell's offset in its year's block from the texts of its dimensions; undefined (with the problem) when a code
 * is unknown. `textOf` gives a dimension's text and column, or undefined when the file has no such column (the
 * contents code may be left out: a table has one).
 */
export function cellOffset(
  state: UploadState,
  file: string,
  slice: TableSlice,
  textOf: (code: string) => { text: string; column: string | number } | undefined,
  at: { line?: number; row?: number; sheet?: string },
): number | undefined {
  let offset = 0;
  let ok = true;
  for (const d of slice.shape.dimensions) {
    const got = textOf(d.code);
    if (!got || (got.text === "" && d.size === 1)) continue;
    const place = { ...at, column: got.column };
    const match = got.text === "" ? undefined : d.index.resolve(got.text);
    if (!match) {
      ok = false;
      const key = `${file}\0${at.sheet ?? ""}\0${slice.shape.table}\0${d.code}\0${got.text}`;
      state.problems.addOnce(
        key,
        "error",
        "code.unknown",
        file,
        place,
        () =>
          got.text === ""
            ? {
                en: `no ${d.label.en.toLowerCase()} code (${placeText(place).en})`,
                ru: `нет кода: ${d.label.ru.toLowerCase()} (${placeText(place).ru})`,
              }
            : {
                en: `"${shown(got.text)}" is not a code of ${d.label.en.toLowerCase()} in table ${tableDecl(slice.shape.table).number} (${placeText(place).en})`,
                ru: `«${shown(got.text)}» — не код измерения «${d.label.ru}» в таблице ${tableDecl(slice.shape.table).number} (${placeText(place).ru})`,
              },
        () => d.index.suggest(got.text),
      );
      continue;
    }
    if (match.via === "other-code") {
      const entry = d.index.entry(match.code);
      state.problems.addOnce(
        `${file}\0${at.sheet ?? ""}\0other\0${d.code}\0${got.text}`,
        "warning",
        "code.label",
        file,
        place,
        () => ({
          en: `"${got.text}" was read as ${match.code} (${entry?.label.en}); the template's codes are ISO alpha-3`,
          ru: `«${got.text}» прочитан как ${match.code} (${entry?.label.ru}); коды шаблона — ISO alpha-3`,
        }),
      );
    }
    offset += d.index.position(match.code) * d.stride;
  }
  return ok ? offset : undefined;
}

export function duplicate(
  state: UploadState,
  file: string,
  table: TableId,
  place: { line?: number; row?: number; sheet?: string },
): void {
  state.problems.add("error", "cell.duplicate", file, place, {
    en: `this cell of table ${tableDecl(table).number} was given before (${placeText(place).en}); each cell once`,
    ru: `эта ячейка таблицы ${tableDecl(table).number} уже была задана (${placeText(place).ru}); каждая ячейка — один раз`,
  });
}
