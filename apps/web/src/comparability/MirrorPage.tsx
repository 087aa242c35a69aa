/**
 * Mirror statistics: the matrix of every pair of participating countries for a year, coloured by the asymmetry
 * index with its value in each cell, and a pair's view with both records over the years (chart and table) and why
 * they disagree. The state is in the URL (/{lang}/mirror?basis=&year=, /{lang}/mirror/{receiver}/{sender}?basis=);
 * the figures are those of /api/comparability/mirror, downloadable as CSV and JSON.
 */
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { PALETTE } from "../table/chart/colors.ts";
import { lineChart } from "../table/chart/plot.ts";
import { type Comparison, type Figure, type MirrorAnswer, mirror, mirrorUrl } from "./mirror-api.ts";
import { asymmetryClass, formatMirrorState, type MirrorState, parseMirrorState } from "./mirror-state.ts";
import "./mirror.css";

interface Props {
  readonly lang: Lang;
  readonly search: string;
  readonly receiver?: string;
  readonly sender?: string;
}

export function MirrorPage({ lang, search, receiver, sender }: Props) {
  const { t } = useTranslation();
  const state = parseMirrorState(search);
  const pair = receiver && sender ? { receiver, sender } : undefined;
  const url = mirrorUrl({ basis: state.basis, ...(state.year ? { year: state.year } : {}), ...(pair ?? {}) }, lang);
  const answer = useAsync(() => mirror(url), url);
  useDocumentTitle(t("mirror.title"));
  const go = (next: MirrorState) =>
    navigate(
      (pair ? pathOf({ page: "mirror-pair", lang, ...pair }) : pathOf({ page: "mirror", lang })) +
        formatMirrorState(next),
      { replace: true },
    );
  return (
    <article className="page mirror">
      <h1>{t("mirror.title")}</h1>
      <p>{t("mirror.intro")}</p>
      <fieldset className="mirror__controls">
        <legend>{t("mirror.basis")}</legend>
        {(["residence", "citizenship"] as const).map((basis) => (
          <label key={basis}>
            <input
              type="radio"
              name="mirror-basis"
              checked={state.basis === basis}
              onChange={() => go({ ...state, basis })}
            />{" "}
            {basis === "residence" ? "3 ↔ 4" : "5.2 ↔ 6.2"}
          </label>
        ))}
      </fieldset>
      {answer.state === "loading" ? (
        <Loading text={t("mirror.loading")} />
      ) : answer.state === "failed" ? (
        <ErrorMessage error={answer.error} onRetry={answer.retry} />
      ) : (
        <>
          <p className="mirror__basis">{answer.value.basisLabel}</p>
          {pair ? (
            <PairView lang={lang} answer={answer.value} state={state} />
          ) : (
            <MatrixView lang={lang} answer={answer.value} state={state} onYear={(year) => go({ ...state, year })} />
          )}
          <Downloads lang={lang} state={state} pair={pair} year={answer.value.year ?? undefined} />
          <Definitions answer={answer.value} />
        </>
      )}
    </article>
  );
}

/** The index of a comparison as text, with why there is none. */
function indexText(c: Comparison, lang: Lang, t: (key: string) => string): { text: string; why?: string } {
  if (c.asymmetry.value !== null) return { text: formatSigned(c.asymmetry.value, lang, 2) };
  if (c.missing) return { text: "—", why: t(`mirror.missing_${c.missing}`) };
  if (c.asymmetry.status === "x") return { text: "x", why: t("mirror.confidential") };
  return { text: "—", why: t("mirror.undefinedIndex") };
}

function formatSigned(value: number, lang: Lang, decimals: number): string {
  const text = formatNumber(value, lang, decimals);
  return value > 0 ? `+${text}` : text;
}

