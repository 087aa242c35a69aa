/** The header's bell for signed-in users: a link to the notifications page with the unread count. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../lib/i18n.ts";
import { Link } from "../lib/router.tsx";
import { notificationsApi, onChange } from "./api.ts";
import "./notifications.css";

/** How often the count is asked again while the page stays open (and whenever the window regains focus). */
const REFRESH_MS = 60_000;

export const notificationsPath = (lang: Lang): string => `/${lang}/notifications`;

export function Bell({ lang, current }: { lang: Lang; current: boolean }) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState<number | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const refresh = () => {
      notificationsApi.unread().then(
        (count) => live && setUnread(count),
        () => undefined, // the bell stays as it was; the page says what failed
      );
    };
    refresh();
    const timer = window.setInterval(refresh, REFRESH_MS);
    window.addEventListener("focus", refresh);
    const stop = onChange(refresh);
    return () => {
      live = false;
      window.clearInterval(timer);
      window.removeEventListener("focus", refresh);
      stop();
    };
  }, []);

  const label = unread ? t("notifications.bell", { count: unread }) : t("notifications.bellNone");
  return (
    <Link
      href={notificationsPath(lang)}
      className="bell"
      aria-label={label}
      title={label}
      aria-current={current ? "page" : undefined}
    >
      <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? (
        <span className="bell__count" aria-hidden="true">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
