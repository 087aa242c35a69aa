import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// The server's own readers of a GET …/data query: the addresses are checked against what the server understands.
import {
  downloadFileName,
  EXTENSION_FORMATS,
  parseOutput,
  OUTPUT_FORMATS as SERVER_FORMATS,
} from "../../server/src/api/pxweb-v2/output.ts";
import { expandValueCodes, listParameter, selectionFromQuery } from "../../server/src/api/pxweb-v2/selection.ts";
import {
  type DataQuery,
  DOWNLOADS,
  dataQueryUrl,
  downloadLinks,
  fileName,
  literalCode,
  NAMINGS,
  type QueryItem,
} from "../src/table/downloads/links.ts";
import {
  curlSnippet,
  getUrl,
  literal,
  postBody,
  pythonSnippet,
  rSnippet,
  type SnippetInput,
  shellQuote,
  v1TableUrl,
} from "../src/table/downloads/snippets.ts";

/** The query string as Fastify hands it to a route: names and values decoded, a repeated name as an array. */
function queryOf(url: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(url.slice(url.indexOf("?") + 1))) {
    const before = out[name];
    out[name] = before === undefined ? value : [...(Array.isArray(before) ? before : [before]), value];
  }
  return out;
}

/** The codes of `table` that the server selects for the first variable of the address. */
function selectedByServer(url: string, table: readonly string[]): { variable: string; codes: string[] } {
  const selection = selectionFromQuery(queryOf(url));
  const item = selection?.selection[0];
  if (!item) throw new Error("no selection in the address");
  const at = expandValueCodes(
    table.map((code) => ({ code })),
    item.valueCodes,
    { isTime: false, variable: item.variableCode },
  );
  return { variable: item.variableCode, codes: at.map((i) => table[i] as string) };
}

const HOSTILE = [",", "(", ")", "[", "]", " ", "*", "?", "a", "B", "&", "=", "+", "%", "#", "'", '"', "$", "é", "\n"];
const hostileCode = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: fc.constantFrom(...HOSTILE), maxLength: 6 }),
);

const T2_1: DataQuery = {
  id: "T2_1",
  lang: "en",
  items: [
    { variableCode: "reporter", valueCodes: ["ARM", "GEO"] },
    { variableCode: "year", valueCodes: ["2023", "2024"] },
  ],
  placement: { heading: ["year"], stub: ["reporter"] },
};

