/**
 * How a table version's cells are cut into tiles (docs/decisions/0018-chunked-versions.md): each dimension is split
 * into blocks of `shape[d]` consecutive categories, and a tile is one block of every dimension, its cells in
 * row-major order inside it. A query then reads only the tiles its selection touches, so its cost follows the size
 * of the answer, not of the table. Pure arithmetic, no I/O: repository.ts stores and reads the tiles.
 */

/** Cells of a tile at most: 32,768 cells are 320 KB (numbers, statuses, flags) on their way through the driver. */
export const TILE_CELLS = 32_768;

/**
 * Cells a writer holds at most before the tiles it has filled can be written (the open row of tiles, see
 * tileShape): what an import keeps in memory whatever the table's size.
 */
export const SLAB_CELLS = 2_097_152;

/**
 * The block length of each dimension: balanced (the longest block halved until a tile holds at most `tileCells`),
 * then, for writing in cell order, the leading blocks narrowed until one row of tiles — the tiles a writer fills at
 * once — holds at most `slabCells`.
 */
export function tileShape(sizes: readonly number[], tileCells = TILE_CELLS, slabCells = SLAB_CELLS): number[] {
  const shape = sizes.map((n) => Math.max(1, n));
  const cells = () => shape.reduce((p, b) => p * b, 1);
  while (cells() > tileCells) {
    let longest = 0;
    for (let d = 1; d < shape.length; d++) if ((shape[d] as number) >= (shape[longest] as number)) longest = d;
    shape[longest] = Math.ceil((shape[longest] as number) / 2);
  }
  // Cells in order sweep every dimension after the first whose block is longer than 1: the tiles of that block
  // (all of the later dimensions) fill together.
  for (let d = 0; d < shape.length; d++) {
    const after = sizes.slice(d + 1).reduce((p, n) => p * Math.max(1, n), 1);
    if ((shape[d] as number) * after <= slabCells) break;
    shape[d] = Math.max(1, Math.min(shape[d] as number, Math.floor(slabCells / after)));
    if ((shape[d] as number) > 1) break;
  }
  return shape;
}

/** Tiles along each dimension. */
export function tileCounts(sizes: readonly number[], shape: readonly number[]): number[] {
  return sizes.map((n, d) => Math.ceil(Math.max(1, n) / (shape[d] as number)));
}

/** The extent of tile `index` (its position in the grid of tiles, row-major) along each dimension. */
export function tileExtent(
  sizes: readonly number[],
  shape: readonly number[],
  index: number,
): { readonly start: number[]; readonly length: number[] } {
  const counts = tileCounts(sizes, shape);
  const start = new Array<number>(sizes.length);
  const length = new Array<number>(sizes.length);
  let rest = index;
  for (let d = sizes.length - 1; d >= 0; d--) {
    const block = rest % (counts[d] as number);
    rest = Math.floor(rest / (counts[d] as number));
    start[d] = block * (shape[d] as number);
    length[d] = Math.min(shape[d] as number, Math.max(1, sizes[d] as number) - (start[d] as number));
  }
  return { start, length };
}

export function tileCount(sizes: readonly number[], shape: readonly number[]): number {
  return tileCounts(sizes, shape).reduce((p, n) => p * n, 1);
}

/** Row-major strides of a box of these lengths. */
function stridesOf(lengths: readonly number[]): number[] {
  const out = new Array<number>(lengths.length);
  let stride = 1;
  for (let d = lengths.length - 1; d >= 0; d--) {
    out[d] = stride;
    stride *= lengths[d] as number;
  }
  return out;
}

/** Cells of a version or of a selection's footprint: numbers, status and flags, parallel. */
export interface Cells {
  readonly values: Float64Array;
  readonly status: Uint8Array;
  readonly flags: Uint8Array;
}

/**
 * The part of a footprint (sorted source category positions per dimension) that falls in each tile it touches: per
 * tile, for each dimension, the footprint's positions in that block (`at`, into the footprint) and their offsets
 * inside the tile (`inside`).
 */
export interface TouchedTile {
  readonly index: number;
  readonly at: readonly (readonly number[])[];
  readonly inside: readonly (readonly number[])[];
  /** The tile's extent along each dimension (the last tiles may be shorter than the shape). */
  readonly length: readonly number[];
}

