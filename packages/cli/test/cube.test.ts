import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../src/cube.ts";
import { FIXTURES, runWith } from "./helpers.ts";

const run = (...argv: string[]) => runWith(main, argv);
const input = join(FIXTURES, "t3-ru-utf-8.px");
const queryFile = (query: unknown) => {
  const path = `/tmp/cube-test-query-${Math.random().toString(36).slice(2)}.json`;
  writeFileSync(path, JSON.stringify(query));
  return path;
};

describe("cube select", () => {
  it("applies a PxWeb query and writes the response format", async () => {
    const query = queryFile({
      query: [
        { code: "Страна предыдущего проживания", selection: { filter: "item", values: ["ARM", "KAZ"] } },
        { code: "Пол", selection: { filter: "item", values: ["_T"] } },
        { code: "Год", selection: { filter: "all", values: ["*"] } },
      ],
      response: { format: "json-stat2" },
    });
    const result = await run("select", "--lang", "en", query, input, "-");
    expect(result.code).toBe(0);
    const json = JSON.parse(new TextDecoder().decode(result.binary[0]));
    expect(json.size).toEqual([2, 1, 2]);
    expect(json.value).toEqual([3100, 3300, 7400, 7800]);
  });

  it("says what is wrong with a query", async () => {
    const bad = await run(
      "select",
      queryFile({ query: [{ code: "nope", selection: { filter: "item", values: ["x"] } }] }),
      input,
      "-",
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the table has no variable "nope"');
    const malformed = await run("select", queryFile({ query: [{ code: "x" }] }), input, "-");
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('query[0] must be {"code"');
    const mandatory = await run("select", queryFile({ query: [] }), input, "-");
    expect(mandatory.stderr).toContain('"Страна предыдущего проживания" must be selected: it cannot be eliminated');
    const all = (code: string) => ({ code, selection: { filter: "all", values: ["*"] } });
    const everything = queryFile({ query: [all("Страна предыдущего проживания"), all("Пол"), all("Год")] });
    const big = await run("select", "--max-cells", "29", everything, input, "-");
    expect(big.stderr).toContain("the selection has 30 cells, more than the limit of 29");
  });
});
