/**
 * The administrators' accounts page: invite someone (the one-time link shown once, with a copy button), the
 * invitations and their state (withdraw a pending one), and the accounts (role and countries, disable or enable,
 * end every session). Every check is the server's; this page shows its answers next to the fields they name.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemError } from "../account/http.ts";
import { useSession } from "../account/session.tsx";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatCount, formatDateTime } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { AdminNav, AdminOnly } from "./AdminOnly.tsx";
import { type Account, adminApi, type Invitation, ROLES, type Role } from "./api.ts";
import "./admin.css";

export function UsersPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  return (
    <AdminOnly lang={lang} title={t("admin.users.title")}>
      <Users lang={lang} />
    </AdminOnly>
  );
}

/** Whose row a button acts on, for screen readers (the visible text stays the start of the button's name). */
const Whose = ({ name }: { name: string }) => <span className="visually-hidden">{`: ${name}`}</span>;

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function Users({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  useDocumentTitle(t("admin.users.title"));
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  const users = useAsync(() => adminApi.users(lang), `${lang}:${version}`);
  const invitations = useAsync(() => adminApi.invitations(lang), `${lang}:${version}`);
  // Kept while the lists reload, so that the invitation form (and the link it shows) stays.
  const [reporters, setReporters] = useState<readonly string[] | null>(null);
  const loaded = users.state === "done" ? users.value.reporters : null;
  useEffect(() => {
    if (loaded) setReporters(loaded);
  }, [loaded]);
  return (
    <section className="page admin">
      <AdminNav lang={lang} current="users" />
      <h1>{t("admin.users.title")}</h1>
      {reporters && <InviteForm lang={lang} reporters={reporters} onInvited={reload} />}
      <h2>{t("admin.users.invitations.title")}</h2>
      {invitations.state === "loading" ? (
        <Loading />
      ) : invitations.state === "failed" ? (
        <ErrorMessage error={invitations.error} onRetry={invitations.retry} />
      ) : (
        <Invitations lang={lang} invitations={invitations.value.invitations} onChange={reload} />
      )}
      <h2>{t("admin.users.list.title")}</h2>
      {users.state === "loading" ? (
        <Loading />
      ) : users.state === "failed" ? (
        <ErrorMessage error={users.error} onRetry={users.retry} />
      ) : (
        <Accounts lang={lang} users={users.value.users} reporters={users.value.reporters} onChange={reload} />
      )}
    </section>
  );
}

/** Checkboxes of the participating countries. */
function CountryChoices({
  legend,
  hint,
  reporters,
  chosen,
  onChange,
  problem,
}: {
  legend: string;
  hint?: string;
  reporters: readonly string[];
  chosen: readonly string[];
  onChange: (next: string[]) => void;
  problem?: string | undefined;
}) {
  const id = useId();
  return (
    <fieldset
      className="admin-countries"
      aria-describedby={[hint ? `${id}-hint` : "", problem ? `${id}-problem` : ""].join(" ").trim() || undefined}
    >
      <legend>{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="inv-form__hint">
          {hint}
        </p>
      )}
      <ul>
        {reporters.map((code) => (
          <li key={code}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(code)}
                onChange={(event) =>
                  onChange(event.target.checked ? [...chosen, code].sort() : chosen.filter((c) => c !== code))
                }
              />{" "}
              {code}
            </label>
          </li>
        ))}
      </ul>
      {problem && (
        <p id={`${id}-problem`} className="inv-form__problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

type InviteProblems = Partial<Record<"email" | "role" | "countries" | "days" | "form", string>>;

function InviteForm({
  lang,
  reporters,
  onInvited,
}: {
  lang: Lang;
  reporters: readonly string[];
  onInvited: () => void;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("focal-point");
  const [countries, setCountries] = useState<string[]>([]);
  const [days, setDays] = useState("7");
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<InviteProblems>({});
  const [created, setCreated] = useState<{ link: string; invitation: Invitation; mailed: boolean } | null>(null);
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const alert = useRef<HTMLDivElement>(null);
  const linkHeading = useRef<HTMLHeadingElement>(null);
  // The link is what the administrator came for: the focus goes to it once shown.
  useEffect(() => {
    if (created) linkHeading.current?.focus();
  }, [created]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems({});
    setCopied(null);
    try {
      const result = await adminApi.invite(
        { email: email.trim(), role, countries: role === "focal-point" ? countries : [], days: Number(days) },
        lang,
      );
      setCreated(result);
      setEmail("");
      setCountries([]);
      onInvited();
    } catch (error) {
      const fields = error instanceof ProblemError ? error.fields : {};
      setProblems({ ...fields, form: t("admin.users.invite.failed", { message: messageOf(error) }) });
      alert.current?.focus();
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.link);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  };
  const field = (name: keyof InviteProblems) => ({
    "aria-invalid": problems[name] ? true : undefined,
    "aria-describedby": problems[name] ? `invite-${name}-problem` : undefined,
  });
  const problem = (name: keyof InviteProblems) =>
    problems[name] && (
      <p id={`invite-${name}-problem`} className="inv-form__problem">
        {problems[name]}
      </p>
    );

  return (
    <section aria-labelledby="invite-title" className="admin-invite">
      <h2 id="invite-title">{t("admin.users.invite.title")}</h2>
      <div ref={alert} tabIndex={-1} role="alert" className={problems.form ? "status status--error" : undefined}>
        {problems.form && <p>{problems.form}</p>}
      </div>
      <form className="inv-form" noValidate onSubmit={submit}>
        <div className="inv-form__field">
          <label htmlFor="invite-email">{t("admin.users.invite.email")}</label>
          <input
            id="invite-email"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            {...field("email")}
          />
          {problem("email")}
        </div>
        <div className="inv-form__field">
          <label htmlFor="invite-role">{t("admin.users.invite.role")}</label>
          <select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            {...field("role")}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`account.roles.${r}`)}
              </option>
            ))}
          </select>
          {problem("role")}
        </div>
        {role === "focal-point" && (
          <CountryChoices
            legend={t("admin.users.invite.countries")}
            hint={t("admin.users.invite.countriesHint")}
            reporters={reporters}
            chosen={countries}
            onChange={setCountries}
            problem={problems.countries}
          />
        )}
        <div className="inv-form__field">
          <label htmlFor="invite-days">{t("admin.users.invite.days")}</label>
          <input
            id="invite-days"
            type="number"
            min={1}
            max={30}
            inputMode="numeric"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            {...field("days")}
          />
          {problem("days")}
        </div>
        <button type="submit" className="inv-form__submit" disabled={busy}>
          {busy ? t("admin.users.invite.busy") : t("admin.users.invite.submit")}
        </button>
      </form>
      {created && (
        <div className="admin-link">
          <h3 ref={linkHeading} tabIndex={-1}>
            {t("admin.users.invite.linkTitle")}
          </h3>
          <p>
            {t("admin.users.invite.linkIntro", {
              email: created.invitation.email,
              date: formatDateTime(created.invitation.expiresAt, lang),
            })}
            {created.mailed && ` ${t("admin.users.invite.mailed")}`}
          </p>
          <label htmlFor="invite-link" className="visually-hidden">
            {t("admin.users.invite.linkTitle")}
          </label>
          <input
            id="invite-link"
            className="admin-link__url"
            readOnly
            value={created.link}
            onFocus={(event) => event.target.select()}
          />
          <button type="button" onClick={() => void copy()}>
            {t("admin.users.invite.copy")}
          </button>
          <p role="status">
            {copied === "yes"
              ? t("admin.users.invite.copied")
              : copied === "failed"
                ? t("admin.users.invite.copyFailed")
                : ""}
          </p>
        </div>
      )}
    </section>
  );
}

