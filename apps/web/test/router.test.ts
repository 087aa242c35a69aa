import { describe, expect, it } from "vitest";
import { preferredLang } from "../src/lib/i18n.ts";
import { pathOf, routeOf } from "../src/lib/router.tsx";

describe("routes", () => {
  it("names the page and language of a path", () => {
    expect(routeOf("/en/")).toEqual({ page: "home", lang: "en" });
    expect(routeOf("/ru")).toEqual({ page: "home", lang: "ru" });
    expect(routeOf("/ru/tables/T2_1")).toEqual({ page: "table", lang: "ru", id: "T2_1" });
    expect(routeOf("/en/glossary")).toEqual({ page: "glossary", lang: "en" });
    expect(routeOf("/de/")).toEqual({ page: "not-found", lang: "en" });
    expect(routeOf("/en/tables/")).toEqual({ page: "not-found", lang: "en" });
    expect(routeOf("/en/tables/a/b")).toEqual({ page: "not-found", lang: "en" });
  });

  it("writes paths that read back as the same page, table ids with any characters included", () => {
    for (const id of ["T1_1", "folder_file name", "таблица/1", "a%b"]) {
      const route = { page: "table", lang: "ru", id } as const;
      expect(routeOf(pathOf(route))).toEqual(route);
    }
    expect(routeOf("/en/tables/%E0%A4%A")).toEqual({ page: "table", lang: "en", id: "%E0%A4%A" });
  });

  it("names the inventory's, sign-in's and moderation's pages", () => {
    expect(routeOf("/en/inventory")).toEqual({ page: "inventory", lang: "en" });
    expect(routeOf("/ru/inventory/")).toEqual({ page: "inventory", lang: "ru" });
    expect(routeOf("/ru/inventory/armstat")).toEqual({ page: "institution", lang: "ru", id: "armstat" });
    expect(routeOf("/en/inventory/suggest")).toEqual({ page: "suggest", lang: "en" });
    expect(routeOf("/en/inventory/armstat/x")).toEqual({ page: "not-found", lang: "en" });
    expect(routeOf("/en/signin")).toEqual({ page: "signin", lang: "en" });
    expect(routeOf("/en/signin/x")).toEqual({ page: "not-found", lang: "en" });
    expect(routeOf("/ru/moderation")).toEqual({ page: "moderation", lang: "ru" });
    expect(routeOf("/ru/moderation/42")).toEqual({ page: "suggestion", lang: "ru", id: "42" });
    expect(routeOf("/ru/moderation/42/x")).toEqual({ page: "not-found", lang: "ru" });
    expect(routeOf("/en/moderation/duplicates")).toEqual({ page: "duplicates", lang: "en" });
    expect(routeOf("/ru/moderation/links/")).toEqual({ page: "links", lang: "ru" });
    expect(routeOf("/en/moderation/links/x")).toEqual({ page: "not-found", lang: "en" });
  });

  it("names the submissions' and the review's pages", () => {
    expect(routeOf("/en/submissions")).toEqual({ page: "submissions", lang: "en" });
    expect(routeOf("/ru/submissions/7")).toEqual({ page: "submission", lang: "ru", id: "7" });
    expect(routeOf("/ru/submissions/7/x")).toEqual({ page: "not-found", lang: "ru" });
    expect(routeOf("/en/review")).toEqual({ page: "review", lang: "en" });
  });

  it("writes the new pages' paths so that they read back as the same page", () => {
    const routes = [
      { page: "inventory", lang: "en" },
      { page: "institution", lang: "ru", id: "iom-armenia" },
      { page: "institution", lang: "en", id: "a/b c%" },
      { page: "suggest", lang: "ru" },
      { page: "signin", lang: "en" },
      { page: "moderation", lang: "ru" },
      { page: "suggestion", lang: "en", id: "17" },
      { page: "duplicates", lang: "ru" },
      { page: "links", lang: "en" },
      { page: "submissions", lang: "ru" },
      { page: "submission", lang: "en", id: "12" },
      { page: "review", lang: "ru" },
    ] as const;
    for (const route of routes) expect(routeOf(pathOf(route))).toEqual(route);
  });

  it("gives a first visit the browser's preferred language among English and Russian", () => {
    expect(preferredLang(["ru-RU", "en-US"])).toBe("ru");
    expect(preferredLang(["de-DE", "ru", "en"])).toBe("ru");
    expect(preferredLang(["kk-KZ", "en-GB"])).toBe("en");
    expect(preferredLang([])).toBe("en");
  });
});
