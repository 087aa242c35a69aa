/**
 * One submission: its state and history; for the country (draft, returned) the templates, the upload, the tables
 * uploaded, the findings with their comments, the metadata and submit; for the secretariat the same read-only,
 * with return, approve (with an embargo) and release; after the release, the new versions of the tables.
 */
import { type FormEvent, type ReactNode, useCallback, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { countryName } from "../lib/countries.ts";
import { formatCount, formatDateTime } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type Bilingual, type Finding, type Submission, submissionsApi } from "./api.ts";
import { StateBadge, SubmissionsOnly } from "./common.tsx";
import { Findings } from "./Findings.tsx";
import { MetadataForm } from "./MetadataForm.tsx";
import { FindingCounts } from "./SubmissionsPage.tsx";
import { Templates } from "./Templates.tsx";
import { Upload } from "./Upload.tsx";
import {
  actionsFor,
  compareTableIds,
  isFuture,
  localInputToUtc,
  releasedVersionOf,
  type SubmissionAction,
  submitBlockers,
  uncommentedWarnings,
  type Viewer,
  yearRanges,
} from "./view.ts";

/** A table as released in one version, and two versions compared (decision 0009's addresses of the table page). */
const tableVersionHref = (lang: Lang, table: string, version: number) =>
  `${pathOf({ page: "table", lang, id: table })}?version=${version}`;
const tableCompareHref = (lang: Lang, table: string, from: number, to: number) =>
  `${pathOf({ page: "table", lang, id: table })}/compare?from=${from}&to=${to}`;

export function SubmissionPage({ lang, id }: { lang: Lang; id: string }) {
  return <SubmissionsOnly lang={lang}>{(viewer) => <Loader lang={lang} id={id} viewer={viewer} />}</SubmissionsOnly>;
}

function Loader({ lang, id, viewer }: { lang: Lang; id: string; viewer: Viewer }) {
  const [reload, setReload] = useState(0);
  const loaded = useAsync(
    () => Promise.all([submissionsApi.get(id, lang), submissionsApi.findings(id, lang)]),
    `${lang}:${id}:${reload}`,
  );
  const refresh = useCallback(() => setReload((n) => n + 1), []);
  // The first load shows "loading"; a reload keeps the page (and its scroll) until the new answer is in.
  const [last, setLast] = useState<[Submission, { findings: Finding[]; truncated?: boolean }]>();
  if (loaded.state === "done" && loaded.value !== last) setLast(loaded.value);
  if (!last) {
    if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
    return <Loading />;
  }
  return (
    <>
      {loaded.state === "failed" && <ErrorMessage error={loaded.error} onRetry={loaded.retry} />}
      <Page
        lang={lang}
        viewer={viewer}
        submission={last[0]}
        findings={last[1].findings}
        truncated={last[1].truncated ?? false}
        refresh={refresh}
      />
    </>
  );
}

