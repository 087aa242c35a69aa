import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readPx, writePx } from "@clearinghouse/px";
import { describe, expect, it } from "vitest";
import { type Dataset, Flag, fromPx, Status, toPx } from "../src/index.ts";
import { CORPUS, datasetFromFile, PX_FIXTURES, plain, pxFilesUnder } from "./helpers.ts";

const load = (path: string) => new Uint8Array(readFileSync(join(CORPUS, path)));
// Files whose stray quotes were kept as text are written with ' instead (PX cannot hold a quote in a string).
const readable = pxFilesUnder(CORPUS).filter((f) => {
  const { file, diagnostics } = readPx(load(f));
  return file !== undefined && !diagnostics.some((d) => d.code === "PX011");
});

describe("PX ⇄ Dataset", () => {
  it("maps the bilingual fixture: dimensions, roles, codes, labels, notes, statuses", () => {
    const ds = datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));
    expect(ds.id).toBe("T3");
    expect(ds.languages).toEqual(["ru", "en"]);
    expect(ds.title.en).toBe("Long-term immigration by country of previous residence, sex and year");
    expect(ds.units).toEqual({ ru: "человек", en: "persons" });
    expect(ds.dimensions.map((d) => [d.code, d.role, d.categories.length])).toEqual([
      ["Страна предыдущего проживания", "other", 5],
      ["Пол", "other", 3],
      ["Год", "time", 2],
    ]);
    expect(ds.dimensions[0]?.categories[4]).toEqual({
      code: "_O",
      label: { ru: "Другие страны", en: "Other countries" },
      notes: [{ text: { ru: "Включая неизвестные.", en: "Including unknown." } }],
    });
    expect(ds.notes).toEqual([
      {
        text: {
          ru: "Иллюстративные данные, не официальная статистика.",
          en: "Illustrative data, not official statistics.",
        },
      },
    ]);
    expect(ds.status[12]).toBe(Status.nil);
    expect(ds.status[14]).toBe(Status.notAvailable);
  });

  it.each(readable)("round-trips %s: PX → dataset → PX → dataset", (path) => {
    const ds = datasetFromFile(join(CORPUS, path));
    const back = readPx(writePx(toPx(ds)));
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!back.file) throw new Error("not reread");
    expect(plain(fromPx(back.file))).toEqual(plain(ds));
  });

  it.each(readable)("keeps every entry of %s through PX → dataset → PX", (path) => {
    const original = readPx(load(path)).file;
    if (!original) throw new Error("not read");
    const again = toPx(fromPx(original));
    expect(Array.from(again.data)).toEqual(Array.from(original.data));
    // A file without LANGUAGE gets one ("en"), so compare texts by position rather than by language key.
    const texts = (f: typeof original) =>
      [...f.stub, ...f.heading].map((v) => [Object.values(v.names), Object.values(v.values), v.codes, v.timeUnit]);
    expect(texts(again)).toEqual(texts(original));
  });

  it("writes flags as data notes and reads them back", () => {
    const ds = datasetFromFile(join(PX_FIXTURES, "t3-ru-utf-8.px"));
    const flags = new Uint8Array(ds.flags.length);
    flags[0] = Flag.provisional | Flag.estimated;
    flags[29] = Flag.breakInSeries;
    const back = fromPx(readPx(writePx(toPx({ ...ds, flags }))).file ?? toPx(ds));
    expect(Array.from(back.flags)).toEqual(Array.from(flags));
  });

  it("maps a contents variable's keywords per value: UNITS, REFPERIOD, BASEPERIOD, CONTACT, LAST-UPDATED, STOCKFA", () => {
    const ds = datasetFromFile(join(CORPUS, "pxweb-example/NPM/BE0101F1allKeywords.px"));
    const contents = ds.dimensions.find((d) => d.role === "metric");
    expect(contents?.categories.map((c) => [c.code, c.content])).toEqual([
      [
        "41",
        {
          units: { en: "number" },
          refPeriod: { en: "31st December" },
          basePeriod: { en: "2000" },
          contact: { en: "Ewa Eriksson, SCB#Tel: +46 19-17 67 43#Fax: +46 19-17 69 42#E-mail: befolkning@scb.se" },
          updated: "2004-02-12T16:28:00",
          measuringType: "flow",
        },
      ],
      [
        "42",
        {
          units: { en: "number" },
          refPeriod: { en: "31st December" },
          basePeriod: { en: "2000" },
          updated: "2004-02-12T16:28:00",
          measuringType: "flow",
        },
      ],
    ]);
    // Mapped, so no longer kept as PX leftovers; the per-value keywords the model has no place for still are.
    const leftovers = (ds.extension?.px ?? []).filter((e) => e.subkeys?.[0]?.startsWith("var4val"));
    expect(new Set(leftovers.map((e) => e.keyword))).toEqual(new Set(["CFPRICES", "DAYADJ", "SEASADJ"]));
  });

  it("writes a bilingual contents variable (CONTVARIABLE) with its keywords per value and language, and reads it back", () => {
    const ds: Dataset = {
      id: "MIG",
      languages: ["en", "ru"],
      title: { en: "Migration", ru: "Миграция" },
      units: { en: "persons", ru: "человек" },
      decimals: 0,
      dimensions: [
        {
          code: "year",
          label: { en: "Year", ru: "Год" },
          role: "time",
          timeUnit: "A1",
          categories: [{ code: "2020", label: { en: "2020", ru: "2020" } }],
        },
        {
          code: "ContentsCode",
          label: { en: "Contents", ru: "Показатель" },
          role: "metric",
          categories: [
            {
              code: "IMM",
              label: { en: "Immigrants", ru: "Иммигранты" },
              content: {
                units: { en: "persons", ru: "человек" },
                refPeriod: { en: "Calendar year", ru: "Календарный год" },
                contact: { en: "Unit A", ru: "Отдел А" },
                updated: "2024-05-01T09:00:00",
                measuringType: "flow",
              },
            },
            {
              code: "POP",
              label: { en: "Population", ru: "Население" },
              content: { refPeriod: { en: "1 January", ru: "На 1 января" }, measuringType: "stock" },
            },
          ],
        },
      ],
      values: new Float64Array([10, 200]),
      status: new Uint8Array(2),
      flags: new Uint8Array(2),
    };
    const bytes = writePx(toPx(ds));
    const text = new TextDecoder().decode(bytes);
    for (const line of [
      'CONTVARIABLE="Contents";',
      'CONTVARIABLE[ru]="Показатель";',
      'UNITS("Immigrants")="persons";',
      'UNITS[ru]("Иммигранты")="человек";',
      'REFPERIOD[ru]("Население")="На 1 января";',
      'CONTACT("Immigrants")="Unit A";',
      'LAST-UPDATED("Immigrants")="20240501 09:00";',
      'STOCKFA("Immigrants")="F";',
      'STOCKFA[ru]("Население")="S";',
    ]) {
      expect(text).toContain(line);
    }
    const back = readPx(bytes);
    expect(back.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    if (!back.file) throw new Error("not reread");
    const again = fromPx(back.file);
    // A value without units of its own gets the table's: PX wants UNITS for every contents value.
    const [, pop] = ds.dimensions[1]?.categories ?? [];
    expect(text).toContain('UNITS[ru]("Население")="человек";');
    expect(again.dimensions[1]?.categories[0]).toEqual(ds.dimensions[1]?.categories[0]);
    expect(again.dimensions[1]?.categories[1]).toEqual({ ...pop, content: { ...pop?.content, units: ds.units } });
    expect(Array.from(again.values)).toEqual([10, 200]);
  });
});
