/**
 * A sparkline: a small line of a series over the years, gaps where a value is missing (never drawn as zero),
 * the last value marked. It is an image with a text alternative naming the first and last values; the figures
 * themselves are in the table beside it.
 */
import { sparklinePath } from "./state.ts";

export function Sparkline({ values, label }: { values: readonly (number | null)[]; label: string }) {
  const width = 120;
  const height = 28;
  const { d, last } = sparklinePath(values, width, height, 2);
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.5" />
      {last && <circle cx={last.x} cy={last.y} r="2.5" fill="currentColor" />}
    </svg>
  );
}
