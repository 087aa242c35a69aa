/**
 * Clustering of map points on a grid of screen cells: points in one cell become one marker at their mean, with
 * their count. A grid is linear in the number of points (the map shows every match, thousands with synthetic
 * entries) and needs no dependency. Pure: tested without a browser.
 */

export interface ScreenPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
}

export interface Cluster {
  /** The cell's key, stable while the map's scale stays: React's key. */
  readonly key: string;
  readonly x: number;
  readonly y: number;
  readonly ids: readonly string[];
}

export function clusterPoints(points: readonly ScreenPoint[], cellSize: number): Cluster[] {
  if (!(cellSize > 0)) throw new RangeError("cellSize must be positive");
  const cells = new Map<string, { sx: number; sy: number; ids: string[] }>();
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const key = `${Math.floor(p.x / cellSize)}:${Math.floor(p.y / cellSize)}`;
    const cell = cells.get(key);
    if (cell) {
      cell.sx += p.x;
      cell.sy += p.y;
      cell.ids.push(p.id);
    } else cells.set(key, { sx: p.x, sy: p.y, ids: [p.id] });
  }
  return [...cells].map(([key, c]) => ({ key, x: c.sx / c.ids.length, y: c.sy / c.ids.length, ids: c.ids }));
}

/** The bounding box [[west, south], [east, north]] of longitude/latitude points, or undefined for none. */
export function boundsOf(
  points: readonly (readonly [number, number])[],
): [[number, number], [number, number]] | undefined {
  if (points.length === 0) return undefined;
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [
    [w, s],
    [e, n],
  ];
}
