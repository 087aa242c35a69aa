/**
 * One suggestion for an editor: the entry's current and the proposed values field by field (changes marked, and
 * editable before accepting), entries that look like the same institution, and accept (with a note) or reject
 * (with the reason).
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemError } from "../account/http.ts";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatDate, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { acceptedEdits, changedFirst, type DiffRow, diffRows } from "./diff.ts";
import { EditorsOnly } from "./ModerationPage.tsx";
import { type Duplicate, moderationApi, type SuggestionDetail } from "./moderation-api.ts";

export function SuggestionPage({ lang, id }: { lang: Lang; id: string }) {
  return (
    <EditorsOnly lang={lang}>
      <Loader lang={lang} id={id} />
    </EditorsOnly>
  );
}

function Loader({ lang, id }: { lang: Lang; id: string }) {
  const loaded = useAsync(() => moderationApi.suggestion(id, lang), `${lang}:${id}`);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  return <Review lang={lang} detail={loaded.value} />;
}

type Outcome = { readonly kind: "accepted"; readonly version: number } | { readonly kind: "rejected" };

function Review({ lang, detail }: { lang: Lang; detail: SuggestionDetail }) {
  const { t } = useTranslation();
  const { suggestion } = detail;
  const title = t("moderation.suggestionTitle", { id: suggestion.id });
  useDocumentTitle(title);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [showAll, setShowAll] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const pending = suggestion.state === "pending" && !outcome;
  const rows = changedFirst(diffRows(detail.diff, edits));
  const shown = showAll ? rows : rows.filter((r) => r.changed || r.edited);

  return (
    <section className="page inv-review">
      <p className="inv-entry__back">
        <Link href={pathOf({ page: "moderation", lang })}>{t("moderation.back")}</Link>
      </p>
      <h1>
        {title}: {t(`moderation.kind.${suggestion.kind}`)}
      </h1>
      <p className="inv-item__facts">
        <span className="inv-tag inv-tag--category">{t(`moderation.states.${suggestion.state}`)}</span>
        <span>{t("moderation.submitted", { date: formatDate(suggestion.submittedAt, lang) })}</span>
        {suggestion.reviewedAt && (
          <span>{t("moderation.reviewed", { date: formatDate(suggestion.reviewedAt, lang) })}</span>
        )}
        {detail.current && (
          <Link href={pathOf({ page: "institution", lang, id: detail.current.id })}>{t("moderation.entry")}</Link>
        )}
      </p>
      {suggestion.contactEmail && (
        <p>
          {t("moderation.contact")} <a href={`mailto:${suggestion.contactEmail}`}>{suggestion.contactEmail}</a>
        </p>
      )}
      {suggestion.reviewNote && (
        <p>
          {t("moderation.note")} {suggestion.reviewNote}
        </p>
      )}
      {detail.stale && pending && <p className="status status--warn">{t("moderation.stale")}</p>}

      <h2 id="inv-compare">{t("moderation.compare")}</h2>
      <label className="inv-review__all">
        <input type="checkbox" checked={showAll} onChange={(event) => setShowAll(event.target.checked)} />{" "}
        {t("moderation.showAll")}
      </label>
      <div className="inv-review__scroll">
        <table className="inv-diff" aria-labelledby="inv-compare">
          <thead>
            <tr>
              <th scope="col">{t("moderation.field")}</th>
              <th scope="col">{t("moderation.current")}</th>
              <th scope="col">{t("moderation.proposed")}</th>
              {pending && <th scope="col">{t("moderation.accepted")}</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <DiffLine
                key={row.field}
                row={row}
                pending={pending}
                onEdit={(value) => setEdits((e) => ({ ...e, [row.field]: value }))}
              />
            ))}
          </tbody>
        </table>
      </div>

      {detail.relationships.length > 0 && (
        <section aria-labelledby="inv-proposed-relationships">
          <h2 id="inv-proposed-relationships">{t("moderation.relationships")}</h2>
          <ul className="inv-plain">
            {detail.relationships.map((r) => (
              <li key={`${r.type}-${r.id}`}>
                {r.label}: <Link href={pathOf({ page: "institution", lang, id: r.id })}>{r.id}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <Duplicates lang={lang} duplicates={detail.duplicates} />

      {outcome ? (
        <p className="status status--done" role="status">
          {outcome.kind === "accepted"
            ? t("moderation.acceptedDone", { version: outcome.version })
            : t("moderation.rejectedDone")}
        </p>
      ) : (
        pending && (
          <Decide
            lang={lang}
            id={suggestion.id}
            fields={acceptedEdits(rows)}
            stale={detail.stale}
            rows={rows}
            onDone={setOutcome}
          />
        )
      )}
    </section>
  );
}

function DiffLine({ row, pending, onEdit }: { row: DiffRow; pending: boolean; onEdit: (value: string) => void }) {
  const { t } = useTranslation();
  const label = t(`inventory.field.${row.field}`, { defaultValue: row.field });
  const long = row.field.startsWith("summary");
  const id = `inv-accept-${row.field}`;
  return (
    <tr className={row.changed ? "inv-diff__row inv-diff__row--changed" : "inv-diff__row"}>
      <th scope="row">
        {label}
        {row.changed && <span className="inv-diff__mark"> {t("moderation.changed")}</span>}
      </th>
      <td className="inv-diff__current" data-label={t("moderation.current")}>
        {row.currentText ?? row.current}
      </td>
      <td className="inv-diff__proposed" data-label={t("moderation.proposed")}>
        {row.proposedText ?? row.proposed}
        {(row.added.length > 0 || row.removed.length > 0) && (
          <span className="inv-diff__list">
            {row.added.length > 0 && (
              <span className="inv-diff__added">
                {t("moderation.added")} {row.added.map((x) => row.labels?.[x] ?? x).join(", ")}
              </span>
            )}
            {row.removed.length > 0 && (
              <span className="inv-diff__removed">
                {t("moderation.removed")} {row.removed.map((x) => row.labels?.[x] ?? x).join(", ")}
              </span>
            )}
          </span>
        )}
      </td>
      {pending && (
        <td data-label={t("moderation.accepted")}>
          <label htmlFor={id} className="visually-hidden">
            {t("moderation.accepted")}: {label}
          </label>
          {long ? (
            <textarea id={id} rows={3} value={row.accepted} onChange={(event) => onEdit(event.target.value)} />
          ) : (
            <input id={id} type="text" value={row.accepted} onChange={(event) => onEdit(event.target.value)} />
          )}
          {row.edited && <span className="inv-diff__mark"> {t("moderation.editedMark")}</span>}
        </td>
      )}
    </tr>
  );
}

function Duplicates({ lang, duplicates }: { lang: Lang; duplicates: readonly Duplicate[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="inv-similar">
      <h2 id="inv-similar">{t("moderation.similar")}</h2>
      {duplicates.length === 0 ? (
        <p>{t("moderation.noSimilar")}</p>
      ) : (
        <ul className="inv-similar">
          {duplicates.map((d) => (
            <li key={d.id}>
              <Link href={pathOf({ page: "institution", lang, id: d.id })}>{d.name}</Link>{" "}
              <span className="inv-similar__facts">
                ({t("moderation.score", { score: `${formatNumber(d.score * 100, lang)} %` })};{" "}
                {d.reasons.map((r) => t(`moderation.reason.${r}`, { defaultValue: r })).join(", ")})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Decide({
  lang,
  id,
  fields,
  stale,
  rows,
  onDone,
}: {
  lang: Lang;
  id: number;
  fields: Record<string, string>;
  stale: boolean;
  rows: readonly DiffRow[];
  onDone: (outcome: Outcome) => void;
}) {
  const { t } = useTranslation();
  const [acceptNote, setAcceptNote] = useState("");
  const [rejectNote, setRejectNote] = useState("");
  const [problem, setProblem] = useState<{ where: "accept" | "reject"; text: string }>();
  const [busy, setBusy] = useState(false);

  const run = async (where: "accept" | "reject", action: () => Promise<Outcome>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      onDone(await action());
    } catch (error) {
      const message = error instanceof ProblemError ? (Object.values(error.fields)[0] ?? error.message) : String(error);
      setProblem({ where, text: t("moderation.failed", { message }) });
    } finally {
      setBusy(false);
    }
  };
  const accept = (event: FormEvent) => {
    event.preventDefault();
    // A stale correction is accepted only with the values the editor saw: send them all.
    const body = stale
      ? Object.fromEntries(rows.filter((r) => r.changed || r.edited).map((r) => [r.field, r.accepted]))
      : fields;
    void run("accept", async () => {
      const done = await moderationApi.accept(id, lang, body, acceptNote);
      return { kind: "accepted", version: done.version };
    });
  };
  const reject = (event: FormEvent) => {
    event.preventDefault();
    if (!rejectNote.trim()) {
      setProblem({ where: "reject", text: t("moderation.noteRequired") });
      return;
    }
    void run("reject", async () => {
      await moderationApi.reject(id, lang, rejectNote);
      return { kind: "rejected" };
    });
  };

  return (
    <div className="inv-decide">
      <form onSubmit={accept} className="inv-form">
        <div className="inv-form__field">
          <label htmlFor="inv-accept-note">{t("moderation.acceptNote")}</label>
          <textarea id="inv-accept-note" rows={2} value={acceptNote} onChange={(e) => setAcceptNote(e.target.value)} />
        </div>
        {problem?.where === "accept" && (
          <p className="inv-form__problem" role="alert">
            {problem.text}
          </p>
        )}
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("moderation.acting") : t("moderation.accept")}
        </button>
      </form>
      <form onSubmit={reject} className="inv-form" noValidate>
        <div className="inv-form__field">
          <label htmlFor="inv-reject-note">{t("moderation.rejectNote")}</label>
          <textarea
            id="inv-reject-note"
            rows={2}
            required
            maxLength={2000}
            value={rejectNote}
            aria-invalid={problem?.where === "reject" ? true : undefined}
            aria-describedby={problem?.where === "reject" ? "inv-reject-problem" : undefined}
            onChange={(e) => setRejectNote(e.target.value)}
          />
        </div>
        {problem?.where === "reject" && (
          <p id="inv-reject-problem" className="inv-form__problem" role="alert">
            {problem.text}
          </p>
        )}
        <button type="submit" className="inv-form__reject" disabled={busy}>
          {busy ? t("moderation.acting") : t("moderation.reject")}
        </button>
      </form>
    </div>
  );
}
