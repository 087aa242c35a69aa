/**
 * Excel writing: the cube's writer (codecs/xlsx-writer.ts) against exceljs's streaming writer as the cube used it
 * before (bench/xlsx-exceljs-writer.ts), both in the same run, on generated tables of 10,000 and 100,000 cells with
 * symbols and flagged cells (notes). Target: ≥ 10× faster. Before timing, both files are read back with exceljs
 * and compared cell by cell — value, number format, font, fill, alignment, note — with the merged cells, frozen
 * panes, column widths and sheets: the content must be the same.
 *
 *   npx tsx bench/xlsx.ts            # BENCH_RUNS=5 for more runs (default 3)
 */

import ExcelJS from "exceljs";
import { toXlsx } from "../packages/cube/src/codecs/xlsx.ts";
import { Flag, Status } from "../packages/cube/src/model.ts";
import { generatedTable } from "./generated.ts";
import { printTable } from "./table.ts";
import { toXlsxWithExcelJs } from "./xlsx-exceljs-writer.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** reporter × partner × sex × year with a few symbols and flags, years across. */
function table(partners: number) {
  const ds = generatedTable("XLSX", { en: "Excel benchmark", ru: "Замер Excel" }, [10, partners, 2, 20]);
  for (let i = 0; i < ds.values.length; i += 101) {
    ds.status[i] = Status.notAvailable;
    ds.values[i] = Number.NaN;
  }
  for (let i = 0; i < ds.values.length; i += 97) ds.flags[i] = Flag.provisional;
  return { ...ds, decimals: 1, source: { en: "Generated", ru: "Сгенерировано" } };
}

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

/** Every difference exceljs sees between the two workbooks (at most `max`), and the cells compared. */
async function differences(a: Uint8Array, b: Uint8Array, max = 5): Promise<{ found: string[]; cells: number }> {
  const [left, right] = await Promise.all([workbookOf(a), workbookOf(b)]);
  const found: string[] = [];
  let cells = 0;
  const differ = (what: string, x: unknown, y: unknown) => {
    const [sx, sy] = [JSON.stringify(x ?? null), JSON.stringify(y ?? null)];
    if (sx !== sy && found.length < max) found.push(`${what}: ${sx} ≠ ${sy}`);
  };
  differ(
    "sheets",
    left.worksheets.map((w) => [w.name, w.state]),
    right.worksheets.map((w) => [w.name, w.state]),
  );
  for (const sheet of left.worksheets) {
    const other = right.getWorksheet(sheet.name);
    if (!other) continue;
    differ(`${sheet.name} views`, sheet.views, other.views);
    differ(`${sheet.name} merges`, sheet.model.merges, other.model.merges);
    differ(
      `${sheet.name} widths`,
      sheet.columns?.map((c) => c.width),
      other.columns?.map((c) => c.width),
    );
    differ(`${sheet.name} rows`, sheet.rowCount, other.rowCount);
    for (let r = 1; r <= Math.max(sheet.rowCount, other.rowCount); r++) {
      const [x, y] = [sheet.getRow(r), other.getRow(r)];
      for (let c = 1; c <= Math.max(x.cellCount, y.cellCount); c++) {
        const [p, q] = [x.getCell(c), y.getCell(c)];
        cells++;
        const where = `${sheet.name}!${p.address}`;
        differ(`${where} value`, p.value, q.value);
        differ(`${where} format`, p.numFmt, q.numFmt);
        differ(`${where} font`, { b: p.font?.bold, s: p.font?.size }, { b: q.font?.bold, s: q.font?.size });
        differ(`${where} fill`, p.fill, q.fill);
        differ(`${where} alignment`, p.alignment, q.alignment);
        differ(`${where} note`, p.note, q.note);
      }
    }
  }
  return { found, cells };
}

console.log(`Excel writing — Node ${process.version}, median of ${RUNS} runs (after one untimed)`);
const rows: string[][] = [];
const failures: string[] = [];
for (const partners of [25, 250]) {
  const ds = table(partners);
  const cells = ds.values.length.toLocaleString("en");
  const options = { lang: "en", rows: ["reporter", "partner", "sex"], columns: ["year"] };
  const ours = await toXlsx(ds, options);
  const before = await toXlsxWithExcelJs(ds, options);
  const { found, cells: compared } = await differences(before, ours);
  console.log(
    `${cells} cells: ${compared.toLocaleString("en")} cells compared, ${found.length ? `DIFFERENT:\n  ${found.join("\n  ")}` : "same content"}`,
  );
  if (found.length) failures.push(`${cells} cells: the files differ`);
  /** Median wall and CPU time (this process, all threads) of the runs. */
  const time = async (write: () => Promise<Uint8Array>) => {
    await write();
    const runs: { wall: number; cpu: number }[] = [];
    for (let k = 0; k < RUNS; k++) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      await write();
      const used = process.cpuUsage(cpu);
      runs.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
    }
    const median = (pick: (r: { wall: number; cpu: number }) => number) =>
      runs.map(pick).sort((a, b) => a - b)[Math.floor(RUNS / 2)] as number;
    return { wall: median((r) => r.wall), cpu: median((r) => r.cpu) };
  };
  const baseline = await time(() => toXlsxWithExcelJs(ds, options));
  const now = await time(() => toXlsx(ds, options));
  const speedUp = baseline.wall / now.wall;
  const row = (name: string, t: { wall: number; cpu: number }, bytes: number, ratio: string) => [
    name,
    t.wall.toFixed(0),
    t.cpu.toFixed(0),
    (ds.values.length / t.wall).toFixed(0),
    String(bytes),
    ratio,
  ];
  rows.push(row(`${cells} cells, exceljs streaming writer (before)`, baseline, before.length, ""));
  rows.push(
    row(
      `${cells} cells, cube xlsx-writer`,
      now,
      ours.length,
      `${speedUp.toFixed(1)}× (CPU ${(baseline.cpu / now.cpu).toFixed(1)}×)`,
    ),
  );
  if (speedUp < 10) failures.push(`${cells} cells: ${speedUp.toFixed(1)}× faster, target ≥ 10×`);
}
console.log();
printTable(["writer", "wall ms", "CPU ms", "cells/ms", "bytes", "speed-up"], rows);
console.log(failures.length ? `\n${failures.join("\n")}` : "\nall targets met");
