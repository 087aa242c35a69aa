/** The notifications API (apps/server/src/notifications) as the interface reads it. */
import { getJson, send } from "../account/http.ts";

export type NotificationKind = "submitted" | "returned" | "released";

export interface UserNotification {
  readonly id: number;
  readonly kind: NotificationKind;
  readonly submissionId: number | null;
  readonly tableId: string | null;
  readonly reporter: string;
  readonly title?: { readonly en: string; readonly ru: string };
  readonly version?: number;
  readonly created: string;
  readonly read: string | null;
}

export interface NotificationPage {
  readonly unread: number;
  readonly notifications: readonly UserNotification[];
}

export const PAGE_SIZE = 30;

export const notificationsApi = {
  page: (before?: number) =>
    getJson<NotificationPage>(
      `/api/notifications?limit=${PAGE_SIZE}${before === undefined ? "" : `&before=${before}`}`,
    ),
  unread: async () => (await getJson<NotificationPage>("/api/notifications?limit=1")).unread,
  markRead: (which: readonly number[] | "all") =>
    send<{ updated: number; unread: number }>(
      "/api/notifications/read",
      which === "all" ? { all: true } : { ids: which },
    ),
  subscribed: async (table: string) =>
    (await getJson<{ subscribed: boolean }>(`/api/tables/${encodeURIComponent(table)}/subscription`)).subscribed,
  follow: (table: string, on: boolean) =>
    send<{ subscribed: boolean }>(
      `/api/tables/${encodeURIComponent(table)}/subscription`,
      undefined,
      on ? "PUT" : "DELETE",
    ),
};

/** Tells the bell that the count changed (a page marked some read), so it asks again at once. */
const changes = new EventTarget();
export const announceChange = (): void => {
  changes.dispatchEvent(new Event("change"));
};
export const onChange = (listener: () => void): (() => void) => {
  changes.addEventListener("change", listener);
  return () => changes.removeEventListener("change", listener);
};
