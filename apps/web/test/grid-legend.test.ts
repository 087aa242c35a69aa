import { Flag, Status } from "@clearinghouse/cube/browser";
import { describe, expect, it } from "vitest";
import { flagLabels, legendItems, statusLabel } from "../src/table/grid/legend.ts";

const cells = (status: number[], flags: number[] = status.map(() => 0)) => ({
  status: Uint8Array.from(status),
  flags: Uint8Array.from(flags),
});

describe("the legend", () => {
  it("lists only the symbols and flags the cells use, in order, each once", () => {
    const ds = cells(
      [Status.confidential, Status.value, Status.notAvailable, Status.confidential, Status.value],
      [0, Flag.estimated, 0, 0, Flag.provisional | Flag.estimated],
    );
    expect(legendItems(ds, "en")).toEqual([
      { kind: "symbol", mark: "..", label: "not available" },
      { kind: "symbol", mark: "x", label: "confidential" },
      { kind: "flag", mark: "p", label: "provisional" },
      { kind: "flag", mark: "e", label: "estimated" },
    ]);
  });

  it("is empty for a table of plain numbers", () => {
    expect(legendItems(cells([0, 0, 0]), "en")).toEqual([]);
  });

  it("speaks the reader's language, custom symbols included", () => {
    const ds = {
      ...cells([Status.nil, 4, 5], [Flag.breakInSeries, 0, 0]),
      symbols: [
        { symbol: "...", label: { en: "not yet published", ru: "ещё не опубликовано" } },
        { symbol: "-", label: { en: "nil (custom)", ru: "ноль" } },
      ],
    };
    expect(legendItems(ds, "ru")).toEqual([
      { kind: "symbol", mark: "-", label: "явление отсутствует" },
      { kind: "symbol", mark: "...", label: "ещё не опубликовано" },
      { kind: "flag", mark: "b", label: "разрыв ряда" },
    ]);
  });
});

describe("cell titles", () => {
  it("name a status and a cell's flags", () => {
    expect(statusLabel({}, Status.notAvailable, "ru")).toBe("нет данных");
    expect(statusLabel({ symbols: [{ symbol: "c", label: { en: "corrected" } }] }, 4, "ru")).toBe("corrected");
    expect(flagLabels(Flag.provisional | Flag.breakInSeries, "en")).toEqual(["provisional", "break in series"]);
    expect(flagLabels(0, "en")).toEqual([]);
  });
});
