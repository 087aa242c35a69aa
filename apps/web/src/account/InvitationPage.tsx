/**
 * Accepting an invitation: the link's token is after `#` (never sent to the server in the address). It is kept in
 * this tab's session storage and taken off the address, so a language switch keeps it and the address bar does not
 * show it. The page says what the invitation is for (or why it no longer works), then asks a name and a password
 * twice; the server creates the account and signs in.
 */
import { type FormEvent, type ReactElement, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatDateTime } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { ProblemError, send } from "./http.ts";
import { type Me, type User, useSession } from "./session.tsx";

const TOKEN_KEY = "clearinghouse.invitation";

/** The token of the link this tab opened: from the address once, then from session storage. */
function invitationToken(): string | null {
  const fromHash = window.location.hash.slice(1);
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    window.history.replaceState(null, "", window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

interface Preview {
  readonly email: string;
  readonly role: User["role"];
  readonly countries: readonly string[];
  readonly expiresAt: string;
}

type Problems = Partial<Record<"name" | "password" | "confirm" | "form", string>>;

export function InvitationPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("account.invitation.title"));
  const [token] = useState(invitationToken);
  const preview = useAsync(
    () => (token ? send<Preview>(`/api/users/invitations/preview?lang=${lang}`, { token }) : Promise.resolve(null)),
    `${lang}:${token}`,
  );
  const [accepted, setAccepted] = useState<User | null>(null);

  if (accepted) {
    return (
      <section className="page account">
        <h1>{t("account.invitation.title")}</h1>
        <p role="status">{t("account.invitation.done", { name: accepted.name })}</p>
        <p>
          <Link href={pathOf({ page: "home", lang })}>{t("app.notFound.home")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="page account">
      <h1>{t("account.invitation.title")}</h1>
      {!token ? (
        <p className="status status--error" role="alert">
          {t("account.invitation.noToken")}
        </p>
      ) : preview.state === "loading" ? (
        <Loading text={t("account.invitation.checking")} />
      ) : preview.state === "failed" ? (
        <ErrorMessage error={preview.error} />
      ) : preview.value ? (
        <AcceptForm lang={lang} token={token} preview={preview.value} onAccepted={setAccepted} />
      ) : null}
    </section>
  );
}

function AcceptForm({
  lang,
  token,
  preview,
  onAccepted,
}: {
  lang: Lang;
  token: string;
  preview: Preview;
  onAccepted: (user: User) => void;
}) {
  const { t } = useTranslation();
  const { adopt } = useSession();
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const alert = useRef<HTMLDivElement>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const role = t(`account.roles.${preview.role}`);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Problems = {};
    if (!name.trim()) missing.name = t("account.required");
    if (!password) missing.password = t("account.required");
    else if (password !== confirm) missing.confirm = t("account.invitation.mismatch");
    setProblems(missing);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const me = await send<Me & { user: User }>(`/api/users/invitations/accept?lang=${lang}`, {
        token,
        name: name.trim(),
        password,
      });
      sessionStorage.removeItem(TOKEN_KEY);
      adopt(me);
      onAccepted(me.user);
    } catch (error) {
      const fields = error instanceof ProblemError ? error.fields : {};
      const message = error instanceof Error ? error.message : String(error);
      setProblems({
        ...(fields.name ? { name: fields.name } : {}),
        ...(fields.password ? { password: fields.password } : {}),
        form: t("account.invitation.failed", { message }),
      });
      alert.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const field = (id: "name" | "password" | "confirm", label: string, input: ReactElement, hint?: string) => (
    <div className="inv-form__field">
      <label htmlFor={`invitation-${id}`}>{label}</label>
      {hint && (
        <p id={`invitation-${id}-hint`} className="inv-form__hint">
          {hint}
        </p>
      )}
      {input}
      {problems[id] && (
        <p id={`invitation-${id}-problem`} className="inv-form__problem">
          {problems[id]}
        </p>
      )}
    </div>
  );
  const aria = (id: "name" | "password" | "confirm", hint = false) => ({
    id: `invitation-${id}`,
    "aria-invalid": problems[id] ? true : undefined,
    "aria-describedby":
      [hint ? `invitation-${id}-hint` : "", problems[id] ? `invitation-${id}-problem` : ""].join(" ").trim() ||
      undefined,
  });

  return (
    <>
      <p>
        {preview.countries.length > 0
          ? t("account.invitation.invitedFor", { role, countries: preview.countries.join(", "), email: preview.email })
          : t("account.invitation.invited", { role, email: preview.email })}{" "}
        {t("account.invitation.until", { date: formatDateTime(preview.expiresAt, lang) })}
      </p>
      <div ref={alert} tabIndex={-1} role="alert" className={problems.form ? "status status--error" : undefined}>
        {problems.form && <p>{problems.form}</p>}
      </div>
      <form className="inv-form" noValidate onSubmit={submit}>
        {/* The e-mail, for password managers: the account's name is the invitation's address. */}
        <input type="email" autoComplete="username" value={preview.email} readOnly hidden />
        {field(
          "name",
          t("account.invitation.name"),
          <input
            ref={first}
            type="text"
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            {...aria("name")}
          />,
        )}
        {field(
          "password",
          t("account.invitation.password"),
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            {...aria("password", true)}
          />,
          t("account.invitation.passwordHint"),
        )}
        {field(
          "confirm",
          t("account.invitation.confirm"),
          <input
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            {...aria("confirm")}
          />,
        )}
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("account.invitation.busy") : t("account.invitation.submit")}
        </button>
      </form>
    </>
  );
}
