/**
 * The `clearinghouse inventory` commands, in the terminal's language (Russian when LC_ALL, LC_MESSAGES or LANG
 * starts with "ru", else English):
 *   inventory import FILE [--dry-run]     check a .csv or .xlsx file and import it (all rows or none)
 *   inventory export [FILE] [--q TEXT] [--category C] [--country C] [--topic T] [--sort S] [--lang L]
 *                                         the matching institutions as .csv, .xlsx or .json (by FILE's
 *                                         extension; CSV on standard output without FILE)
 *   inventory import-release FILE.json    a public release (releases/N/inventory.json) into an empty inventory
 */

import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { SingleBar } from "cli-progress";
import type { Kysely } from "kysely";
import { type ParsedArgs, parseArgs, UsageError } from "../../../../packages/cli/src/args.ts";
import { configFromEnv } from "../config.ts";
import { openStorage } from "../storage/database.ts";
import type { Database } from "../storage/schema.ts";
import { encodeInstitutions, formatOfFileName } from "./files.ts";
import { importInstitutions } from "./import.ts";
import { problemLine } from "./interchange.ts";
import { entriesCount, importMessages, importSummary } from "./messages.ts";
import { ModerationError } from "./moderation-store.ts";
import { importRelease } from "./network-store.ts";
import { ParameterProblem, parseSearchParams } from "./query.ts";
import { readRelease } from "./release.ts";
import { exported } from "./repository.ts";
import { allMatching } from "./search.ts";
import type { Lang } from "./vocabulary.ts";

export const INVENTORY_USAGE = `  clearinghouse inventory import FILE [--dry-run]     check a .csv or .xlsx file of institutions and import it
  clearinghouse inventory export [FILE] [--q TEXT] [--category C] [--country C] [--topic T] [--sort S]
                                                      the matching institutions as .csv, .xlsx or .json
  clearinghouse inventory import-release FILE.json    a public release of the inventory into an empty one
`;

function terminalLanguage(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return locale.toLowerCase().startsWith("ru") ? "ru" : "en";
}

const SPECS = {
  import: { flags: ["dry-run"], options: [] },
  export: { flags: [], options: ["q", "category", "country", "topic", "sort", "lang"] },
  "import-release": { flags: [], options: [] },
} as const;

/** Runs `inventory …` (`args` after "inventory") on the configured database; returns the exit code. */
export async function inventoryCommand(args: readonly string[]): Promise<number> {
  const lang = terminalLanguage();
  const [sub, ...rest] = args;
  const usage = (message = "") => {
    process.stderr.write(`${message}Usage:\n${INVENTORY_USAGE}`);
    return 2;
  };
  if (sub !== "import" && sub !== "export" && sub !== "import-release") return usage();
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(rest, SPECS[sub]);
  } catch (error) {
    if (error instanceof UsageError) return usage(`${error.message}\n`);
    throw error;
  }
  if (parsed.positional.length > 1 || (sub !== "export" && parsed.positional.length === 0)) return usage();
  const storage = await openStorage(configFromEnv());
  try {
    const command = { import: importCommand, export: exportCommand, "import-release": importReleaseCommand }[sub];
    return await command(storage.db, parsed, lang);
  } finally {
    await storage.close();
  }
}

async function importCommand(db: Kysely<Database>, args: ParsedArgs, lang: Lang): Promise<number> {
  const file = args.positional[0] as string;
  const dryRun = args.flags.has("dry-run");
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: "{phase} [{bar}] {value}/{total}", hideCursor: true })
    : undefined;
  const phases = { check: lang === "ru" ? "проверка" : "checking", write: lang === "ru" ? "запись" : "writing" };
  let current: string | undefined;
  const report = await importInstitutions(
    db,
    { name: basename(file), bytes: readFileSync(file) },
    {
      dryRun,
      onProgress: (phase, done, total) => {
        if (current !== phase) {
          bar?.stop();
          bar?.start(total, done, { phase: phases[phase] });
          current = phase;
        }
        bar?.update(done);
      },
    },
  );
  bar?.stop();
  for (const p of report.problems) process.stdout.write(`${problemLine(p, lang)}\n`);
  process.stdout.write(
    `${
      importSummary(
        {
          created: report.created.length,
          updated: report.updated.length,
          unchanged: report.unchanged.length,
          problems: report.problems.length,
        },
        dryRun,
      )[lang]
    }\n`,
  );
  return report.problems.length > 0 ? 1 : 0;
}

async function exportCommand(db: Kysely<Database>, args: ParsedArgs, lang: Lang): Promise<number> {
  const file = args.positional[0];
  const format = file === undefined ? "csv" : formatOfFileName(file);
  if (format === undefined) {
    process.stderr.write(`${importMessages.unknownExportFormat(file ?? "")[lang]}\n`);
    return 2;
  }
  let params: ReturnType<typeof parseSearchParams>;
  try {
    params = parseSearchParams(Object.fromEntries(args.options), lang);
  } catch (error) {
    if (error instanceof ParameterProblem) {
      process.stderr.write(`${error.text[lang]}\n`);
      return 2;
    }
    throw error;
  }
  const rows = await allMatching(db, params);
  const bytes = await encodeInstitutions(rows.map(exported), format);
  if (file === undefined) process.stdout.write(bytes);
  else writeFileSync(file, bytes);
  process.stderr.write(`${entriesCount(rows.length)[lang]}${file ? ` → ${file}` : ""}\n`);
  return 0;
}

/** A release file read, checked as a whole (every problem listed) and written into an empty inventory. */
async function importReleaseCommand(db: Kysely<Database>, args: ParsedArgs, lang: Lang): Promise<number> {
  const file = args.positional[0] as string;
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    process.stderr.write(`${file}: ${(error as Error).message}\n`);
    return 1;
  }
  const { release, problems } = readRelease(doc);
  for (const p of problems) process.stdout.write(`${p[lang]}\n`);
  if (!release) return 1;
  try {
    const { imported } = await importRelease(db, release);
    process.stderr.write(`${entriesCount(imported)[lang]} ← ${basename(file)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ModerationError) {
      process.stderr.write(`${error.text[lang]}\n`);
      return 1;
    }
    throw error;
  }
}
