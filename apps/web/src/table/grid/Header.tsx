/**
 * The column headers of the pivoted table: one row per column variable, a category spanning the columns of the
 * levels inside it; the names of the row variables in the corner. The innermost headers sort the rows.
 */
import { type Pivot, textIn } from "@clearinghouse/cube/browser";
import { type CSSProperties, memo, useMemo } from "react";
import type { Lang } from "../../lib/i18n.ts";
import type { SortState } from "../state.ts";
import { categoryText, headerSpans } from "./headers.ts";
import { ariaSort, nextSort } from "./sort.ts";

interface Props {
  readonly pivot: Pivot;
  readonly lang: Lang;
  readonly showCodes: boolean;
  readonly columnStart: number;
  readonly columnEnd: number;
  readonly byColumns: boolean;
  readonly rowHeaderLefts: readonly CSSProperties[];
  /** Where the row headers end: a spanning header keeps its label in view from there. */
  readonly rowHeadersWidth: string;
  /** The header of the one column of a table without column variables. */
  readonly valueLabel: string;
  readonly sort: SortState | undefined;
  readonly onSort: ((sort: SortState | undefined) => void) | undefined;
  /** Id of the text that says what a click on a header does. */
  readonly sortHint: string;
}

export const Header = memo(function Header(props: Props) {
  const { pivot: p, lang, showCodes, columnStart, columnEnd, byColumns, sort, onSort } = props;
  const sizes = useMemo(() => p.columnDimensions.map((d) => d.categories.length), [p]);
  const levels = sizes.length;
  const headerRows = Math.max(1, levels);
  const rowHeaderCount = Math.max(1, p.rowDimensions.length);
  const colIndex = (column: number) => (byColumns ? rowHeaderCount + column + 1 : undefined);
  const pad = byColumns ? <td className="pivot__pad" aria-hidden="true" /> : null;

  const leaf = (column: number, text: string) => (
    <th
      key={column}
      scope="col"
      className={onSort ? "pivot__leaf pivot__leaf--sortable" : "pivot__leaf"}
      aria-sort={ariaSort(sort, column)}
      aria-colindex={colIndex(column)}
    >
      {onSort ? (
        <button
          type="button"
          className="pivot__sort"
          aria-describedby={props.sortHint}
          onClick={() => onSort(nextSort(sort, column))}
        >
          {text}
          <span className="pivot__arrow" aria-hidden="true">
            {sort?.column !== column ? "↕" : sort.descending ? "▼" : "▲"}
          </span>
        </button>
      ) : (
        text
      )}
    </th>
  );

  return (
    <thead>
      {Array.from({ length: headerRows }, (_, level) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one header row per level
        <tr key={level} aria-rowindex={level + 1}>
          {level === 0 &&
            (p.rowDimensions.length > 0 ? (
              p.rowDimensions.map((d, k) => (
                <th
                  key={d.code}
                  scope="col"
                  rowSpan={headerRows}
                  className="pivot__corner"
                  style={props.rowHeaderLefts[k]}
                >
                  {textIn(d.label, lang)}
                </th>
              ))
            ) : (
              <td rowSpan={headerRows} className="pivot__corner" style={props.rowHeaderLefts[0]} />
            ))}
          {pad}
          {levels === 0
            ? leaf(0, props.valueLabel)
            : headerSpans(sizes, level, columnStart, columnEnd).map((span) => {
                const category = p.columnDimensions[level]?.categories[span.category];
                const text = category ? categoryText(category, lang, showCodes) : "";
                return level === levels - 1 ? (
                  leaf(span.first, text)
                ) : (
                  <th
                    key={span.first}
                    scope="colgroup"
                    colSpan={span.span}
                    className="pivot__group"
                    aria-colindex={colIndex(span.first)}
                  >
                    <span className="pivot__group-label" style={{ left: props.rowHeadersWidth }}>
                      {text}
                    </span>
                  </th>
                );
              })}
          {pad}
        </tr>
      ))}
    </thead>
  );
});
