/** The administrators' pages: sign-in first, then only for administrators; and their navigation. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isAdministrator, useSession } from "../account/session.tsx";
import { Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";

export function AdminOnly({ lang, title, children }: { lang: Lang; title: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  if (!isAdministrator(user)) {
    const next = window.location.pathname + window.location.search;
    return (
      <section className="page">
        <h1>{title}</h1>
        {user === null ? (
          <p>
            <Link href={`${pathOf({ page: "signin", lang })}?next=${encodeURIComponent(next)}`}>
              {t("admin.signInFirst")}
            </Link>
          </p>
        ) : (
          <p>{t("admin.forbidden")}</p>
        )}
      </section>
    );
  }
  return <>{children}</>;
}

export function AdminNav({ lang, current }: { lang: Lang; current: "users" | "audit" }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("admin.nav.label")} className="inv-tabs">
      {(["users", "audit"] as const).map((page) => (
        <Link key={page} href={pathOf({ page, lang })} aria-current={page === current ? "page" : undefined}>
          {t(`admin.nav.${page}`)}
        </Link>
      ))}
    </nav>
  );
}
