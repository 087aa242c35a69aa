import { join } from "node:path";
import fc from "fast-check";
import JSONstat from "jsonstat-toolkit";
import { describe, expect, it } from "vitest";
import {
  fromJsonStat2,
  JsonStatError,
  toJsonStat1,
  toJsonStat2,
  toJsonStat2Collection,
} from "../src/codecs/jsonstat.ts";
import {
  type CellNote,
  cellCount,
  type Dataset,
  type Dimension,
  Flag,
  flagLetters,
  type Note,
  type Role,
  Status,
  symbolOf,
  type Texts,
  textIn,
} from "../src/index.ts";
import { dataset } from "./build.ts";
import { CORPUS, datasetFromFile, PX_FIXTURES } from "./helpers.ts";

const T3 = join(PX_FIXTURES, "t3-ru-utf-8.px");
const BE0101A1 = join(CORPUS, "pxweb-example/Population/BE0101A1.px");

/** A bilingual table with every feature the codec maps: roles, a hierarchy, notes, statuses, flags, cell notes. */
function migration(): Dataset {
  const dimensions: Dimension[] = [
    {
      code: "sex",
      label: { en: "Sex", ru: "Пол" },
      role: "other",
      categories: [
        { code: "T", label: { en: "Total", ru: "Всего" } },
        { code: "M", label: { en: "Men", ru: "Мужчины" }, parent: "T" },
        {
          code: "F",
          label: { en: "Women", ru: "Женщины" },
          parent: "T",
          notes: [
            { text: { en: "Including girls.", ru: "Включая девочек." }, mandatory: true },
            { text: { en: "Second note.", ru: "Второе примечание." } },
          ],
        },
      ],
      elimination: { code: "T" },
      notes: [{ text: { en: "As declared.", ru: "По самоопределению." } }],
      valueSets: [{ id: "MF", label: { en: "Men and women", ru: "Мужчины и женщины" }, codes: ["M", "F"] }],
    },
    {
      code: "region",
      label: { en: "Region", ru: "Регион" },
      role: "geo",
      // Kazakhstan has no Russian label here: it falls back to the English one.
      categories: [
        { code: "AM", label: { en: "Armenia", ru: "Армения" } },
        { code: "KZ", label: { en: "Kazakhstan" } },
      ],
      elimination: {},
      groupings: [
        {
          id: "CA",
          label: { en: "Central Asia", ru: "Центральная Азия" },
          groups: [{ code: "CA", label: { en: "Central Asia", ru: "Центральная Азия" }, members: ["KZ"] }],
        },
      ],
    },
    {
      code: "indicator",
      label: { en: "Indicator", ru: "Показатель" },
      role: "metric",
      categories: [
        {
          code: "IMM",
          label: { en: "Immigrants", ru: "Иммигранты" },
          content: {
            units: { en: "thousand persons", ru: "тыс. человек" },
            refPeriod: { en: "Calendar year", ru: "Календарный год" },
            contact: { en: "Migration unit", ru: "Отдел миграции" },
            updated: "2024-04-01T00:00:00",
            measuringType: "flow",
          },
        },
        {
          code: "EMI",
          label: { en: "Emigrants", ru: "Эмигранты" },
          content: { refPeriod: { en: "Calendar year", ru: "Календарный год" }, measuringType: "flow" },
        },
      ],
    },
    {
      code: "year",
      label: { en: "Year", ru: "Год" },
      role: "time",
      timeUnit: "A1",
      categories: [
        { code: "2022", label: { en: "2022", ru: "2022" } },
        { code: "2023", label: { en: "2023", ru: "2023" } },
      ],
    },
  ];
  const n = cellCount(dimensions);
  const status = new Uint8Array(n);
  status.set([Status.notAvailable, Status.nil, Status.confidential, 4], 1);
  const flags = new Uint8Array(n);
  flags.set([Flag.provisional, Flag.provisional | Flag.estimated, Flag.breakInSeries], 5);
  return {
    id: "MIG1",
    languages: ["en", "ru"],
    title: { en: "Migration by sex", ru: "Миграция по полу" },
    source: { en: "Statistics office", ru: "Статистическое ведомство" },
    units: { en: "persons", ru: "человек" },
    decimals: 1,
    updated: "2024-05-01T09:00:00",
    contact: { en: "info@example.org", ru: "info@example.org" },
    notes: [
      { text: { en: "Provisional data.", ru: "Предварительные данные." }, mandatory: true },
      { text: { en: "See methodology.", ru: "См. методологию." } },
    ],
    dimensions,
    values: Float64Array.from({ length: n }, (_, i) => (status[i] ? Number.NaN : i * 10 + 0.5)),
    status,
    flags,
    symbols: [{ symbol: ":", label: { en: "unreliable", ru: "ненадёжно" } }],
    cellNotes: [
      { where: ["F", null, "IMM", "2023"], text: { en: "Estimate.", ru: "Оценка." }, mandatory: true },
      { where: [null, "KZ", null, null], text: { en: "Partial.", ru: "Неполные." } },
    ],
    extension: { pxHeading: 1 },
  };
}

