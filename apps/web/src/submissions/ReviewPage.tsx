/** The editors' queue: submitted submissions waiting for review, oldest first, then approved ones waiting for release. */
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { submissionsApi } from "./api.ts";
import { SubmissionsOnly } from "./common.tsx";
import { SubmissionTable } from "./SubmissionsPage.tsx";
import { reviewQueue } from "./view.ts";

export function ReviewPage({ lang }: { lang: Lang }) {
  return (
    <SubmissionsOnly lang={lang} reviewers>
      {() => <Queue lang={lang} />}
    </SubmissionsOnly>
  );
}

function Queue({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("submissions.reviewTitle"));
  const queue = useAsync(
    () =>
      Promise.all([
        submissionsApi.list(lang, { state: "submitted" }),
        submissionsApi.list(lang, { state: "approved" }),
      ]).then(([submitted, approved]) => reviewQueue([...submitted, ...approved])),
    lang,
  );
  return (
    <section className="page sub-page">
      <h1>{t("submissions.reviewTitle")}</h1>
      <p>{t("submissions.queueIntro")}</p>
      {queue.state === "loading" ? (
        <Loading />
      ) : queue.state === "failed" ? (
        <ErrorMessage error={queue.error} onRetry={queue.retry} />
      ) : (
        <SubmissionTable lang={lang} submissions={queue.value} empty={t("submissions.queueNone")} />
      )}
    </section>
  );
}
