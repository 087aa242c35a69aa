import { describe, expect, it } from "vitest";
import { type ReleasedTables, versionKey } from "../src/index.ts";
import { cube } from "./helpers.ts";

describe("versionKey", () => {
  it("names the versions of the tables a view reads, in the order given, skipping tables without a version", () => {
    const tables: ReleasedTables = new Map([
      ["T3", { version: 4, cube: cube("T3") }],
      ["T1_1", { version: 2, cube: cube("T1_1") }],
    ]);
    expect(versionKey(tables, ["T1_1", "T1_2", "T3"])).toBe("T1_1@2,T3@4");
    expect(versionKey(tables, ["T4"])).toBe("");
  });
});
