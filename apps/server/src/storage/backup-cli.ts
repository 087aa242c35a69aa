/**
 * `clearinghouse backup FILE` and `clearinghouse restore FILE [--force]` on the configured database (DATABASE_URL
 * or DATA_DIR), with a progress bar on a terminal. The work and the format: backup.ts, backup-format.ts.
 */

import { SingleBar } from "cli-progress";
import { type ParsedArgs, parseArgs, UsageError } from "../../../../packages/cli/src/args.ts";
import { configFromEnv } from "../config.ts";
import { backupDatabase, type Progress, restoreDatabase } from "./backup.ts";
import { BackupError } from "./backup-format.ts";
import { describeStorage, openStorage } from "./database.ts";

export const BACKUP_USAGE = `  clearinghouse backup FILE                           write every table's rows to FILE (gzipped JSON lines)
  clearinghouse restore FILE [--force]                load a backup into an empty database (--force: delete every row first)
`;

/** A progress bar on a terminal, a line every 10% otherwise. */
function progress(verb: string): { onProgress: Progress; stop(): void } {
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: `${verb} [{bar}] {value}/{total} rows {table}`, hideCursor: true })
    : undefined;
  let started = false;
  let reported = -1;
  return {
    onProgress(done, total, table) {
      if (bar) {
        if (!started) bar.start(total, 0, { table });
        started = true;
        bar.update(done, { table });
        return;
      }
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth > reported) process.stderr.write(`${verb} ${done}/${total} rows\n`);
      reported = tenth;
    },
    stop: () => bar?.stop(),
  };
}

/** Runs `backup FILE` or `restore FILE [--force]`; returns the exit code. */
export async function backupCommand(command: "backup" | "restore", args: readonly string[]): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args, { flags: command === "restore" ? ["force"] : [], options: [] });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nUsage:\n${BACKUP_USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positional;
  if (!file || extra.length > 0) {
    process.stderr.write(`Usage:\n${BACKUP_USAGE}`);
    return 2;
  }
  const config = configFromEnv();
  const where = describeStorage(config);
  const force = parsed.flags.has("force");
  if (force)
    process.stderr.write(
      `--force: every row of ${where} will be deleted and replaced by the backup (all of it is rolled back if the restore fails)\n`,
    );
  const storage = await openStorage(config);
  const bar = progress(command === "backup" ? "backing up" : "restoring");
  try {
    if (command === "backup") {
      const result = await backupDatabase(storage, file, { onProgress: bar.onProgress });
      bar.stop();
      process.stdout.write(`${result.rows} rows of ${result.tables.length} tables from ${where} written to ${file}\n`);
    } else {
      const result = await restoreDatabase(storage, file, { force, onProgress: bar.onProgress });
      bar.stop();
      process.stdout.write(
        `${result.rows} rows of ${result.header.tables.length} tables restored into ${where} (backup of ${result.header.createdAt}, from ${result.header.source})\n`,
      );
    }
    return 0;
  } catch (error) {
    bar.stop();
    if (!(error instanceof BackupError) && (error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    process.stderr.write(`${command} refused: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await storage.close();
  }
}
