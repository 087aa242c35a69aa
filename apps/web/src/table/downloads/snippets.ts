/**
 * "Use this in code": the calls that fetch the current selection, ready to paste — the PxWeb API 2.0 GET address,
 * curl with the 2.0 POST body, R with the rOpenGov pxweb package (which speaks PxWeb API v1), Python with requests
 * and pandas. Pure: every code and label is quoted for the language it lands in, so hostile codes stay data.
 */
import { type DataQuery, dataQueryUrl, type QueryItem } from "./links.ts";

export interface SnippetInput extends DataQuery {
  /** The site's origin, e.g. https://example.org (the snippets run outside the browser). */
  readonly origin: string;
}

/** The PxWeb API 2.0 POST body of a selection: `{"selection":[{"variableCode":…,"valueCodes":[…]}]}`. */
export function postBody(items: readonly QueryItem[]): string {
  return JSON.stringify({
    selection: items.map((i) => ({ variableCode: i.variableCode, valueCodes: i.valueCodes })),
  });
}

/** A string as a POSIX shell word: single quotes, each quote written '\''. Nothing inside is expanded. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * A string literal valid in Python and R alike: JSON's escapes (\" \\ \n \t \uXXXX …) are a subset of both
 * languages' escapes, and a double-quoted literal expands nothing else (R refuses only a NUL, which no code holds).
 */
export const literal = (text: string): string => JSON.stringify(text);

/** The 2.0 data address for POST, in JSON-stat 2.0. */
const postUrl = (input: SnippetInput) =>
  `${input.origin}/api/v2/tables/${encodeURIComponent(input.id)}/data?lang=${input.lang}${input.version === undefined ? "" : `&version=${input.version}`}&outputFormat=json-stat2`;

/** The selection's GET address in JSON-stat 2.0, with the screen's placement; undefined when GET cannot carry it. */
export function getUrl(input: SnippetInput): string | undefined {
  const path = dataQueryUrl(input, "json-stat2");
  return path && input.origin + path;
}

export function curlSnippet(input: SnippetInput): string {
  return [
    `curl ${shellQuote(postUrl(input))} \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  --data ${shellQuote(postBody(input.items))}`,
  ].join("\n");
}

/** The PxWeb API v1 address of a table: /api/v1/{lang}/{database}/{folder…}/{table}. */
export function v1TableUrl(origin: string, lang: string, path: readonly string[], id: string): string {
  return `${origin}/api/v1/${lang}/${[...path, id].map(encodeURIComponent).join("/")}`;
}

/** R with rOpenGov's pxweb: a named list selects the values ("item" filter); left-out variables are eliminated. */
export function rSnippet(input: SnippetInput, v1Path: readonly string[]): string {
  const entries = input.items.map((i) => `  ${literal(i.variableCode)} = c(${i.valueCodes.map(literal).join(", ")})`);
  return [
    // pxweb appends its own query (?config) to the URL it is given, so it cannot carry ?version: it reads the
    // current version, and says so; the other snippets read the version shown.
    ...(input.version === undefined
      ? []
      : [
          `# pxweb reads the current version of the table; this page shows version ${input.version} (use Python or curl for it)`,
        ]),
    `# install.packages("pxweb")`,
    "library(pxweb)",
    "",
    "query <- list(",
    entries.join(",\n"),
    ")",
    "px <- pxweb_get(",
    `  url = ${literal(v1TableUrl(input.origin, input.lang, v1Path, input.id))},`,
    "  query = query",
    ")",
    `df <- as.data.frame(px, column.name.type = "text", variable.value.type = "text")`,
    "head(df)",
  ].join("\n");
}

/** Python with requests and pandas: the 2.0 POST, its JSON-stat 2.0 answer unrolled into a long table. */
export function pythonSnippet(input: SnippetInput): string {
  const items = input.items.map(
    (i) =>
      `        {"variableCode": ${literal(i.variableCode)}, "valueCodes": [${i.valueCodes.map(literal).join(", ")}]},`,
  );
  return [
    "# pip install requests pandas",
    "import itertools",
    "",
    "import pandas as pd",
    "import requests",
    "",
    `url = ${literal(postUrl(input))}`,
    "query = {",
    `    "selection": [`,
    ...items,
    "    ]",
    "}",
    "response = requests.post(url, json=query, timeout=60)",
    "response.raise_for_status()",
    "ds = response.json()",
    "",
    "",
    "def categories(code):",
    `    category = ds["dimension"][code]["category"]`,
    `    index = category["index"]`,
    "    codes = index if isinstance(index, list) else sorted(index, key=index.get)",
    `    return [category["label"].get(c, c) for c in codes]`,
    "",
    "",
    "# JSON-stat 2.0 has one value per combination of categories, the last variable varying fastest.",
    `rows = itertools.product(*(categories(code) for code in ds["id"]))`,
    `df = pd.DataFrame(rows, columns=[ds["dimension"][code]["label"] for code in ds["id"]])`,
    `values = ds["value"]`,
    `df["value"] = values if isinstance(values, list) else [values.get(str(i)) for i in range(len(df))]`,
    "print(df)",
  ].join("\n");
}