/** Typed arrays as plain arrays, for deep comparison. */
function cells(ds: Dataset) {
  return { ...ds, values: Array.from(ds.values), status: Array.from(ds.status), flags: Array.from(ds.flags) };
}

/** What a JSON-stat document in `lang` holds of a dataset: every text in that language, no PX extension. */
function monolingual(ds: Dataset, lang: string) {
  const t = (texts: Texts): Texts => ({ [lang]: textIn(texts, lang, ds.languages) });
  const optional = (texts: Texts | undefined) => texts && t(texts);
  const notes = (list: readonly Note[] | undefined) =>
    list?.map((n) => (n.mandatory ? { text: t(n.text), mandatory: true } : { text: t(n.text) }));
  return cells({
    ...ds,
    languages: [lang],
    title: t(ds.title),
    source: optional(ds.source),
    units: optional(ds.units),
    contact: optional(ds.contact),
    notes: notes(ds.notes),
    dimensions: ds.dimensions.map((d) => ({
      ...d,
      label: t(d.label),
      notes: notes(d.notes),
      categories: d.categories.map((c) => ({
        ...c,
        label: t(c.label),
        notes: notes(c.notes),
        content: c.content && {
          ...c.content,
          units: optional(c.content.units),
          refPeriod: optional(c.content.refPeriod),
          basePeriod: optional(c.content.basePeriod),
          contact: optional(c.content.contact),
        },
      })),
      valueSets: d.valueSets?.map((v) => ({ ...v, label: t(v.label) })),
      groupings: d.groupings?.map((g) => ({
        ...g,
        label: t(g.label),
        groups: g.groups.map((x) => ({ ...x, label: t(x.label) })),
      })),
    })),
    symbols: ds.symbols?.map((s) => ({ ...s, label: t(s.label) })),
    cellNotes: ds.cellNotes?.map(
      (n): CellNote =>
        n.mandatory ? { where: n.where, text: t(n.text), mandatory: true } : { where: n.where, text: t(n.text) },
    ),
    extension: undefined,
  });
}

/** Through JSON text and back, as a client would receive it. */
function roundTrip(ds: Dataset, lang: string): Dataset {
  return fromJsonStat2(JSON.parse(JSON.stringify(toJsonStat2(ds, { lang }))), { lang });
}

/** Checks every cell, dimension and category of `ds` as jsonstat-toolkit reads the document. */
function expectToolkitReads(ds: Dataset, lang: string) {
  const js = JSONstat(JSON.parse(JSON.stringify(toJsonStat2(ds, { lang }))));
  const t = (texts: Texts | undefined) => textIn(texts, lang, ds.languages);
  expect(js.class).toBe("dataset");
  expect(js.label).toBe(t(ds.title));
  expect(js.id).toEqual(ds.dimensions.map((d) => d.code));
  expect(js.n).toBe(ds.values.length);
  ds.dimensions.forEach((d, k) => {
    const dim = js.Dimension(k);
    expect(dim?.label).toBe(t(d.label));
    expect(dim?.role).toBe(d.role === "other" ? "classification" : d.role);
    expect(dim?.id).toEqual(d.categories.map((c) => c.code));
    for (const c of d.categories) {
      const category = dim?.Category(c.code);
      expect(category?.label).toBe(t(c.label));
      expect(category?.note ?? undefined).toEqual(c.notes?.map((n) => t(n.text)));
      const children = d.categories.filter((x) => x.parent === c.code).map((x) => x.code);
      expect(category?.id ?? []).toEqual(children);
    }
  });
  const expected = Array.from(ds.values, (value, i) => {
    const s = ds.status[i] as number;
    if (s !== Status.value) return { value: null, status: symbolOf(ds, s) };
    return { value, status: flagLetters(ds.flags[i] as number) || null };
  });
  expect(Array.from(expected, (_, i) => js.Data(i))).toEqual(expected);
}

