/** The signed-in user's notifications, newest first: each worded in the reader's language, with where it leads. */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../account/session.tsx";
import { ErrorMessage, Loading } from "../app/Status.tsx";
import { formatDate } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link, pathOf } from "../lib/router.tsx";
import { useAsync } from "../lib/use-async.ts";
import { useDocumentTitle } from "../lib/use-document-title.ts";
import { announceChange, notificationsApi, PAGE_SIZE, type UserNotification } from "./api.ts";
import { notificationHref, notificationText } from "./text.ts";
import "./notifications.css";

export function NotificationsPage({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const { user } = useSession();
  useDocumentTitle(t("notifications.title"));
  if (user === undefined) return <Loading />;
  if (user === null) {
    return (
      <section className="notifications">
        <h1>{t("notifications.title")}</h1>
        <p>
          <Link href={pathOf({ page: "signin", lang })}>{t("notifications.signIn")}</Link>
        </p>
      </section>
    );
  }
  return <NotificationList key={user.id} lang={lang} />;
}

function NotificationList({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const first = useAsync(() => notificationsApi.page(), "first");
  const [older, setOlder] = useState<readonly UserNotification[]>([]);
  const [more, setMore] = useState<boolean | undefined>(undefined);
  const [readIds, setReadIds] = useState<ReadonlySet<number>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);

  if (first.state === "loading") return <Loading />;
  if (first.state === "failed") return <ErrorMessage error={first.error} onRetry={first.retry} />;

  const items = [...first.value.notifications, ...older];
  const isRead = (n: UserNotification) => allRead || n.read !== null || readIds.has(n.id);
  const unread = allRead ? 0 : first.value.unread - items.filter((n) => n.read === null && readIds.has(n.id)).length;
  const hasMore = more ?? first.value.notifications.length === PAGE_SIZE;

  const markRead = (which: readonly number[] | "all") => {
    setFailure(undefined);
    notificationsApi.markRead(which).then(() => {
      if (which === "all") setAllRead(true);
      else setReadIds((ids) => new Set([...ids, ...which]));
      announceChange();
    }, setFailure);
  };
  const loadOlder = () => {
    const last = items.at(-1);
    if (!last) return;
    notificationsApi.page(last.id).then((page) => {
      setOlder((o) => [...o, ...page.notifications]);
      setMore(page.notifications.length === PAGE_SIZE);
    }, setFailure);
  };

  return (
    <section className="notifications">
      <header className="notifications__header">
        <h1>{t("notifications.title")}</h1>
        <p className="notifications__summary">
          {t("notifications.count", { count: items.length })}
          {unread > 0 && <> · {t("notifications.unread", { count: unread })}</>}
        </p>
        {unread > 0 && (
          <button type="button" onClick={() => markRead("all")}>
            {t("notifications.markAll")}
          </button>
        )}
      </header>
      {failure !== undefined && <ErrorMessage error={failure} />}
      {items.length === 0 ? (
        <p>{t("notifications.empty")}</p>
      ) : (
        <ol className="notifications__list">
          {items.map((n) => {
            const read = isRead(n);
            return (
              <li key={n.id} className={read ? "notification" : "notification notification--unread"}>
                <Link
                  href={notificationHref(n, lang, (id) => pathOf({ page: "table", lang, id }))}
                  onClick={() => !read && markRead([n.id])}
                >
                  {notificationText(n, lang, t)}
                </Link>
                <span className="notification__meta">
                  <time dateTime={n.created}>{formatDate(n.created, lang)}</time>
                  {!read && <span className="notification__unread">{t("notifications.unreadMark")}</span>}
                </span>
                {!read && (
                  <button type="button" className="notification__read" onClick={() => markRead([n.id])}>
                    {t("notifications.markRead")}
                  </button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {hasMore && (
        <button type="button" onClick={loadOlder}>
          {t("notifications.older")}
        </button>
      )}
    </section>
  );
}
