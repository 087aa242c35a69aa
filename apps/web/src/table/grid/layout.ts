/** Which variables go down the side and which across, for the pivoted table, and the moves a reader makes. Pure. */

export interface Layout {
  readonly rows: readonly string[];
  readonly columns: readonly string[];
}

export type Zone = "rows" | "columns";

/**
 * The layout of a result with these variables: the one asked for (variables the result lacks dropped, the rest
 * added down the side), else the table's own placement (stub / heading), else time across and the rest down.
 */
export function resolveLayout(
  variables: readonly { readonly code: string; readonly role?: string }[],
  asked: Layout,
  placement: { readonly stub?: readonly string[]; readonly heading?: readonly string[] } | undefined,
): Layout {
  const codes = variables.map((v) => v.code);
  const known = (list: readonly string[] | undefined) => (list ?? []).filter((c) => codes.includes(c));
  let rows = known(asked.rows);
  let columns = known(asked.columns).filter((c) => !rows.includes(c));
  if (rows.length === 0 && columns.length === 0) {
    rows = known(placement?.stub);
    columns = known(placement?.heading).filter((c) => !rows.includes(c));
    if (rows.length === 0 && columns.length === 0) {
      const time = variables.find((v) => v.role === "time")?.code ?? codes.at(-1);
      columns = time ? [time] : [];
    }
  }
  const rest = codes.filter((c) => !rows.includes(c) && !columns.includes(c));
  return { rows: [...rows, ...rest], columns };
}

export const otherZone = (zone: Zone): Zone => (zone === "rows" ? "columns" : "rows");

/** Where a variable is, or undefined if the layout lacks it. */
export function placeOf(layout: Layout, code: string): { zone: Zone; index: number } | undefined {
  const row = layout.rows.indexOf(code);
  if (row !== -1) return { zone: "rows", index: row };
  const column = layout.columns.indexOf(code);
  return column === -1 ? undefined : { zone: "columns", index: column };
}

/** The layout with `code` taken out and put into `zone` at `index` (a position in the zone without it; clamped). */
export function moveVariable(layout: Layout, code: string, zone: Zone, index: number): Layout {
  const rows = layout.rows.filter((c) => c !== code);
  const columns = layout.columns.filter((c) => c !== code);
  const target = zone === "rows" ? rows : columns;
  target.splice(Math.max(0, Math.min(index, target.length)), 0, code);
  return { rows, columns };
}

/**
 * A drop of `code` in the gap `slot` of a zone as it is shown (0 = before the first, length = after the last), the
 * dragged variable still in its place: a gap after its own place is one lower once it is taken out.
 */
export function dropVariable(layout: Layout, code: string, zone: Zone, slot: number): Layout {
  const from = placeOf(layout, code);
  const index = from && from.zone === zone && from.index < slot ? slot - 1 : slot;
  return moveVariable(layout, code, zone, index);
}

/** One step outward (-1) or inward (+1) within its zone; at the end of the zone, no change. */
export function shiftVariable(layout: Layout, code: string, step: -1 | 1): Layout {
  const from = placeOf(layout, code);
  return from ? moveVariable(layout, code, from.zone, from.index + step) : layout;
}

/** To the innermost place of the other zone. */
export function switchZone(layout: Layout, code: string): Layout {
  const from = placeOf(layout, code);
  if (!from) return layout;
  const to = otherZone(from.zone);
  return moveVariable(layout, code, to, layout[to].length);
}

/** Rows become columns and columns rows. */
export const transpose = (layout: Layout): Layout => ({ rows: layout.columns, columns: layout.rows });

/**
 * The gap of a list laid out in reading order (wrapping lines) that a pointer at (x, y) is over: the number of
 * items before it, those on lines above and those on its line whose middle is to its left.
 */
export function slotIn(
  items: readonly { readonly left: number; readonly right: number; readonly top: number; readonly bottom: number }[],
  x: number,
  y: number,
): number {
  let slot = 0;
  for (const item of items) if (y > item.bottom || (y >= item.top && x > (item.left + item.right) / 2)) slot++;
  return slot;
}
