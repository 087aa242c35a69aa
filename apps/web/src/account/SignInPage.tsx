/**
 * Sign-in for editors: e-mail and password, each problem next to its field, and the server's refusals (a wrong
 * password, a sign-in delayed after failures with until when) as it words them, in the page's language.
 */
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../lib/i18n.ts";
import { Link, navigate, pathOf } from "../lib/router.tsx";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { ProblemError } from "./http.ts";
import { canModerate, useSession } from "./session.tsx";

type Problems = Partial<Record<"email" | "password" | "form", string>>;

export function SignInPage({ lang, search }: { lang: Lang; search: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t("account.title"));
  const { user, signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  // Where to go afterwards: only a path of this site, never another origin.
  const next = new URLSearchParams(search).get("next");
  const after = next?.startsWith(`/${lang}/`) && !next.startsWith("//") ? next : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Problems = {};
    if (!email.trim()) missing.email = t("account.required");
    if (!password) missing.password = t("account.required");
    setProblems(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const signedIn = await signIn(email.trim(), password, lang);
      setPassword("");
      navigate(
        after ?? (canModerate(signedIn) ? pathOf({ page: "moderation", lang }) : pathOf({ page: "home", lang })),
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const fields = error instanceof ProblemError ? error.fields : {};
      setProblems({
        ...(fields.email ? { email: fields.email } : {}),
        ...(fields.password ? { password: fields.password } : {}),
        form: t("account.failed", { message }),
      });
      alert.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (user) {
    return (
      <section className="page account">
        <h1>{t("account.title")}</h1>
        <p>{t("account.welcome", { name: user.name })}</p>
        {canModerate(user) && (
          <p>
            <Link href={pathOf({ page: "moderation", lang })}>{t("account.moderation")}</Link>
          </p>
        )}
      </section>
    );
  }

  return (
    <section className="page account">
      <h1>{t("account.title")}</h1>
      <p>{t("account.intro")}</p>
      <div ref={alert} tabIndex={-1} role="alert" className={problems.form ? "status status--error" : undefined}>
        {problems.form && <p>{problems.form}</p>}
      </div>
      <form className="inv-form" noValidate onSubmit={submit}>
        <div className="inv-form__field">
          <label htmlFor="signin-email">{t("account.email")}</label>
          <input
            id="signin-email"
            type="email"
            autoComplete="username"
            value={email}
            aria-invalid={problems.email ? true : undefined}
            aria-describedby={problems.email ? "signin-email-problem" : undefined}
            onChange={(event) => setEmail(event.target.value)}
          />
          {problems.email && (
            <p id="signin-email-problem" className="inv-form__problem">
              {problems.email}
            </p>
          )}
        </div>
        <div className="inv-form__field">
          <label htmlFor="signin-password">{t("account.password")}</label>
          <input
            id="signin-password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={problems.password ? true : undefined}
            aria-describedby={problems.password ? "signin-password-problem" : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
          {problems.password && (
            <p id="signin-password-problem" className="inv-form__problem">
              {problems.password}
            </p>
          )}
        </div>
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("account.busy") : t("account.submit")}
        </button>
      </form>
    </section>
  );
}
