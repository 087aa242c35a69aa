/**
 * The inventory's search: one text box, facets with counts, sort, pages, the results as a list or a map, and
 * exports of the same search. The whole search is in the URL, so any result can be shared.
 */
import { lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { useLatest } from "../home/use-latest.ts";
import { formatCount } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useDebouncedText } from "../lib/use-debounced-text.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import {
  EXPORT_FORMATS,
  exportUrl,
  type FacetValue,
  type InstitutionItem,
  inventoryApi,
  type SearchAnswer,
} from "./api.ts";
import {
  FACETS,
  type Facet,
  formatSearchState,
  hasFilters,
  MAX_QUERY_LENGTH,
  pagesOf,
  parseSearchState,
  type SearchState,
  SORTS,
  type Sort,
  toggleFacet,
  VIEWS,
  withText,
} from "./search-state.ts";

// The map (d3-geo and the world's shapes) loads only when a reader opens it.
const InventoryMap = lazy(() => import("./InventoryMap.tsx").then((m) => ({ default: m.InventoryMap })));

export function SearchPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("inventory.title"));
  const state = parseSearchState(search);
  const path = pathOf({ page: "inventory", lang });
  const go = (next: SearchState, options: { push?: boolean } = {}) =>
    navigate(path + formatSearchState(next), { replace: !options.push });
  const box = useDebouncedText(state.q, (q) => go(withText(state, q)));
  const key = `${lang}${formatSearchState({ ...state, view: "list" })}`;
  const found = useLatest(key, (signal) => inventoryApi.search(state, lang, signal));
  const answer = found.value;

  return (
    <div className="inv">
      <div className="inv__intro">
        <h1>{t("inventory.title")}</h1>
        <p>{t("inventory.intro")}</p>
        <p className="inv-network-links">
          <Link href={pathOf({ page: "suggest", lang })}>{t("inventory.suggestNew")}</Link>
          <Link href={pathOf({ page: "network", lang })}>{t("inventory.network.link")}</Link>
          <Link href={pathOf({ page: "releases", lang })}>{t("inventory.releases.link")}</Link>
        </p>
      </div>
      <search aria-labelledby="inv-search-label" className="inv-search">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            box.now(box.text);
          }}
        >
          <label id="inv-search-label" htmlFor="inv-search-input" className="inv-search__label">
            {t("inventory.search.label")}
          </label>
          <div className="inv-search__row">
            <input
              id="inv-search-input"
              className="inv-search__input"
              type="search"
              value={box.text}
              maxLength={MAX_QUERY_LENGTH}
              placeholder={t("inventory.search.placeholder")}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="inv-search-hint"
              onChange={(event) => box.setText(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === "Escape" && box.text) {
                  event.preventDefault();
                  box.now("");
                }
              }}
            />
            <button type="submit">{t("inventory.search.submit")}</button>
          </div>
          <p id="inv-search-hint" className="inv-search__hint">
            {t("inventory.search.hint")}
          </p>
        </form>
      </search>
      <div className="inv__layout">
        <Facets lang={lang} state={state} answer={answer} go={go} />
        <section className="inv-results" aria-labelledby="inv-results-title" aria-busy={!found.current}>
          <h2 id="inv-results-title" className="visually-hidden">
            {t("inventory.results")}
          </h2>
          <Toolbar lang={lang} state={state} answer={answer} current={found.current} go={go} />
          {found.error !== undefined && found.current ? (
            <ErrorMessage error={found.error} />
          ) : answer === undefined ? (
            <Loading />
          ) : state.view === "map" ? (
            <Suspense fallback={<Loading />}>
              <InventoryMap lang={lang} state={state} />
            </Suspense>
          ) : (
            <>
              <Results lang={lang} answer={answer} />
              <Pager lang={lang} state={state} total={answer.total} go={go} />
            </>
          )}
        </section>
      </div>
    </div>
  );
}

/** How many values of a facet show before "show all". */
const FACET_SHORT = 8;

type Go = (next: SearchState, options?: { push?: boolean }) => void;

function Facets({
  lang,
  state,
  answer,
  go,
}: {
  lang: Lang;
  state: SearchState;
  answer: SearchAnswer | undefined;
  go: Go;
}) {
  const { t } = useTranslation();
  return (
    <aside className="inv-facets" aria-label={t("inventory.facets.label")}>
      {hasFilters(state) && (
        <button
          type="button"
          className="inv-facets__clear"
          onClick={() => go({ ...state, category: [], country: [], topic: [], page: 1 })}
        >
          {t("inventory.facets.clear")}
        </button>
      )}
      {FACETS.map((facet) => (
        <FacetBox
          key={facet}
          lang={lang}
          facet={facet}
          values={answer?.facets[facet] ?? []}
          chosen={state[facet]}
          onToggle={(id) => go(toggleFacet(state, facet, id))}
        />
      ))}
    </aside>
  );
}

function FacetBox({
  lang,
  facet,
  values,
  chosen,
  onToggle,
}: {
  lang: Lang;
  facet: Facet;
  values: readonly FacetValue[];
  chosen: readonly string[];
  onToggle: (id: string) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (values.length === 0) return null;
  // The first values (the most frequent, and any chosen) keep a long facet short; the rest on request.
  const shown = open ? values : values.filter((v, i) => i < FACET_SHORT || chosen.includes(v.id));
  const listId = `inv-facet-${facet}`;
  return (
    <fieldset className="inv-facet">
      <legend>{t(`inventory.facets.${facet}`)}</legend>
      <ul id={listId}>
        {shown.map((v) => {
          const id = `inv-facet-${facet}-${v.id}`;
          return (
            <li key={v.id}>
              <input id={id} type="checkbox" checked={chosen.includes(v.id)} onChange={() => onToggle(v.id)} />
              <label htmlFor={id}>
                {v.label} <span className="inv-facet__count">{formatCount(v.count, lang)}</span>
              </label>
            </li>
          );
        })}
      </ul>
      {values.length > FACET_SHORT && (
        <button
          type="button"
          className="inv-facet__more"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? t("inventory.facets.fewer") : t("inventory.facets.more", { n: formatCount(values.length, lang) })}
        </button>
      )}
    </fieldset>
  );
}

