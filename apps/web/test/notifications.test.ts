import { describe, expect, it } from "vitest";
import { countryName } from "../src/lib/countries.ts";
import { createI18n } from "../src/lib/i18n.ts";
import { pathOf, routeOf } from "../src/lib/router.tsx";
import type { UserNotification } from "../src/notifications/api.ts";
import { notificationHref, notificationText } from "../src/notifications/text.ts";

const en = createI18n("en");
const ru = createI18n("ru");

const released: UserNotification = {
  id: 3,
  kind: "released",
  submissionId: 12,
  tableId: "T1_1",
  reporter: "KAZ",
  title: { en: "Population by country of birth", ru: "Население по стране рождения" },
  version: 4,
  created: "2026-12-04T10:00:00Z",
  read: null,
};
const returned: UserNotification = {
  ...released,
  kind: "returned",
  tableId: null,
  title: undefined,
  version: undefined,
};

describe("notifications in the interface", () => {
  it("counts in Russian with its three plural forms", () => {
    const count = (n: number) => ru.t("notifications.count", { count: n });
    expect([1, 2, 5, 11, 21, 22, 25].map(count)).toEqual([
      "1 уведомление",
      "2 уведомления",
      "5 уведомлений",
      "11 уведомлений",
      "21 уведомление",
      "22 уведомления",
      "25 уведомлений",
    ]);
    expect(en.t("notifications.count", { count: 1 })).toBe("1 notification");
    expect(en.t("notifications.count", { count: 5 })).toBe("5 notifications");
    expect(ru.t("notifications.bell", { count: 3 })).toBe("Уведомления: 3 непрочитанных");
    expect(ru.t("notifications.bell", { count: 1 })).toBe("Уведомления: 1 непрочитанное");
  });

  it("words each kind in the reader's language, the table's title and the country named", () => {
    expect(notificationText(released, "en", en.t)).toBe(
      "Population by country of birth: version 4 released (figures of Kazakhstan).",
    );
    expect(notificationText(released, "ru", ru.t)).toBe(
      "Население по стране рождения: опубликована версия 4 (данные: Казахстан).",
    );
    expect(notificationText(returned, "en", en.t)).toBe("Kazakhstan: submission 12 was returned for changes.");
    expect(notificationText({ ...returned, kind: "submitted" }, "ru", ru.t)).toBe(
      "Казахстан: заявка № 12 отправлена на проверку.",
    );
    expect(countryName("XXX", "en")).toBe("XXX");
    // The system's UN names, not the browser's region names ("Туркмения", "Великобритания").
    expect(countryName("TKM", "ru")).toBe("Туркменистан");
    expect(countryName("GBR", "ru")).toBe("Соединенное Королевство");
    expect(countryName("TUR", "en")).toBe("Türkiye");
  });

  it("leads to the released table or to the submission", () => {
    const table = (id: string) => pathOf({ page: "table", lang: "ru", id });
    expect(notificationHref(released, "ru", table)).toBe("/ru/tables/T1_1");
    expect(notificationHref(returned, "en", table)).toBe("/en/submissions/12");
  });

  it("has a page of its own in both languages", () => {
    expect(routeOf("/ru/notifications")).toEqual({ page: "notifications", lang: "ru" });
    expect(pathOf({ page: "notifications", lang: "en" })).toBe("/en/notifications");
  });
});
