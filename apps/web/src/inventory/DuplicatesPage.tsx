/**
 * The editors' list of likely duplicates: each pair side by side, with "merge into this one" on either side, a
 * confirmation with a reason, and the list asked again after a merge.
 */
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemError } from "../account/http.ts";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatNumber } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { type InstitutionDetail, inventoryApi } from "./api.ts";
import { EditorsOnly, ModerationNav, QueuePager } from "./ModerationPage.tsx";
import { type DuplicatePair, moderationApi } from "./moderation-api.ts";

type Named = DuplicatePair["a"];

/** Few pairs a page: each side asks for its entry, and the public API allows 30 calls in 10 seconds. */
const PAIRS_PER_PAGE = 10;

/** The entries' answers, asked once even when an entry is in several pairs; emptied after a merge changes one. */
const details = new Map<string, Promise<InstitutionDetail>>();
function detailOf(id: string, lang: Lang): Promise<InstitutionDetail> {
  const key = `${lang}:${id}`;
  let detail = details.get(key);
  if (!detail) {
    detail = inventoryApi.detail(id, lang);
    details.set(key, detail);
    detail.catch(() => details.delete(key));
  }
  return detail;
}

export function DuplicatesPage({ lang, search }: { lang: Lang; search: string }) {
  return (
    <EditorsOnly lang={lang}>
      <Duplicates lang={lang} search={search} />
    </EditorsOnly>
  );
}

function Duplicates({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("moderation.dup.title"));
  const asked = Math.max(1, Number(new URLSearchParams(search).get("page")) || 1);
  const pairs = useAsync(() => moderationApi.duplicates(lang), lang);
  // After merges there may be fewer pages than the address asks for: show the last.
  const total = pairs.state === "done" ? pairs.value.items.length : 0;
  const page = Math.min(asked, Math.max(1, Math.ceil(total / PAIRS_PER_PAGE)));
  const [done, setDone] = useState<string>();
  const doneRef = useRef<HTMLParagraphElement>(null);
  // The merged pair leaves the list with the focus: give it to the message saying so.
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  const href = (p: number) => `${pathOf({ page: "duplicates", lang })}${p > 1 ? `?page=${p}` : ""}`;

  const merged = (text: string) => {
    details.clear();
    setDone(text);
    pairs.retry();
  };

  return (
    <section className="page inv-moderation">
      <ModerationNav lang={lang} current="duplicates" />
      <h1>{t("moderation.dup.title")}</h1>
      <p>{t("moderation.dup.intro")}</p>
      <p role="status" className="inv-dup__done" ref={doneRef} tabIndex={-1}>
        {done}
      </p>
      {pairs.state === "loading" ? (
        <Loading />
      ) : pairs.state === "failed" ? (
        <ErrorMessage error={pairs.error} onRetry={pairs.retry} />
      ) : (
        <>
          <p>
            {t("moderation.dup.count", {
              count: pairs.value.items.length,
              n: formatCount(pairs.value.items.length, lang),
            })}
          </p>
          {pairs.value.items.length === 0 ? (
            <p>{t("moderation.dup.none")}</p>
          ) : (
            <ol className="inv-dup" start={(page - 1) * PAIRS_PER_PAGE + 1}>
              {pairs.value.items.slice((page - 1) * PAIRS_PER_PAGE, page * PAIRS_PER_PAGE).map((pair, i) => (
                <Pair
                  key={`${pair.a.id}|${pair.b.id}`}
                  lang={lang}
                  n={(page - 1) * PAIRS_PER_PAGE + i + 1}
                  pair={pair}
                  onMerged={merged}
                />
              ))}
            </ol>
          )}
          <QueuePager lang={lang} total={total} page={page} pageSize={PAIRS_PER_PAGE} to={(p) => navigate(href(p))} />
        </>
      )}
    </section>
  );
}

