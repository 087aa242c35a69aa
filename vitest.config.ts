import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "apps/*/test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: "reports/vitest.json" }]],
    testTimeout: 30_000,
    // A suite's database (PGlite, migrated) takes over 10 s to open when the machine is busy.
    hookTimeout: 60_000,
  },
});
