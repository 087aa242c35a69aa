/**
 * Where a table sits: its chapter as a breadcrumb (start page › chapter › table) and its related tables
 * (related.ts), each link keeping the reporting countries and years selected. Both read the table list that the
 * start page reads too, so the page costs one call more, answered from the client's cache when it was read before.
 */
import { useTranslation } from "react-i18next";
import { listedTables } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { relatedTables, sharedSelection } from "./related.ts";
import { EMPTY_STATE, formatViewState } from "./state.ts";

interface Props {
  readonly lang: Lang;
  readonly id: string;
  readonly label: string;
  /** The selection as the URL keeps it (rolling periods as rules). */
  readonly selection: Readonly<Record<string, readonly string[]>>;
}

export function Breadcrumb({ lang, id, label }: Omit<Props, "selection">) {
  const { t } = useTranslation();
  const tables = useAsync(() => listedTables(lang), lang);
  const path = tables.state === "done" ? (tables.value.find((table) => table.id === id)?.paths[0] ?? []) : [];
  const home = pathOf({ page: "home", lang });
  return (
    <nav className="breadcrumb" aria-label={t("related.breadcrumb")}>
      <ol>
        <li>
          <Link href={home}>{t("related.home")}</Link>
        </li>
        {path.map((step, i) => (
          <li key={step.id}>
            {i === path.length - 1 ? (
              <a href={`${home}#chapter-${encodeURIComponent(step.id)}`}>{step.label}</a>
            ) : (
              step.label
            )}
          </li>
        ))}
        <li aria-current="page">{label}</li>
      </ol>
    </nav>
  );
}

export function RelatedTables({ lang, id, selection }: Omit<Props, "label">) {
  const { t } = useTranslation();
  const related = relatedTables(id);
  const tables = useAsync(() => listedTables(lang), lang);
  if (related.length === 0 || tables.state !== "done") return null;
  const carried = formatViewState({ ...EMPTY_STATE, selection: sharedSelection(selection) });
  const shown = related.flatMap((r) => {
    const table = tables.value.find((entry) => entry.id === r.id);
    return table ? [{ ...r, label: table.label }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-title">
      <h2 id="related-title" className="related__title">
        {t("related.title")}
      </h2>
      <ul>
        {shown.map((r) => (
          <li key={r.id}>
            <Link href={pathOf({ page: "table", lang, id: r.id }) + carried}>{r.label}</Link>{" "}
            <span className="related__why">{t(`related.relation.${r.relation}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
