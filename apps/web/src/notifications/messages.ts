/** Messages of the notifications (the header's bell, their page, following a table), in English and Russian. */
import type { Messages } from "../lib/i18n.ts";

export const messages = {
  en: {
    notifications: {
      title: "Notifications",
      bell_one: "Notifications: {{count}} unread",
      bell_other: "Notifications: {{count}} unread",
      bellNone: "Notifications: none unread",
      count_one: "{{count}} notification",
      count_other: "{{count}} notifications",
      unread_one: "{{count}} unread",
      unread_other: "{{count}} unread",
      empty:
        "No notifications yet. Editors hear of submissions to review, focal points of returned submissions, and everyone of new versions of the tables they follow.",
      signIn: "Sign in to see your notifications.",
      markAll: "Mark all as read",
      markRead: "Mark as read",
      unreadMark: "unread",
      older: "Older notifications",
      text: {
        submitted: "{{country}}: submission {{id}} was sent for review.",
        returned: "{{country}}: submission {{id}} was returned for changes.",
        released: "{{title}}: version {{version}} released (figures of {{country}}).",
      },
      follow: {
        on: "Follow this table",
        off: "Following this table",
        hint: "Get a notification whenever a new version of this table is released",
        stop: "Stop following this table",
        failed: "The change was not saved: {{message}}",
      },
    },
  },
  ru: {
    notifications: {
      title: "Уведомления",
      bell_one: "Уведомления: {{count}} непрочитанное",
      bell_few: "Уведомления: {{count}} непрочитанных",
      bell_many: "Уведомления: {{count}} непрочитанных",
      bell_other: "Уведомления: {{count}} непрочитанного",
      bellNone: "Уведомления: непрочитанных нет",
      count_one: "{{count}} уведомление",
      count_few: "{{count}} уведомления",
      count_many: "{{count}} уведомлений",
      count_other: "{{count}} уведомления",
      unread_one: "{{count}} непрочитанное",
      unread_few: "{{count}} непрочитанных",
      unread_many: "{{count}} непрочитанных",
      unread_other: "{{count}} непрочитанного",
      empty:
        "Уведомлений пока нет. Редакторы узнают о заявках, отправленных на проверку, координаторы — о возвращённых заявках, а все — о новых версиях таблиц, за которыми следят.",
      signIn: "Войдите, чтобы увидеть свои уведомления.",
      markAll: "Отметить все как прочитанные",
      markRead: "Отметить как прочитанное",
      unreadMark: "не прочитано",
      older: "Более ранние уведомления",
      text: {
        submitted: "{{country}}: заявка № {{id}} отправлена на проверку.",
        returned: "{{country}}: заявка № {{id}} возвращена на доработку.",
        released: "{{title}}: опубликована версия {{version}} (данные: {{country}}).",
      },
      follow: {
        on: "Следить за таблицей",
        off: "Вы следите за таблицей",
        hint: "Получать уведомление о каждой новой версии этой таблицы",
        stop: "Перестать следить за таблицей",
        failed: "Изменение не сохранено: {{message}}",
      },
    },
  },
} satisfies Messages;
