/** Notifications and table subscriptions: the API plugin (routes.ts) and `notify`, which the workflow calls. */

export { type NotificationEvent, notify } from "./notify.ts";
export { type NotificationsOptions, notificationsApi } from "./routes.ts";