describe("toJsonStat2", () => {
  it("writes one language with roles, hierarchy, notes, units, sparse statuses and an extension", () => {
    const js = toJsonStat2(migration(), { lang: "ru" });
    expect(js).toMatchObject({
      version: "2.0",
      class: "dataset",
      label: "Миграция по полу",
      source: "Статистическое ведомство",
      updated: "2024-05-01T09:00:00",
      note: ["Предварительные данные.", "См. методологию."],
      role: { geo: ["region"], metric: ["indicator"], time: ["year"] },
      id: ["sex", "region", "indicator", "year"],
      size: [3, 2, 2, 2],
    });
    expect(js.dimension.sex).toEqual({
      label: "Пол",
      note: ["По самоопределению."],
      category: {
        index: { T: 0, M: 1, F: 2 },
        label: { T: "Всего", M: "Мужчины", F: "Женщины" },
        note: { F: ["Включая девочек.", "Второе примечание."] },
        child: { T: ["M", "F"] },
      },
      extension: {
        elimination: true,
        eliminationValueCode: "T",
        categoryNoteMandatory: { F: { "0": true } },
        valueSets: [{ id: "MF", label: "Мужчины и женщины", codes: ["M", "F"] }],
      },
    });
    expect(js.dimension.region?.category.label).toEqual({ AM: "Армения", KZ: "Kazakhstan" });
    // `base` beside JSON-stat's `label`: the name PxWebApi 2 writes and PxWeb 2 reads.
    expect(js.dimension.indicator?.category.unit).toEqual({
      IMM: { label: "тыс. человек", base: "тыс. человек", decimals: 1 },
      EMI: { label: "человек", base: "человек", decimals: 1 },
    });
    expect(js.dimension.indicator?.extension).toEqual({
      refperiod: { IMM: "Календарный год", EMI: "Календарный год" },
      measuringType: { IMM: "Flow", EMI: "Flow" },
      contentContact: { IMM: "Отдел миграции" },
      contentUpdated: { IMM: "2024-04-01T00:00:00" },
    });
    expect(js.dimension.year?.extension).toEqual({ timeUnit: "Annual" });
    expect(js.value.slice(0, 9)).toEqual([0.5, null, null, null, null, 50.5, 60.5, 70.5, 80.5]);
    expect(js.status).toEqual({ "1": "..", "2": "-", "3": "x", "4": ":", "5": "p", "6": "pe", "7": "b" });
    expect(js.extension).toEqual({
      id: "MIG1",
      lang: "ru",
      languages: ["en", "ru"],
      decimals: 1,
      units: "человек",
      contact: "info@example.org",
      noteMandatory: { "0": true },
      symbols: [{ symbol: ":", label: "ненадёжно" }],
      cellNotes: [
        { where: ["F", null, "IMM", "2023"], text: "Оценка.", mandatory: true },
        { where: [null, "KZ", null, null], text: "Неполные." },
      ],
    });
  });

  it("keeps the decimals of a contents value that differ from the table's (unit.decimals per category)", () => {
    const contents: Dimension = {
      code: "ContentsCode",
      label: { en: "Indicator" },
      role: "metric",
      categories: [
        { code: "NET", label: { en: "Net migration" }, content: { units: { en: "persons" }, decimals: 0 } },
        { code: "RATE", label: { en: "Rate" }, content: { units: { en: "per 1,000" } } },
      ],
    };
    const ds = { ...dataset([contents]), languages: ["en"], title: { en: "Indicators" }, decimals: 1 };
    const doc = toJsonStat2(ds, { lang: "en" }) as { dimension: Record<string, { category: { unit: unknown } }> };
    expect(doc.dimension.ContentsCode?.category.unit).toEqual({
      NET: { label: "persons", base: "persons", decimals: 0 },
      RATE: { label: "per 1,000", base: "per 1,000", decimals: 1 },
    });
    const back = roundTrip(ds, "en");
    expect(back.decimals).toBe(1);
    expect(back.dimensions[0]?.categories.map((c) => c.content?.decimals)).toEqual([0, undefined]);
  });

  it("leaves status out when every cell is a plain number", () => {
    const ds = migration();
    const plain = { ...ds, status: new Uint8Array(ds.status.length), flags: new Uint8Array(ds.flags.length) };
    expect(toJsonStat2(plain)).not.toHaveProperty("status");
    expect(toJsonStat2(plain).value.every((v) => typeof v === "number")).toBe(true);
  });

  it("writes a language the dataset does not have in its first language", () => {
    const js = toJsonStat2(migration(), { lang: "de" });
    expect(js.label).toBe("Migration by sex");
    expect(js.extension.lang).toBe("en");
  });

  it.each(["en", "ru"])("is read by jsonstat-toolkit cell by cell (built dataset, %s)", (lang) => {
    const ds = migration();
    expectToolkitReads(ds, lang);
    const js = JSONstat(toJsonStat2(ds, { lang }));
    expect(js.Dimension("indicator")?.Category("EMI")?.unit).toEqual({
      label: lang === "en" ? "persons" : "человек",
      base: lang === "en" ? "persons" : "человек",
      decimals: 1,
    });
    expect(js.Dimension("sex")?.hierarchy).toBe(true);
    expect(js.Data({ sex: "F", region: "KZ", indicator: "EMI", year: "2023" })?.value).toBe(230.5);
  });

  it.each([
    [T3, "en"],
    [T3, "ru"],
    [BE0101A1, "en"],
  ])("is read by jsonstat-toolkit cell by cell (%s, %s)", (path, lang) => {
    expectToolkitReads(datasetFromFile(path), lang);
  });

  it("keeps the statuses and labels of the bilingual PX fixture", () => {
    const js = JSONstat(toJsonStat2(datasetFromFile(T3), { lang: "en" }));
    expect(js.Data({ "Страна предыдущего проживания": "BLR", Пол: "_T", Год: "2022" })).toEqual({
      value: null,
      status: "-",
    });
    expect(js.Data(14)).toEqual({ value: null, status: ".." });
    expect(js.Dimension(0)?.Category("_O")?.note).toEqual(["Including unknown."]);
    expect(js.role?.time).toEqual(["Год"]);
  });
});