function MatrixView({
  lang,
  answer,
  state,
  onYear,
}: {
  lang: Lang;
  answer: MirrorAnswer;
  state: MirrorState;
  onYear: (year: string) => void;
}) {
  const { t } = useTranslation();
  const year = answer.year ?? undefined;
  if (!year)
    return (
      <p className="status">{t("mirror.noYears", { tables: state.basis === "residence" ? "3, 4" : "5.2, 6.2" })}</p>
    );
  const countries = answer.countries;
  const byPair = new Map(answer.comparisons.map((c) => [`${c.receiver}<${c.sender}`, c]));
  return (
    <>
      <p>
        <label>
          {t("mirror.year")}{" "}
          <select value={year} onChange={(event) => onYear(event.target.value)}>
            {answer.years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </p>
      <div className="mirror__scroll">
        <table className="mirror__matrix">
          <caption>{t("mirror.matrixCaption", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span className="mirror__corner">
                  {t("mirror.receiver")} ↓ / {t("mirror.sender")} →
                </span>
              </th>
              {countries.map((s) => (
                <th key={s.code} scope="col" title={s.label}>
                  <abbr title={s.label}>{s.code}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {countries.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.label}</th>
                {countries.map((s) => {
                  const c = byPair.get(`${r.code}<${s.code}`);
                  if (!c) {
                    return (
                      <td key={s.code} className="mirror__cell mirror__cell--self">
                        <span aria-hidden="true">·</span>
                        <span className="visually-hidden">{t("mirror.self")}</span>
                      </td>
                    );
                  }
                  const { text, why } = indexText(c, lang, t);
                  const href =
                    pathOf({ page: "mirror-pair", lang, receiver: r.code, sender: s.code }) +
                    formatMirrorState({ basis: state.basis });
                  return (
                    <td key={s.code} className={`mirror__cell ${asymmetryClass(c.asymmetry.value)}`}>
                      <Link href={href} title={why}>
                        {text}
                        {c.asymmetry.flags && <sup>{c.asymmetry.flags}</sup>}
                        <span className="visually-hidden">
                          {" "}
                          {why ? `(${why}) ` : ""}
                          {t("mirror.openPair", { receiver: r.label, sender: s.label })}
                        </span>
                      </Link>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Legend />
    </>
  );
}

function Legend() {
  const { t } = useTranslation();
  const steps = ["n2", "n1", "zero", "p1", "p2", "none"] as const;
  const keys = {
    n2: "legendN2",
    n1: "legendN1",
    zero: "legendZero",
    p1: "legendP1",
    p2: "legendP2",
    none: "legendNone",
  };
  return (
    <section className="mirror__legend" aria-label={t("mirror.legend")}>
      <h2 className="visually-hidden">{t("mirror.legend")}</h2>
      <ul>
        {steps.map((s) => (
          <li key={s}>
            <span className={`mirror__swatch mirror__cell--${s}`} aria-hidden="true" />
            {t(`mirror.${keys[s]}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}

function figureText(f: Figure, lang: Lang, decimals = 0): string {
  if (f.value === null) return f.status === "x" ? "x" : "..";
  return formatNumber(f.value, lang, decimals) + (f.flags ? ` ${f.flags}` : "");
}

function PairView({ lang, answer, state }: { lang: Lang; answer: MirrorAnswer; state: MirrorState }) {
  const { t } = useTranslation();
  const receiver = answer.receiver?.label ?? "";
  const sender = answer.sender?.label ?? "";
  const codes = { receiver: answer.receiver?.code ?? "", sender: answer.sender?.code ?? "" };
  const rows = answer.comparisons;
  return (
    <>
      <h2>{t("mirror.pairTitle", { receiver, sender })}</h2>
      <p>{t("mirror.pairIntro", { receiver, sender })}</p>
      <p className="mirror__nav">
        <Link href={pathOf({ page: "mirror", lang }) + formatMirrorState({ basis: state.basis })}>
          {t("mirror.back")}
        </Link>
        {" · "}
        <Link
          href={
            pathOf({ page: "mirror-pair", lang, receiver: codes.sender, sender: codes.receiver }) +
            formatMirrorState({ basis: state.basis })
          }
        >
          {t("mirror.reverse", { receiver, sender })}
        </Link>
      </p>
      <PairChart lang={lang} rows={rows} receiver={receiver} sender={sender} />
      <div className="mirror__scroll">
        <table className="mirror__series">
          <caption>{t("mirror.pairTitle", { receiver, sender })}</caption>
          <thead>
            <tr>
              {(["year", "immigration", "emigration", "difference", "ratio", "asymmetry", "missing"] as const).map(
                (k) => (
                  <th key={k} scope="col">
                    {t(`mirror.columns.${k}`)}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.year}>
                <th scope="row">{c.year}</th>
                <td
                  title={t("mirror.cell", { table: c.immigration.cell.table, cell: cellText(c.immigration.cell.cell) })}
                >
                  {figureText(c.immigration, lang)}
                </td>
                <td
                  title={t("mirror.cell", { table: c.emigration.cell.table, cell: cellText(c.emigration.cell.cell) })}
                >
                  {figureText(c.emigration, lang)}
                </td>
                <td>{figureText(c.difference, lang)}</td>
                <td>{figureText(c.ratio, lang, 3)}</td>
                <td className={`mirror__cell ${asymmetryClass(c.asymmetry.value)}`}>
                  {c.asymmetry.value === null
                    ? figureText(c.asymmetry, lang)
                    : formatSigned(c.asymmetry.value, lang, 3)}
                </td>
                <td>{c.missingText ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Why lang={lang} countries={[codes.receiver, codes.sender]} labels={[receiver, sender]} />
    </>
  );
}

const cellText = (cell: Readonly<Record<string, string>>) =>
  Object.entries(cell)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

function PairChart({
  lang,
  rows,
  receiver,
  sender,
}: {
  lang: Lang;
  rows: readonly Comparison[];
  receiver: string;
  sender: string;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const series = [
    { key: "I", label: t("mirror.immigrationSeries", { country: receiver }), figures: 0, color: PALETTE[0] },
    { key: "E", label: t("mirror.emigrationSeries", { country: sender }), figures: 0, color: PALETTE[1] },
  ];
  const data = {
    categories: rows.map((r) => ({ code: r.year, label: r.year })),
    series,
    rows: rows.flatMap((r) => [
      {
        x: r.year,
        xLabel: r.year,
        series: "I",
        seriesLabel: series[0]?.label ?? "",
        group: "",
        groupLabel: "",
        value: r.immigration.value,
        flags: 0,
      },
      {
        x: r.year,
        xLabel: r.year,
        series: "E",
        seriesLabel: series[1]?.label ?? "",
        group: "",
        groupLabel: "",
        value: r.emigration.value,
        flags: 0,
      },
    ]),
  };
  const known = data.rows.some((r) => r.value !== null);
  useEffect(() => {
    const element = box.current;
    if (!element || !known) return;
    const format = (v: number) => formatNumber(v, lang, 0);
    const svg = lineChart(data, {
      width: Math.max(320, element.clientWidth),
      format,
      unit: t("mirror.persons"),
      axis: t("mirror.columns.year"),
      tip: (r) => `${r.seriesLabel}\n${r.xLabel}: ${r.value === null ? "" : format(r.value)}`,
      // The drawing is hidden from assistive technology (the table beside it has the figures): Plot's pointer tips.
      pointerTips: true,
    });
    svg.setAttribute("aria-hidden", "true");
    element.replaceChildren(svg);
  });
  if (!known || rows.length === 0) return null;
  return (
    <figure className="mirror__chart">
      <figcaption>{t("mirror.chartTitle", { receiver, sender })}</figcaption>
      <ul className="mirror__chart-legend">
        {series.map((s, i) => (
          <li key={s.key}>
            <span className="mirror__swatch" style={{ background: PALETTE[i] }} aria-hidden="true" />
            {s.label}
          </li>
        ))}
      </ul>
      <p className="visually-hidden">
        {t("mirror.chartSummary", { first: rows[0]?.year, last: rows.at(-1)?.year, receiver, sender })}
      </p>
      <div ref={box} />
    </figure>
  );
}

function Why({ lang, countries, labels }: { lang: Lang; countries: readonly string[]; labels: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <section className="mirror__why" aria-labelledby="mirror-why">
      <h2 id="mirror-why">{t("mirror.whyTitle")}</h2>
      <p>{t("mirror.why1")}</p>
      <p>{t("mirror.why2")}</p>
      <p>{t("mirror.why3")}</p>
      <p>{t("mirror.why4")}</p>
      <ul>
        {countries.map((code, i) => (
          <li key={code}>
            <a href={`/api/metadata/countries?reporter=${encodeURIComponent(code)}&lang=${lang}`}>
              {t("mirror.metadata", { country: labels[i] })}
            </a>
            {" · "}
            <Link href={`/${lang}/countries/${encodeURIComponent(code)}`}>
              {t("mirror.profile", { country: labels[i] })}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Downloads({
  lang,
  state,
  pair,
  year,
}: {
  lang: Lang;
  state: MirrorState;
  pair: { receiver: string; sender: string } | undefined;
  year: string | undefined;
}) {
  const { t } = useTranslation();
  const view = { basis: state.basis, ...(year ? { year } : {}), ...(pair ?? {}) };
  return (
    <p className="mirror__downloads">
      {t("mirror.download")}: <a href={mirrorUrl(view, lang, "csv")}>{t("mirror.csv")}</a>
      {" · "}
      <a href={mirrorUrl(view, lang)}>{t("mirror.json")}</a>
    </p>
  );
}

function Definitions({ answer }: { answer: MirrorAnswer }) {
  const { t } = useTranslation();
  return (
    <section className="mirror__definitions" aria-labelledby="mirror-definitions">
      <h2 id="mirror-definitions">{t("mirror.definitions")}</h2>
      <ul>
        <li>{answer.definitions.difference}</li>
        <li>{answer.definitions.ratio}</li>
        <li>{answer.definitions.asymmetry}</li>
      </ul>
    </section>
  );
}
