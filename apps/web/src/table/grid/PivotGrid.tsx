/**
 * The figures as a pivoted table: the pivot controls, then a real <table> in a scrolling box with its column
 * headers stuck to the top and its row headers to the left, and the legend of its symbols below. Only the rows
 * (and, when there are many, the columns) in view are rendered, with spacers keeping the scroll size, so a table of
 * 100,000 cells scrolls like one of ten; `aria-rowcount`/`aria-rowindex` tell screen readers where they are.
 */
import { type Dataset, pivot, Status, textIn } from "@clearinghouse/cube/browser";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type CSSProperties,
  memo,
  useEffect,
  useEffectEvent,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { SortState } from "../state.ts";
import { cellDecimals } from "./decimals.ts";
import { Header } from "./Header.tsx";
import { categoryText } from "./headers.ts";
import { Legend } from "./Legend.tsx";
import type { Layout } from "./layout.ts";
import { type CellMarks, pivotPosition } from "./marks.ts";
import { PivotControls } from "./PivotControls.tsx";
import { Row, type RowContext, Spacer } from "./Row.tsx";
import { sortOrder } from "./sort.ts";
import { indexesOf, sliceOf, wholeSlice, windowColumns, windowRows } from "./viewport.ts";
import { dataColumnChars, rowHeaderChars, spannedWord, valueChars, widest, widestWord } from "./widths.ts";

export interface PivotGridProps {
  readonly lang: Lang;
  readonly dataset: Dataset;
  readonly layout: Layout;
  readonly showCodes: boolean;
  readonly sort: SortState | undefined;
  readonly onLayout: (layout: Layout) => void;
  readonly onSort: (sort: SortState | undefined) => void;
  readonly onShowCodes: (show: boolean) => void;
  /** When given, each cell is a button calling it with the cell's offset in `dataset`. */
  readonly onCell?: (offset: number) => void;
  /** What a cell's button does, for screen readers ("show how it was computed"). */
  readonly cellAction?: string;
  /** Cells to mark (a submission's findings), with the one to bring into view. */
  readonly marks?: CellMarks | undefined;
}

/** A row's height before it is measured (one line of 0.9rem text with its padding and border). */
const ROW_PX = 32;
/** A cell's horizontal padding and border (0.5rem each side + 1px), added to its text width. */
const CELL_EXTRA_PX = 17;
/** How much of a row may hide under the column headers while it still counts as the top row in view. */
const TOP_ROW_SLACK_PX = 4;
/** The first sizes a virtualizer assumes, before the scrolling box is measured. */
const INITIAL_RECT = { width: 1000, height: 640 };

/** Where styles.css makes the table's font smaller. */
const NARROW_SCREEN = "(max-width: 40rem)";

const Controls = memo(PivotControls);

/**
 * A row's height as laid out, fractions included: rounded heights (the virtualizer's default) add up to an error of
 * pixels over a few rows, and the top row in view would be misjudged.
 */
const exactHeight = (element: Element, entry: ResizeObserverEntry | undefined) =>
  entry?.borderBoxSize[0]?.blockSize ?? element.getBoundingClientRect().height;

/** Text widths in pixels in the table's font, and the width of a digit (the unit of the widths module). */
interface TextMeasure {
  readonly digit: number;
  readonly width: (text: string, bold: boolean) => number;
}

/** Before the table is in the page: 8 pixels a character. */
const estimateText: TextMeasure = { digit: 8, width: (text) => text.length * 8 };

function textMeasure(element: HTMLElement): TextMeasure {
  const style = getComputedStyle(element);
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return estimateText;
  const fonts = [400, 600].map((weight) => `${weight} ${style.fontSize} ${style.fontFamily}`);
  // Setting a canvas font parses it: set it only when the weight changes, and measure a text once.
  const cache = new Map<string, number>();
  let weight = -1;
  const width = (text: string, bold: boolean) => {
    const key = `${bold ? "b" : "n"}${text}`;
    let px = cache.get(key);
    if (px === undefined) {
      if (weight !== Number(bold)) {
        weight = Number(bold);
        context.font = fonts[weight] as string;
      }
      px = context.measureText(text).width;
      cache.set(key, px);
    }
    return px;
  };
  return { digit: width("0000000000", false) / 10, width };
}

