/**
 * Decimals of each cell: those of its contents value where it has its own (a table of indicators in per cent, per
 * 1,000 and persons, say), else the dataset's. Pure: tested without a browser.
 */
import { type Dataset, strides } from "@clearinghouse/cube/browser";

export function cellDecimals(ds: Pick<Dataset, "dimensions" | "decimals">): (offset: number) => number {
  const k = ds.dimensions.findIndex((d) => d.role === "metric");
  const metric = ds.dimensions[k];
  const own = metric?.categories.map((c) => c.content?.decimals ?? ds.decimals);
  if (!metric || !own || own.every((d) => d === ds.decimals)) return () => ds.decimals;
  const stride = strides(ds.dimensions)[k] as number;
  const n = metric.categories.length;
  return (offset) => own[Math.floor(offset / stride) % n] ?? ds.decimals;
}
