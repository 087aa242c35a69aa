/**
 * The comparability metadata the submission proposes: per table and range of years, the source, the definition
 * used, coverage, breaks in series and deviations, English and Russian side by side. Saved whole; the server's
 * refusal names entry and field, shown next to that field.
 */
import { type FormEvent, type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { type Bilingual, type MetadataEntry, MetadataRefused, submissionsApi } from "./api.ts";
import { yearRanges } from "./view.ts";

const TEXT_FIELDS = ["source", "definition", "coverage", "breaks", "deviations"] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const OPTIONAL: ReadonlySet<TextField> = new Set(["breaks", "deviations"]);

/** An entry as the form edits it: texts always present (empty when none), years as typed. */
interface Draft {
  readonly table: string;
  readonly fromYear: string;
  readonly toYear: string;
  readonly texts: Readonly<Record<TextField, Bilingual>>;
  readonly stateless: boolean;
}

const EMPTY: Bilingual = { en: "", ru: "" };

const draftOf = (entry: MetadataEntry): Draft => ({
  table: entry.tableId,
  fromYear: entry.fromYear == null ? "" : String(entry.fromYear),
  toYear: entry.toYear == null ? "" : String(entry.toYear),
  texts: {
    source: entry.source,
    definition: entry.definition,
    coverage: entry.coverage,
    breaks: entry.breaks ?? EMPTY,
    deviations: entry.deviations ?? EMPTY,
  },
  stateless: entry.statelessInCitizenshipTable,
});

const year = (text: string): number | null => (text.trim() === "" ? null : Number(text));
const optional = (text: Bilingual): Bilingual | null => (text.en.trim() || text.ru.trim() ? text : null);

const entryOf = (draft: Draft): MetadataEntry => ({
  tableId: draft.table,
  fromYear: year(draft.fromYear),
  toYear: year(draft.toYear),
  source: draft.texts.source,
  definition: draft.texts.definition,
  coverage: draft.texts.coverage,
  breaks: optional(draft.texts.breaks),
  deviations: optional(draft.texts.deviations),
  statelessInCitizenshipTable: draft.stateless,
});

export function MetadataForm({
  lang,
  submissionId,
  entries,
  tables,
  editable,
  onSaved,
}: {
  lang: Lang;
  submissionId: number | string;
  entries: readonly MetadataEntry[];
  /** The tables of the submission: an entry is for one of them. */
  tables: readonly string[];
  editable: boolean;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const [drafts, setDrafts] = useState<readonly Draft[]>(() => entries.map(draftOf));
  const [problems, setProblems] = useState<ReadonlyMap<string, string>>(new Map());
  const [state, setState] = useState<{ kind: "idle" | "busy" | "saved" } | { kind: "failed"; error: unknown }>({
    kind: "idle",
  });

  if (!editable) return <MetadataView entries={entries} />;

  const change = (index: number, next: Partial<Draft>) => {
    setDrafts(drafts.map((d, k) => (k === index ? { ...d, ...next } : d)));
    if (state.kind === "saved") setState({ kind: "idle" });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setState({ kind: "busy" });
    setProblems(new Map());
    try {
      await submissionsApi.saveMetadata(submissionId, drafts.map(entryOf), lang);
      setState({ kind: "saved" });
      onSaved();
    } catch (error) {
      if (error instanceof MetadataRefused) {
        const byField = new Map<string, string>();
        for (const issue of error.issues) {
          const name = `${issue.index}.${issue.field}`;
          if (!byField.has(name)) byField.set(name, issue.message);
        }
        setProblems(byField);
      }
      setState({ kind: "failed", error });
    }
  };
  const problemOf = (index: number, field: string) => problems.get(`${index}.${field}`);

  return (
    <form className="inv-form sub-metadata" onSubmit={save} noValidate>
      <p>{t("submissions.metadata.intro")}</p>
      {drafts.length === 0 && <p>{t("submissions.metadata.none")}</p>}
      {drafts.map((draft, index) => (
        <EntryFields
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are edited in place; their position is their identity here
          key={index}
          index={index}
          draft={draft}
          tables={tables}
          problemOf={problemOf}
          onChange={(next) => change(index, next)}
          onRemove={() => setDrafts(drafts.filter((_, k) => k !== index))}
        />
      ))}
      <p className="sub-actions">
        <button
          type="button"
          onClick={() =>
            setDrafts([
              ...drafts,
              {
                table: tables[0] ?? "T1_1",
                fromYear: "",
                toYear: "",
                texts: { source: EMPTY, definition: EMPTY, coverage: EMPTY, breaks: EMPTY, deviations: EMPTY },
                stateless: false,
              },
            ])
          }
        >
          {t("submissions.metadata.add")}
        </button>
        <button type="submit" className="inv-form__submit" disabled={state.kind === "busy"}>
          {state.kind === "busy" ? t("submissions.metadata.saving") : t("submissions.metadata.save")}
        </button>
      </p>
      <div aria-live="polite">
        {state.kind === "saved" && <p className="sub-ok">{t("submissions.metadata.saved")}</p>}
      </div>
      {state.kind === "failed" &&
        (problems.size > 0 ? (
          <p className="status status--error" role="alert">
            {t("submissions.metadata.refused")}
          </p>
        ) : (
          <ErrorMessage error={state.error} />
        ))}
    </form>
  );
}

function EntryFields({
  index,
  draft,
  tables,
  problemOf,
  onChange,
  onRemove,
}: {
  index: number;
  draft: Draft;
  tables: readonly string[];
  problemOf: (index: number, field: string) => string | undefined;
  onChange: (next: Partial<Draft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const choices = tables.includes(draft.table) ? tables : [draft.table, ...tables];
  const field = (name: string, label: string, control: (props: { id: string; describedBy?: string }) => ReactNode) => {
    const problem = problemOf(index, name);
    const fieldId = `${id}-${name.replace(".", "-")}`;
    return (
      <div className={`inv-form__field${problem ? " inv-form__field--problem" : ""}`}>
        <label htmlFor={fieldId}>{label}</label>
        {control(problem ? { id: fieldId, describedBy: `${fieldId}-problem` } : { id: fieldId })}
        {problem && (
          <p className="inv-form__problem" id={`${fieldId}-problem`}>
            {problem}
          </p>
        )}
      </div>
    );
  };
  const years = yearRanges(
    draft.fromYear && draft.toYear && Number(draft.toYear) >= Number(draft.fromYear)
      ? Array.from({ length: Number(draft.toYear) - Number(draft.fromYear) + 1 }, (_, k) => Number(draft.fromYear) + k)
      : [],
  );
  return (
    <fieldset className="sub-metadata__entry">
      <legend>
        {t("submissions.metadata.entry", {
          table: draft.table,
          years:
            years ||
            (draft.fromYear
              ? `${draft.fromYear} ${t("submissions.metadata.openEnd")}`
              : draft.toYear
                ? `${t("submissions.metadata.openStart")} – ${draft.toYear}`
                : t("submissions.metadata.allYears")),
        })}
      </legend>
      <div className="sub-metadata__range">
        {field("tableId", t("submissions.metadata.table"), ({ id: fid, describedBy }) => (
          <select
            id={fid}
            value={draft.table}
            aria-describedby={describedBy}
            onChange={(e) => onChange({ table: e.target.value })}
          >
            {choices.map((tb) => (
              <option key={tb} value={tb}>
                {tb}
              </option>
            ))}
          </select>
        ))}
        {field("fromYear", t("submissions.metadata.fromYear"), ({ id: fid, describedBy }) => (
          <input
            id={fid}
            inputMode="numeric"
            value={draft.fromYear}
            aria-describedby={describedBy}
            aria-invalid={describedBy ? true : undefined}
            onChange={(e) => onChange({ fromYear: e.target.value })}
          />
        ))}
        {field("toYear", t("submissions.metadata.toYear"), ({ id: fid, describedBy }) => (
          <input
            id={fid}
            inputMode="numeric"
            value={draft.toYear}
            aria-describedby={describedBy}
            aria-invalid={describedBy ? true : undefined}
            onChange={(e) => onChange({ toYear: e.target.value })}
          />
        ))}
      </div>
      {TEXT_FIELDS.map((name) => (
        <fieldset key={name} className="sub-metadata__text">
          <legend>{t(`submissions.metadata.${name}`)}</legend>
          <div className="inv-form__pair">
            {(["en", "ru"] as const).map((language) =>
              field(
                `${name}.${language}`,
                t(`submissions.metadata.${language === "en" ? "english" : "russian"}`),
                ({ id: fid, describedBy }) => (
                  <textarea
                    id={fid}
                    lang={language}
                    rows={2}
                    required={!OPTIONAL.has(name)}
                    value={draft.texts[name][language]}
                    aria-describedby={describedBy}
                    aria-invalid={describedBy || problemOf(index, name) ? true : undefined}
                    onChange={(e) =>
                      onChange({
                        texts: { ...draft.texts, [name]: { ...draft.texts[name], [language]: e.target.value } },
                      })
                    }
                  />
                ),
              ),
            )}
          </div>
          {problemOf(index, name) && <p className="inv-form__problem">{problemOf(index, name)}</p>}
        </fieldset>
      ))}
      <label className="sub-metadata__stateless">
        <input type="checkbox" checked={draft.stateless} onChange={(e) => onChange({ stateless: e.target.checked })} />{" "}
        {t("submissions.metadata.stateless")}
      </label>
      <p>
        <button type="button" className="inv-form__reject" onClick={onRemove}>
          {t("submissions.metadata.remove")}
        </button>
      </p>
    </fieldset>
  );
}

/** The metadata read-only, for a submission no longer edited. */
function MetadataView({ entries }: { entries: readonly MetadataEntry[] }) {
  const { t } = useTranslation();
  if (entries.length === 0) return <p>{t("submissions.metadata.none")}</p>;
  return (
    <div className="sub-metadata">
      {entries.map((entry) => (
        <section key={`${entry.tableId}:${entry.fromYear}`} className="sub-metadata__entry">
          <h3>
            {t("submissions.metadata.entry", {
              table: entry.tableId,
              years:
                entry.fromYear == null && entry.toYear == null
                  ? t("submissions.metadata.allYears")
                  : `${entry.fromYear ?? t("submissions.metadata.openStart")}–${entry.toYear ?? t("submissions.metadata.openEnd")}`,
            })}
          </h3>
          <dl className="sub-metadata__texts">
            {TEXT_FIELDS.map((name) => {
              const text = entry[name];
              if (!text) return null;
              return (
                <div key={name}>
                  <dt>{t(`submissions.metadata.${name}`)}</dt>
                  <dd>
                    <span lang="en">{text.en}</span>
                    <span lang="ru">{text.ru}</span>
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      ))}
    </div>
  );
}
