/**
 * The public's suggestion form: a new institution, or a correction of one (`?correct=id`, the fields filled in
 * from the entry, and only what the reader changes is sent). Each problem is shown next to its field, found in the
 * browser with the server's own rules and, should the server find more, with its words.
 */

import { type FormEvent, type ReactNode, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemError, send } from "../account/http.ts";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { countryOptions } from "../lib/countries.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { BASE, type InstitutionDetail, inventoryApi, type Vocabulary } from "./api.ts";
import {
  EMPTY_VALUES,
  type Field,
  type FormValues,
  fieldsToSend,
  listOf,
  MAX_LENGTH,
  type Problem,
  serverProblems,
  type Target,
  validate,
  valuesOf,
} from "./suggest-form.ts";

/** The honeypot's name in the suggestions' API (MODERATION-API.md): people never see it, robots fill it. */
const HONEYPOT = "homepage";

export function SuggestPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  const correct = new URLSearchParams(search).get("correct") ?? "";
  useDocumentTitle(t(correct ? "suggest.titleCorrection" : "suggest.titleNew"));
  const loaded = useAsync(
    () => Promise.all([inventoryApi.vocabulary(lang), correct ? inventoryApi.detail(correct, lang) : undefined]),
    `${lang}:${correct}`,
  );
  if (loaded.state === "loading") return <Loading />;
  if (loaded.state === "failed") return <ErrorMessage error={loaded.error} onRetry={loaded.retry} />;
  const [vocabulary, detail] = loaded.value;
  return <SuggestForm lang={lang} vocabulary={vocabulary} detail={detail} />;
}

type Shown = Partial<Record<Target, string>>;

