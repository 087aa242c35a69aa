/**
 * Template downloads for the submission's country: the standard tables picked and the years wanted, as one Excel
 * workbook (a sheet per table) or one table at a time as Excel, long CSV or PX. Plain links: the server makes the
 * files from the table definitions.
 */
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { listedTables } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";
import { useAsync } from "../lib/use-async.ts";
import { submissionsApi } from "./api.ts";
import { compareTableIds, parseYears } from "./view.ts";

/** The standard tables are the ones whose ids are T1_1 … T7_2 (an imported table has another id). */
const STANDARD_TABLE = /^T\d+(_\d+)?$/;

export function Templates({ lang, reporter, uploaded }: { lang: Lang; reporter: string; uploaded: readonly string[] }) {
  const { t } = useTranslation();
  const id = useId();
  const tables = useAsync(
    () =>
      listedTables(lang).then((list) =>
        list.filter((tb) => STANDARD_TABLE.test(tb.id)).sort((a, b) => compareTableIds(a.id, b.id)),
      ),
    lang,
  );
  const thisYear = new Date().getFullYear();
  const [yearsText, setYearsText] = useState(`${thisYear - 5}-${thisYear - 1}`);
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(uploaded));
  const years = useMemo(() => parseYears(yearsText), [yearsText]);
  if (tables.state === "loading") return <Loading />;
  if (tables.state === "failed") return <ErrorMessage error={tables.error} onRetry={tables.retry} />;
  const chosen = tables.value.map((tb) => tb.id).filter((tb) => picked.has(tb));
  const toggle = (table: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(table);
    else next.delete(table);
    setPicked(next);
  };
  return (
    <div className="sub-templates inv-form">
      <p>{t("submissions.templates.intro")}</p>
      <div className={`inv-form__field${years ? "" : " inv-form__field--problem"}`}>
        <label htmlFor={`${id}-years`}>{t("submissions.templates.years")}</label>
        <p className="inv-form__hint" id={`${id}-years-hint`}>
          {t("submissions.templates.yearsHint")}
        </p>
        <input
          id={`${id}-years`}
          value={yearsText}
          onChange={(event) => setYearsText(event.target.value)}
          aria-describedby={`${id}-years-hint${years ? "" : ` ${id}-years-problem`}`}
          aria-invalid={years ? undefined : true}
        />
        {!years && (
          <p className="inv-form__problem" id={`${id}-years-problem`}>
            {t("submissions.templates.badYears")}
          </p>
        )}
      </div>
      <fieldset>
        <legend>{t("submissions.templates.tables")}</legend>
        <ul className="sub-templates__tables">
          {tables.value.map((tb) => (
            <li key={tb.id}>
              <label>
                <input
                  type="checkbox"
                  checked={picked.has(tb.id)}
                  onChange={(event) => toggle(tb.id, event.target.checked)}
                />{" "}
                {tb.label}
              </label>
              {years && (
                <span className="sub-templates__formats">
                  {(["xlsx", "csv", "px"] as const).map((format) => (
                    <a
                      key={format}
                      href={submissionsApi.templateUrl(tb.id, format, reporter, years, lang)}
                      download
                      aria-label={`${tb.label}: ${t(`submissions.templates.${format}`)}`}
                    >
                      {t(`submissions.templates.${format}`)}
                    </a>
                  ))}
                </span>
              )}
            </li>
          ))}
        </ul>
      </fieldset>
      <p>
        {years && chosen.length > 0 ? (
          <a className="button-link" href={submissionsApi.workbookUrl(chosen, reporter, years, lang)} download>
            {t("submissions.templates.workbook")}
          </a>
        ) : (
          <span className="inv-form__hint">
            {years ? t("submissions.templates.noTable") : t("submissions.templates.badYears")}
          </span>
        )}
      </p>
    </div>
  );
}
