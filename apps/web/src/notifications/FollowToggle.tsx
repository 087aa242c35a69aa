/** "Follow this table" on a table page, for signed-in users: each release of the table then notifies them. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../account/session.tsx";
import { notificationsApi } from "./api.ts";
import "./notifications.css";

export function FollowToggle({ table }: { table: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [following, setFollowing] = useState<boolean | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!user) return;
    let live = true;
    notificationsApi.subscribed(table).then(
      (on) => live && setFollowing(on),
      () => undefined, // without an answer the button stays hidden
    );
    return () => {
      live = false;
    };
  }, [user, table]);

  if (!user || following === undefined) return null;
  const toggle = () => {
    setBusy(true);
    setFailure(undefined);
    notificationsApi
      .follow(table, !following)
      .then(
        (answer) => setFollowing(answer.subscribed),
        (error: unknown) => setFailure(error instanceof Error ? error.message : String(error)),
      )
      .finally(() => setBusy(false));
  };
  return (
    <span className="follow">
      <button
        type="button"
        className={following ? "follow__button follow__button--on" : "follow__button"}
        aria-pressed={following}
        title={following ? t("notifications.follow.stop") : t("notifications.follow.hint")}
        disabled={busy}
        onClick={toggle}
      >
        {following ? t("notifications.follow.off") : t("notifications.follow.on")}
      </button>
      {failure && (
        <span className="follow__failure" role="alert">
          {t("notifications.follow.failed", { message: failure })}
        </span>
      )}
    </span>
  );
}
