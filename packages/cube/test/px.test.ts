import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readPx, writePx } from "@clearinghouse/px";
import { describe, expect, it } from "vitest";
import { Flag, fromPx, Status, toPx } from "../src/index.ts";
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
});
