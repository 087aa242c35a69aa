/** Footnotes and metadata of a table: notes, source, definitions, country notes, last update. */
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../../app/Status.tsx";
import { type CountryMetadata, countryMetadata, glossaryTerms } from "../../lib/api.ts";
import { formatDate } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import { Link, pathOf } from "../../lib/router.tsx";
import { useAsync } from "../../lib/use-async.ts";
import type { NoteMeta, TableMeta } from "../meta.ts";
import { countryNotesFor, mandatoryNotes, splitNotes, variableNotes, yearsOf } from "./about.ts";

export interface AboutTableProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  /** The reporting countries selected, whose country notes matter most. */
  readonly reporters: readonly string[];
}

export function AboutTable({ lang, meta, reporters }: AboutTableProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  // Once opened, the panel keeps what it loaded while closed.
  const [opened, setOpened] = useState(false);
  const panelId = useId();
  const important = mandatoryNotes(meta);
  return (
    <div className="about-table">
      {important.length > 0 && (
        <section className="about-table__important" aria-label={t("downloads.about.important")}>
          <ul>
            {important.map((note) => (
              <li key={`${note.about ?? ""}\n${note.text}`}>
                {note.about && <strong>{note.about}: </strong>}
                {note.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setOpen(!open);
          setOpened(true);
        }}
      >
        {t("downloads.about.button")}
      </button>
      <div id={panelId} className="about-table__panel" hidden={!open}>
        {opened && <AboutPanel lang={lang} meta={meta} reporters={reporters} />}
      </div>
    </div>
  );
}

function AboutPanel({ lang, meta, reporters }: AboutTableProps) {
  const { t } = useTranslation();
  const { other } = splitNotes(meta.notes);
  const variables = variableNotes(meta);
  return (
    <>
      {other.length > 0 && (
        <section>
          <h2>{t("downloads.about.notes")}</h2>
          <Notes notes={other.map((text) => ({ text, mandatory: false }))} />
        </section>
      )}
      <section>
        <h2>{t("downloads.about.facts")}</h2>
        <dl className="about-table__facts">
          <dt>{t("downloads.about.table")}</dt>
          <dd>{meta.id}</dd>
          {meta.source && (
            <>
              <dt>{t("downloads.about.source")}</dt>
              <dd>{meta.source}</dd>
            </>
          )}
          {meta.units && (
            <>
              <dt>{t("downloads.about.units")}</dt>
              <dd>{meta.units}</dd>
            </>
          )}
          {meta.updated && (
            <>
              <dt>{t("downloads.about.updated")}</dt>
              <dd>{formatDate(meta.updated, lang)}</dd>
            </>
          )}
        </dl>
      </section>
      {variables.length > 0 && (
        <section>
          <h2>{t("downloads.about.variables")}</h2>
          {variables.map((v) => (
            <div key={v.code} className="about-table__variable">
              <h3>{v.label}</h3>
              <Notes notes={v.notes} />
              {v.values.length > 0 && (
                <dl>
                  {v.values.map((value) => (
                    <div key={value.code}>
                      <dt>{value.label}</dt>
                      <dd>
                        <Notes notes={value.notes} />
                      </dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
          ))}
        </section>
      )}
      <CountryNotes lang={lang} meta={meta} reporters={reporters} />
      <GlossaryTerms lang={lang} table={meta.id} />
    </>
  );
}

function Notes({ notes }: { notes: readonly NoteMeta[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="about-table__notes">
      {notes.map((n) => (
        <li key={n.text} className={n.mandatory ? "about-table__note--mandatory" : undefined}>
          {n.text}
        </li>
      ))}
    </ul>
  );
}

function CountryNotes({ lang, meta, reporters }: AboutTableProps) {
  const { t } = useTranslation();
  const loaded = useAsync(() => countryMetadata(meta.id, lang), `${meta.id}:${lang}`);
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  const entries = countryNotesFor(loaded.value, reporters);
  const count = new Set(entries.map((e) => e.reporter)).size;
  if (count === 0) return <p className="status">{t("downloads.about.noCountryNotes")}</p>;
  return (
    <section>
      <h2>{t("downloads.about.countries", { count })}</h2>
      {entries.map((entry) => (
        <CountryEntry key={`${entry.reporter}:${entry.fromYear ?? ""}`} lang={lang} entry={entry} />
      ))}
    </section>
  );
}

const FIELDS = ["source", "definition", "coverage", "breaks", "deviations"] as const;

function CountryEntry({ lang, entry }: { lang: Lang; entry: CountryMetadata }) {
  const { t } = useTranslation();
  const years = yearsOf(entry);
  return (
    <article className="about-table__country">
      <h3>
        {entry.reporterName}{" "}
        <span className="about-table__years">
          {t(`downloads.about.years.${years.key}`, { from: years.from, to: years.to })}
        </span>
      </h3>
      <dl>
        {FIELDS.map((field) => {
          const text = entry[field];
          return text ? (
            <div key={field}>
              <dt>{t(`downloads.about.fields.${field}`)}</dt>
              <dd>{text}</dd>
            </div>
          ) : null;
        })}
      </dl>
      {entry.statelessInCitizenshipTable && <p>{t("downloads.about.stateless")}</p>}
      <p className="about-table__updated">
        {t("downloads.about.countryUpdated", { date: formatDate(entry.updated, lang) })}
      </p>
    </article>
  );
}

/** Links to the glossary's entries for the terms the table uses; nothing when the glossary has none for it. */
function GlossaryTerms({ lang, table }: { lang: Lang; table: string }) {
  const { t } = useTranslation();
  const loaded = useAsync(() => glossaryTerms(lang, { table }), `${table}:${lang}`);
  if (loaded.state !== "done" || loaded.value.length === 0) return null;
  const glossary = pathOf({ page: "glossary", lang });
  return (
    <section>
      <h2>{t("downloads.about.glossary")}</h2>
      <ul className="about-table__terms">
        {loaded.value.map((term) => (
          <li key={term.id}>
            <Link href={`${glossary}#${encodeURIComponent(term.id)}`}>{term.term}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
