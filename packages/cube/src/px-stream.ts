/**
 * A PX file converted to the long CSV as it is read (`openPxStream`): block by block, in memory that does not grow
 * with the file. The text is that of `toCsvLong(fromPx(readPx(bytes).file))`: each block's rows are written by the
 * same `csvLongChunks`, on a dataset made of the block's cells, and statuses and flags are mapped by the same
 * `pxMapping` as fromPx.
 *
 * A block is a run of cells in storage order; it is cut into sub-cubes (the leading dimensions at one category,
 * one dimension over a range of categories, the rest whole), each of which is a dataset `csvLongChunks` can write.
 */

import type { PxStream } from "@clearinghouse/px";
import { type CsvLongOptions, csvLongChunks, csvLongHeader } from "./codecs/csv.ts";
import type { Dataset, Dimension } from "./model.ts";
import { type FromPxOptions, type PxMapping, pxMapping } from "./px.ts";

/** A sub-cube of a run of cells: dimensions before `range` at `fixed[k]`, `range` over `[from, to)`, later whole. */
export interface SubCube {
  /** The dimension over a range of categories; -1 when every dimension is whole. */
  readonly range: number;
  readonly fixed: readonly number[];
  readonly from: number;
  readonly to: number;
  /** Offset of its first cell in the run, and its number of cells. */
  readonly offset: number;
  readonly cells: number;
}

/** Cuts cells `[first, first + length)` of a cube with these dimension sizes into sub-cubes, in order. */
export function* subCubes(sizes: readonly number[], first: number, length: number): Generator<SubCube> {
  const rank = sizes.length;
  // whole[k]: cells of dimensions k and later, all whole.
  const whole = new Array<number>(rank + 1);
  whole[rank] = 1;
  for (let k = rank - 1; k >= 0; k--) whole[k] = (whole[k + 1] as number) * (sizes[k] as number);
  const end = first + length;
  let at = first;
  while (at < end) {
    let j = rank;
    while (j > 0 && at % (whole[j - 1] as number) === 0 && at + (whole[j - 1] as number) <= end) j--;
    const range = j - 1;
    const unit = whole[j] as number;
    const fixed: number[] = [];
    for (let k = 0; k < range; k++) fixed.push(Math.floor(at / (whole[k + 1] as number)) % (sizes[k] as number));
    let from = 0;
    let to = 0;
    let cells = unit;
    if (range >= 0) {
      const size = sizes[range] as number;
      from = Math.floor(at / unit) % size;
      to = from + Math.min(Math.floor((end - at) / unit), size - from);
      cells = (to - from) * unit;
    }
    yield { range, fixed, from, to, offset: at - first, cells };
    at += cells;
  }
}

/** The dimensions of a sub-cube. */
function subDimensions(dimensions: readonly Dimension[], cube: SubCube): Dimension[] {
  return dimensions.map((d, k) => {
    if (k < cube.range)
      return { ...d, categories: [d.categories[cube.fixed[k] as number] as Dimension["categories"][number]] };
    if (k === cube.range) return { ...d, categories: d.categories.slice(cube.from, cube.to) };
    return d;
  });
}

/** A flag rule with category indices (null for any). */
interface IndexedRule {
  readonly where: readonly (number | null)[];
  readonly bits: number;
}

/** Adds the flags of the rules to the cells of a sub-cube (`flags` from its first cell). */
function applyRules(rules: readonly IndexedRule[], sizes: readonly number[], cube: SubCube, flags: Uint8Array): void {
  const rank = sizes.length;
  const local = sizes.map((size, k) => (k < cube.range ? 1 : k === cube.range ? cube.to - cube.from : size));
  for (const rule of rules) {
    let matches = true;
    const choices: number[][] = [];
    for (let k = 0; k < rank && matches; k++) {
      const want = rule.where[k] as number | null;
      if (k < cube.range) {
        matches = want === null || want === cube.fixed[k];
        choices.push([0]);
      } else if (k === cube.range) {
        matches = want === null || (want >= cube.from && want < cube.to);
        choices.push(want === null ? Array.from({ length: cube.to - cube.from }, (_, i) => i) : [want - cube.from]);
      } else {
        choices.push(want === null ? Array.from({ length: local[k] as number }, (_, i) => i) : [want]);
      }
    }
    if (!matches) continue;
    const walk = (k: number, base: number): void => {
      if (k === rank) {
        flags[base] = (flags[base] as number) | rule.bits;
        return;
      }
      for (const i of choices[k] as number[]) walk(k + 1, base * (local[k] as number) + i);
    };
    walk(0, 0);
  }
}

export interface PxCsvOptions extends CsvLongOptions, FromPxOptions {}

export interface PxCsv {
  /** The dataset's languages (to check the one asked for before writing). */
  readonly languages: readonly string[];
  /** The CSV text in chunks of about 64 KB. */
  readonly chunks: AsyncGenerator<string>;
}

/**
 * The long CSV of a streamed PX file whose metadata was read (`stream.header` defined). The diagnostics are the
 * stream's: check `stream.hasErrors` at the end, as `readPx` gives no file when they have errors.
 */
export function pxStreamToCsvLong(stream: PxStream, options: PxCsvOptions = {}): PxCsv {
  const header = stream.header;
  if (!header) throw new Error("the PX file's metadata was refused: there is nothing to convert");
  const mapping = pxMapping(header, options);
  return { languages: mapping.head.languages, chunks: csvChunks(stream, mapping, options) };
}

async function* csvChunks(stream: PxStream, mapping: PxMapping, options: PxCsvOptions): AsyncGenerator<string> {
  const dimensions = mapping.head.dimensions;
  const sizes = dimensions.map((d) => d.categories.length);
  const base: Dataset = mapping.dataset(new Float64Array(0), new Uint8Array(0), new Uint8Array(0));
  const rules: IndexedRule[] = [];
  for (const rule of mapping.flagRules) {
    const where = rule.where.map((code, k) =>
      code === null ? null : (dimensions[k]?.categories.findIndex((c) => c.code === code) ?? -1),
    );
    if (!where.includes(-1)) rules.push({ where, bits: rule.bits });
  }
  const rowOptions = { ...options, header: false };
  yield csvLongHeader(base, options);
  let status = new Uint8Array(0);
  let flags = new Uint8Array(0);
  for await (const block of stream.blocks()) {
    if (status.length < block.length) {
      status = new Uint8Array(block.length);
      flags = new Uint8Array(block.length);
    }
    for (let i = 0; i < block.length; i++) status[i] = mapping.status(block.status[i] as number, block.extraSymbols);
    for (const cube of subCubes(sizes, block.first, block.length)) {
      const end = cube.offset + cube.cells;
      const cubeFlags = flags.subarray(cube.offset, end);
      cubeFlags.fill(0);
      if (rules.length > 0) applyRules(rules, sizes, cube, cubeFlags);
      const ds: Dataset = {
        ...base,
        dimensions: subDimensions(dimensions, cube),
        values: block.data.subarray(cube.offset, end),
        status: status.subarray(cube.offset, end),
        flags: cubeFlags,
        symbols: mapping.symbols,
      };
      yield* csvLongChunks(ds, rowOptions);
    }
  }
}
