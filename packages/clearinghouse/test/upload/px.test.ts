import { type Dataset, datasetFromPxBytes, datasetToPxBytes, Flag, Status } from "@clearinghouse/cube";
import { readPx } from "@clearinghouse/px";
import { describe, expect, it } from "vitest";
import { emptyCube, readUpload, templatePx } from "../../src/index.ts";

describe("PX template and reader", () => {
  it("writes a valid UTF-8 bilingual PX file of the country's slice, every cell ..", () => {
    const bytes = templatePx({ reporter: "KAZ", table: "T5_1", years: [2020, 2019] });
    const { file, diagnostics, encoding } = readPx(bytes, { strict: true });
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(encoding).toBe("utf8");
    expect(file?.languages).toEqual(["en", "ru"]);
    expect(file?.stub[0]?.codes).toEqual(["KAZ"]);
    expect(file?.status.every((s) => s === 2)).toBe(true);
  });

  it("reads the filled template back", async () => {
    const { dataset } = datasetFromPxBytes(templatePx({ reporter: "KAZ", table: "T1_1", years: [2020, 2021] }));
    if (!dataset) throw new Error("template not read");
    dataset.values[0] = 77;
    dataset.status[0] = Status.value;
    dataset.values[300] = 5;
    dataset.status[300] = Status.value;
    dataset.flags[300] = Flag.estimated | Flag.breakInSeries;
    dataset.status[301] = Status.nil;
    const { tables, problems } = await readUpload([{ name: "t.px", bytes: datasetToPxBytes(dataset) }], {
      reporter: "KAZ",
    });
    expect(problems).toEqual([]);
    const ds = tables[0]?.dataset;
    expect(ds?.dimensions[1]?.categories.map((c) => c.code)).toEqual(["2020", "2021"]);
    expect([ds?.values[0], ds?.values[300], ds?.flags[300], ds?.status[301], ds?.status[302]]).toEqual([
      77,
      5,
      Flag.estimated | Flag.breakInSeries,
      Status.nil,
      Status.notAvailable,
    ]);
  });

  it("maps variables and values by their names in Russian, and a file without reporter or sex", async () => {
    const full = emptyCube("T1_1", { reporters: ["KAZ"], years: [2020] });
    // Keep the dimensions but sex (its total only), with Russian names and labels as codes.
    const [, year, birthplace, , age, contents] = full.dimensions;
    if (!year || !birthplace || !age || !contents) throw new Error("dimensions");
    const n = birthplace.categories.length * age.categories.length;
    const ds: Dataset = {
      ...full,
      id: "migr01",
      title: { en: "Population by place of birth", ru: "Население по месту рождения" },
      dimensions: [
        { ...year, code: "Год", label: { en: "Year", ru: "Год" } },
        {
          ...birthplace,
          code: "Место",
          label: { en: "Place", ru: "Место рождения" },
          categories: birthplace.categories.map((c, k) => ({ ...c, code: String(k) })),
        },
        { ...age, code: "Возраст", label: { en: "Age group", ru: "Возрастная группа" } },
        contents,
      ],
      values: new Float64Array(n).fill(Number.NaN),
      status: new Uint8Array(n).fill(Status.notAvailable),
      flags: new Uint8Array(n),
    };
    ds.values[age.categories.length + 1] = 42; // Native-born, 0–4
    ds.status[age.categories.length + 1] = Status.value;
    const { tables, problems } = await readUpload([{ name: "x.px", bytes: datasetToPxBytes(ds) }], {
      reporter: "KAZ",
    });
    expect(problems.map((p) => [p.code, p.severity])).toEqual([["dimension.missing", "warning"]]);
    const out = tables[0]?.dataset;
    expect(tables[0]?.table).toBe("T1_1");
    // birthplace NAT (1) × 60 + sex _T (0) × 20 + age Y0T4 (1)
    expect(out?.values[61]).toBe(42);
  });

  it("names an unknown value with suggestions, and refuses another country's file", async () => {
    const ds = emptyCube("T1_2", { reporters: ["KGZ"], years: [2020], partners: ["KAZ", "RUS"] });
    const cob = ds.dimensions[2];
    if (!cob) throw new Error("cob");
    const renamed: Dataset = {
      ...ds,
      dimensions: ds.dimensions.map((d) =>
        d === cob
          ? {
              ...d,
              categories: d.categories.map((c) =>
                c.code === "KAZ" ? { code: "Kazakstan", label: { en: "Kazakstan", ru: "Казакстан" } } : c,
              ),
            }
          : d,
      ),
    };
    const { problems } = await readUpload([{ name: "k.px", bytes: datasetToPxBytes(renamed) }], { reporter: "KAZ" });
    expect(problems.find((p) => p.code === "code.unknown")?.suggestions?.[0]?.code).toBe("KAZ");
    expect(problems.find((p) => p.code === "reporter.wrong")?.message.en).toContain("KGZ");
  });
});
