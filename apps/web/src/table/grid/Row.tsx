/** A body row of the pivoted table: its row headers, then its cells (numbers, symbols, flags). */
import { type Dataset, flagLetters, type Pivot, Status, symbolOf } from "@clearinghouse/cube/browser";
import { type CSSProperties, memo, type ReactNode } from "react";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { categoryText, repeatedLevels } from "./headers.ts";
import { flagLabels, statusLabel } from "./legend.ts";
import type { CellMarks } from "./marks.ts";

/** What every body row needs; one object, so that a row re-renders only when it or the table changes. */
export interface RowContext {
  readonly pivot: Pivot;
  readonly dataset: Dataset;
  readonly lang: Lang;
  readonly showCodes: boolean;
  /** Display order of the rows when sorted. */
  readonly order: Uint32Array | undefined;
  /** The columns rendered; with `byColumns`, spacer cells stand for the others. */
  readonly columnStart: number;
  readonly columnEnd: number;
  readonly byColumns: boolean;
  readonly headerRows: number;
  readonly rowHeaderCount: number;
  readonly rowHeaderLefts: readonly CSSProperties[];
  /** The row header of a table without row variables. */
  readonly valueLabel: string;
  readonly measure: (element: HTMLTableRowElement | null) => void;
  /** Decimals of the cell at an offset (decimals.ts). */
  readonly decimals: (offset: number) => number;
  /** When given, each cell is a button that calls it with the cell's offset (the sources of an indicator, say). */
  readonly onCell?: (offset: number) => void;
  /** What a cell's button says beside its figure, for screen readers. */
  readonly cellAction?: string;
  readonly marks?: CellMarks | undefined;
}

/** Row `index` in display order; `top` when it is the first in view (it then shows every label). */
export const Row = memo(function Row({ context, index, top }: { context: RowContext; index: number; top: boolean }) {
  const { pivot: p, dataset: ds, lang, order, byColumns } = context;
  const row = order ? (order[index] as number) : index;
  const categories = p.rowCategories(row);
  const above = index > 0 && !top ? p.rowCategories(order ? (order[index - 1] as number) : index - 1) : undefined;
  const repeated = repeatedLevels(above, categories);
  const cells = [];
  for (let column = context.columnStart; column < context.columnEnd; column++) {
    const i = p.cell(row, column);
    const status = ds.status[i] as number;
    const flags = ds.flags[i] as number;
    const colIndex = byColumns ? context.rowHeaderCount + column + 1 : undefined;
    const flagged = flags !== 0 && <Flags flags={flags} lang={lang} />;
    const mark = context.marks?.marks.get(i);
    const markClass = mark ? ` pivot__cell--mark pivot__cell--mark-${mark.kind}` : "";
    const { onCell } = context;
    // A marked cell (a submission's finding) is a button to its finding; otherwise `onCell` makes it one.
    const action = (content: ReactNode) =>
      mark ? (
        <MarkButton cell={i} label={mark.label} marks={context.marks as CellMarks} text={content} />
      ) : onCell ? (
        <button type="button" className="pivot__cell-button" onClick={() => onCell(i)}>
          {content}
          {context.cellAction && <span className="visually-hidden">{context.cellAction}</span>}
        </button>
      ) : (
        content
      );
    if (status === Status.value) {
      cells.push(
        <td key={column} aria-colindex={colIndex} className={markClass.trim() || undefined} data-cell={i}>
          {action(formatNumber(ds.values[i] as number, lang, context.decimals(i)))}
          {flagged}
        </td>,
      );
    } else {
      const label = statusLabel(ds, status, lang);
      cells.push(
        <td key={column} aria-colindex={colIndex} className={`pivot__symbol${markClass}`} title={label} data-cell={i}>
          {action(
            <>
              <span aria-hidden="true">{symbolOf(ds, status)}</span>
              <span className="visually-hidden">{label}</span>
            </>,
          )}
          {flagged}
        </td>,
      );
    }
  }
  const pad = byColumns ? <td className="pivot__pad" aria-hidden="true" /> : null;
  return (
    <tr data-index={index} ref={context.measure} aria-rowindex={context.headerRows + index + 1}>
      {categories.length === 0 ? (
        <th scope="row" className="pivot__row" style={context.rowHeaderLefts[0]}>
          {context.valueLabel}
        </th>
      ) : (
        categories.map((category, k) => {
          const text = categoryText(category, lang, context.showCodes);
          return (
            <th
              key={p.rowDimensions[k]?.code}
              scope="row"
              className={k < repeated ? "pivot__row pivot__row--repeat" : "pivot__row"}
              style={context.rowHeaderLefts[k]}
            >
              {k < repeated ? <span className="visually-hidden">{text}</span> : text}
            </th>
          );
        })
      )}
      {pad}
      {cells}
      {pad}
    </tr>
  );
});

/** A marked cell's figure as a button that goes to what marks it; its label says what that is. */
function MarkButton({ cell, label, marks, text }: { cell: number; label: string; marks: CellMarks; text: ReactNode }) {
  return (
    <button type="button" className="pivot__mark" title={label} onClick={() => marks.onActivate(cell)}>
      {text}
      <span className="visually-hidden"> ({label})</span>
    </button>
  );
}

/** A number's flags: superscript letters for the eye, their meaning for screen readers. */
function Flags({ flags, lang }: { flags: number; lang: Lang }) {
  const labels = flagLabels(flags, lang).join(", ");
  return (
    <>
      <sup className="pivot__flag" title={labels} aria-hidden="true">
        {flagLetters(flags)}
      </sup>
      <span className="visually-hidden"> ({labels})</span>
    </>
  );
}

/** The room of the rows not rendered, above or below those in view. */
export function Spacer({ height, columns }: { height: number; columns: number }) {
  return (
    // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a row of a <table> takes no focus; this one is only room
    <tr className="pivot__spacer" aria-hidden="true">
      <td className="pivot__pad" colSpan={columns} style={{ height }} />
    </tr>
  );
}