export function touchedTiles(
  sizes: readonly number[],
  shape: readonly number[],
  footprint: readonly (readonly number[])[],
): TouchedTile[] {
  const counts = tileCounts(sizes, shape);
  // Per dimension: block → the footprint positions in it.
  const blocks = footprint.map((positions, d) => {
    const b = shape[d] as number;
    const byBlock = new Map<number, { at: number[]; inside: number[] }>();
    positions.forEach((source, k) => {
      const block = Math.floor(source / b);
      let entry = byBlock.get(block);
      if (!entry) {
        entry = { at: [], inside: [] };
        byBlock.set(block, entry);
      }
      entry.at.push(k);
      entry.inside.push(source - block * b);
    });
    return [...byBlock.entries()];
  });
  const out: TouchedTile[] = [];
  const D = sizes.length;
  const pick = new Array<number>(D).fill(0);
  const visit = (d: number) => {
    if (d === D) {
      let index = 0;
      const at: number[][] = [];
      const inside: number[][] = [];
      const length: number[] = [];
      for (let k = 0; k < D; k++) {
        const [block, entry] = (blocks[k] as [number, { at: number[]; inside: number[] }][])[pick[k] as number] as [
          number,
          { at: number[]; inside: number[] },
        ];
        index = index * (counts[k] as number) + block;
        at.push(entry.at);
        inside.push(entry.inside);
        length.push(Math.min(shape[k] as number, Math.max(1, sizes[k] as number) - block * (shape[k] as number)));
      }
      out.push({ index, at, inside, length });
      return;
    }
    for (let g = 0; g < (blocks[d] as unknown[]).length; g++) {
      pick[d] = g;
      visit(d + 1);
    }
  };
  if (D === 0) return [{ index: 0, at: [], inside: [], length: [] }];
  if (footprint.every((p) => p.length > 0)) visit(0);
  return out;
}

/**
 * Copies the cells of one tile that the footprint selects into `target`, a box of the footprint's lengths in
 * row-major order.
 */
export function copyFromTile(tile: Cells, touched: TouchedTile, footprintLengths: readonly number[], target: Cells) {
  const D = footprintLengths.length;
  if (D === 0) {
    target.values[0] = tile.values[0] as number;
    target.status[0] = tile.status[0] as number;
    target.flags[0] = tile.flags[0] as number;
    return;
  }
  const inStride = stridesOf(touched.length);
  const outStride = stridesOf(footprintLengths);
  const copy = (d: number, from: number, to: number) => {
    const at = touched.at[d] as readonly number[];
    const inside = touched.inside[d] as readonly number[];
    const si = inStride[d] as number;
    const so = outStride[d] as number;
    if (d === D - 1) {
      for (let k = 0; k < at.length; k++) {
        const src = from + (inside[k] as number) * si;
        const dst = to + (at[k] as number) * so;
        target.values[dst] = tile.values[src] as number;
        target.status[dst] = tile.status[src] as number;
        target.flags[dst] = tile.flags[src] as number;
      }
      return;
    }
    for (let k = 0; k < at.length; k++) copy(d + 1, from + (inside[k] as number) * si, to + (at[k] as number) * so);
  };
  copy(0, 0, 0);
}

/** The whole footprint of a tile: every position of every dimension (for reading whole cubes). */
export function wholeTile(sizes: readonly number[], shape: readonly number[], index: number): TouchedTile {
  const { start, length } = tileExtent(sizes, shape, index);
  const range = (n: number, from = 0) => Array.from({ length: n }, (_, k) => from + k);
  return {
    index,
    at: length.map((n, d) => range(n, start[d] as number)),
    inside: length.map((n) => range(n)),
    length,
  };
}

/**
 * Cuts cells arriving in row-major order (any run lengths) into tiles, handing each to `write` once it is full;
 * holds at most one row of tiles (SLAB_CELLS for tileShape's shapes).
 */
export class TileCutter {
  private readonly sizes: readonly number[];
  private readonly shape: readonly number[];
  private readonly counts: number[];
  private readonly sliceCells: number;
  /** The open row of tiles: cells of `shape[k]` categories of the first dimension k whose block is longer than 1. */
  private readonly buffer: Cells;
  private readonly lead: number;
  private readonly rowCells: number;
  private filled = 0;
  private row = 0;
  private written = 0;