function Invitations({
  lang,
  invitations,
  onChange,
}: {
  lang: Lang;
  invitations: readonly Invitation[];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<string | null>(null);
  if (invitations.length === 0) return <p>{t("admin.users.invitations.none")}</p>;
  const revoke = async (invitation: Invitation) => {
    setProblem(null);
    try {
      await adminApi.revokeInvitation(invitation.id, lang);
      onChange();
    } catch (error) {
      setProblem(t("admin.users.list.failed", { message: messageOf(error) }));
    }
  };
  return (
    <>
      <div role="alert">{problem && <p className="status status--error">{problem}</p>}</div>
      <table className="inv-links admin-table">
        <thead>
          <tr>
            <th scope="col">{t("admin.users.invitations.email")}</th>
            <th scope="col">{t("admin.users.invitations.role")}</th>
            <th scope="col">{t("admin.users.invitations.status")}</th>
            <th scope="col">{t("admin.users.invitations.created")}</th>
            <th scope="col">{t("admin.users.invitations.expires")}</th>
            <th scope="col">{t("admin.users.invitations.by")}</th>
            <th scope="col">{t("admin.users.invitations.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td>
              <td>
                {t(`account.roles.${i.role}`)}
                {i.countries.length > 0 && ` (${i.countries.join(", ")})`}
              </td>
              <td>{t(`admin.users.invitations.statuses.${i.status}`)}</td>
              <td>{formatDateTime(i.createdAt, lang)}</td>
              <td>{formatDateTime(i.expiresAt, lang)}</td>
              <td>{i.invitedBy ?? "—"}</td>
              <td>
                {i.status === "pending" && (
                  <button type="button" onClick={() => void revoke(i)}>
                    {t("admin.users.invitations.revoke")}
                    <Whose name={i.email} />
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Accounts({
  lang,
  users,
  reporters,
  onChange,
}: {
  lang: Lang;
  users: readonly Account[];
  reporters: readonly string[];
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const { user: me } = useSession();
  const [editing, setEditing] = useState<number | string | null>(null);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const act = async (work: () => Promise<string>) => {
    setStatus(null);
    try {
      setStatus({ text: await work(), error: false });
      onChange();
    } catch (error) {
      setStatus({ text: t("admin.users.list.failed", { message: messageOf(error) }), error: true });
    }
  };
  return (
    <>
      <div role="status" aria-live="polite">
        {status && <p className={status.error ? "status status--error" : "status"}>{status.text}</p>}
      </div>
      <table className="inv-links admin-table">
        <thead>
          <tr>
            <th scope="col">{t("admin.users.list.name")}</th>
            <th scope="col">{t("admin.users.list.email")}</th>
            <th scope="col">{t("admin.users.list.role")}</th>
            <th scope="col">{t("admin.users.list.countries")}</th>
            <th scope="col">{t("admin.users.list.state")}</th>
            <th scope="col">{t("admin.users.list.sessions")}</th>
            <th scope="col">{t("admin.users.list.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>{t(`account.roles.${u.role}`)}</td>
              <td>{u.role === "focal-point" ? u.countries.join(", ") : t("admin.users.list.all")}</td>
              <td>{u.disabled ? t("admin.users.list.disabled") : t("admin.users.list.active")}</td>
              <td>{formatCount(u.sessions, lang)}</td>
              <td className="admin-actions">
                {editing === u.id ? (
                  <RoleEditor
                    account={u}
                    reporters={reporters}
                    lang={lang}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) {
                        setStatus({ text: t("admin.users.list.saved"), error: false });
                        onChange();
                      }
                    }}
                  />
                ) : (
                  <>
                    <button type="button" onClick={() => setEditing(u.id)}>
                      {t("admin.users.list.edit")}
                      <Whose name={u.name} />
                    </button>
                    {u.id !== me?.id && (
                      <button
                        type="button"
                        onClick={() =>
                          void act(async () => {
                            await adminApi.changeUser(u.id, { disabled: !u.disabled }, lang);
                            return t("admin.users.list.saved");
                          })
                        }
                      >
                        {u.disabled ? t("admin.users.list.enable") : t("admin.users.list.disable")}
                        <Whose name={u.name} />
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() =>
                        void act(async () => {
                          const { revoked } = await adminApi.revokeSessions(u.id, lang);
                          return t("admin.users.list.revoked", {
                            count: revoked,
                            n: formatCount(revoked, lang),
                            name: u.name,
                          });
                        })
                      }
                    >
                      {t("admin.users.list.revoke")}
                      <Whose name={u.name} />
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RoleEditor({
  account,
  reporters,
  lang,
  onDone,
}: {
  account: Account;
  reporters: readonly string[];
  lang: Lang;
  onDone: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const [role, setRole] = useState<Role>(account.role);
  const [countries, setCountries] = useState<string[]>([...account.countries]);
  const [problems, setProblems] = useState<Partial<Record<"role" | "countries" | "form", string>>>({});
  const id = useId();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await adminApi.changeUser(account.id, { role, countries: role === "focal-point" ? countries : [] }, lang);
      onDone(true);
    } catch (error) {
      const fields = error instanceof ProblemError ? error.fields : {};
      setProblems({ ...fields, form: t("admin.users.list.failed", { message: messageOf(error) }) });
    }
  };
  return (
    <form className="admin-editor" onSubmit={save} aria-label={t("admin.users.list.editTitle", { name: account.name })}>
      <div role="alert">{problems.form && <p className="status status--error">{problems.form}</p>}</div>
      <label htmlFor={`${id}-role`}>{t("admin.users.list.role")}</label>{" "}
      <select id={`${id}-role`} value={role} onChange={(event) => setRole(event.target.value as Role)}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`account.roles.${r}`)}
          </option>
        ))}
      </select>
      {role === "focal-point" && (
        <CountryChoices
          legend={t("admin.users.list.countries")}
          reporters={reporters}
          chosen={countries}
          onChange={setCountries}
          problem={problems.countries}
        />
      )}
      <button type="submit">{t("admin.users.list.save")}</button>{" "}
      <button type="button" onClick={() => onDone(false)}>
        {t("admin.users.list.cancel")}
      </button>
    </form>
  );
}
