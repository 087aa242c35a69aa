/** The figures as a pivoted table. */
import { type Dataset, pivot, Status, symbolOf, textIn } from "@clearinghouse/cube/browser";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { SortState } from "../state.ts";
import type { Layout } from "./layout.ts";

export interface PivotGridProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  readonly layout: Layout;
  readonly showCodes: boolean;
  readonly sort: SortState | undefined;
  readonly onLayout: (layout: Layout) => void;
  readonly onSort: (sort: SortState | undefined) => void;
  readonly onShowCodes: (show: boolean) => void;
}

export function PivotGrid({ lang, dataset, layout }: PivotGridProps) {
  const p = pivot(dataset, { rows: layout.rows, columns: layout.columns });
  const rows = Array.from({ length: Math.min(p.rowCount, 200) }, (_, r) => r);
  const columns = Array.from({ length: p.columnCount }, (_, c) => c);
  return (
    <table className="grid">
      <thead>
        <tr>
          {p.rowDimensions.map((d) => (
            <th key={d.code} scope="col">
              {textIn(d.label, lang)}
            </th>
          ))}
          {columns.map((c) => (
            <th key={c} scope="col">
              {p
                .columnCategories(c)
                .map((cat) => textIn(cat.label, lang))
                .join(" ")}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r}>
            {p.rowCategories(r).map((cat, k) => (
              <th key={p.rowDimensions[k]?.code} scope="row">
                {textIn(cat.label, lang)}
              </th>
            ))}
            {columns.map((c) => {
              const i = p.cell(r, c);
              const status = dataset.status[i] ?? 0;
              return (
                <td key={c}>
                  {status === Status.value
                    ? formatNumber(dataset.values[i] ?? 0, lang, dataset.decimals)
                    : symbolOf(dataset, status)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
