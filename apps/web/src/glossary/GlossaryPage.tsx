/**
 * The glossary of migration statistics: every term under its letter, with its definition, category, tables and
 * related terms. The search box keeps the terms that match in the reader's language or the other one (the
 * server's search, tolerant of endings and typos); its term is in the URL (?q=). Each term's element id is the
 * term's id, so /en/glossary#refugee opens at that term.
 */
import { type MouseEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { Marked } from "../home/Marked.tsx";
import { queryOf, withQuery } from "../home/query.ts";
import { useLatest } from "../home/use-latest.ts";
import { useSearchText } from "../home/use-search-text.ts";
import { type GlossaryTerm, glossaryTerms } from "../lib/api.ts";
import { formatCount } from "../lib/format.ts";
import { LANGUAGES, type Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { ALPHABETS, groupByLetter, keptTerms, letterAnchor, OTHER } from "./letters.ts";

const hashId = () => {
  try {
    return decodeURIComponent(window.location.hash.slice(1));
  } catch {
    return "";
  }
};

export function GlossaryPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  const path = pathOf({ page: "glossary", lang });
  const urlQuery = queryOf(search);
  const { text, setText, now } = useSearchText(path, urlQuery);
  const all = useAsync(() => glossaryTerms(lang), lang);
  const found = useLatest(
    `${lang}:${urlQuery}`,
    urlQuery
      ? (signal: AbortSignal) => Promise.all(LANGUAGES.map((l) => glossaryTerms(l, { query: urlQuery, signal })))
      : undefined,
  );
  const loading = urlQuery !== "" && !found.current;

  // The term in the URL's fragment: shown marked, and brought into view once the terms are there.
  const [target, setTarget] = useState(() => ({ id: hashId() }));
  useEffect(() => {
    const follow = () => setTarget({ id: hashId() });
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);
  useEffect(() => {
    if (all.state !== "done" || !target.id) return;
    const element = document.getElementById(target.id);
    element?.scrollIntoView({ block: "start" });
    element?.focus({ preventScroll: true });
  }, [all.state, target]);

  if (all.state === "loading") return <Loading />;
  if (all.state === "failed") return <ErrorMessage error={all.error} onRetry={all.retry} />;

  const terms = urlQuery && found.value ? keptTerms(all.value, found.value) : all.value;
  const shown = new Set(terms.map((term) => term.id));
  const groups = groupByLetter(terms, lang);
  const letters = new Set(groups.map((g) => g.letter));
  const count = terms.length;

  // A related term hidden by the search: show every term again and go to it.
  const followRelated = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    if (shown.has(id)) return;
    event.preventDefault();
    navigate(`${path}#${encodeURIComponent(id)}`);
    setTarget({ id });
  };

  return (
    <article className="glossary">
      <h1>{t("glossary.title")}</h1>
      <p className="glossary__intro">{t("glossary.intro")}</p>
      <search>
        <form
          className="glossary__search"
          onSubmit={(event) => {
            event.preventDefault();
            now(text);
          }}
        >
          <label htmlFor="glossary-search">{t("glossary.search")}</label>
          <input
            id="glossary-search"
            type="search"
            value={text}
            autoComplete="off"
            spellCheck={false}
            aria-describedby="glossary-search-hint"
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Escape" && text) {
                event.preventDefault();
                now("");
              }
            }}
          />
          <p id="glossary-search-hint" className="glossary__hint">
            {t("glossary.searchHint")}
          </p>
        </form>
      </search>
      <p className="glossary__count" role="status">
        {loading
          ? ""
          : urlQuery
            ? count > 0
              ? t("glossary.found", { count, n: formatCount(count, lang) })
              : t("glossary.none", { query: urlQuery })
            : t("glossary.count", { count, n: formatCount(count, lang) })}
      </p>
      {urlQuery && found.current && found.error !== undefined && <ErrorMessage error={found.error} />}
      {urlQuery && count === 0 && !loading && (
        <p>
          <Link href={withQuery(path, "")}>{t("glossary.clear")}</Link>
        </p>
      )}
      <nav className="glossary__index" aria-label={t("glossary.index")}>
        <ul>
          {[OTHER, ...ALPHABETS[lang]].map((letter) => {
            const label = letter === OTHER ? t("glossary.other") : letter;
            return letters.has(letter) ? (
              <li key={letter}>
                <a href={`#${letterAnchor(letter)}`}>{label}</a>
              </li>
            ) : (
              // A letter without terms is shown for the shape of the alphabet only.
              <li key={letter} aria-hidden="true" className="glossary__letter--empty">
                {label}
              </li>
            );
          })}
        </ul>
      </nav>
      <div aria-busy={loading}>
        {groups.map((group) => (
          <section key={group.letter} aria-labelledby={letterAnchor(group.letter)} className="glossary__letter">
            <h2 id={letterAnchor(group.letter)}>{group.letter === OTHER ? t("glossary.other") : group.letter}</h2>
            <dl>
              {group.terms.map((term) => (
                <Term
                  key={term.id}
                  lang={lang}
                  term={term}
                  query={urlQuery}
                  targeted={term.id === target.id}
                  follow={followRelated}
                />
              ))}
            </dl>
          </section>
        ))}
      </div>
    </article>
  );
}

interface TermProps {
  readonly lang: Lang;
  readonly term: GlossaryTerm;
  readonly query: string;
  readonly targeted: boolean;
  readonly follow: (id: string) => (event: MouseEvent<HTMLAnchorElement>) => void;
}

function Term({ lang, term, query, targeted, follow }: TermProps) {
  const { t } = useTranslation();
  return (
    <div className={targeted ? "glossary-term glossary-term--target" : "glossary-term"}>
      <dt id={term.id} tabIndex={-1}>
        <Marked text={term.term} query={query} />{" "}
        <a className="glossary-term__self" href={`#${term.id}`} aria-label={t("glossary.link", { term: term.term })}>
          #
        </a>
      </dt>
      <dd>
        <p>
          <Marked text={term.definition} query={query} />
        </p>
        <p className="glossary-term__source">
          {t("glossary.source")} <cite>{term.source}</cite>
        </p>
        <p className="glossary-term__facts">
          <span className="glossary-term__category">{t(`glossary.category.${term.category}`)}</span>
          {term.tables.length > 0 && (
            <span>
              {t("glossary.tables")}{" "}
              {term.tables.map((id, i) => (
                <span key={id}>
                  {i > 0 && ", "}
                  <Link href={pathOf({ page: "table", lang, id })}>{id}</Link>
                </span>
              ))}
            </span>
          )}
        </p>
        {term.related.length > 0 && (
          <p className="glossary-term__related">
            {t("glossary.related")}{" "}
            {term.related.map((related, i) => (
              <span key={related.id}>
                {i > 0 && ", "}
                <a href={`#${related.id}`} onClick={follow(related.id)}>
                  {related.term}
                </a>
              </span>
            ))}
          </p>
        )}
      </dd>
    </div>
  );
}