function Pair({
  lang,
  n,
  pair,
  onMerged,
}: {
  lang: Lang;
  n: number;
  pair: DuplicatePair;
  onMerged: (text: string) => void;
}) {
  const { t } = useTranslation();
  // The entry kept; the other one is removed.
  const [keep, setKeep] = useState<Named>();
  const headingId = `inv-dup-${n}`;
  const removed = keep && (keep.id === pair.a.id ? pair.b : pair.a);
  return (
    <li className="inv-dup__pair">
      <h2 id={headingId} className="inv-dup__heading">
        {t("moderation.dup.pair", { n: formatCount(n, lang) })}
      </h2>
      <p className="inv-item__facts">
        <span className="badge badge--warn">
          {t("moderation.dup.similarity", { score: `${formatNumber(pair.score * 100, lang)} %` })}
        </span>
        <span>
          {t("moderation.dup.alike", {
            reasons: pair.reasons.map((r) => t(`moderation.reason.${r}`, { defaultValue: r })).join(", "),
          })}
        </span>
      </p>
      <div className="inv-dup__sides">
        {[pair.a, pair.b].map((side) => (
          <Side key={side.id} lang={lang} side={side} onKeep={() => setKeep(side)} disabled={keep !== undefined} />
        ))}
      </div>
      {!keep && (
        <p>
          <button
            type="button"
            aria-label={t("moderation.dup.distinctNamed", { a: pair.a.name, b: pair.b.name })}
            onClick={async () => {
              try {
                await moderationApi.dismiss(pair.a.id, pair.b.id, lang);
                onMerged(t("moderation.dup.dismissed", { a: pair.a.name, b: pair.b.name }));
              } catch (error) {
                onMerged(error instanceof Error ? error.message : String(error));
              }
            }}
          >
            {t("moderation.dup.distinct")}
          </button>
        </p>
      )}
      {keep && removed && (
        <ConfirmMerge
          lang={lang}
          kept={keep}
          removed={removed}
          onCancel={() => setKeep(undefined)}
          onMerged={onMerged}
        />
      )}
    </li>
  );
}

function Side({ lang, side, onKeep, disabled }: { lang: Lang; side: Named; onKeep: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const detail = useAsync(() => detailOf(side.id, lang), `${lang}:${side.id}`);
  const entry = detail.state === "done" ? detail.value : undefined;
  const place = entry ? [entry.city, entry.country?.name].filter(Boolean).join(", ") : "";
  return (
    <div className="inv-dup__side">
      <h3 className="inv-dup__name">
        <Link href={pathOf({ page: "institution", lang, id: side.id })}>{side.name}</Link>
      </h3>
      <dl className="inv-dup__facts">
        <dt>{t("moderation.dup.place")}</dt>
        <dd>{place || "—"}</dd>
        <dt>{t("moderation.dup.website")}</dt>
        <dd>
          {entry?.website ? (
            <a href={entry.website} rel="noopener noreferrer" target="_blank">
              {entry.website}
            </a>
          ) : (
            "—"
          )}
        </dd>
      </dl>
      <button
        type="button"
        className="inv-dup__keep"
        disabled={disabled}
        aria-label={t("moderation.dup.mergeIntoNamed", { name: side.name })}
        onClick={onKeep}
      >
        {t("moderation.dup.mergeInto")}
      </button>
    </div>
  );
}

function ConfirmMerge({
  lang,
  kept,
  removed,
  onCancel,
  onMerged,
}: {
  lang: Lang;
  kept: Named;
  removed: Named;
  onCancel: () => void;
  onMerged: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  // The confirmation appears below the pair: take the keyboard there.
  useEffect(() => heading.current?.focus(), []);
  const names = { kept: kept.name, removed: removed.name };
  const reasonId = `inv-merge-reason-${removed.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await moderationApi.merge(removed.id, kept.id, lang, reason);
      onMerged(t("moderation.dup.merged", names));
    } catch (error) {
      const message = error instanceof ProblemError ? error.message : String(error);
      setProblem(t("moderation.failed", { message }));
      setBusy(false);
    }
  };

  return (
    <form className="inv-form inv-dup__confirm" onSubmit={submit}>
      <h3 ref={heading} tabIndex={-1}>
        {t("moderation.dup.confirmTitle", names)}
      </h3>
      <p>{t("moderation.dup.confirmText", names)}</p>
      <div className="inv-form__field">
        <label htmlFor={reasonId}>{t("moderation.dup.reason")}</label>
        <textarea id={reasonId} rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      {problem && (
        <p className="inv-form__problem" role="alert">
          {problem}
        </p>
      )}
      <div className="inv-dup__buttons">
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("moderation.dup.merging") : t("moderation.dup.confirm")}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t("moderation.dup.cancel")}
        </button>
      </div>
    </form>
  );
}