function SuggestForm({
  lang,
  vocabulary,
  detail,
}: {
  lang: Lang;
  vocabulary: Vocabulary;
  detail: InstitutionDetail | undefined;
}) {
  const { t } = useTranslation();
  const base = useMemo(() => (detail ? valuesOf(detail) : undefined), [detail]);
  const [values, setValues] = useState<FormValues>(base ?? EMPTY_VALUES);
  const [contactEmail, setContactEmail] = useState("");
  const [honeypot, setHoneypot] = useState("");
  const [problems, setProblems] = useState<Shown>({});
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  const countries = useMemo(() => countryOptions(lang), [lang]);

  const text = (problem: Problem) => t(`suggest.problem.${problem.key}`, problem.values ?? {});
  const set = (field: Field, value: string) => setValues((v) => ({ ...v, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values, contactEmail);
    const shown: Shown = Object.fromEntries(Object.entries(found).map(([k, p]) => [k, text(p)]));
    const fields = fieldsToSend(values, base);
    if (base && Object.keys(fields).length === 0) shown.form = t("suggest.problem.nothingChanged");
    setProblems(shown);
    if (Object.keys(shown).length > 0) {
      focusFirstProblem(form.current, summary.current, shown);
      return;
    }
    setBusy(true);
    try {
      await send(`${BASE}/suggestions?lang=${lang}`, {
        kind: detail ? "correction" : "new",
        ...(detail ? { institutionId: detail.id } : {}),
        fields,
        ...(contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
        [HONEYPOT]: honeypot,
      });
      setSent(true);
    } catch (error) {
      const byField = error instanceof ProblemError ? serverProblems(error.fields) : {};
      const message = error instanceof Error ? error.message : String(error);
      const next: Shown = { ...byField, form: byField.form ?? t("suggest.failed", { message }) };
      setProblems(next);
      focusFirstProblem(form.current, summary.current, next);
    } finally {
      setBusy(false);
    }
  };

  const title = detail ? t("suggest.titleCorrection") : t("suggest.titleNew");
  if (sent) {
    return (
      <section className="page inv-suggest">
        <h1>{title}</h1>
        <div className="status status--done" role="status">
          <p>{t("suggest.thanks")}</p>
        </div>
        <p>
          {detail ? (
            <Link href={pathOf({ page: "institution", lang, id: detail.id })}>{t("suggest.backToEntry")}</Link>
          ) : (
            <Link href={pathOf({ page: "inventory", lang })}>{t("suggest.backToSearch")}</Link>
          )}
        </p>
      </section>
    );
  }

  const field = (name: Field, input: (props: InputProps) => ReactNode, hint?: string) => (
    <FormField name={name} label={t(`inventory.field.${name}`)} hint={hint} problem={problems[name]}>
      {input}
    </FormField>
  );
  const textInput =
    (name: Field, type = "text", autoComplete = "off") =>
    (props: InputProps) => (
      <input
        {...props}
        type={type}
        autoComplete={autoComplete}
        value={values[name]}
        maxLength={MAX_LENGTH[name]}
        onChange={(event) => set(name, event.target.value)}
      />
    );
  const chosenTopics = listOf(values.topics);
  const problemCount = Object.keys(problems).length;

  return (
    <section className="page inv-suggest">
      <h1>{title}</h1>
      {detail && (
        <p>
          {t("suggest.correcting")}{" "}
          <Link href={pathOf({ page: "institution", lang, id: detail.id })}>
            {(lang === "ru" ? detail.name.ru : detail.name.en) ?? detail.name.en ?? detail.name.ru}
          </Link>
        </p>
      )}
      <p>{detail ? t("suggest.introCorrection") : t("suggest.introNew")}</p>
      <div ref={summary} tabIndex={-1} role="alert" className={problemCount ? "status status--error" : undefined}>
        {problems.form && <p>{problems.form}</p>}
        {problemCount > (problems.form ? 1 : 0) && <p>{t("suggest.fix")}</p>}
      </div>
      <form ref={form} className="inv-form" noValidate onSubmit={submit}>
        <fieldset>
          <legend>{t("suggest.group.names")}</legend>
          <p className="inv-form__hint">{t("suggest.nameRule")}</p>
          {field("name_en", textInput("name_en"))}
          {field("name_ru", textInput("name_ru"))}
          {field("name_original", textInput("name_original"))}
          {field("original_language", textInput("original_language"))}
          {field("acronym", textInput("acronym"))}
        </fieldset>
        <fieldset>
          <legend>{t("suggest.group.place")}</legend>
          {field("category", (props) => (
            <select {...props} value={values.category} onChange={(event) => set("category", event.target.value)}>
              <option value="">{t("suggest.choose")}</option>
              {vocabulary.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          ))}
          {field("country", (props) => (
            <select {...props} value={values.country} onChange={(event) => set("country", event.target.value)}>
              <option value="">{t("suggest.choose")}</option>
              {countries.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          ))}
          {field("city", textInput("city"))}
          {field("address", textInput("address", "text", "street-address"))}
          <div className="inv-form__pair">
            {field("latitude", textInput("latitude"), t("suggest.hint.latitude"))}
            {field("longitude", textInput("longitude"), t("suggest.hint.longitude"))}
          </div>
          {field("countries_of_activity", textInput("countries_of_activity"), t("suggest.hint.countries"))}
        </fieldset>
        <fieldset>
          <legend>{t("suggest.group.contacts")}</legend>
          <p className="inv-form__hint">{t("suggest.contactRule")}</p>
          {field("website", textInput("website", "url"), t("suggest.hint.website"))}
          {field("email", textInput("email", "email"))}
          {field("phone", textInput("phone", "tel"))}
        </fieldset>
        <fieldset>
          <legend>{t("suggest.group.about")}</legend>
          {field("summary_en", (props) => (
            <textarea
              {...props}
              rows={4}
              value={values.summary_en}
              maxLength={MAX_LENGTH.summary_en}
              onChange={(event) => set("summary_en", event.target.value)}
            />
          ))}
          {field("summary_ru", (props) => (
            <textarea
              {...props}
              rows={4}
              value={values.summary_ru}
              maxLength={MAX_LENGTH.summary_ru}
              onChange={(event) => set("summary_ru", event.target.value)}
            />
          ))}
          <fieldset
            className="inv-form__choices"
            aria-describedby={problems.topics ? "inv-f-topics-problem" : undefined}
          >
            <legend>{t("inventory.field.topics")}</legend>
            <ul>
              {vocabulary.topics.map((topic) => {
                const id = `inv-f-topic-${topic.id}`;
                const checked = chosenTopics.includes(topic.id);
                return (
                  <li key={topic.id}>
                    <input
                      id={id}
                      type="checkbox"
                      checked={checked}
                      onChange={() =>
                        set(
                          "topics",
                          (checked ? chosenTopics.filter((x) => x !== topic.id) : [...chosenTopics, topic.id]).join(
                            "; ",
                          ),
                        )
                      }
                    />
                    <label htmlFor={id}>{topic.label}</label>
                  </li>
                );
              })}
            </ul>
            {problems.topics && (
              <p id="inv-f-topics-problem" className="inv-form__problem">
                {problems.topics}
              </p>
            )}
          </fieldset>
          {field("languages", textInput("languages"), t("suggest.hint.languages"))}
        </fieldset>
        <fieldset>
          <legend>{t("suggest.group.you")}</legend>
          <FormField
            name="contactEmail"
            label={t("suggest.contactEmail")}
            hint={t("suggest.hint.contactEmail")}
            problem={problems.contactEmail}
          >
            {(props) => (
              <input
                {...props}
                type="email"
                autoComplete="email"
                value={contactEmail}
                onChange={(event) => setContactEmail(event.target.value)}
              />
            )}
          </FormField>
          {/* Robots fill every field; people never see this one, and screen readers skip it. */}
          <div className="inv-form__trap" aria-hidden="true">
            <label htmlFor="inv-f-homepage">{t("suggest.honeypot")}</label>
            <input
              id="inv-f-homepage"
              name={HONEYPOT}
              type="text"
              tabIndex={-1}
              autoComplete="off"
              value={honeypot}
              onChange={(event) => setHoneypot(event.target.value)}
            />
          </div>
        </fieldset>
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("suggest.sending") : t("suggest.send")}
        </button>
      </form>
    </section>
  );
}

interface InputProps {
  readonly id: string;
  readonly name: string;
  readonly "aria-invalid": true | undefined;
  readonly "aria-describedby": string | undefined;
}

function FormField({
  name,
  label,
  hint,
  problem,
  children,
}: {
  name: string;
  label: string;
  hint?: string | undefined;
  problem: string | undefined;
  children: (props: InputProps) => ReactNode;
}) {
  const id = `inv-f-${name}`;
  const described = [hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].filter(Boolean).join(" ");
  return (
    <div className={problem ? "inv-form__field inv-form__field--problem" : "inv-form__field"}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="inv-form__hint">
          {hint}
        </p>
      )}
      {children({ id, name, "aria-invalid": problem ? true : undefined, "aria-describedby": described || undefined })}
      {problem && (
        <p id={`${id}-problem`} className="inv-form__problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Focus goes to the first field with a problem, else to the summary of problems. */
function focusFirstProblem(form: HTMLFormElement | null, summary: HTMLElement | null, shown: Shown) {
  requestAnimationFrame(() => {
    const first = form?.querySelector<HTMLElement>("[aria-invalid=true]");
    (shown.form || !first ? summary : first)?.focus();
  });
}