describe("download addresses (GET …/data)", () => {
  it("write a plain selection readably, with the screen's placement", () => {
    expect(dataQueryUrl(T2_1, "csv")).toBe(
      "/api/v2/tables/T2_1/data?lang=en&outputFormat=csv&valueCodes[reporter]=ARM,GEO&valueCodes[year]=2023,2024&heading=year&stub=reporter",
    );
  });

  it("read the version shown when it is a past one, in every download and snippet but R's", () => {
    const past = { ...T2_1, version: 2 };
    expect(dataQueryUrl(past, "csv")).toBe(
      "/api/v2/tables/T2_1/data?lang=en&version=2&outputFormat=csv&valueCodes[reporter]=ARM,GEO&valueCodes[year]=2023,2024&heading=year&stub=reporter",
    );
    expect(queryOf(dataQueryUrl(past, "px") as string).version).toBe("2");
    expect(downloadLinks(past, "labels").every((l) => l.href?.includes("&version=2&"))).toBe(true);
    expect(fileName("T2_1", DOWNLOADS[0] as (typeof DOWNLOADS)[number], 2)).toBe("T2_1-v2.xlsx");
    const input = { ...past, origin: "https://example.org" };
    expect(curlSnippet(input)).toContain("data?lang=en&version=2&outputFormat=json-stat2");
    expect(pythonSnippet(input)).toContain("&version=2&");
    expect(getUrl(input)).toContain("&version=2&");
    // pxweb cannot carry it (it adds ?config to the URL): the R snippet says it reads the current version.
    expect(rSnippet(input, ["clearinghouse"])).toMatch(/^# pxweb reads the current version/);
    expect(rSnippet({ ...T2_1, origin: "https://example.org" }, ["clearinghouse"])).not.toContain("version");
  });

  it("select exactly the chosen codes, whatever they hold (commas, brackets, wildcards, expressions, spaces)", () => {
    const table = fc
      .uniqueArray(hostileCode, { minLength: 1, maxLength: 8 })
      .chain((codes) => fc.tuple(fc.constant(codes), fc.subarray(codes, { minLength: 1 })));
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 5 }), table, (variable, [codes, chosen]) => {
        const url = dataQueryUrl(
          { id: "T", lang: "ru", items: [{ variableCode: variable, valueCodes: chosen }] },
          "csv",
        );
        if (url === undefined) {
          // Only a comma after an unmatched closing bracket defeats every spelling.
          expect(chosen.some((c) => c.includes(",") && /[)\]]/.test(c))).toBe(true);
          return;
        }
        expect(selectedByServer(url, codes)).toEqual({ variable, codes: chosen });
      }),
      { numRuns: 500 },
    );
  });

  it("bracket a code only when the server would read it as syntax", () => {
    expect(literalCode("ARM")).toBe("ARM");
    expect(literalCode("a*")).toBe("a*"); // an exact code is matched before any wildcard
    expect(literalCode("top(2)")).toBe("[top(2)]");
    expect(literalCode("a,b")).toBe("[a,b]");
    expect(literalCode(" a")).toBe("[ a]");
    expect(literalCode("")).toBe("[]");
  });

  it("give a code that would swallow its neighbours' commas its own parameter", () => {
    const url = dataQueryUrl({ id: "T", lang: "en", items: [{ variableCode: "v", valueCodes: ["a(b", "c"] }] }, "csv");
    expect(url).toContain("valueCodes[v]=%5Ba(b%5D&valueCodes[v]=c");
    expect(selectedByServer(url as string, ["a(b", "c", "a(b,c"]).codes).toEqual(["a(b", "c"]);
  });

  it("place only variables the result has, and none whose code the placement cannot carry", () => {
    const eliminated = dataQueryUrl(
      { ...T2_1, placement: { heading: ["year"], stub: ["reporter", "sex"] } },
      "csv",
    ) as string;
    expect(queryOf(eliminated).stub).toBe("reporter");
    const odd: DataQuery = {
      id: "T",
      lang: "en",
      items: [
        { variableCode: "a,b", valueCodes: ["1"] },
        { variableCode: "c", valueCodes: ["2"] },
      ],
      placement: { heading: ["a,b"], stub: ["c"] },
    };
    const url = dataQueryUrl(odd, "csv") as string;
    expect(queryOf(url).heading).toBeUndefined();
    expect(selectedByServer(url, ["1"]).variable).toBe("a,b");
  });

  it("offer every output format the server has, with parameters it accepts", () => {
    expect(new Set(DOWNLOADS.map((d) => d.format))).toEqual(new Set([...SERVER_FORMATS, ...EXTENSION_FORMATS]));
    for (const naming of NAMINGS) {
      const links = downloadLinks(T2_1, naming);
      expect(links).toHaveLength(DOWNLOADS.length);
      for (const { download, href } of links) {
        const query = queryOf(href as string);
        const output = parseOutput(query.outputFormat, query.outputFormatParams);
        expect(output.format).toBe(download.format);
        expect(listParameter(query.heading)).toEqual(["year"]);
      }
    }
    const semicolon = downloadLinks(T2_1, "codes").find((l) => l.download.key === "csvSemicolon");
    expect(queryOf(semicolon?.href as string).outputFormatParams).toBe("SeparatorSemicolon,UseCodes");
    // The long CSV has codes and labels both: the naming choice does not reach it.
    const long = downloadLinks(T2_1, "codes").find((l) => l.download.key === "csvLongSemicolon");
    expect(queryOf(long?.href as string).outputFormatParams).toBe("SeparatorSemicolon");
  });

  it("name each file as the server does, with the illustrative mark when the figures are illustrative", () => {
    for (const download of DOWNLOADS) {
      for (const illustrative of [false, true]) {
        expect(fileName("T3", download, undefined, illustrative)).toBe(
          downloadFileName("T3", download.format, illustrative),
        );
      }
    }
    const long = DOWNLOADS.find((d) => d.key === "csvLong") as (typeof DOWNLOADS)[number];
    expect(fileName("T3", long, 2, true)).toBe("T3-long-v2-illustrative.csv");
  });
});

