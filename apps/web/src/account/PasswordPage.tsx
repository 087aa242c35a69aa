/**
 * Changing one's own password: the current one and the new one twice. The server checks the current password
 * (throttled like sign-ins) and the policy, ends the account's other sessions and keeps this one.
 */
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Loading } from "../app/Status.tsx";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { ProblemError, send } from "./http.ts";
import { useSession } from "./session.tsx";

type Field = "currentPassword" | "newPassword" | "confirm";
type Problems = Partial<Record<Field | "form", string>>;

export function PasswordPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("account.passwordChange.title"));
  const { user } = useSession();
  const [values, setValues] = useState<Record<Field, string>>({ currentPassword: "", newPassword: "", confirm: "" });
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const alert = useRef<HTMLDivElement>(null);

  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <section className="page account">
        <h1>{t("account.passwordChange.title")}</h1>
        <p>
          <Link
            href={`${pathOf({ page: "signin", lang })}?next=${encodeURIComponent(pathOf({ page: "password", lang }))}`}
          >
            {t("account.passwordChange.signInFirst")}
          </Link>
        </p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Problems = {};
    if (!values.currentPassword) missing.currentPassword = t("account.required");
    if (!values.newPassword) missing.newPassword = t("account.required");
    else if (values.newPassword !== values.confirm) missing.confirm = t("account.invitation.mismatch");
    setProblems(missing);
    setDone(false);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      await send(`/api/users/me/password?lang=${lang}`, {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setValues({ currentPassword: "", newPassword: "", confirm: "" });
      setDone(true);
      alert.current?.focus();
    } catch (error) {
      const fields = error instanceof ProblemError ? error.fields : {};
      const message = error instanceof Error ? error.message : String(error);
      setProblems({ ...fields, form: t("account.passwordChange.failed", { message }) });
      alert.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const field = (name: Field, label: string, autoComplete: string) => (
    <div className="inv-form__field">
      <label htmlFor={`password-${name}`}>{label}</label>
      <input
        id={`password-${name}`}
        type="password"
        autoComplete={autoComplete}
        value={values[name]}
        aria-invalid={problems[name] ? true : undefined}
        aria-describedby={problems[name] ? `password-${name}-problem` : undefined}
        onChange={(event) => setValues({ ...values, [name]: event.target.value })}
      />
      {problems[name] && (
        <p id={`password-${name}-problem`} className="inv-form__problem">
          {problems[name]}
        </p>
      )}
    </div>
  );

  return (
    <section className="page account">
      <h1>{t("account.passwordChange.title")}</h1>
      <p>{t("account.passwordChange.intro")}</p>
      <div
        ref={alert}
        tabIndex={-1}
        role={done ? "status" : "alert"}
        className={problems.form ? "status status--error" : done ? "status" : undefined}
      >
        {problems.form && <p>{problems.form}</p>}
        {done && <p>{t("account.passwordChange.done")}</p>}
      </div>
      <form className="inv-form" noValidate onSubmit={submit}>
        <input type="email" autoComplete="username" value={user.email} readOnly hidden />
        {field("currentPassword", t("account.passwordChange.current"), "current-password")}
        {field("newPassword", t("account.passwordChange.next"), "new-password")}
        {field("confirm", t("account.passwordChange.confirm"), "new-password")}
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("account.passwordChange.busy") : t("account.passwordChange.submit")}
        </button>
      </form>
    </section>
  );
}
