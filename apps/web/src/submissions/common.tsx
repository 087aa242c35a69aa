/** What every submissions page shares: who may see it, the state's badge, countries by name, the sections' nav. */
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../account/session.tsx";
import { Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
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
