/**
 * The unit line under a table: the dataset's unit, or, where the values of the contents variable have units of
 * their own (a table of indicators in persons, per cent and per 1,000), each value's. Pure: tested without a browser.
 */
import { type Dataset, textIn } from "@clearinghouse/cube/browser";

export function unitText(ds: Pick<Dataset, "dimensions" | "units">, lang: string): string | undefined {
  const metric = ds.dimensions.find((d) => d.role === "metric");
  const units = metric?.categories.map((c) => textIn(c.content?.units ?? ds.units, lang)) ?? [];
  if (!metric || new Set(units).size <= 1) return ds.units ? textIn(ds.units, lang) : units[0] || undefined;
  return metric.categories.map((c, i) => `${textIn(c.label, lang)} — ${units[i]}`).join("; ");
}