function Page({
  lang,
  viewer,
  submission,
  findings,
  truncated,
  refresh,
}: {
  lang: Lang;
  viewer: Viewer;
  submission: Submission;
  findings: readonly Finding[];
  truncated: boolean;
  refresh: () => void;
}) {
  const { t } = useTranslation();
  const country = countryName(submission.reporter, lang);
  const title = t("submissions.heading", { id: submission.id, country });
  useDocumentTitle(title);
  const actions = actionsFor(viewer, {
    state: submission.state,
    reporter: submission.reporter,
    submittedBy: submission.submittedBy?.id,
  });
  const can = (action: SubmissionAction) => actions.has(action);
  const tables = useMemo(
    () => [...submission.tableDetails].sort((a, b) => compareTableIds(a.table, b.table)),
    [submission.tableDetails],
  );
  const tableIds = tables.map((tb) => tb.table);
  const [reviewComments, setReviewComments] = useState<Record<string, string>>({});
  const reviewing = can("return");
  const secretariat = useMemo(() => {
    const byKey = new Map<string, string[]>();
    for (const c of submission.comments) {
      if (!c.findingKey || c.authorRole === "focal-point") continue;
      byKey.set(c.findingKey, [...(byKey.get(c.findingKey) ?? []), c.body]);
    }
    return byKey;
  }, [submission.comments]);

  const sections: { id: string; label: string; shown: boolean }[] = [
    { id: "templates", label: t("submissions.sections.templates"), shown: can("upload") },
    { id: "upload", label: t("submissions.sections.upload"), shown: can("upload") },
    { id: "tables", label: t("submissions.sections.tables"), shown: true },
    { id: "findings", label: t("submissions.sections.findings"), shown: true },
    { id: "metadata", label: t("submissions.sections.metadata"), shown: true },
    { id: "submit", label: t("submissions.sections.submit"), shown: can("submit") },
    { id: "review", label: t("submissions.sections.review"), shown: reviewing || can("release") },
    { id: "released", label: t("submissions.sections.released"), shown: submission.state === "released" },
    { id: "comments", label: t("submissions.sections.comments"), shown: submission.comments.length > 0 },
    { id: "history", label: t("submissions.sections.history"), shown: true },
  ];

  return (
    <article className="page sub-page sub-submission" aria-labelledby="sub-title">
      <p className="inv-entry__back">
        <Link href={pathOf({ page: "submissions", lang })}>{t("submissions.title")}</Link>
      </p>
      <h1 id="sub-title">{title}</h1>
      <p className="sub-facts">
        <StateBadge state={submission.state} />
        <FindingCounts lang={lang} errors={submission.findings.errors} warnings={submission.findings.warnings} />
        <span>{t("submissions.tablesCount", { count: tables.length, n: formatCount(tables.length, lang) })}</span>
        {submission.releaseAt && submission.state === "approved" && (
          <EmbargoText lang={lang} iso={submission.releaseAt} />
        )}
      </p>
      {!can("upload") && (
        <p className="sub-note">{t("submissions.readOnly", { state: t(`submissions.state.${submission.state}`) })}</p>
      )}
      {submission.revisionNote && !can("submit") && (
        <dl className="sub-metadata__texts sub-revision">
          <div>
            <dt>{t("submissions.submit.revisionNote")}</dt>
            <dd>
              <span lang="en">{submission.revisionNote.en}</span>
              <span lang="ru">{submission.revisionNote.ru}</span>
            </dd>
          </div>
        </dl>
      )}
      <nav aria-label={t("submissions.sections.label")} className="sub-sections">
        {sections
          .filter((s) => s.shown)
          .map((s) => (
            <a key={s.id} href={`#${s.id}`}>
              {s.label}
            </a>
          ))}
      </nav>

      {can("upload") && (
        <Section id="templates" title={t("submissions.sections.templates")}>
          <Templates lang={lang} reporter={submission.reporter} uploaded={tableIds} />
        </Section>
      )}
      {can("upload") && (
        <Section id="upload" title={t("submissions.sections.upload")}>
          <Upload lang={lang} submissionId={submission.id} onUploaded={refresh} />
        </Section>
      )}
      <Section id="tables" title={t("submissions.sections.tables")}>
        <UploadedTables lang={lang} submission={submission} canDrop={can("dropTable")} onChanged={refresh} />
      </Section>
      <Section id="findings" title={t("submissions.sections.findings")}>
        {tableIds.length === 0 ? (
          <p>{t("submissions.noTables")}</p>
        ) : (
          <Findings
            lang={lang}
            submissionId={submission.id}
            findings={findings}
            truncated={truncated}
            tables={tableIds}
            canComment={can("commentFinding")}
            reviewComments={reviewing ? reviewComments : undefined}
            onReviewComment={reviewing ? (key, text) => setReviewComments((c) => ({ ...c, [key]: text })) : undefined}
            onCommented={refresh}
            secretariat={secretariat}
          />
        )}
      </Section>
      <Section id="metadata" title={t("submissions.sections.metadata")}>
        <MetadataForm
          key={submission.state}
          lang={lang}
          submissionId={submission.id}
          entries={submission.metadata}
          tables={tableIds}
          editable={can("editMetadata")}
          onSaved={refresh}
        />
      </Section>
      {can("submit") && (
        <Section id="submit" title={t("submissions.sections.submit")}>
          <SubmitForm
            lang={lang}
            submission={submission}
            findings={findings}
            canDiscard={can("discard")}
            onDone={refresh}
          />
        </Section>
      )}
      {(reviewing || can("release")) && (
        <Section id="review" title={t("submissions.sections.review")}>
          <ReviewForm
            lang={lang}
            submission={submission}
            actions={actions}
            findingComments={reviewComments}
            onDone={() => {
              setReviewComments({});
              refresh();
            }}
          />
        </Section>
      )}
      {submission.state === "released" && (
        <Section id="released" title={t("submissions.sections.released")}>
          <ReleasedVersions lang={lang} submission={submission} />
        </Section>
      )}
      {submission.comments.length > 0 && (
        <Section id="comments" title={t("submissions.sections.comments")}>
          <ol className="sub-comments">
            {submission.comments.map((c) => (
              <li key={c.id}>
                <p className="sub-comments__meta">
                  {c.author?.name ?? t("submissions.history.system")} · {formatDateTime(c.createdAt, lang)}
                  {c.findingKey && <> · {t("submissions.comments.on", { key: c.findingKey })}</>}
                </p>
                <p>{c.body}</p>
              </li>
            ))}
          </ol>
        </Section>
      )}
      <Section id="history" title={t("submissions.sections.history")}>
        <History lang={lang} submission={submission} />
      </Section>
    </article>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} className="sub-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function EmbargoText({ lang, iso }: { lang: Lang; iso: string }) {
  const { t } = useTranslation();
  return (
    <span className="sub-embargo">
      {t("submissions.review.releaseAt", { local: formatDateTime(iso, lang), utc: formatDateTime(iso, lang, "UTC") })}
    </span>
  );
}

