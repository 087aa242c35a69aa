/**
 * The start page's search box: tables by title, variables and values (`GET /api/search`), in either language,
 * updated as the reader types. The term is in the URL (?q=); the results are links reachable with Tab or the
 * arrow keys, each saying why it matched.
 */
import { type KeyboardEvent, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../app/Status.tsx";
import { type SearchMatch, searchTables } from "../lib/api.ts";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { Marked } from "./Marked.tsx";
import { preselection } from "./query.ts";
import { useLatest } from "./use-latest.ts";
import { useSearchText } from "./use-search-text.ts";

export function TableSearch({ lang, urlQuery }: { lang: Lang; urlQuery: string }) {
  const { t } = useTranslation();
  const { text, setText, now } = useSearchText(pathOf({ page: "home", lang }), urlQuery);
  const found = useLatest(
    `${lang}:${urlQuery}`,
    urlQuery ? (signal: AbortSignal) => searchTables(urlQuery, lang, signal) : undefined,
  );
  const loading = urlQuery !== "" && !found.current;
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const response = urlQuery ? found.value : undefined;

  const links = () => [...(list.current?.querySelectorAll<HTMLAnchorElement>("a") ?? [])];
  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      const first = links()[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === "Escape" && text) {
      event.preventDefault();
      now("");
    }
  };
  const onListKey = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp" && event.key !== "Escape") return;
    event.preventDefault();
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (event.key === "Escape") now("");
    const next = event.key === "ArrowDown" ? all[Math.min(at + 1, all.length - 1)] : all[at - 1];
    (event.key === "Escape" || !next ? input.current : next)?.focus();
  };

  const count = response?.total ?? 0;
  const hasResults = response !== undefined && response.results.length > 0;
  return (
    <div className="table-search">
      <search aria-labelledby="table-search-label">
        <form
          className="table-search__form"
          onSubmit={(event) => {
            event.preventDefault();
            now(text);
          }}
        >
          <label id="table-search-label" htmlFor="table-search-input" className="table-search__label">
            {t("home.search.label")}
          </label>
          <input
            ref={input}
            id="table-search-input"
            className="table-search__input"
            type="search"
            value={text}
            placeholder={t("home.search.placeholder")}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="table-search-hint"
            aria-controls={hasResults ? "table-search-results" : undefined}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onInputKey}
          />
          <p id="table-search-hint" className="table-search__hint">
            {t("home.search.hint")} <span className="visually-hidden">{t("home.search.keys")}</span>
          </p>
        </form>
      </search>
      <p className="table-search__status" role="status">
        {response && !loading
          ? count > 0
            ? t("home.search.found", { count, n: formatCount(count, lang) })
            : t("home.search.none", { query: urlQuery })
          : ""}
      </p>
      {urlQuery && found.current && found.error !== undefined && <ErrorMessage error={found.error} />}
      {urlQuery && loading && !response && <p className="status">{t("home.search.searching")}</p>}
      {hasResults && (
        // Arrow keys move between the results' links (each item has one); the links are in the tab order too.
        <ol
          ref={list}
          id="table-search-results"
          className="table-search__results"
          aria-label={t("home.search.results")}
          aria-busy={loading}
          onKeyDown={onListKey}
        >
          {response.results.map((result) => (
            <li key={result.id} className="search-result">
              <Link
                className="search-result__link"
                href={pathOf({ page: "table", lang, id: result.id }) + preselection(result.matches)}
              >
                <span className="table-id">{result.id}</span>
                <Marked text={result.label} query={urlQuery} />
              </Link>
              {result.illustrative && <span className="badge badge--illustrative">{t("home.illustrative")}</span>}
              <ul className="search-result__why">
                {result.matches.map((match) => (
                  <li key={`${match.kind}:${match.variable ?? ""}:${match.text}`}>
                    <Why match={match} query={urlQuery} />
                  </li>
                ))}
                {result.updated && (
                  <li className="search-result__date">
                    {t("home.updated", { date: formatDate(result.updated, lang) })}
                  </li>
                )}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/** Why a table matched: its title, a variable, or a value of a variable. */
function Why({ match, query }: { match: SearchMatch; query: string }) {
  const { t } = useTranslation();
  const kind = <span className="search-result__kind">{t(`home.search.kind.${match.kind}`)}</span>;
  if (match.kind === "title") return kind;
  return (
    <>
      {kind} <Marked text={match.text} query={query} />
      {match.variable && <span className="search-result__variable"> ({match.variable})</span>}
    </>
  );
}