function Toolbar({
  lang,
  state,
  answer,
  current,
  go,
}: {
  lang: Lang;
  state: SearchState;
  answer: SearchAnswer | undefined;
  current: boolean;
  go: Go;
}) {
  const { t } = useTranslation();
  const sort = state.sort ?? (state.q ? "relevance" : "name");
  return (
    <div className="inv-toolbar">
      <p className="inv-toolbar__count" role="status">
        {answer && current ? t("inventory.count", { count: answer.total, n: formatCount(answer.total, lang) }) : ""}
      </p>
      <div className="inv-toolbar__controls">
        <label className="inv-toolbar__sort">
          {t("inventory.sort.label")}{" "}
          <select value={sort} onChange={(event) => go({ ...state, sort: event.target.value as Sort, page: 1 })}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`inventory.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons, not a form's fieldset */}
        <div className="inv-toolbar__views" role="group" aria-label={t("inventory.view.label")}>
          {VIEWS.map((view) => (
            <button
              key={view}
              type="button"
              aria-pressed={state.view === view}
              onClick={() => go({ ...state, view }, { push: true })}
            >
              {t(`inventory.view.${view}`)}
            </button>
          ))}
        </div>
      </div>
      <p className="inv-toolbar__exports">
        {t("inventory.export.label")}{" "}
        {EXPORT_FORMATS.map(({ format, key }) => (
          <a key={format} href={exportUrl(state, lang, format)} download>
            {t(`inventory.export.${key}`)}
          </a>
        ))}
      </p>
    </div>
  );
}

function Results({ lang, answer }: { lang: Lang; answer: SearchAnswer }) {
  const { t } = useTranslation();
  if (answer.items.length === 0) return <p className="inv-empty">{t("inventory.none")}</p>;
  const labels = {
    category: new Map(answer.facets.category.map((v) => [v.id, v.label])),
    topic: new Map(answer.facets.topic.map((v) => [v.id, v.label])),
  };
  return (
    <ol className="inv-list">
      {answer.items.map((item) => (
        <ResultItem key={item.id} lang={lang} item={item} labels={labels} />
      ))}
    </ol>
  );
}

function ResultItem({
  lang,
  item,
  labels,
}: {
  lang: Lang;
  item: InstitutionItem;
  labels: { category: Map<string, string>; topic: Map<string, string> };
}) {
  const { t } = useTranslation();
  const place = [item.city, item.countryName].filter(Boolean).join(", ");
  return (
    <li className="inv-item">
      <h3 className="inv-item__name">
        <Link href={pathOf({ page: "institution", lang, id: item.id })}>{item.name}</Link>
        {item.acronym && <span className="inv-item__acronym"> ({item.acronym})</span>}
      </h3>
      <p className="inv-item__facts">
        <span className="inv-tag inv-tag--category">{labels.category.get(item.category) ?? item.category}</span>
        {place && <span>{place}</span>}
        {item.synthetic && <span className="badge badge--illustrative">{t("inventory.synthetic")}</span>}
      </p>
      {item.topics.length > 0 && (
        <ul className="inv-topics" aria-label={t("inventory.field.topics")}>
          {item.topics.map((topic) => (
            <li key={topic} className="inv-tag">
              {labels.topic.get(topic) ?? topic}
            </li>
          ))}
        </ul>
      )}
      {item.website && (
        <p className="inv-item__web">
          <WebsiteLink url={item.website} status={item.linkStatus ?? undefined} />
        </p>
      )}
    </li>
  );
}

/** A website, opened without giving it this page (noopener) or the address it came from (noreferrer). */
export function WebsiteLink({ url, status }: { url: string; status?: string | undefined }) {
  const { t } = useTranslation();
  return (
    <>
      <a href={url} rel="noopener noreferrer" target="_blank" className="inv-web">
        {url.replace(/^https?:\/\//, "").replace(/\/$/, "")}
        <span className="visually-hidden"> {t("inventory.newWindow")}</span>
      </a>
      {status && status !== "ok" && (
        <span className={`inv-link-status inv-link-status--${status}`}>
          {" "}
          {t(`inventory.linkStatus.${status}`, { defaultValue: status })}
        </span>
      )}
    </>
  );
}

function Pager({ lang, state, total, go }: { lang: Lang; state: SearchState; total: number; go: Go }) {
  const { t } = useTranslation();
  const { count, current } = pagesOf(total, state.page);
  if (count <= 1) return null;
  const to = (page: number) => go({ ...state, page }, { push: true });
  return (
    <nav className="inv-pager" aria-label={t("inventory.pages.label")}>
      <button type="button" disabled={current <= 1} onClick={() => to(current - 1)}>
        {t("inventory.pages.previous")}
      </button>
      <span>{t("inventory.pages.of", { page: formatCount(current, lang), count: formatCount(count, lang) })}</span>
      <button type="button" disabled={current >= count} onClick={() => to(current + 1)}>
        {t("inventory.pages.next")}
      </button>
    </nav>
  );
}
