/**
 * PX files (through `@clearinghouse/px` and the cube's `fromPx`): the PX template read back, and any PX file of a
 * standard table. The table comes from MATRIX (`T1_2`), else the title, else the file's name; each variable is
 * mapped onto a dimension of the table by its code (VARIABLECODE or name) or its name in any of the file's
 * languages, each value by its code or its text in any language (`CodeIndex`). A variable the table does not have
 * is refused unless it has one value; a dimension the file does not have is the submission's country (reporter),
 * the table's one contents value, or the total (`_T`) of sex, age or the breakdown, said in a warning.
 *
 * In a PX file every cell is written, so `..` means "not given" here: it leaves the cell as it is (a cell another
 * file gave keeps its value). Any other symbol or a number is a cell given.
 */

import { type Dataset, datasetProblems, fromPx, Status, symbolOf, textIn } from "@clearinghouse/cube";
import { diagnosticMessage, readPx } from "@clearinghouse/px";
import { CONTENTS_DIMENSION, REPORTER_DIMENSION, type TableId, TOTAL, tableDecl, YEAR_DIMENSION } from "../tables.ts";
import { tableOfFileName } from "./csv.ts";
import { CodeIndex } from "./match.ts";
import { count } from "./problems.ts";
import { countryIndex, isYear, resolveTable, tableShape, type UploadState, yearProblem } from "./slice.ts";
import type { UploadFile } from "./types.ts";