describe("fromJsonStat2", () => {
  it.each(["en", "ru"])("rebuilds the built dataset in %s", (lang) => {
    const ds = migration();
    expect(cells(roundTrip(ds, lang))).toEqual(monolingual(ds, lang));
  });

  it.each([
    [T3, "ru"],
    [T3, "en"],
    [BE0101A1, "en"],
  ])("rebuilds %s in %s", (path, lang) => {
    const ds = datasetFromFile(path);
    expect(cells(roundTrip(ds, lang))).toEqual(monolingual(ds, lang));
  });

  it("rebuilds generated datasets (property)", () => {
    fc.assert(
      fc.property(datasetArbitrary, fc.constantFrom("en", "ru"), (ds, lang) => {
        expect(cells(roundTrip(ds, lang))).toEqual(monolingual(ds, lang));
      }),
      { numRuns: 200 },
    );
  });

  it("reads other producers' forms: index and status arrays, sparse values, label-only categories", () => {
    const ds = fromJsonStat2(
      {
        version: "2.0",
        class: "dataset",
        label: "Foreign",
        id: ["sex", "year", "measure"],
        size: [2, 2, 1],
        role: { time: ["year"], metric: ["measure"] },
        dimension: {
          sex: { label: "Sex", category: { index: ["M", "F"], label: { M: "Men", F: "Women" } } },
          year: { category: { index: { "2021": 1, "2020": 0 } } },
          measure: { category: { label: { POP: "Population" }, unit: { POP: { label: "persons", decimals: 1 } } } },
        },
        value: { "0": 1, "3": 4.5 },
        status: ["p", "..", ":", null],
      },
      { lang: "fr" },
    );
    expect(ds.languages).toEqual(["fr"]);
    expect(ds.dimensions.map((d) => [d.code, d.label.fr, d.role, d.categories.map((c) => c.code)])).toEqual([
      ["sex", "Sex", "other", ["M", "F"]],
      ["year", "year", "time", ["2020", "2021"]],
      ["measure", "measure", "metric", ["POP"]],
    ]);
    expect(Array.from(ds.values)).toEqual([1, Number.NaN, Number.NaN, 4.5]);
    expect(Array.from(ds.status)).toEqual([Status.value, Status.notAvailable, 4, Status.value]);
    expect(Array.from(ds.flags)).toEqual([Flag.provisional, 0, 0, 0]);
    expect(ds.symbols).toEqual([{ symbol: ":", label: { fr: "" } }]);
    expect(ds.units).toEqual({ fr: "persons" });
    expect(ds.decimals).toBe(1);
    expect(ds.id).toBe("");
  });

  it("reads a status string as the status of every cell, and a null value without status as not available", () => {
    const doc = { id: ["a"], size: [3], dimension: { a: { category: { index: ["x", "y", "z"] } } } };
    const estimated = fromJsonStat2({ ...doc, value: [1, 2, 3], status: "e" });
    expect(Array.from(estimated.flags)).toEqual([Flag.estimated, Flag.estimated, Flag.estimated]);
    const missing = fromJsonStat2({ ...doc, value: [1, null, 3] });
    expect(Array.from(missing.status)).toEqual([Status.value, Status.notAvailable, Status.value]);
    expect(missing.languages).toEqual(["en"]);
  });

  const valid = () => ({
    version: "2.0",
    class: "dataset",
    id: ["sex", "year"],
    size: [2, 2],
    dimension: {
      sex: { category: { index: { M: 0, F: 1 }, child: { M: ["F"] } } },
      year: { category: { index: { "2020": 0, "2021": 1 } } },
    },
    value: [1, 2, 3, 4],
  });
  it.each<[string, (doc: ReturnType<typeof valid>) => unknown, string]>([
    [
      "a size that disagrees with the index",
      (d) => ({ ...d, size: [3, 2] }),
      'dimension "sex": category index has 2 entries, size says 3',
    ],
    ["an id and size of different lengths", (d) => ({ ...d, size: [2] }), "id has 2 dimensions, size has 1"],
    [
      "a dimension missing from dimension",
      (d) => ({ ...d, dimension: { sex: d.dimension.sex } }),
      'dimension "year" is listed in id but not described in dimension',
    ],
    ["too few values", (d) => ({ ...d, value: [1, 2, 3] }), "value has 3 cells, the dimensions make 4"],
    [
      "a value that is not a number",
      (d) => ({ ...d, value: [1, "x", 3, 4] }),
      'value[1] is "x", expected a number or null',
    ],
    [
      "a sparse value out of range",
      (d) => ({ ...d, value: { "9": 1 } }),
      'value has a cell "9", expected an index from 0 to 3',
    ],
    [
      "a status array of the wrong length",
      (d) => ({ ...d, status: ["p", "e"] }),
      "status has 2 cells, the dimensions make 4",
    ],
    [
      "two categories at one position",
      (d) => ({ ...d, dimension: { ...d.dimension, year: { category: { index: { "2020": 0, "2021": 0 } } } } }),
      'dimension "year": category "2021" has index 0, expected a position from 0 to 1 that no other category has',
    ],
    [
      "a child that is not a category",
      (d) => ({ ...d, dimension: { ...d.dimension, sex: { category: { index: ["M", "F"], child: { M: ["X"] } } } } }),
      'dimension "sex": "X", a child of "M", is not a category',
    ],
    ["another class", (d) => ({ ...d, class: "collection" }), 'class is "collection", expected "dataset"'],
    ["a missing id", ({ id: _id, ...d }) => d, "id is missing, expected an array of strings"],
    ["an array", () => [], "the document is an array, expected an object"],
  ])("refuses %s", (_what, spoil, message) => {
    expect(fromJsonStat2(valid()).values).toHaveLength(4);
    expect(() => fromJsonStat2(spoil(valid()))).toThrowError(new JsonStatError(message));
  });

  it("refuses a document with more cells than the limit before allocating them", () => {
    const huge = { id: ["a"], size: [2], dimension: { a: { category: { index: ["x", "y"] } } }, value: {} };
    expect(() => fromJsonStat2(huge, { maxCells: 1 })).toThrowError(
      "the dimensions make 2 cells, more than the limit of 1",
    );
  });
});

