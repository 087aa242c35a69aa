/**
 * The findings of a submission's validation: a list filterable by severity, table and rule, each finding with its
 * cell's coordinates and labels, expected and found, its message and, on a warning, the country's comment; beside
 * it the grid of the uploaded slice with the findings' cells marked. A finding jumps to its cell and a marked cell
 * back to its finding.
 */
import { type Dataset, fromJsonStat2 } from "@clearinghouse/cube/browser";
import { type FormEvent, lazy, Suspense, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { useAsync } from "../lib/use-async.ts";
import type { Layout } from "../table/grid/layout.ts";
import type { CellMarks } from "../table/grid/marks.ts";
import type { SortState } from "../table/state.ts";
import { type Finding, messageOf, submissionsApi } from "./api.ts";
import {
  cellIndexOf,
  cellMarks,
  type FindingFilter,
  filterChoices,
  filterFindings,
  groupFindings,
  type Severity,
  sliceLayout,
} from "./view.ts";

// The grid is the table page's: loaded with its own chunk when a grid is first shown.
const PivotGrid = lazy(() => import("../table/grid/PivotGrid.tsx").then((m) => ({ default: m.PivotGrid })));

export interface FindingsProps {
  readonly lang: Lang;
  readonly submissionId: number | string;
  readonly findings: readonly Finding[];
  readonly truncated: boolean;
  /** The tables uploaded, for the grid. */
  readonly tables: readonly string[];
  /** The country may comment on warnings (draft and returned). */
  readonly canComment: boolean;
  /** A reviewer writes comments on findings for a return: key → text. */
  readonly reviewComments?: Readonly<Record<string, string>> | undefined;
  readonly onReviewComment?: ((key: string, text: string) => void) | undefined;
  /** A comment was saved: the submission's counts change. */
  readonly onCommented: () => void;
  /** Comments of the secretariat on findings (from a return), by finding key. */
  readonly secretariat: ReadonlyMap<string, readonly string[]>;
}

const domId = (key: string) => `finding-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;

export function Findings(props: FindingsProps) {
  const { lang, findings, tables } = props;
  const { t } = useTranslation();
  const [filter, setFilter] = useState<FindingFilter>({});
  const [gridTable, setGridTable] = useState<string | undefined>(tables[0]);
  const [focusKey, setFocusKey] = useState<{ key: string; n: number }>();
  const choices = useMemo(() => filterChoices(findings), [findings]);
  const shown = useMemo(() => filterFindings(findings, filter), [findings, filter]);
  const groups = useMemo(() => groupFindings(shown), [shown]);

  const toCell = (finding: Finding) => {
    setGridTable(finding.table);
    setFocusKey((previous) => ({ key: finding.key, n: (previous?.n ?? 0) + 1 }));
  };
  const toFinding = (key: string) => {
    // The finding may be filtered out: show every finding of its table again.
    const finding = findings.find((f) => f.key === key);
    if (finding && !shown.includes(finding)) setFilter({ table: finding.table });
    requestAnimationFrame(() => {
      const element = document.getElementById(domId(key));
      element?.scrollIntoView({ block: "center" });
      element?.focus();
    });
  };

  return (
    <div className="sub-findings">
      <p>{t("submissions.findings.intro")}</p>
      <p className="sub-downloads">
        <a href={submissionsApi.findingsUrl(props.submissionId, "csv", lang)} download>
          {t("submissions.findings.downloadCsv")}
        </a>
        <a href={submissionsApi.findingsUrl(props.submissionId, "xlsx", lang)} download>
          {t("submissions.findings.downloadXlsx")}
        </a>
      </p>
      {findings.length === 0 ? (
        <p className="sub-ok">{t("submissions.findings.none")}</p>
      ) : (
        <>
          <form className="sub-filters" onSubmit={(event) => event.preventDefault()}>
            <label>
              {t("submissions.findings.severity")}
              <select
                value={filter.severity ?? ""}
                onChange={(event) => setFilter({ ...filter, severity: (event.target.value || undefined) as Severity })}
              >
                <option value="">{t("submissions.findings.allSeverities")}</option>
                <option value="error">{t("submissions.findings.error")}</option>
                <option value="warning">{t("submissions.findings.warning")}</option>
              </select>
            </label>
            <label>
              {t("submissions.findings.table")}
              <select
                value={filter.table ?? ""}
                onChange={(event) => setFilter({ ...filter, table: event.target.value || undefined })}
              >
                <option value="">{t("submissions.findings.allTables")}</option>
                {choices.tables.map((table) => (
                  <option key={table} value={table}>
                    {table}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t("submissions.findings.rule")}
              <select
                value={filter.rule ?? ""}
                onChange={(event) => setFilter({ ...filter, rule: event.target.value || undefined })}
              >
                <option value="">{t("submissions.findings.allRules")}</option>
                {choices.rules.map((rule) => (
                  <option key={rule} value={rule}>
                    {rule}
                  </option>
                ))}
              </select>
            </label>
          </form>
          <p role="status">
            {t("submissions.findings.shown", { count: shown.length, n: formatCount(shown.length, lang) })}
          </p>
          {props.truncated && <p className="sub-note">{t("submissions.findings.truncated")}</p>}
          <div className="sub-findings__body">
            <div className="sub-findings__list">
              {groups.map((group) => (
                <section key={group.table} aria-labelledby={`findings-${group.table}`}>
                  <h3 id={`findings-${group.table}`}>
                    {t("submissions.findings.table")} {group.table}{" "}
                    <span className="sub-counts">
                      {t("submissions.errors", { count: group.errors, n: formatCount(group.errors, lang) })},{" "}
                      {t("submissions.warnings", { count: group.warnings, n: formatCount(group.warnings, lang) })}
                    </span>
                  </h3>
                  <ol className="sub-finding-list">
                    {group.findings.map((finding) => (
                      <FindingItem key={finding.key} {...props} finding={finding} onToCell={() => toCell(finding)} />
                    ))}
                  </ol>
                </section>
              ))}
            </div>
            {gridTable && tables.includes(gridTable) && (
              <FindingsGrid
                key={gridTable}
                lang={lang}
                submissionId={props.submissionId}
                table={gridTable}
                tables={tables}
                onTable={setGridTable}
                findings={findings.filter((f) => f.table === gridTable)}
                focusKey={focusKey?.key}
                focusRequest={focusKey?.n}
                onFinding={toFinding}
              />
            )}
          </div>
        </>
      )}
    </div>
  );
}

function FindingItem(props: FindingsProps & { finding: Finding; onToCell: () => void }) {
  const { lang, finding } = props;
  const { t } = useTranslation();
  const coordinates = Object.entries(finding.cell);
  const secretariat = props.secretariat.get(finding.key) ?? [];
  return (
    <li className={`sub-finding sub-finding--${finding.severity}`} id={domId(finding.key)} tabIndex={-1}>
      <p className="sub-finding__head">
        <span className={`sub-severity sub-severity--${finding.severity}`}>
          {t(`submissions.findings.${finding.severity}`)}
        </span>{" "}
        <code>{finding.rule}</code>
      </p>
      <p className="sub-finding__message">{messageOf(finding.message, lang)}</p>
      {coordinates.length > 0 ? (
        <dl className="sub-finding__cell">
          {coordinates.map(([dimension, code]) => {
            const label = finding.labels?.[dimension];
            return (
              <div key={dimension}>
                <dt>{label?.dimension ?? dimension}</dt>
                <dd>
                  {label?.category ?? code}
                  {label && label.category !== code && <code> {code}</code>}
                </dd>
              </div>
            );
          })}
        </dl>
      ) : (
        <p>{t("submissions.findings.noCell")}</p>
      )}
      {(finding.expected != null || finding.found != null) && (
        <dl className="sub-finding__numbers">
          {finding.expected != null && (
            <div>
              <dt>{t("submissions.findings.expected")}</dt>
              <dd>{formatNumber(finding.expected, lang, Number.isInteger(finding.expected) ? 0 : 2)}</dd>
            </div>
          )}
          {finding.found != null && (
            <div>
              <dt>{t("submissions.findings.found")}</dt>
              <dd>{formatNumber(finding.found, lang, Number.isInteger(finding.found) ? 0 : 2)}</dd>
            </div>
          )}
          {finding.against && (
            <div>
              <dt>{t("submissions.findings.against", { table: finding.against.table })}</dt>
              <dd>{Object.values(finding.against.cell).join(" · ")}</dd>
            </div>
          )}
        </dl>
      )}
      {coordinates.length > 0 && props.tables.includes(finding.table) && (
        <button
          type="button"
          className="sub-link-button"
          onClick={props.onToCell}
          aria-label={t("submissions.findings.toCellLabel")}
        >
          {t("submissions.findings.toCell")}
        </button>
      )}
      {secretariat.map((comment) => (
        <p key={comment} className="sub-finding__secretariat">
          {t("submissions.findings.reviewerComment", { comment })}
        </p>
      ))}
      {finding.severity === "warning" && (
        <WarningComment
          lang={lang}
          submissionId={props.submissionId}
          finding={finding}
          editable={props.canComment}
          onSaved={props.onCommented}
        />
      )}
      {props.onReviewComment && (
        <div className="inv-form__field sub-finding__review">
          <label htmlFor={`${domId(finding.key)}-review`}>{t("submissions.review.findingComment")}</label>
          <textarea
            id={`${domId(finding.key)}-review`}
            rows={2}
            value={props.reviewComments?.[finding.key] ?? ""}
            onChange={(event) => props.onReviewComment?.(finding.key, event.target.value)}
          />
        </div>
      )}
    </li>
  );
}

/** The comment a warning needs before submitting: a box of its own, saved by itself. */
function WarningComment({
  lang,
  submissionId,
  finding,
  editable,
  onSaved,
}: {
  lang: Lang;
  submissionId: number | string;
  finding: Finding;
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(finding.comment ?? "");
  const [state, setState] = useState<{ kind: "idle" | "busy" | "saved" } | { kind: "failed"; error: unknown }>({
    kind: "idle",
  });
  const id = `${domId(finding.key)}-comment`;
  if (!editable) {
    return finding.comment ? (
      <p className="sub-finding__comment">
        <strong>{t("submissions.findings.comment")}:</strong> {finding.comment}
      </p>
    ) : null;
  }
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) {
      setState({ kind: "failed", error: new Error(t("submissions.findings.commentRequired")) });
      return;
    }
    setState({ kind: "busy" });
    try {
      await submissionsApi.commentFinding(submissionId, finding.key, text.trim(), lang);
      setState({ kind: "saved" });
      onSaved();
    } catch (error) {
      setState({ kind: "failed", error });
    }
  };
  const missing = !finding.comment?.trim();
  return (
    <form
      className={`inv-form__field sub-finding__comment${missing ? " inv-form__field--problem" : ""}`}
      onSubmit={save}
    >
      <label htmlFor={id}>{t("submissions.findings.comment")}</label>
      <p className="inv-form__hint" id={`${id}-hint`}>
        {t("submissions.findings.commentHint")}
      </p>
      <textarea
        id={id}
        rows={2}
        value={text}
        required
        aria-describedby={`${id}-hint`}
        aria-invalid={missing && state.kind !== "saved" ? true : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (state.kind !== "busy") setState({ kind: "idle" });
        }}
      />
      <button type="submit" disabled={state.kind === "busy"}>
        {t("submissions.findings.commentSave")}
      </button>
      <span role="status">{state.kind === "saved" ? ` ${t("submissions.findings.commentSaved")}` : ""}</span>
      {state.kind === "failed" && <ErrorMessage error={state.error} />}
    </form>
  );
}

/** The uploaded slice of one table as the table page's grid, the findings' cells marked. */
function FindingsGrid({
  lang,
  submissionId,
  table,
  tables,
  onTable,
  findings,
  focusKey,
  focusRequest,
  onFinding,
}: {
  lang: Lang;
  submissionId: number | string;
  table: string;
  tables: readonly string[];
  onTable: (table: string) => void;
  findings: readonly Finding[];
  focusKey: string | undefined;
  focusRequest: number | undefined;
  onFinding: (key: string) => void;
}) {
  const { t } = useTranslation();
  const data = useAsync(
    () => submissionsApi.tableData(submissionId, table, lang).then((json) => fromJsonStat2(json, { lang })),
    `${submissionId}:${table}:${lang}`,
  );
  return (
    <section className="sub-grid" aria-labelledby="sub-grid-title">
      <h3 id="sub-grid-title">{t("submissions.findings.gridTitle", { table })}</h3>
      {tables.length > 1 && (
        <label className="sub-grid__table">
          {t("submissions.findings.table")}{" "}
          <select value={table} onChange={(event) => onTable(event.target.value)}>
            {tables.map((tb) => (
              <option key={tb} value={tb}>
                {tb}
              </option>
            ))}
          </select>
        </label>
      )}
      <p className="inv-form__hint">{t("submissions.findings.gridHint")}</p>
      {data.state === "loading" ? (
        <Loading />
      ) : data.state === "failed" ? (
        <ErrorMessage error={data.error} onRetry={data.retry} />
      ) : (
        <MarkedGrid
          lang={lang}
          dataset={data.value}
          findings={findings}
          focusKey={focusKey}
          focusRequest={focusRequest}
          onFinding={onFinding}
        />
      )}
    </section>
  );
}

function MarkedGrid({
  lang,
  dataset,
  findings,
  focusKey,
  focusRequest,
  onFinding,
}: {
  lang: Lang;
  dataset: Dataset;
  findings: readonly Finding[];
  focusKey: string | undefined;
  focusRequest: number | undefined;
  onFinding: (key: string) => void;
}) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<Layout>(() => sliceLayout(dataset.dimensions));
  const [sort, setSort] = useState<SortState>();
  const [showCodes, setShowCodes] = useState(false);
  const byCell = useMemo(() => cellMarks(dataset.dimensions, findings), [dataset, findings]);
  const focused = focusKey ? findings.find((f) => f.key === focusKey) : undefined;
  const cell = focused ? cellIndexOf(dataset.dimensions, focused.cell) : undefined;
  const marks = useMemo<CellMarks>(
    () => ({
      marks: new Map(
        [...byCell].map(([cell, mark]) => [
          cell,
          {
            kind: mark.severity,
            label: t("submissions.findings.markLabel", {
              severity: t(`submissions.findings.cellMark_${mark.severity}`),
            }),
          },
        ]),
      ),
      onActivate: (cell) => {
        const key = byCell.get(cell)?.keys[0];
        if (key) onFinding(key);
      },
      current: cell !== undefined && focusRequest !== undefined ? { cell, request: focusRequest } : undefined,
    }),
    [byCell, cell, focusRequest, t, onFinding],
  );
  return (
    <Suspense fallback={<Loading />}>
      <PivotGrid
        lang={lang}
        dataset={dataset}
        layout={layout}
        showCodes={showCodes}
        sort={sort}
        onLayout={setLayout}
        onSort={setSort}
        onShowCodes={setShowCodes}
        marks={marks}
      />
    </Suspense>
  );
}
