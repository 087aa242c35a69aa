/**
 * The `clearinghouse` command, with the server's configuration (DATABASE_URL, DATA_DIR):
 *   clearinghouse import PATH [--into DB[/FOLDER…]]   import a PX file or a folder tree of them
 */

import { SingleBar } from "cli-progress";
import { configFromEnv } from "./config.ts";
import { openStorage } from "./storage/database.ts";
import { importPath } from "./tables/import.ts";
import { seedDemo } from "./tables/seed.ts";

const USAGE = `Usage:
  clearinghouse import PATH [--into DB[/FOLDER...]]   import a PX file or a folder tree of PX files
  clearinghouse seed [DATA_DIR]                       load the demo tables into an empty database
Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database folder, default ./data)
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "seed") return seed(rest[0]);
  if (command !== "import" || rest.length === 0 || rest.includes("--help")) {
    process.stdout.write(USAGE);
    return command === undefined || rest.includes("--help") ? 0 : 2;
  }
  const intoAt = rest.indexOf("--into");
  const into = intoAt === -1 ? undefined : rest[intoAt + 1]?.split("/").filter(Boolean);
  const path = rest.find((a, k) => !a.startsWith("--") && (intoAt === -1 || k !== intoAt + 1));
  if (!path) {
    process.stderr.write(USAGE);
    return 2;
  }
  const storage = await openStorage(configFromEnv());
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: "importing [{bar}] {value}/{total} {file}", hideCursor: true })
    : undefined;
  let started = false;
  try {
    const report = await importPath(storage.db, path, {
      ...(into ? { into } : {}),
      onProgress: (done, total, file) => {
        if (!started) bar?.start(total, 0, { file });
        started = true;
        bar?.update(done, { file });
        if (!bar && (done % 25 === 0 || done === total)) process.stderr.write(`importing ${done}/${total}\n`);
      },
    });
    bar?.stop();
    for (const r of report.renamed) process.stdout.write(`renamed  ${r.file} → ${r.id} (${r.because})\n`);
    for (const r of report.refused)
      process.stdout.write(`refused  ${r.file}\n${r.reasons.map((x) => `         ${x}\n`).join("")}`);
    process.stdout.write(
      `${report.imported.length} imported (${report.imported.filter((i) => i.version > 1).length} as new versions), ${report.refused.length} refused, into ${storage.kind}\n`,
    );
    return report.refused.length > 0 && report.imported.length === 0 ? 1 : 0;
  } finally {
    await storage.close();
  }
}

async function seed(dataDir: string | undefined): Promise<number> {
  const config = configFromEnv();
  const storage = await openStorage(config);
  try {
    const result = await seedDemo(storage.db, {
      ...(config.reporters ? { reporters: config.reporters } : {}),
      ...(dataDir ? { dataDir } : {}),
      log: (m) => process.stderr.write(`${m}\n`),
    });
    process.stdout.write(
      result.seeded
        ? `${result.tables} demo tables, ${result.cells} cells, into ${storage.kind}\n`
        : "the database already has tables: nothing loaded\n",
    );
    return 0;
  } finally {
    await storage.close();
  }
}
