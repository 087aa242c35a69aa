/**
 * Keeping and sharing a view of a table:
 *
 * - "Save query": the selection stored as a PxWeb API 2.0 saved query, its periods fixed or rolling as the reader
 *   chooses (PxWeb 2.0's three options, saved.ts), and the page's link to it (`?saved=ID`), which opens the table
 *   with the query's selection, rolling periods kept as rules.
 * - "Embed": a frame for another site showing this table or chart (`/{lang}/embed/tables/{id}` with the same
 *   selection, view and language), with its title and source line and a link back to the full table.
 */
import { type ReactNode, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../app/Status.tsx";
import { api, savedQuery, saveQuery } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { navigate, pathOf } from "../../lib/router.tsx";
import { Snippet } from "../downloads/TableTools.tsx";
import { type TableMeta, tableMetaOf } from "../meta.ts";
import { endsAtLatest, type PeriodSaving, periodRuleOf } from "../selection/periods.ts";
import type { Selection } from "../selection/selection.ts";
import { EMPTY_STATE, formatViewState, type ViewState } from "../state.ts";
import { embedSnippet } from "./embed.ts";
import { type SavedQuery, savedQueryBody, viewStateOfSaved } from "./saved.ts";

interface Props {
  readonly lang: Lang;
  readonly meta: TableMeta;
  /** The resolved selection (codes), and the page's state as its URL keeps it. */
  readonly selection: Selection;
  readonly state: ViewState;
  readonly layout: { readonly rows: readonly string[]; readonly columns: readonly string[] } | undefined;
  /** False while the selection cannot be fetched, or a past version is shown (a saved query runs the current). */
  readonly available: boolean;
}

type Panel = "save" | "embed" | undefined;

export function ShareTools(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Panel>();
  const id = useId();
  const toggle = (panel: Panel) => setOpen(open === panel ? undefined : panel);
  return (
    <div className="share-tools">
      <div className="table-tools__bar">
        {(["save", "embed"] as const).map((panel) => (
          <button
            key={panel}
            type="button"
            className="disclosure"
            aria-expanded={open === panel}
            aria-controls={`${id}-${panel}`}
            onClick={() => toggle(panel)}
          >
            {t(`share.${panel}.button`)}
          </button>
        ))}
      </div>
      <div id={`${id}-save`} className="code-panel" hidden={open !== "save"}>
        {open === "save" &&
          (props.available ? <SavePanel {...props} /> : <p className="status">{t("share.unavailable")}</p>)}
      </div>
      <div id={`${id}-embed`} className="code-panel" hidden={open !== "embed"}>
        {open === "embed" &&
          (props.available ? <EmbedPanel {...props} /> : <p className="status">{t("share.unavailable")}</p>)}
      </div>
    </div>
  );
}

type SaveState =
  | { readonly kind: "idle" }
  | { readonly kind: "busy" }
  | { readonly kind: "saved"; readonly id: string }
  | { readonly kind: "failed"; readonly error: unknown };

function SavePanel({ lang, meta, selection, state, layout }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const time = meta.variables.find((v) => v.role === "time");
  const periods = time ? (selection[time.code] ?? []) : [];
  const rolling = time !== undefined && endsAtLatest(time.values, periods);
  const rule = time ? periodRuleOf(state.selection[time.code]) : undefined;
  const [saving, setSaving] = useState<PeriodSaving>(rule?.kind ?? "fixed");
  const [saved, setSaved] = useState<SaveState>({ kind: "idle" });
  // A changed selection or choice makes a new query: the link shown would name the old one.
  const key = JSON.stringify([selection, saving, layout]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for what was saved
  useEffect(() => setSaved({ kind: "idle" }), [key]);

  const save = async () => {
    setSaved({ kind: "busy" });
    try {
      const body = savedQueryBody(meta, lang, selection, rolling ? saving : "fixed", layout);
      setSaved({ kind: "saved", id: await saveQuery(body) });
    } catch (error) {
      setSaved({ kind: "failed", error });
    }
  };
  const first = time?.values.find((v) => v.code === [...periods].sort()[0])?.label ?? "";
  const options: { value: PeriodSaving; label: string }[] = [
    { value: "fixed", label: t("share.save.fixed") },
    { value: "from", label: t("share.save.from", { from: first }) },
    { value: "top", label: t("share.save.top", { count: periods.length }) },
  ];
  const link =
    saved.kind === "saved"
      ? `${window.location.origin}${pathOf({ page: "table", lang, id: meta.id })}?saved=${encodeURIComponent(saved.id)}`
      : undefined;
  return (
    <div className="code-panel__body share-panel">
      <p>{t("share.save.intro")}</p>
      {time && (
        <fieldset className="share-panel__periods">
          <legend>{t("share.save.legend", { variable: time.label })}</legend>
          {options.map((option) => (
            <label key={option.value}>
              <input
                type="radio"
                name={`${id}-saving`}
                value={option.value}
                checked={(rolling ? saving : "fixed") === option.value}
                disabled={!rolling && option.value !== "fixed"}
                onChange={() => setSaving(option.value)}
              />{" "}
              {option.label}
            </label>
          ))}
          {!rolling && <p className="share-panel__hint">{t("share.save.notLatest")}</p>}
        </fieldset>
      )}
      <p>
        <button type="button" aria-busy={saved.kind === "busy"} onClick={() => void save()}>
          {t("share.save.create")}
        </button>
      </p>
      {saved.kind === "failed" && <ErrorMessage error={saved.error} />}
      {link && saved.kind === "saved" && (
        <>
          <Snippet title={t("share.save.link")} hint={t("share.save.linkHint")} code={link} />
          <Snippet
            title={t("share.save.api")}
            code={`${window.location.origin}/api/v2/savedqueries/${encodeURIComponent(saved.id)}/data?outputFormat=csv`}
          />
        </>
      )}
    </div>
  );
}

function EmbedPanel({ lang, meta, state }: Props) {
  const { t } = useTranslation();
  const { src, frame } = embedSnippet(window.location.origin, lang, meta, state);
  return (
    <div className="code-panel__body share-panel">
      <p>{t("share.embed.intro", { view: t(`table.views.${state.view}`) })}</p>
      <Snippet title={t("share.embed.code")} code={frame} />
      <p>
        <a href={src} target="_blank" rel="noopener">
          {t("share.embed.preview")}
        </a>
      </p>
    </div>
  );
}

/** An embedded table's frame: title, the figures, the source line and a link to the full table. */
export function EmbeddedTable({
  lang,
  meta,
  fullHref,
  children,
}: {
  lang: Lang;
  meta: TableMeta;
  fullHref: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <article className="embedded">
      <h1 className="embedded__title">{meta.label}</h1>
      {children}
      <p className="embedded__source">
        {meta.source && `${t("table.source", { source: meta.source })}. `}
        {meta.updated && `${t("table.updated", { date: formatDate(meta.updated, lang) })}. `}
        {meta.illustrative && `${t("table.illustrative")}. `}
        <a href={fullHref} target="_blank" rel="noopener">
          {t("share.embed.full", { id: meta.id })}
        </a>
      </p>
    </article>
  );
}

/** `?saved=ID`: reads the saved query and opens its table with its selection (rolling periods kept as rules). */
export function OpenSavedQuery({ lang, id }: { lang: Lang; id: string }) {
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    let current = true;
    (async () => {
      const saved = await savedQuery<SavedQuery>(id);
      const meta = tableMetaOf(await api.metadata(saved.tableId, lang));
      const state = viewStateOfSaved(meta, saved, EMPTY_STATE);
      if (current)
        navigate(pathOf({ page: "table", lang, id: saved.tableId }) + formatViewState(state), { replace: true });
    })().catch((e: unknown) => current && setError(e));
    return () => {
      current = false;
    };
  }, [id, lang]);
  return error === undefined ? <Loading /> : <ErrorMessage error={error} />;
}
