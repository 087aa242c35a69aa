/** The benchmarks' text tables: the first column left-aligned, the figures right-aligned, a rule under the header. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => (r[k] ?? "").length)));
  const line = (cols: readonly string[]) =>
    cols.map((c, k) => (k === 0 ? c.padEnd(widths[k] ?? 0) : c.padStart(widths[k] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

/** The p-th percentile of times sorted ascending. */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

/**
 * Runs `work` `warmup` times untimed (at least once), then `runs` times timed: the times sorted ascending, the last run's result,
 * and the heap's growth (MB) at its peak over the timed runs.
 */
export function timedRuns<T>(
  work: () => T,
  runs: number,
  warmup: number,
): { times: number[]; result: T; heapMb: number } {
  let result = work(); // the first warm-up run
  for (let k = 1; k < warmup; k++) work();
  const times: number[] = [];
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    result = work();
    times.push(performance.now() - start);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }
  return { times: times.sort((a, b) => a - b), result, heapMb: (heapPeak - heapBefore) / 1e6 };
}