const ORIGIN = "https://stats.example.org";
const input = (items: readonly QueryItem[]): SnippetInput => ({ origin: ORIGIN, id: "T2_1", lang: "en", items });
const HOSTILE_ITEMS: QueryItem[] = [
  { variableCode: "reporter", valueCodes: ["a'b\"c$(x)", "`id`", "ARM"] },
  { variableCode: "v'\"$", valueCodes: ["x\\y", "line\nbreak", "\\u0041", "'"] },
];

/** The words a POSIX shell makes of a command line, by a stand-in `curl` that prints its arguments. */
function shellWords(script: string): string[] {
  const out = execFileSync("sh", ["-c", `curl() { printf '%s\\0' "$@"; }\n${script}`], { encoding: "utf8" });
  return out.split("\0").slice(0, -1);
}

describe("use this in code", () => {
  it("posts a body that is the selection, as JSON", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ variableCode: fc.string(), valueCodes: fc.array(fc.string()) })), (items) => {
        expect(JSON.parse(postBody(items))).toEqual({ selection: items });
      }),
    );
  });

  it("quotes any text for the shell so that it comes back unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...HOSTILE, "`", "\\", "!", ";", "|") }), (text) => {
        expect(shellWords(`curl ${shellQuote(text)}`)).toEqual([text]);
      }),
      { numRuns: 40 },
    );
  });

  it("gives curl the address and the selection, even with codes like a'b\"c$(x)", () => {
    const words = shellWords(curlSnippet(input(HOSTILE_ITEMS)));
    expect(words).toEqual([
      `${ORIGIN}/api/v2/tables/T2_1/data?lang=en&outputFormat=json-stat2`,
      "-H",
      "Content-Type: application/json",
      "--data",
      postBody(HOSTILE_ITEMS),
    ]);
    expect(JSON.parse(words[4] as string)).toEqual({ selection: HOSTILE_ITEMS });
  });

  it("writes string literals that mean the same in JSON, Python and R", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const quoted = literal(text);
        expect(JSON.parse(quoted)).toBe(text);
        // Only escapes that Python and R read as JSON does.
        expect(quoted.replace(/\\(["\\bfnrt]|u[0-9a-f]{4})/g, "")).not.toContain("\\");
      }),
    );
  });

  it("gives R the table's PxWeb API v1 address and the values", () => {
    const code = rSnippet(input(HOSTILE_ITEMS), ["migration", "citizenship"]);
    expect(code).toContain(`url = "${ORIGIN}/api/v1/en/migration/citizenship/T2_1"`);
    expect(code).toContain(`"reporter" = c("a'b\\"c$(x)", "\`id\`", "ARM")`);
    expect(code).toContain(`"v'\\"$" = c("x\\\\y", "line\\nbreak", "\\\\u0041", "'")`);
    expect(code).toContain("pxweb_get(");
  });

  it("builds v1 addresses with every step encoded", () => {
    expect(v1TableUrl(ORIGIN, "ru", ["db", "a b"], "T/1")).toBe(`${ORIGIN}/api/v1/ru/db/a%20b/T%2F1`);
  });

  it("gives Python the POST address and the selection, one variable a line", () => {
    const code = pythonSnippet(input(HOSTILE_ITEMS));
    expect(code).toContain(`url = "${ORIGIN}/api/v2/tables/T2_1/data?lang=en&outputFormat=json-stat2"`);
    const items = code
      .split("\n")
      .filter((line) => line.trimStart().startsWith('{"variableCode"'))
      .map((line) => JSON.parse(line.trim().replace(/,$/, "")));
    expect(items).toEqual(HOSTILE_ITEMS);
  });

  it("shows the GET address with the site's origin, or nothing when GET cannot carry the selection", () => {
    expect(getUrl({ ...T2_1, origin: ORIGIN })).toBe(`${ORIGIN}${dataQueryUrl(T2_1, "json-stat2")}`);
    expect(getUrl(input([{ variableCode: "v", valueCodes: ["a),b"] }]))).toBeUndefined();
  });
});
