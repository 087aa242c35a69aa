/**
 * Who works on what: countries (rows, most entries first) × topics (columns), each count a link into the search
 * with that country and topic, so the number is the total the search shows. The table scrolls sideways on its
 * own on a narrow screen, the page does not.
 */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { inventoryApi } from "./api.ts";

export function NetworkPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("inventory.network.title"));
  const network = useAsync(() => inventoryApi.network(lang), lang);
  const searchHref = (country: string, topic?: string) =>
    `${pathOf({ page: "inventory", lang })}?country=${country}${topic ? `&topic=${topic}` : ""}`;
  return (
    <section className="page inv-network">
      <p className="inv-entry__back">
        <Link href={pathOf({ page: "inventory", lang })}>{t("inventory.entry.back")}</Link>
      </p>
      <h1>{t("inventory.network.title")}</h1>
      <p>{t("inventory.network.intro")}</p>
      {network.state === "loading" ? (
        <Loading />
      ) : network.state === "failed" ? (
        <ErrorMessage error={network.error} onRetry={network.retry} />
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="inv-network__scroll" tabIndex={0} aria-labelledby="inv-network-caption">
          <table className="inv-network__table">
            <caption id="inv-network-caption">{t("inventory.network.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("inventory.network.country")}</th>
                <th scope="col">{t("inventory.network.total")}</th>
                {network.value.topics.map((topic) => (
                  <th key={topic.id} scope="col">
                    {topic.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {network.value.countries.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.name}</th>
                  <td>
                    <Link href={searchHref(c.code)}>{formatCount(c.total, lang)}</Link>
                  </td>
                  {c.counts.map((n, k) => {
                    const topic = network.value.topics[k];
                    if (!topic) return null;
                    return (
                      <td key={topic.id}>
                        {n === 0 ? (
                          <>
                            <span aria-hidden="true">·</span>
                            <span className="visually-hidden">{t("inventory.network.none")}</span>
                          </>
                        ) : (
                          <Link
                            href={searchHref(c.code, topic.id)}
                            aria-label={t("inventory.network.cell", {
                              count: n,
                              n: formatCount(n, lang),
                              country: c.name,
                              topic: topic.label,
                            })}
                          >
                            {formatCount(n, lang)}
                          </Link>
                        )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </section>
  );
}