function shown(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** For each of the file's dimensions: where its values go (or -1: cells with that value are skipped). */
interface Mapping {
  readonly kind: "reporter" | "year" | "cell" | "ignored";
  /** Per file value: its position in the target dimension (cell) or in `years` (year); -1 skips. */
  readonly positions: Int32Array;
  readonly stride: number;
}

export function readPxUpload(file: UploadFile, state: UploadState): void {
  const { problems, limits } = state;
  const name = file.name;
  const result = readPx(file.bytes, { maxCells: limits.maxCells });
  for (const d of result.diagnostics) {
    if (d.code === "PX040") {
      problems.add(
        "error",
        "limit.cells",
        name,
        { line: d.line, keyword: d.keyword ?? "DATA" },
        {
          en: `the PX file declares more than ${count(limits.maxCells).en} cells, the most an upload may have; it was not read`,
          ru: `в файле PX объявлено больше ${count(limits.maxCells).ru} ячеек — больше допустимого для загрузки; файл не прочитан`,
        },
      );
      return;
    }
    problems.add(
      d.severity,
      "file.px",
      name,
      { line: d.line, ...(d.keyword ? { keyword: d.keyword } : {}) },
      {
        en: `${d.message} (line ${d.line})`,
        ru: `${diagnosticMessage(d.code, d.params, "ru")} (строка ${d.line})`,
      },
    );
  }
  if (!result.file) return;
  const ds = fromPx(result.file);
  if (datasetProblems(ds).length > 0) {
    problems.add(
      "error",
      "file.px",
      name,
      {},
      {
        en: `the PX file's variables are not a table: ${datasetProblems(ds)[0]}`,
        ru: `переменные файла PX не образуют таблицу: ${datasetProblems(ds)[0]}`,
      },
    );
    return;
  }
  if (!state.countCells(ds.values.length, name, { keyword: "DATA" })) return;

  const table =
    resolveTable(ds.id) ??
    ds.languages.map((l) => resolveTable(ds.title[l] ?? "")).find((t) => t !== undefined) ??
    tableOfFileName(name);
  if (!table) {
    problems.add(
      "error",
      "table.unknown",
      name,
      { keyword: "MATRIX" },
      {
        en: `MATRIX "${shown(ds.id)}" and the title do not name a standard table: MATRIX should be the table's id (T1_1 … T7_2)`,
        ru: `MATRIX «${shown(ds.id)}» и заголовок не называют стандартную таблицу: MATRIX должен быть кодом таблицы (T1_1 … T7_2)`,
      },
    );
    return;
  }
  readPxTable(name, ds, table, state);
}

function readPxTable(name: string, ds: Dataset, table: TableId, state: UploadState): void {
  const { problems } = state;
  const shape = tableShape(table);
  const number = tableDecl(table).number;
  const targets = [
    { code: REPORTER_DIMENSION.code, label: REPORTER_DIMENSION.label },
    { code: YEAR_DIMENSION.code, label: YEAR_DIMENSION.label },
    ...shape.dimensions.map((d) => ({ code: d.code, label: d.label })),
  ];
  const dimensionIndex = new CodeIndex(targets);
  const lang = ds.languages[0] ?? "en";
  const mapped = new Set<string>();
  const years: string[] = [];
  const mappings: Mapping[] = [];
  let ok = true;
  let stride = 1;
  const fileStrides = ds.dimensions.map(() => 0);
  for (let k = ds.dimensions.length - 1; k >= 0; k--) {
    fileStrides[k] = stride;
    stride *= ds.dimensions[k]?.categories.length ?? 1;
  }

  ds.dimensions.forEach((d) => {
    const keyword = `VALUES("${textIn(d.label, lang)}")`;
    const target =
      dimensionIndex.resolve(d.code)?.code ??
      ds.languages.map((l) => dimensionIndex.resolve(d.label[l] ?? "")?.code).find((c) => c !== undefined);
    const positions = new Int32Array(d.categories.length).fill(-1);
    if (!target || mapped.has(target)) {
      if (d.categories.length === 1) {
        mappings.push({ kind: "ignored", positions: positions.fill(0), stride: 0 });
        return;
      }
      ok = false;
      problems.add(
        "error",
        "dimension.unknown",
        name,
        { keyword: "STUB" },
        {
          en: `variable "${shown(textIn(d.label, lang))}" is not a dimension of table ${number}${target ? " (or it appears twice)" : ""}`,
          ru: `переменная «${shown(textIn(d.label, "ru", ds.languages))}» — не измерение таблицы ${number}${target ? " (или встречается дважды)" : ""}`,
        },
        dimensionIndex.suggest(textIn(d.label, lang)),
      );
      mappings.push({ kind: "ignored", positions, stride: 0 });
      return;
    }
    mapped.add(target);
    if (target === REPORTER_DIMENSION.code) {
      d.categories.forEach((c, i) => {
        const texts = [c.code, ...ds.languages.map((l) => c.label[l] ?? "")];
        const match = texts.map((t) => countryIndex().resolve(t)?.code).find((x) => x !== undefined);
        if (match === state.reporter) positions[i] = 0;
        else if (d.categories.length === 1 || match === undefined) {
          // Only an unknown code or a file of another country is a problem; other reporters' rows are skipped
          // with one error naming them.
          problems.addOnce(
            `${name}\0px-reporter\0${c.code}`,
            "error",
            match ? "reporter.wrong" : "code.unknown",
            name,
            { keyword },
            () => ({
              en: `reporting country "${shown(c.code)}" is not ${state.reporter}, the country of this submission; its cells are not read`,
              ru: `страна «${shown(c.code)}» — не ${state.reporter}, страна этой подачи; её ячейки не читаются`,
            }),
          );
        } else {
          problems.addOnce(`${name}\0px-reporter\0${c.code}`, "error", "reporter.wrong", name, { keyword }, () => ({
            en: `the file has cells of ${match} as well: a submission holds only ${state.reporter}'s figures; they are not read`,
            ru: `в файле есть и ячейки ${match}: подача содержит только данные ${state.reporter}; они не читаются`,
          }));
        }
      });
      mappings.push({ kind: "reporter", positions, stride: 0 });
      return;
    }
    if (target === YEAR_DIMENSION.code) {
      d.categories.forEach((c, i) => {
        const y = c.code.trim();
        if (!isYear(y)) {
          ok = false;
          problems.add("error", "year.invalid", name, { keyword }, yearProblem(y));
          return;
        }
        positions[i] = years.length;
        years.push(y);
      });
      mappings.push({ kind: "year", positions, stride: 0 });
      return;
    }
    const dim = shape.dimensions.find((x) => x.code === target);
    if (!dim) return;
    d.categories.forEach((c, i) => {
      const texts = [c.code, ...ds.languages.map((l) => c.label[l] ?? "")];
      const match =
        texts.map((t) => dim.index.resolve(t)).find((m) => m !== undefined && m.via !== "other-code") ??
        texts.map((t) => dim.index.resolve(t)).find((m) => m !== undefined);
      if (!match) {
        ok = false;
        problems.add(
          "error",
          "code.unknown",
          name,
          { keyword },
          {
            en: `value "${shown(c.code)}" (${shown(textIn(c.label, lang))}) of variable "${shown(textIn(d.label, lang))}" is not a code of ${dim.label.en.toLowerCase()} in table ${number}`,
            ru: `значение «${shown(c.code)}» (${shown(textIn(c.label, "ru", ds.languages))}) переменной «${shown(textIn(d.label, "ru", ds.languages))}» — не код измерения «${dim.label.ru}» в таблице ${number}`,
          },
          dim.index.suggest(textIn(c.label, lang) || c.code),
        );
        return;
      }
      positions[i] = dim.index.position(match.code);
    });
    mappings.push({ kind: "cell", positions, stride: dim.stride });
  });

  // A dimension the file leaves out: the submission's country, the one contents value, or the total.
  let baseOffset = 0;
  if (!mapped.has(YEAR_DIMENSION.code)) {
    problems.add(
      "error",
      "dimension.missing",
      name,
      { keyword: "STUB" },
      {
        en: `the file has no year variable; table ${number} is by year`,
        ru: `в файле нет переменной года; таблица ${number} — по годам`,
      },
    );
    return;
  }
  for (const d of shape.dimensions) {
    if (mapped.has(d.code) || d.code === CONTENTS_DIMENSION.code) continue;
    problems.add(
      "warning",
      "dimension.missing",
      name,
      { keyword: "STUB" },
      {
        en: `the file has no variable for ${d.label.en.toLowerCase()}: its figures were read as the total`,
        ru: `в файле нет переменной «${d.label.ru}»: данные прочитаны как итог («Всего»)`,
      },
    );
    baseOffset += d.index.position(TOTAL) * d.stride;
  }
  if (!ok) return;

  const slice = state.slice(table, { file: name });
  for (const y of years) if (!state.addYear(slice, y, name, { keyword: "DATA" })) return;
  const n = ds.values.length;
  const dims = ds.dimensions.length;
  const index = new Int32Array(dims);
  const unknownSymbols = new Set<string>();
  for (let cell = 0; cell < n; cell++) {
    if (cell > 0) {
      for (let k = dims - 1; k >= 0; k--) {
        index[k] = (index[k] as number) + 1;
        if ((index[k] as number) < (ds.dimensions[k]?.categories.length ?? 1)) break;
        index[k] = 0;
      }
    }
    const status = ds.status[cell] as number;
    const flags = ds.flags[cell] as number;
    if (status === Status.notAvailable && flags === 0) continue;
    let offset = baseOffset;
    let year = "";
    let skip = false;
    for (let k = 0; k < dims; k++) {
      const m = mappings[k] as Mapping;
      const p = m.positions[index[k] as number] as number;
      if (p === -1) {
        skip = true;
        break;
      }
      if (m.kind === "year") year = years[p] as string;
      else if (m.kind === "cell") offset += p * m.stride;
    }
    if (skip) continue;
    if (status > Status.confidential) {
      const symbol = symbolOf(ds, status);
      if (!unknownSymbols.has(symbol)) {
        unknownSymbols.add(symbol);
        problems.add(
          "error",
          "value.invalid",
          name,
          { keyword: "DATA" },
          {
            en: `symbol "${shown(symbol)}" is not one of the clearinghouse's (.. not available, - nil, x confidential)`,
            ru: `символ «${shown(symbol)}» не из принятых (.. нет данных, - явление отсутствует, x конфиденциально)`,
          },
        );
      }
      continue;
    }
    if (!slice.put(year, offset, ds.values[cell] as number, status, flags)) {
      problems.addOnce(`${name}\0px-duplicate`, "error", "cell.duplicate", name, { keyword: "DATA" }, () => ({
        en: `cells of table ${number} are given twice (two values of a variable mean the same code, or another file gave them)`,
        ru: `ячейки таблицы ${number} заданы дважды (два значения переменной означают один код, или их задал другой файл)`,
      }));
    }
  }
}