export function PivotGrid({
  lang,
  dataset,
  layout,
  showCodes,
  sort,
  onLayout,
  onSort,
  onShowCodes,
  onCell,
  cellAction,
  marks,
}: PivotGridProps) {
  const { t } = useTranslation();
  const id = useId();
  const layoutKey = JSON.stringify([layout.rows, layout.columns]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `layoutKey` stands for `layout` (a new object per render)
  const p = useMemo(() => pivot(dataset, layout), [dataset, layoutKey]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `layoutKey` stands for `layout`
  const stableLayout = useMemo(() => layout, [layoutKey]);
  const headerRows = Math.max(1, p.columnDimensions.length);
  const rowHeaderCount = Math.max(1, p.rowDimensions.length);
  const valueLabel = textIn(dataset.units, lang) || t("grid.value");

  const sortable = p.rowCount > 1;
  const activeSort = sort && sortable && sort.column < p.columnCount ? sort : undefined;
  const sortColumn = activeSort?.column;
  const descending = activeSort?.descending ?? false;
  const order = useMemo(() => {
    if (sortColumn === undefined) return undefined;
    return sortOrder(
      p.rowCount,
      (r) => {
        const i = p.cell(r, sortColumn);
        return dataset.status[i] === Status.value ? (dataset.values[i] as number) : Number.NaN;
      },
      descending,
    );
  }, [p, dataset, sortColumn, descending]);

  // Widths in pixels, from texts measured in the table's font (`ch` would differ between bold and plain cells, and
  // the sticky offsets must match the columns exactly); on a phone the row headers take at most about 60% of it.
  const scroller = useRef<HTMLElement>(null);
  const [measure, setMeasure] = useState<TextMeasure>(() => estimateText);
  useLayoutEffect(() => {
    const remeasure = () => {
      if (scroller.current) setMeasure(() => textMeasure(scroller.current as HTMLElement));
    };
    remeasure();
    // The table's font is smaller on a phone (styles.css): a turned phone may cross that width.
    const narrow = window.matchMedia(NARROW_SCREEN);
    narrow.addEventListener("change", remeasure);
    return () => narrow.removeEventListener("change", remeasure);
  }, []);
  const digitPx = measure.digit;
  const cellChars = useMemo(() => valueChars(dataset, lang), [dataset, lang]);
  const { leafWord, rowHeaderDigits } = useMemo(() => {
    const digits = (bold: boolean) => (text: string) => measure.width(text, bold) / measure.digit;
    const columnWords = p.columnDimensions.map((d) => ({
      widestWord: widestWord(
        d.categories.map((c) => categoryText(c, lang, showCodes)),
        digits(true),
      ),
      count: d.categories.length,
    }));
    return {
      leafWord: columnWords.length > 0 ? spannedWord(columnWords) : widestWord([valueLabel], digits(true)),
      rowHeaderDigits:
        p.rowDimensions.length === 0
          ? [rowHeaderChars(digits(false)(valueLabel), 0)]
          : p.rowDimensions.map((d) =>
              rowHeaderChars(
                widest(
                  d.categories.map((c) => categoryText(c, lang, showCodes)),
                  digits(false),
                ),
                widestWord([textIn(d.label, lang)], digits(true)),
              ),
            ),
    };
  }, [p, lang, showCodes, valueLabel, measure]);
  const columnPx = Math.ceil(dataColumnChars(cellChars, leafWord) * digitPx) + CELL_EXTRA_PX;
  const rowHeaderWidths = useMemo(() => {
    const share = Math.round(60 / rowHeaderDigits.length);
    return rowHeaderDigits.map((n) => `min(${Math.ceil(n * digitPx) + CELL_EXTRA_PX}px, max(${share}vw, 6rem))`);
  }, [rowHeaderDigits, digitPx]);
  const rowHeaderLefts = useMemo(
    () =>
      rowHeaderWidths.map(
        (_, k): CSSProperties => ({ left: k === 0 ? 0 : `calc(${rowHeaderWidths.slice(0, k).join(" + ")})` }),
      ),
    [rowHeaderWidths],
  );
  const rowHeadersWidth = `calc(${rowHeaderWidths.join(" + ")})`;

  const byColumns = windowColumns(p.columnCount);
  const byRows = windowRows(p.rowCount, p.columnCount);
  const rowVirtualizer = useVirtualizer({
    count: p.rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    measureElement: exactHeight,
    getItemKey: (index) => (order ? (order[index] as number) : index),
    overscan: 12,
    initialRect: INITIAL_RECT,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: byColumns ? p.columnCount : 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => columnPx,
    overscan: 4,
    enabled: byColumns,
    initialRect: INITIAL_RECT,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the columns' width changes once the digits are measured
  useEffect(() => {
    if (byColumns) columnVirtualizer.measure();
  }, [columnVirtualizer, byColumns, columnPx]);
  const rows = byRows
    ? sliceOf(rowVirtualizer.getVirtualItems(), rowVirtualizer.getTotalSize())
    : wholeSlice(p.rowCount);
  const columns = byColumns
    ? sliceOf(columnVirtualizer.getVirtualItems(), columnVirtualizer.getTotalSize())
    : wholeSlice(p.columnCount);
  // The first row (all but a border) in view shows all its labels, even those repeating the row above it. The
  // virtualizer re-renders when other rows come into view, not on every scroll (nor when it corrects the scroll
  // position after measuring rows), so the top row follows the scroll position itself.
  const [topRow, setTopRow] = useState(0);
  const updateTopRow = useEffectEvent(() => {
    const offset = (scroller.current?.scrollTop ?? 0) - TOP_ROW_SLACK_PX;
    setTopRow(rowVirtualizer.getVirtualItems().find((item) => item.start >= offset)?.index ?? 0);
  });
  useEffect(() => updateTopRow());
  useEffect(() => {
    const element = scroller.current;
    element?.addEventListener("scroll", updateTopRow, { passive: true });
    return () => element?.removeEventListener("scroll", updateTopRow);
  }, []);

  // A marked cell asked for: scroll its row (and column) into view, then focus it once it is rendered.
  const current = marks?.current?.cell;
  const request = marks?.current?.request;
  // biome-ignore lint/correctness/useExhaustiveDependencies: scroll when a cell is asked for, not on every render
  useEffect(() => {
    if (current === undefined) return;
    const { row, column } = pivotPosition(dataset.dimensions, stableLayout, current);
    const displayRow = order ? order.indexOf(row) : row;
    if (byRows) rowVirtualizer.scrollToIndex(displayRow, { align: "center" });
    if (byColumns) columnVirtualizer.scrollToIndex(column, { align: "center" });
    const focus = () => scroller.current?.querySelector<HTMLElement>(`[data-cell="${current}"] button`)?.focus();
    requestAnimationFrame(() => requestAnimationFrame(focus));
  }, [current, request]);

  const context = useMemo<RowContext>(
    () => ({
      pivot: p,
      dataset,
      lang,
      showCodes,
      order,
      columnStart: columns.start,
      columnEnd: columns.end,
      byColumns,
      headerRows,
      rowHeaderCount,
      rowHeaderLefts,
      valueLabel,
      measure: rowVirtualizer.measureElement,
      decimals: cellDecimals(dataset),
      ...(onCell ? { onCell } : {}),
      ...(cellAction ? { cellAction } : {}),
      marks,
    }),
    [
      onCell,
      cellAction,
      p,
      dataset,
      lang,
      showCodes,
      order,
      columns.start,
      columns.end,
      byColumns,
      headerRows,
      rowHeaderCount,
      rowHeaderLefts,
      valueLabel,
      rowVirtualizer,
      marks,
    ],
  );

  const rowCountText = t("grid.rows", { count: p.rowCount, n: formatNumber(p.rowCount, lang) });
  const columnCountText = t("grid.columns", { count: p.columnCount, n: formatNumber(p.columnCount, lang) });
  const caption = t("grid.caption", {
    title: textIn(dataset.title, lang),
    rows: rowCountText,
    columns: columnCountText,
  });
  const allColumns = rowHeaderCount + (byColumns ? 2 : 0) + (columns.end - columns.start);

  return (
    <div className="pivot">
      <Controls lang={lang} dimensions={dataset.dimensions} layout={stableLayout} onLayout={onLayout} />
      <div className="pivot__bar">
        <p className="pivot__summary">
          <span>
            {rowCountText} × {columnCountText}
          </span>
          {dataset.units && <span>{t("grid.unit", { unit: textIn(dataset.units, lang) })}</span>}
        </p>
        <label className="pivot__codes">
          <input type="checkbox" checked={showCodes} onChange={(event) => onShowCodes(event.target.checked)} />
          {t("grid.showCodes")}
        </label>
      </div>
      <p className="visually-hidden" id={`${id}-sort`}>
        {t("grid.sortHint")}
      </p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must take the focus to scroll by keyboard */}
      <section className="pivot__scroll" ref={scroller} aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table
          className="pivot__table"
          style={{ width: `calc(${rowHeadersWidth} + ${p.columnCount * columnPx}px)` }}
          aria-rowcount={headerRows + p.rowCount}
          aria-colcount={rowHeaderCount + p.columnCount}
        >
          <caption className="visually-hidden" id={`${id}-caption`}>
            {caption}
          </caption>
          <colgroup>
            {rowHeaderWidths.map((width, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the row header columns are positions
              <col key={k} style={{ width }} />
            ))}
            {byColumns && <col style={{ width: columns.before }} />}
            {indexesOf(columns).map((column) => (
              <col key={column} style={{ width: columnPx }} />
            ))}
            {byColumns && <col style={{ width: columns.after }} />}
          </colgroup>
          <Header
            pivot={p}
            lang={lang}
            showCodes={showCodes}
            columnStart={columns.start}
            columnEnd={columns.end}
            byColumns={byColumns}
            rowHeaderLefts={rowHeaderLefts}
            rowHeadersWidth={rowHeadersWidth}
            valueLabel={valueLabel}
            sort={activeSort}
            onSort={sortable ? onSort : undefined}
            sortHint={`${id}-sort`}
          />
          <tbody>
            {rows.before > 0 && <Spacer height={rows.before} columns={allColumns} />}
            {indexesOf(rows).map((index) => (
              <Row
                key={order ? (order[index] as number) : index}
                context={context}
                index={index}
                top={index === topRow}
              />
            ))}
            {rows.after > 0 && <Spacer height={rows.after} columns={allColumns} />}
          </tbody>
        </table>
      </section>
      <Legend dataset={dataset} lang={lang} />
    </div>
  );
}
