import { describe, expect, it } from "vitest";
import { createI18n } from "../src/lib/i18n.ts";
import { pathOf, routeOf } from "../src/lib/router.tsx";
import { decimalsOf, previousVersion, sideText } from "../src/table/history/cells.ts";
import { messages } from "../src/table/history/messages.ts";

describe("a table's history", () => {
  it("shows a compared cell's side as the reader writes numbers, or its symbol, with its flags", () => {
    expect(sideText({ value: 12600, status: "", flags: "" }, "en")).toBe("12,600");
    expect(sideText({ value: 12600.5, status: "", flags: "p" }, "ru")).toBe("12\u00a0600,5 p");
    expect(sideText({ value: null, status: "..", flags: "" }, "en")).toBe("..");
    expect(sideText(null, "en")).toBe("");
    expect([decimalsOf(1), decimalsOf(0.25), decimalsOf(1e-9), decimalsOf(1 / 3)]).toEqual([0, 2, 0, 6]);
  });

  it("finds the version before one, whatever the order of the list", () => {
    const list = [{ version: 3 }, { version: 1 }, { version: 2 }];
    expect([previousVersion(list, 3), previousVersion(list, 2), previousVersion(list, 1)]).toEqual([2, 1, undefined]);
  });

  it("has the comparison page at /{lang}/tables/{id}/compare", () => {
    expect(routeOf("/ru/tables/T2_1/compare")).toEqual({ page: "table-compare", lang: "ru", id: "T2_1" });
    expect(pathOf({ page: "table-compare", lang: "en", id: "T 1" })).toBe("/en/tables/T%201/compare");
    expect(routeOf("/en/tables/T2_1/other").page).toBe("not-found");
  });

  it("says counts with the right Russian plural, in the same keys as English", () => {
    const ru = createI18n("ru");
    const said = [1, 2, 5, 21, 12].map((count) => ru.t("history.compare.changed", { count, n: String(count) }));
    expect(said).toEqual([
      "Изменена 1 ячейка",
      "Изменены 2 ячейки",
      "Изменено 5 ячеек",
      "Изменена 21 ячейка",
      "Изменено 12 ячеек",
    ]);
    expect(ru.t("history.title", { count: 3 })).toBe("История: 3 версии");
    expect(createI18n("en").t("history.title", { count: 1 })).toBe("History: 1 version");
    const keys = (tree: object, prefix = ""): string[] =>
      Object.entries(tree).flatMap(([k, v]) =>
        typeof v === "string" ? [`${prefix}${k.replace(/_(one|few|many|other)$/, "")}`] : keys(v, `${prefix}${k}.`),
      );
    expect(new Set(keys(messages.ru))).toEqual(new Set(keys(messages.en)));
  });
});