  constructor(
    sizes: readonly number[],
    shape: readonly number[],
    private readonly write: (index: number, tile: Cells) => Promise<void>,
  ) {
    // A cube without dimensions is one cell: cut as a line of one.
    this.sizes = sizes.length ? sizes : [1];
    this.shape = sizes.length ? shape : [1];
    this.counts = tileCounts(this.sizes, this.shape);
    // Dimensions before `lead` have blocks of 1: a row of tiles is one block of `lead` and everything after it.
    let lead = this.shape.findIndex((b) => b > 1);
    if (lead === -1) lead = this.sizes.length - 1;
    this.lead = lead;
    this.sliceCells = this.sizes.slice(lead + 1).reduce((p, n) => p * Math.max(1, n), 1);
    this.rowCells = (this.shape[lead] as number) * this.sliceCells;
    this.buffer = {
      values: new Float64Array(this.rowCells),
      status: new Uint8Array(this.rowCells),
      flags: new Uint8Array(this.rowCells),
    };
  }

  /** Tiles written so far. */
  get tiles(): number {
    return this.written;
  }

  /** Takes the next cells in order. */
  async push(cells: Cells): Promise<void> {
    let from = 0;
    const n = cells.values.length;
    while (from < n) {
      const take = Math.min(n - from, this.currentRowCells() - this.filled);
      this.buffer.values.set(cells.values.subarray(from, from + take), this.filled);
      this.buffer.status.set(cells.status.subarray(from, from + take), this.filled);
      this.buffer.flags.set(cells.flags.subarray(from, from + take), this.filled);
      this.filled += take;
      from += take;
      if (this.filled === this.currentRowCells()) await this.flushRow();
    }
  }

  /** Cells of the row being filled: the last block of the lead dimension may be shorter. */
  private currentRowCells(): number {
    const n = Math.max(1, this.sizes[this.lead] ?? 1);
    const b = this.shape[this.lead] ?? 1;
    const blockInLead = this.row % (this.counts[this.lead] as number);
    return Math.min(b, n - blockInLead * b) * this.sliceCells;
  }

  /** Whether every cell arrived (the last row flushed). */
  get done(): boolean {
    return this.written === tileCount(this.sizes, this.shape);
  }

  private async flushRow(): Promise<void> {
    const D = this.sizes.length;
    const lead = this.lead;
    const blockInLead = this.row % (this.counts[lead] as number);
    // The row's box: one category of each dimension before lead, a block of lead, all of the rest.
    const rowSizes = this.sizes.map((n, d) =>
      d < lead
        ? 1
        : d === lead
          ? Math.min(this.shape[d] as number, Math.max(1, n) - blockInLead * (this.shape[d] as number))
          : Math.max(1, n),
    );
    const rowShape = this.shape.map((b, d) => (d < lead ? 1 : b));
    // The row's tile index in the whole grid: the row number gives the blocks of dimensions up to lead.
    const tilesAfter = this.counts.slice(lead + 1).reduce((p, n) => p * n, 1);
    const rowTiles = tileCount(rowSizes, rowShape);
    const source: Cells = {
      values: this.buffer.values.subarray(0, this.filled),
      status: this.buffer.status.subarray(0, this.filled),
      flags: this.buffer.flags.subarray(0, this.filled),
    };
    for (let t = 0; t < rowTiles; t++) {
      const part = wholeTile(rowSizes, rowShape, t);
      const cells = part.length.reduce((p, n) => p * n, 1);
      const tile: Cells = {
        values: new Float64Array(cells),
        status: new Uint8Array(cells),
        flags: new Uint8Array(cells),
      };
      // Gather the tile out of the row: the inverse of copyFromTile.
      const inStride = stridesOf(rowSizes);
      const outStride = stridesOf(part.length);
      const gather = (d: number, from: number, to: number) => {
        const start = part.at[d]?.[0] ?? 0;
        const len = part.length[d] as number;
        if (d === D - 1) {
          const src = from + start;
          tile.values.set(source.values.subarray(src, src + len), to);
          tile.status.set(source.status.subarray(src, src + len), to);
          tile.flags.set(source.flags.subarray(src, src + len), to);
          return;
        }
        for (let k = 0; k < len; k++)
          gather(d + 1, from + (start + k) * (inStride[d] as number), to + k * (outStride[d] as number));
      };
      gather(0, 0, 0);
      await this.write(this.row * tilesAfter + t, tile);
      this.written++;
    }
    this.row++;
    this.filled = 0;
  }
}