describe("toJsonStat2Collection", () => {
  it("lists tables as dataset items that jsonstat-toolkit reads", () => {
    const items = [
      { href: "https://example.org/api/T1", label: "Immigration", updated: "2024-05-01T09:00:00" },
      { href: "https://example.org/api/T2", label: "Emigration" },
    ];
    const collection = toJsonStat2Collection(items, { label: "Migration", href: "https://example.org/api" });
    expect(collection).toEqual({
      version: "2.0",
      class: "collection",
      href: "https://example.org/api",
      label: "Migration",
      link: { item: items.map((item) => ({ class: "dataset", ...item })) },
    });
    const js = JSONstat(collection);
    expect(js.class).toBe("collection");
    expect(js.length).toBe(2);
    expect(js.Item().map((item) => [item.class, item.href, item.label])).toEqual([
      ["dataset", "https://example.org/api/T1", "Immigration"],
      ["dataset", "https://example.org/api/T2", "Emigration"],
    ]);
  });
});

describe("toJsonStat1", () => {
  /** A metric and a time dimension, two decimals shown, values that round half to even. */
  function small(status: readonly number[] = [0, 0, 0, 0]): Dataset {
    return {
      id: "S1",
      languages: ["en"],
      title: { en: "Small" },
      units: { en: "persons" },
      decimals: 1,
      updated: "2024-05-01T09:00:00",
      dimensions: [
        {
          code: "ContentsCode",
          label: { en: "contents" },
          role: "metric",
          categories: [
            { code: "A", label: { en: "Alpha" } },
            { code: "B", label: { en: "Beta" } },
          ],
        },
        {
          code: "Tid",
          label: { en: "year" },
          role: "time",
          categories: [
            { code: "2022", label: { en: "2022" } },
            { code: "2023", label: { en: "2023" } },
          ],
        },
      ],
      values: Float64Array.from([1.25, 1.35, 2, 3.75], (v, i) => (status[i] ? Number.NaN : v)),
      status: Uint8Array.from(status),
      flags: new Uint8Array(4),
    };
  }

  it("writes PxWeb's shape and key order, values rounded as PxWeb shows them", () => {
    expect(JSON.stringify(toJsonStat1(small()))).toBe(
      JSON.stringify({
        dataset: {
          dimension: {
            ContentsCode: {
              label: "contents",
              category: {
                index: { A: 0, B: 1 },
                label: { A: "Alpha", B: "Beta" },
                unit: { A: { base: "persons", decimals: 1 }, B: { base: "persons", decimals: 1 } },
              },
            },
            Tid: {
              label: "year",
              category: { index: { "2022": 0, "2023": 1 }, label: { "2022": "2022", "2023": "2023" } },
            },
            id: ["ContentsCode", "Tid"],
            size: [2, 2],
            role: { metric: ["ContentsCode"], time: ["Tid"] },
          },
          label: "Small",
          source: null,
          updated: "2024-05-01T09:00:00Z",
          value: [1.2, 1.4, 2, 3.8],
          extension: { px: { decimals: 1 } },
        },
      }),
    );
  });

  it("puts status first and leaves extension out when a cell has a status, as PxWeb's subclass does", () => {
    const { dataset } = toJsonStat1(small([0, Status.notAvailable, 0, Status.nil]));
    expect(Object.keys(dataset)).toEqual(["status", "dimension", "label", "source", "updated", "value"]);
    expect(dataset.status).toEqual({ "1": "..", "3": "-" });
    expect(dataset.value).toEqual([1.2, null, 2, null]);
  });

  it("is read by jsonstat-toolkit as a bundle", () => {
    const ds = datasetFromFile(T3);
    const js = JSONstat(toJsonStat1(ds, { lang: "en" }));
    expect(js.class).toBe("bundle");
    const dataset = js.Dataset(0);
    expect(dataset?.Dimension(1)?.label).toBe("Sex");
    expect(dataset?.Dimension(2)?.role).toBe("time");
    for (let i = 0; i < ds.values.length; i++) {
      const s = ds.status[i] as number;
      expect(dataset?.Data(i)).toEqual({
        value: s === Status.value ? ds.values[i] : null,
        status: s === Status.value ? null : symbolOf(ds, s),
      });
    }
  });

  it("writes the PX table's facts: geo role from MAP, update time, infofile and decimals", () => {
    const { dataset } = toJsonStat1(datasetFromFile(BE0101A1));
    expect(dataset.dimension.role).toEqual({ geo: ["region"], time: ["period"] });
    expect(dataset.updated).toBe("2006-02-09T15:20:00Z");
    expect(JSON.stringify(dataset.extension)).toBe('{"px":{"infofile":"BE0101","decimals":0}}');
    expect(dataset.label).toBe("Population by region, marital status, age, sex and period");
  });
});

