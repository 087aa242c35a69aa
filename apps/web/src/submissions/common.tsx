/** What every submissions page shares: who may see it, the state's badge, countries by name, the sections' nav. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../account/session.tsx";
import { Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { alpha3ToAlpha2 } from "../table/chart/countries.ts";
import { isReviewer, type SubmissionState, seesSubmissions, type Viewer } from "./view.ts";
import "./submissions.css";

/**
 * The page for those who work with submissions (focal points, editors, administrators): a reader not signed in
 * is asked to, one without the right is told so. `reviewers` narrows it to the secretariat.
 */
export function SubmissionsOnly({
  lang,
  reviewers = false,
  children,
}: {
  lang: Lang;
  reviewers?: boolean;
  children: (viewer: Viewer) => ReactNode;
}) {
  const { t } = useTranslation();
  const { user } = useSession();
  if (user === undefined) return <Loading />;
  const title = reviewers ? t("submissions.reviewTitle") : t("submissions.title");
  if (user === null) {
    const next = window.location.pathname + window.location.search;
    return (
      <section className="page">
        <h1>{title}</h1>
        <p>
          <Link href={`${pathOf({ page: "signin", lang })}?next=${encodeURIComponent(next)}`}>
            {t("submissions.signInFirst")}
          </Link>
        </p>
      </section>
    );
  }
  const viewer: Viewer = user;
  if (!seesSubmissions(viewer) || (reviewers && !isReviewer(viewer))) {
    return (
      <section className="page">
        <h1>{title}</h1>
        <p>{reviewers ? t("submissions.reviewersOnly") : t("submissions.forbidden")}</p>
      </section>
    );
  }
  return <>{children(viewer)}</>;
}

export function StateBadge({ state }: { state: SubmissionState }) {
  const { t } = useTranslation();
  return <span className={`sub-state sub-state--${state}`}>{t(`submissions.state.${state}`)}</span>;
}

const regionNames = new Map<Lang, Intl.DisplayNames>();

/** A reporting country's name in the reader's language (Kazakhstan, Казахстан), else its code. */
export function countryName(code: string, lang: Lang): string {
  let names = regionNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: "region", fallback: "none" });
    regionNames.set(lang, names);
  }
  const alpha2 = alpha3ToAlpha2(code);
  return (alpha2 && names.of(alpha2)) || code;
}
