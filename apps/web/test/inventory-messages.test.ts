/**
 * Russian plurals of the inventory's counts: i18next picks the form by the number's category (1, 21, 31 take
 * "one"), so no form may spell the number out ("одна" was shown for 21). And the related institution a sender
 * gives as a page's address or as an id.
 */
import { describe, expect, it } from "vitest";
import { relatedId } from "../src/inventory/suggest-form.ts";
import { createI18n } from "../src/lib/i18n.ts";

describe("the inventory's Russian plurals", () => {
  const t = createI18n("ru").t;
  it.each([
    [1, "1 организация"],
    [2, "2 организации"],
    [5, "5 организаций"],
    [11, "11 организаций"],
    [21, "21 организация"],
    [31, "31 организация"],
    [22, "22 организации"],
  ])("the map's place count: %i", (count, text) => {
    expect(t("inventory.map.place", { place: "Бишкек", count, n: String(count) })).toBe(`Бишкек: ${text}`);
  });

  it("counts releases' entries and the network's cells alike", () => {
    expect(t("inventory.releases.entries", { count: 21, n: "21" })).toBe("21 запись");
    expect(t("inventory.network.cell", { count: 31, n: "31", country: "Армения", topic: "Статистика" })).toBe(
      "31 организация в стране «Армения» по теме «Статистика»",
    );
  });
});

describe("a related institution", () => {
  it("is taken from its page's address or as an id", () => {
    expect(relatedId("https://example.org/ru/inventory/iom?x=1")).toBe("iom");
    expect(relatedId("  armstat ")).toBe("armstat");
    expect(relatedId("/en/inventory/stat-kg/")).toBe("stat-kg");
  });
});