// ——— Generated datasets ———

const code = fc.stringMatching(/^[A-Za-z0-9_]{1,3}$/);
const texts: fc.Arbitrary<Texts> = fc.record(
  { en: fc.string({ maxLength: 8 }), ru: fc.string({ maxLength: 8 }) },
  { requiredKeys: ["en"] },
);
const notes: fc.Arbitrary<Note[] | undefined> = fc.option(
  fc.array(fc.record({ text: texts, mandatory: fc.constant(true) }, { requiredKeys: ["text"] }), {
    minLength: 1,
    maxLength: 2,
  }),
  { nil: undefined },
);
const optionalTexts = fc.option(texts, { nil: undefined });

function dimensionArbitrary(dimensionCode: string): fc.Arbitrary<Dimension> {
  return fc.uniqueArray(code, { minLength: 1, maxLength: 3 }).chain((codes) =>
    fc.record({
      code: fc.constant(dimensionCode),
      label: texts,
      role: fc.constantFrom<Role>("time", "geo", "metric", "other"),
      notes,
      elimination: fc.option(fc.constantFrom({}, { code: codes[0] as string }), { nil: undefined }),
      categories: fc.tuple(
        ...codes.map((c, i) =>
          fc.record({
            code: fc.constant(c),
            label: texts,
            notes,
            // A parent is an earlier category, so hierarchies have no cycles.
            parent: fc
              .option(fc.constantFrom(...codes.slice(0, Math.max(i, 1))), { nil: undefined })
              .map((p) => (i === 0 ? undefined : p)),
          }),
        ),
      ),
    }),
  );
}

