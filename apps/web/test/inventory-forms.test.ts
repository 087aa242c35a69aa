import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fieldProblems } from "../src/account/http.ts";
import { acceptedEdits, changedFirst, diffRows } from "../src/inventory/diff.ts";
import {
  EMPTY_VALUES,
  type FormValues,
  fieldsToSend,
  serverProblems,
  validate,
} from "../src/inventory/suggest-form.ts";

const form = (values: Partial<FormValues>): FormValues => ({ ...EMPTY_VALUES, ...values });
const valid = form({ name_en: "Migration Research Centre", category: "academic" });

describe("the suggestion form's checks", () => {
  it("accepts a name and a category", () => {
    expect(validate(valid)).toEqual({});
    expect(validate(form({ name_ru: "Центр", category: "academic" }))).toEqual({});
  });

  it("asks for a name in English or Russian and a category, as the server does", () => {
    expect(validate(EMPTY_VALUES)).toEqual({ name_en: { key: "noName" }, category: { key: "required" } });
    expect(validate(form({ name_en: "   ", category: "other" })).name_en).toEqual({ key: "noName" });
  });

  it("finds each field's problem and names the wrong value", () => {
    const problems = validate(
      form({
        ...valid,
        country: "XX",
        countries_of_activity: "ARM; geo; ZZZ",
        latitude: "95",
        longitude: "abc",
        website: "armstat.am",
        email: "info@",
        languages: "hy; armenian",
        acronym: "A".repeat(51),
      }),
      "me@",
    );
    expect(problems.country).toEqual({ key: "badCountry", values: { code: "XX" } });
    expect(problems.countries_of_activity).toEqual({ key: "badCountry", values: { code: "ZZZ" } });
    expect(problems.latitude).toEqual({ key: "outOfRange", values: { min: -90, max: 90 } });
    expect(problems.longitude).toEqual({ key: "badNumber" });
    expect(problems.website).toEqual({ key: "badUrl" });
    expect(problems.email).toEqual({ key: "badEmail" });
    expect(problems.languages).toEqual({ key: "badLanguage", values: { code: "armenian" } });
    expect(problems.acronym).toEqual({ key: "tooLong", values: { max: 50 } });
    expect(problems.contactEmail).toEqual({ key: "badEmail" });
  });

  it("wants both coordinates or neither, and reads a decimal comma", () => {
    expect(validate(form({ ...valid, latitude: "40,18" })).longitude).toEqual({ key: "halfPoint" });
    expect(validate(form({ ...valid, longitude: "44.5" })).latitude).toEqual({ key: "halfPoint" });
    expect(validate(form({ ...valid, latitude: "40,18", longitude: "-44.5" }))).toEqual({});
  });

  it("refuses control characters, which the database would", () => {
    expect(validate(form({ ...valid, city: "Yere\u0000van" })).city).toEqual({ key: "control" });
    expect(validate(form({ ...valid, summary_en: "line\nbreak\ttab" }))).toEqual({});
  });
});

describe("what a suggestion sends", () => {
  it("sends the filled fields of a new entry, lists as arrays", () => {
    expect(fieldsToSend(form({ ...valid, topics: "research; data", city: " Yerevan " }))).toEqual({
      name_en: "Migration Research Centre",
      category: "academic",
      city: "Yerevan",
      topics: ["research", "data"],
    });
  });

  it("sends only what a correction changes, emptied fields as empty", () => {
    const base = form({ ...valid, city: "Yerevan", topics: "research; data", website: "https://a.am" });
    const edited = { ...base, city: "Gyumri", topics: "research;data", website: "" };
    expect(fieldsToSend(edited, base)).toEqual({ city: "Gyumri", website: "" });
    expect(fieldsToSend(base, base)).toEqual({});
  });

  it("an unchanged correction sends nothing, whatever the entry", () => {
    const text = fc.string({ maxLength: 20 });
    fc.assert(
      fc.property(fc.record({ name_en: text, city: text, topics: text, summary_ru: text }), (v) => {
        const base = form(v);
        expect(fieldsToSend(base, base)).toEqual({});
      }),
    );
  });

  it("shows the server's problems next to their fields", () => {
    const byField = fieldProblems({
      field: "fields.country",
      detail: "fields.country: «XX» is not a code",
      problems: [
        { field: "fields.country", detail: "«XX» is not a code" },
        { field: "contactEmail", detail: "not an e-mail" },
        { field: "kind", detail: "unknown kind" },
      ],
    });
    expect(serverProblems(byField)).toEqual({
      country: "«XX» is not a code",
      contactEmail: "not an e-mail",
      form: "unknown kind",
    });
    expect(fieldProblems({ field: "password", detail: "too short" })).toEqual({ password: "too short" });
  });
});

describe("the moderator's comparison", () => {
  const diff = [
    { field: "name_en", current: "Armstat", proposed: "Armstat", changed: false },
    { field: "website", current: "https://armstat.am", proposed: "https://armstat.am/en/", changed: true },
    { field: "topics", current: "statistics; data", proposed: "data; remittances", changed: true },
  ];

  it("marks list items that come and go, and puts changes first", () => {
    const rows = changedFirst(diffRows(diff, {}));
    expect(rows.map((r) => r.field)).toEqual(["website", "topics", "name_en"]);
    const topics = rows.find((r) => r.field === "topics");
    expect(topics?.added).toEqual(["remittances"]);
    expect(topics?.removed).toEqual(["statistics"]);
    expect(rows.find((r) => r.field === "website")?.added).toEqual([]);
  });

  it("sends only the editor's edits, and an edit back to the proposal is none", () => {
    const rows = diffRows(diff, { website: "https://www.armstat.am/en/", topics: "data; remittances " });
    expect(rows.find((r) => r.field === "website")).toMatchObject({
      edited: true,
      accepted: "https://www.armstat.am/en/",
    });
    expect(acceptedEdits(rows)).toEqual({ website: "https://www.armstat.am/en/" });
    expect(acceptedEdits(diffRows(diff, {}))).toEqual({});
    // An edit of an unchanged field counts: the editor may fix what the sender did not touch.
    expect(changedFirst(diffRows(diff, { name_en: "ArmStat" }))[0]?.field).toBe("name_en");
  });
});
