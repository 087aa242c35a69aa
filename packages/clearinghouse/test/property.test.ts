import { Status } from "@clearinghouse/cube";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CROSS_RULES, type Finding, TABLE_IDS, tableDecl, validate } from "../src/index.ts";
import { consistentSubmission, get, random, set } from "./helpers.ts";

const noChange = { changeThreshold: Number.POSITIVE_INFINITY };

const shape = fc.record({
  seed: fc.integer(),
  reporters: fc.subarray(["ARM", "KAZ", "UKR"], { minLength: 1 }),
  years: fc.subarray([2019, 2020, 2021], { minLength: 1 }),
  partners: fc.subarray(["AZE", "BLR", "DEU", "RUS", "TUR"]),
  stateless: fc.subarray(["ARM", "KAZ", "UKR"]),
});

const key = (f: Pick<Finding, "rule" | "severity" | "table" | "cell">) =>
  `${f.rule} ${f.severity} ${f.table} ${JSON.stringify(Object.entries(f.cell).sort())}`;

describe("property: consistent submissions", () => {
  it("pass every rule, with nil and confidential cells anywhere", () => {
    fc.assert(
      fc.property(shape, fc.double({ min: 0, max: 0.3, noNaN: true }), (s, hidden) => {
        const cubes = consistentSubmission(s.seed, s);
        const rng = random(s.seed ^ 0x5bd1e995);
        for (const id of TABLE_IDS) {
          const ds = cubes[id];
          for (let i = 0; i < ds.values.length; i++) {
            if (ds.values[i] === 0 && rng() < 0.5) {
              ds.values[i] = Number.NaN;
              ds.status[i] = Status.nil;
            } else if (rng() < hidden) {
              ds.values[i] = Number.NaN;
              ds.status[i] = rng() < 0.5 ? Status.confidential : Status.notAvailable;
            }
          }
        }
        const report = validate(cubes, {
          ...noChange,
          reporters: s.reporters,
          statelessInCitizenshipTable: s.stateless,
        });
        expect(report.findings).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("fire exactly the expected rules when one total is perturbed", () => {
    const perturbation = fc.record({
      table: fc.constantFrom(...TABLE_IDS),
      sex: fc.constantFrom("_T", "M", "F"),
      age: fc.constantFrom("_T", "Y0T4", "Y40T44", "Y_GE85", "_U"),
      delta: fc.integer({ min: 1, max: 1000 }),
      down: fc.boolean(),
    });
    fc.assert(
      fc.property(shape, perturbation, (s, p) => {
        const cubes = consistentSubmission(s.seed, s);
        const options = { ...noChange, reporters: s.reporters, statelessInCitizenshipTable: s.stateless };
        const reporter = s.reporters[s.seed & 1 ? s.reporters.length - 1 : 0] as string;
        const year = String(s.years[0]);
        const own = tableDecl(p.table).own[0]?.code as string;
        const contents = { ContentsCode: tableDecl(p.table).content.code };
        const cell = { reporter, year, [own]: "_T", sex: p.sex, age: p.age, ...contents };
        const before = get(cubes[p.table], cell) as number;
        const down = p.down && before >= p.delta;
        set(cubes[p.table], cell, down ? before - p.delta : before + p.delta);

        const expected: Pick<Finding, "rule" | "severity" | "table" | "cell">[] = [];
        const partner = tableDecl(p.table).own[0]?.type === "partner";
        expected.push({
          rule: partner ? "total.partner" : "total.breakdown",
          severity: partner && !down ? "warning" : "error",
          table: p.table,
          cell,
        });
        expected.push({ rule: "total.sex", severity: "error", table: p.table, cell: { ...cell, sex: "_T" } });
        expected.push({ rule: "total.age", severity: "error", table: p.table, cell: { ...cell, age: "_T" } });
        for (const rule of CROSS_RULES) {
          if (rule.onlyWithout) continue;
          const other = rule.left.table === p.table ? rule.right : rule.right.table === p.table ? rule.left : undefined;
          const mine = rule.left.table === p.table ? rule.left : rule.right;
          if (!other || !mine.codes.includes("_T")) continue;
          const otherOwn = tableDecl(other.table).own[0]?.code as string;
          const otherContents = { ContentsCode: tableDecl(other.table).content.code };
          const right =
            rule.right.table === p.table
              ? cell
              : { reporter, year, [otherOwn]: "_T", sex: p.sex, age: p.age, ...otherContents };
          expected.push({ rule: rule.id, severity: "error", table: rule.right.table, cell: right });
        }

        const report = validate(cubes, options);
        expect(report.findings.map(key).sort()).toEqual(expected.map(key).sort());
        const ownFinding = report.findings.find((f) => f.rule === expected[0]?.rule);
        expect(ownFinding).toMatchObject({ expected: before, found: down ? before - p.delta : before + p.delta });
      }),
      { numRuns: 150 },
    );
  });
});
