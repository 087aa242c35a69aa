/**
 * The editors' queue of entries to verify: never verified, verified over a year ago, or whose website fails, most
 * urgent first, each with the reason and a button marking it checked today.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { inventoryApi } from "./api.ts";
import { EditorsOnly, ModerationNav, QueuePager } from "./ModerationPage.tsx";
import { moderationApi } from "./moderation-api.ts";

export function VerificationPage({ lang, search }: { lang: Lang; search: string }) {
  return (
    <EditorsOnly lang={lang}>
      <Verification lang={lang} search={search} />
    </EditorsOnly>
  );
}

function Verification({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("moderation.verification.title"));
  const page = Math.max(1, Number(new URLSearchParams(search).get("page")) || 1);
  const [done, setDone] = useState<{ name: string; n: number }>({ name: "", n: 0 });
  const [failure, setFailure] = useState<unknown>(null);
  const queue = useAsync(() => moderationApi.verification(page, lang), `${lang}:${page}:${done.n}`);
  const href = (p: number) => `${pathOf({ page: "verification", lang })}${p > 1 ? `?page=${p}` : ""}`;
  const verify = async (id: string, name: string) => {
    setFailure(null);
    try {
      await inventoryApi.verify(id, lang);
      setDone({ name, n: done.n + 1 });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section className="page inv-moderation">
      <ModerationNav lang={lang} current="verification" />
      <h1>{t("moderation.verification.title")}</h1>
      <p>{t("moderation.verification.intro")}</p>
      {done.name && <p className="status status--done">{t("moderation.verification.done", { name: done.name })}</p>}
      {failure !== null && <ErrorMessage error={failure} />}
      {queue.state === "loading" ? (
        <Loading />
      ) : queue.state === "failed" ? (
        <ErrorMessage error={queue.error} onRetry={queue.retry} />
      ) : (
        <>
          <p role="status">
            {t("moderation.verification.count", { count: queue.value.total, n: formatCount(queue.value.total, lang) })}
          </p>
          {queue.value.items.length === 0 ? (
            <p>{t("moderation.verification.none")}</p>
          ) : (
            <ul className="inv-list inv-verify">
              {queue.value.items.map((item) => (
                <li key={item.id} className="inv-item">
                  <h2 className="inv-item__name">
                    <Link href={pathOf({ page: "institution", lang, id: item.id })}>{item.name}</Link>
                  </h2>
                  <p className="inv-item__facts">
                    {item.reasons.map((r) => (
                      <span key={r} className={`badge${r === "link" ? " badge--warn" : ""}`}>
                        {t(`moderation.verification.${r}`)}
                      </span>
                    ))}
                    <span>
                      {t("moderation.verification.verified")}:{" "}
                      {item.verifiedAt ? formatDate(item.verifiedAt, lang) : t("moderation.verification.neverDate")}
                    </span>
                  </p>
                  <button
                    type="button"
                    aria-label={t("moderation.verification.verify", { name: item.name })}
                    onClick={() => verify(item.id, item.name)}
                  >
                    {t("moderation.verification.verifyShort")}
                  </button>
                </li>
              ))}
            </ul>
          )}
          <QueuePager lang={lang} total={queue.value.total} page={page} to={(p) => navigate(href(p))} />
        </>
      )}
    </section>
  );
}
