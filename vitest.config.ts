import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // VITEST_JSON_REPORT: .ci/run's second run (on another Node line) writes a report of its own.
    reporters: ["default", ["json", { outputFile: process.env.VITEST_JSON_REPORT ?? "reports/vitest.json" }]],
    testTimeout: 30_000,
    // Set-up (a database, a server, a browser) on a loaded 2-core machine: suites start from database templates
    // made once (apps/server/test/templates.ts), and the limit leaves room for a machine many times slower.
    hookTimeout: 120_000,
    // A project's globalSetup (database templates, the web build) runs only when one of its files is selected.
    projects: [
      {
        extends: true,
        test: { name: "packages", include: ["packages/*/test/**/*.test.ts", "apps/web/test/*.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "server",
          include: ["apps/server/test/**/*.test.ts"],
          globalSetup: ["apps/server/test/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "browser",
          include: ["apps/web/test/e2e/**/*.test.ts"],
          globalSetup: ["apps/web/test/e2e/global-setup.ts"],
        },
      },
    ],
  },
});