const cell = fc.oneof(
  fc.record({
    status: fc.constant(Status.value),
    value: fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((v) => !Object.is(v, -0)),
    flags: fc.integer({ min: 0, max: 7 }),
  }),
  fc.record({ status: fc.integer({ min: 1, max: 4 }), value: fc.constant(Number.NaN), flags: fc.constant(0) }),
);

const datasetArbitrary: fc.Arbitrary<Dataset> = fc
  .uniqueArray(code, { minLength: 1, maxLength: 3 })
  .chain((codes) => fc.tuple(...codes.map(dimensionArbitrary)))
  .chain((dimensions) => {
    const n = cellCount(dimensions);
    const where = fc.tuple(
      ...dimensions.map((d) => fc.option(fc.constantFrom(...d.categories.map((c) => c.code)), { nil: null })),
    );
    return fc
      .record({
        id: code,
        title: texts,
        source: optionalTexts,
        units: optionalTexts,
        contact: optionalTexts,
        decimals: fc.integer({ min: 0, max: 3 }),
        updated: fc.option(fc.constant("2024-01-31T12:00:00"), { nil: undefined }),
        notes,
        symbolLabel: texts,
        cells: fc.array(cell, { minLength: n, maxLength: n }),
        cellNotes: fc.option(
          fc.array(
            fc.record({ where, text: texts, mandatory: fc.constant(true) }, { requiredKeys: ["where", "text"] }),
            {
              minLength: 1,
              maxLength: 2,
            },
          ),
          { nil: undefined },
        ),
      })
      .map(
        ({ cells: generated, symbolLabel, ...rest }): Dataset => ({
          ...rest,
          languages: ["en", "ru"],
          dimensions: dimensions.map((d) => (d.role === "time" ? { ...d, timeUnit: "Q1" } : d)),
          values: Float64Array.from(generated, (c) => c.value),
          status: Uint8Array.from(generated, (c) => c.status),
          flags: Uint8Array.from(generated, (c) => c.flags),
          symbols: generated.some((c) => c.status === 4) ? [{ symbol: ":", label: symbolLabel }] : undefined,
        }),
      );
  });