function UploadedTables({
  lang,
  submission,
  canDrop,
  onChanged,
}: {
  lang: Lang;
  submission: Submission;
  canDrop: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>();
  const tables = [...submission.tableDetails].sort((a, b) => compareTableIds(a.table, b.table));
  if (tables.length === 0) return <p>{t("submissions.noTables")}</p>;
  const drop = async (table: string) => {
    setError(undefined);
    try {
      await submissionsApi.dropTable(submission.id, table, lang);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <div className="sub-scroll">
        <table className="sub-table">
          <thead>
            <tr>
              <th scope="col">{t("submissions.tables.table")}</th>
              <th scope="col">{t("submissions.tables.years")}</th>
              <th scope="col">{t("submissions.tables.cells")}</th>
              <th scope="col">{t("submissions.tables.file")}</th>
              <th scope="col">{t("submissions.tables.uploaded")}</th>
              {canDrop && (
                <th scope="col">
                  <span className="visually-hidden">{t("submissions.tables.drop")}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {tables.map((tb) => (
              <tr key={tb.table}>
                <th scope="row">{tb.table}</th>
                <td>{yearRanges(tb.years.map(Number))}</td>
                <td className="sub-table__number">
                  {t("submissions.cells", { count: tb.cells, n: formatCount(tb.cells, lang) })}
                </td>
                <td>{tb.files.join(", ")}</td>
                <td>{formatDateTime(tb.uploadedAt, lang)}</td>
                {canDrop && (
                  <td>
                    <button
                      type="button"
                      className="inv-form__reject"
                      aria-label={t("submissions.tables.dropLabel", { table: tb.table })}
                      onClick={() => void drop(tb.table)}
                    >
                      {t("submissions.tables.drop")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
    </>
  );
}

function SubmitForm({
  lang,
  submission,
  findings,
  canDiscard,
  onDone,
}: {
  lang: Lang;
  submission: Submission;
  findings: readonly Finding[];
  canDiscard: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState<Bilingual>(submission.revisionNote ?? { en: "", ru: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const uncommented = Math.max(submission.findings.uncommentedWarnings, uncommentedWarnings(findings).length);
  const blockers = submitBlockers({ errors: submission.findings.errors, uncommented });
  const noTables = submission.tableDetails.length === 0;
  const needsNote = submission.changes.count > 0;
  const noteMissing = needsNote && (!note.en.trim() || !note.ru.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await submissionsApi.submit(
        submission.id,
        needsNote ? { en: note.en.trim(), ru: note.ru.trim() } : undefined,
        lang,
      );
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    if (!window.confirm(t("submissions.submit.discardConfirm"))) return;
    try {
      await submissionsApi.discard(submission.id, lang);
      navigate(pathOf({ page: "submissions", lang }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <form className="inv-form sub-submit" onSubmit={submit}>
      <p>{t("submissions.submit.intro")}</p>
      {noTables && <p className="sub-note">{t("submissions.submit.noTables")}</p>}
      {blockers && blockers.errors > 0 && (
        <p className="sub-note sub-note--error">
          {t("submissions.submit.blockedErrors", { count: blockers.errors, n: formatCount(blockers.errors, lang) })}
        </p>
      )}
      {blockers && blockers.uncommented > 0 && (
        <p className="sub-note">
          {t("submissions.submit.blockedWarnings", {
            count: blockers.uncommented,
            n: formatCount(blockers.uncommented, lang),
          })}
        </p>
      )}
      {needsNote && (
        <fieldset>
          <legend>{t("submissions.submit.revisionNote")}</legend>
          <p className="inv-form__hint">{t("submissions.submit.revisionHint")}</p>
          <div className="inv-form__pair">
            {(["en", "ru"] as const).map((language) => (
              <div key={language} className="inv-form__field">
                <label htmlFor={`${id}-${language}`}>
                  {t(`submissions.metadata.${language === "en" ? "english" : "russian"}`)}
                </label>
                <textarea
                  id={`${id}-${language}`}
                  lang={language}
                  rows={3}
                  required
                  value={note[language]}
                  onChange={(event) => setNote({ ...note, [language]: event.target.value })}
                />
              </div>
            ))}
          </div>
        </fieldset>
      )}
      <p className="sub-actions">
        <button
          type="submit"
          className="inv-form__submit"
          disabled={busy || noTables || blockers !== null || noteMissing}
        >
          {busy ? t("submissions.submit.busy") : t("submissions.submit.action")}
        </button>
        {canDiscard && (
          <button type="button" className="inv-form__reject" onClick={() => void discard()}>
            {t("submissions.submit.discard")}
          </button>
        )}
      </p>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}

function ReviewForm({
  lang,
  submission,
  actions,
  findingComments,
  onDone,
}: {
  lang: Lang;
  submission: Submission;
  actions: ReadonlySet<SubmissionAction>;
  findingComments: Readonly<Record<string, string>>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [comment, setComment] = useState("");
  const [embargo, setEmbargo] = useState("");
  const [busy, setBusy] = useState<"return" | "approve" | "release">();
  const [error, setError] = useState<unknown>();
  const [returnProblem, setReturnProblem] = useState(false);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const releaseAt = embargo ? localInputToUtc(embargo) : undefined;
  const findingNotes = Object.entries(findingComments)
    .map(([key, text]) => ({ key, comment: text.trim() }))
    .filter((f) => f.comment);
  const ownSubmission = submission.state === "submitted" && actions.has("return") && !actions.has("approve");

  const run = async (kind: "return" | "approve" | "release", call: () => Promise<unknown>) => {
    setBusy(kind);
    setError(undefined);
    try {
      await call();
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const returnIt = (event: FormEvent) => {
    event.preventDefault();
    if (!comment.trim() && findingNotes.length === 0) {
      setReturnProblem(true);
      return;
    }
    setReturnProblem(false);
    void run("return", () => submissionsApi.returnToCountry(submission.id, comment.trim(), findingNotes, lang));
  };

  return (
    <div className="sub-review">
      {actions.has("return") && (
        <form className="inv-form" onSubmit={returnIt}>
          <div className={`inv-form__field${returnProblem ? " inv-form__field--problem" : ""}`}>
            <label htmlFor={`${id}-comment`}>{t("submissions.review.comment")}</label>
            <textarea
              id={`${id}-comment`}
              rows={3}
              value={comment}
              aria-invalid={returnProblem ? true : undefined}
              aria-describedby={returnProblem ? `${id}-comment-problem` : undefined}
              onChange={(event) => setComment(event.target.value)}
            />
            {returnProblem && (
              <p className="inv-form__problem" id={`${id}-comment-problem`}>
                {t("submissions.review.returnNeedsComment")}
              </p>
            )}
          </div>
          <button type="submit" className="inv-form__reject" disabled={busy !== undefined}>
            {busy === "return" ? t("submissions.review.returnBusy") : t("submissions.review.returnAction")}
          </button>
        </form>
      )}
      {ownSubmission && <p className="sub-note">{t("submissions.review.ownSubmission")}</p>}
      {actions.has("approve") && (
        <form
          className="inv-form"
          onSubmit={(event) => {
            event.preventDefault();
            void run("approve", () => submissionsApi.approve(submission.id, releaseAt, lang));
          }}
        >
          <h3>{t("submissions.review.approveTitle")}</h3>
          <div className="inv-form__field">
            <label htmlFor={`${id}-embargo`}>{t("submissions.review.embargo", { zone })}</label>
            <p className="inv-form__hint" id={`${id}-embargo-hint`}>
              {t("submissions.review.embargoHint")}
            </p>
            <input
              id={`${id}-embargo`}
              type="datetime-local"
              value={embargo}
              aria-describedby={`${id}-embargo-hint ${id}-embargo-utc`}
              onChange={(event) => setEmbargo(event.target.value)}
            />
            <p className="inv-form__hint" id={`${id}-embargo-utc`} aria-live="polite">
              {releaseAt && t("submissions.review.embargoUtc", { utc: formatDateTime(releaseAt, lang, "UTC") })}
              {releaseAt && !isFuture(releaseAt, new Date()) && ` ${t("submissions.review.embargoPast")}`}
            </p>
          </div>
          <button type="submit" className="inv-form__submit" disabled={busy !== undefined}>
            {busy === "approve" ? t("submissions.review.approveBusy") : t("submissions.review.approve")}
          </button>
        </form>
      )}
      {actions.has("release") && (
        <div className="inv-form">
          {submission.releaseAt && (
            <p>
              <EmbargoText lang={lang} iso={submission.releaseAt} />
            </p>
          )}
          <button
            type="button"
            className="inv-form__submit"
            disabled={busy !== undefined}
            onClick={() => {
              if (window.confirm(t("submissions.review.releaseConfirm")))
                void run("release", () => submissionsApi.release(submission.id, lang));
            }}
          >
            {busy === "release" ? t("submissions.review.releaseBusy") : t("submissions.review.releaseNow")}
          </button>
        </div>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </div>
  );
}

/** The versions the release made: for each table, the version of this submission and the one it followed. */
function ReleasedVersions({ lang, submission }: { lang: Lang; submission: Submission }) {
  const { t } = useTranslation();
  const tables = [...submission.tables].sort(compareTableIds);
  const versions = useAsync(
    () =>
      Promise.all(
        tables.map(async (table) => ({
          table,
          ...releasedVersionOf(await submissionsApi.versions(table), submission.id),
        })),
      ),
    `${submission.id}:${tables.join(",")}`,
  );
  return (
    <>
      {submission.releasedAt && (
        <p>{t("submissions.review.released", { date: formatDateTime(submission.releasedAt, lang) })}</p>
      )}
      <p>{t("submissions.versions.intro")}</p>
      {versions.state === "loading" ? (
        <Loading />
      ) : versions.state === "failed" ? (
        <ErrorMessage error={versions.error} onRetry={versions.retry} />
      ) : (
        <ul className="sub-versions">
          {versions.value.map((v) => (
            <li key={v.table}>
              {v.version === undefined ? (
                v.table
              ) : (
                <>
                  <Link href={tableVersionHref(lang, v.table, v.version)}>
                    {v.table}: {t("submissions.versions.open", { version: v.version })}
                  </Link>
                  {" · "}
                  {v.previous !== undefined ? (
                    <Link href={tableCompareHref(lang, v.table, v.previous, v.version)}>
                      {t("submissions.versions.compare", { previous: v.previous })}
                    </Link>
                  ) : (
                    t("submissions.versions.first")
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function History({ lang, submission }: { lang: Lang; submission: Submission }) {
  const { t } = useTranslation();
  if (submission.history.length === 0) return <p>{t("submissions.history.none")}</p>;
  return (
    <div className="sub-scroll">
      <table className="sub-table">
        <thead>
          <tr>
            <th scope="col">{t("submissions.history.at")}</th>
            <th scope="col">{t("submissions.history.event")}</th>
            <th scope="col">{t("submissions.history.by")}</th>
          </tr>
        </thead>
        <tbody>
          {submission.history.map((event, k) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the history is append-only, in order
            <tr key={k}>
              <td>
                <time dateTime={event.at}>{formatDateTime(event.at, lang)}</time>
              </td>
              <td>
                {event.from && event.to
                  ? t("submissions.history.change", {
                      from: t(`submissions.state.${event.from}`),
                      to: t(`submissions.state.${event.to}`),
                    })
                  : event.to
                    ? t(`submissions.state.${event.to}`)
                    : event.action}
                {event.comment && <p className="sub-history__note">{event.comment}</p>}
              </td>
              <td>{event.by?.name ?? t("submissions.history.system")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
