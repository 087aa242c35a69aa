/**
 * Two versions of a table compared cell by cell: choose both (the URL keeps them, ?from=&to=), see the counts and
 * every changed, added and removed cell with its old and new value and status, download the list as CSV or Excel.
 * A view over GET /api/tables/{id}/compare, the same call scripts make.
 */
import "./history.css";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../app/Status.tsx";
import { compareUrl, compareVersions, type TableVersion, tableEntry, tableVersions } from "../../lib/api.ts";
import { formatCount, formatDate } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { Link, navigate, pathOf } from "../../lib/router.tsx";
import { useAsync } from "../../lib/use-async.ts";
import { useDocumentTitle } from "../../lib/use-document-title.ts";
import { previousVersion, sideText } from "./cells.ts";
import { compareHref } from "./VersionHistory.tsx";

interface Props {
  readonly lang: Lang;
  readonly id: string;
  readonly search: string;
}

const numberParam = (params: URLSearchParams, name: string) => {
  const text = params.get(name) ?? "";
  return /^[1-9]\d{0,9}$/.test(text) ? Number(text) : undefined;
};

export function ComparePage({ lang, id, search }: Props) {
  const { t } = useTranslation();
  const loaded = useAsync(() => Promise.all([tableVersions(id), tableEntry(id, lang)]), `${id}:${lang}`);
  useDocumentTitle(loaded.state === "done" ? `${t("history.compare.title")}: ${loaded.value[1].label}` : undefined);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  const [versions, entry] = loaded.value;
  const params = new URLSearchParams(search);
  const newest = versions[0]?.version ?? 1;
  const to = numberParam(params, "to") ?? newest;
  const from = numberParam(params, "from") ?? previousVersion(versions, to) ?? to;
  const choose = (next: { from: number; to: number }) =>
    navigate(compareHref(lang, id, next.from, next.to), { replace: true });
  return (
    <article className="compare-page">
      <header>
        <h1>
          {t("history.compare.title")}: {entry.label}
        </h1>
        <p>
          <Link href={pathOf({ page: "table", lang, id })}>{t("history.compare.backToTable")}</Link>
        </p>
      </header>
      {versions.length < 2 ? (
        <p className="status">{t("history.compare.onlyOne")}</p>
      ) : (
        <>
          <div className="compare-page__pickers">
            <VersionPicker
              lang={lang}
              label={t("history.compare.from")}
              versions={versions}
              value={from}
              onChange={(v) => choose({ from: v, to })}
            />
            <VersionPicker
              lang={lang}
              label={t("history.compare.to")}
              versions={versions}
              value={to}
              onChange={(v) => choose({ from, to: v })}
            />
          </div>
          {from === to ? (
            <p className="status">{t("history.compare.same")}</p>
          ) : (
            <ComparisonView lang={lang} id={id} from={from} to={to} versions={versions} />
          )}
        </>
      )}
    </article>
  );
}

function VersionPicker(props: {
  lang: Lang;
  label: string;
  versions: readonly TableVersion[];
  value: number;
  onChange: (version: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(Number(event.target.value))}>
        {props.versions.map((v) => (
          <option key={v.version} value={v.version}>
            {t("history.compare.option", { version: v.version, date: formatDate(v.released, props.lang) })}
          </option>
        ))}
      </select>
    </label>
  );
}

function ComparisonView(props: {
  lang: Lang;
  id: string;
  from: number;
  to: number;
  versions: readonly TableVersion[];
}) {
  const { lang, id, from, to } = props;
  const { t } = useTranslation();
  const compared = useAsync(() => compareVersions(id, lang, from, to), `${id}:${lang}:${from}:${to}`);
  if (compared.state === "loading") return <Loading />;
  if (compared.state === "failed") return <ErrorMessage error={compared.error} onRetry={compared.retry} />;
  const c = compared.value;
  const total = c.counts.changed + c.counts.added + c.counts.removed;
  const note = props.versions.find((v) => v.version === Math.max(from, to))?.revisionNote;
  return (
    <section aria-live="polite">
      {note && <p>{t("history.compare.note", { version: Math.max(from, to), note: note[lang] })}</p>}
      <ul className="compare-page__counts">
        {(["changed", "added", "removed", "unchanged"] as const).map((kind) => (
          <li key={kind} data-count={kind}>
            {t(`history.compare.${kind}`, { count: c.counts[kind], n: formatCount(c.counts[kind], lang) })}
          </li>
        ))}
      </ul>
      <p className="compare-page__downloads">
        <a href={compareUrl(id, lang, from, to, "csv")} download={`${id}-${from}-${to}.csv`}>
          {t("history.compare.csv")}
        </a>
        <a href={compareUrl(id, lang, from, to, "xlsx")} download={`${id}-${from}-${to}.xlsx`}>
          {t("history.compare.xlsx")}
        </a>
      </p>
      {total === 0 ? (
        <p className="status">{t("history.compare.none")}</p>
      ) : (
        <>
          {c.truncated && (
            <p className="status">
              {t("history.compare.truncated", {
                shown: formatCount(c.cells.length, lang),
                total: formatCount(total, lang),
              })}
            </p>
          )}
          <table className="compare-page__table">
            <thead>
              <tr>
                <th scope="col">{t("history.compare.kind")}</th>
                {c.dimensions.map((d) => (
                  <th key={d.code} scope="col">
                    {d.label}
                  </th>
                ))}
                <th scope="col">{t("history.compare.old")}</th>
                <th scope="col">{t("history.compare.new")}</th>
              </tr>
            </thead>
            <tbody>
              {c.cells.map((cell) => (
                <tr key={cell.codes.join("\u0000")} data-kind={cell.kind}>
                  <td>{t(`history.compare.kinds.${cell.kind}`)}</td>
                  {cell.labels.map((label, k) => (
                    <td key={c.dimensions[k]?.code ?? k} title={cell.codes[k]}>
                      {label}
                    </td>
                  ))}
                  <td className="number">{sideText(cell.before, lang)}</td>
                  <td className="number">{sideText(cell.after, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
