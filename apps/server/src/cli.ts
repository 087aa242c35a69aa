/**
 * The `clearinghouse` command, with the server's configuration (DATABASE_URL, DATA_DIR):
 *   clearinghouse import PATH [--into DB[/FOLDER…]]   import a PX file or a folder tree of them
 *   clearinghouse inventory import|export …           the inventory of institutions (inventory/cli.ts)
 *   clearinghouse create-admin --email E [--name N]  an administrator (password: ADMIN_PASSWORD or typed)
 *   clearinghouse set-password --email E             a new password for any account
 *   clearinghouse invite --email E --role R [--country XXX]… [--days N]   a one-time invitation link (auth/invite-cli.ts)
 *   clearinghouse backup FILE / restore FILE [--force]  the whole database (storage/backup-cli.ts)
 */

import { SingleBar } from "cli-progress";
import { parseEmail, parseName } from "./auth/input.ts";
import { INVITE_USAGE, inviteCommand } from "./auth/invite-cli.ts";
import { inputMessage } from "./auth/messages.ts";
import { DEFAULT_SCRYPT, hashPassword, passwordProblem } from "./auth/password.ts";
import { PromptCancelled, readNewPassword } from "./auth/prompt.ts";
import { createUser, findUserByEmail, setPasswordByEmail } from "./auth/store.ts";
import { configFromEnv } from "./config.ts";
import { INVENTORY_USAGE, inventoryCommand } from "./inventory/cli.ts";
import { BACKUP_USAGE, backupCommand } from "./storage/backup-cli.ts";
import { describeStorage, openStorage } from "./storage/database.ts";
import { importPath } from "./tables/import.ts";
import { seedDemo } from "./tables/seed.ts";

const USAGE = `Usage:
  clearinghouse import PATH [--into DB[/FOLDER...]]   import a PX file or a folder tree of PX files
  clearinghouse seed [UN_FILES]                       load the demo tables into an empty database (UN_FILES: the
                                                      folder of the UN DESA workbooks, default ../shared/corpus/data)
${INVENTORY_USAGE}  clearinghouse create-admin --email E [--name N]     create an administrator account
  clearinghouse set-password --email E                set the password of an account (ends its sessions)
${INVITE_USAGE}${BACKUP_USAGE}Environment: DATABASE_URL (PostgreSQL) or DATA_DIR (embedded database folder, default data at the repository's
  root, the folder the server uses; a relative DATA_DIR is taken from that root too);
  ADMIN_PASSWORD: the password for create-admin and set-password, else asked on the terminal
`;

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === "seed") return seed(rest[0]);
  if (command === "inventory") return inventoryCommand(rest);
  if (command === "backup" || command === "restore") return backupCommand(command, rest);
  if (command === "create-admin" || command === "set-password") return account(command, rest);
  if (command === "invite") return inviteCommand(rest);
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
  const config = configFromEnv();
  const storage = await openStorage(config);
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
      `${report.imported.length} imported (${report.imported.filter((i) => i.version > 1).length} as new versions), ${report.refused.length} refused, into ${describeStorage(config)}\n`,
    );
    return report.refused.length > 0 && report.imported.length === 0 ? 1 : 0;
  } finally {
    await storage.close();
  }
}

async function seed(unFiles: string | undefined): Promise<number> {
  const config = configFromEnv();
  const storage = await openStorage(config);
  try {
    const result = await seedDemo(storage.db, {
      ...(config.reporters ? { reporters: config.reporters } : {}),
      ...(unFiles ? { dataDir: unFiles } : {}),
      log: (m) => process.stderr.write(`${m}\n`),
    });
    process.stdout.write(
      result.seeded
        ? `${result.tables} demo tables, ${result.cells} cells, into ${describeStorage(config)}\n`
        : `${describeStorage(config)} already has tables: nothing loaded\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}

/** The value after the option `name` (such as "--email") in `args`, if given. */
function option(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

/** The password from ADMIN_PASSWORD, else typed twice on the terminal; null (with a message) when refused. */
async function newPassword(email: string): Promise<string | null> {
  let password = process.env.ADMIN_PASSWORD;
  if (password === undefined) {
    try {
      password = await readNewPassword(process.stdin, process.stderr);
    } catch (error) {
      if (!(error instanceof PromptCancelled)) throw error;
      process.stderr.write(`${error.message}\n`);
      return null;
    }
  }
  const problem = passwordProblem(password, email);
  if (problem) {
    process.stderr.write(`${inputMessage({ code: "password", field: "password", problem }, "en")}\n`);
    return null;
  }
  return password;
}

async function account(command: "create-admin" | "set-password", args: readonly string[]): Promise<number> {
  const email = parseEmail(option(args, "--email"));
  const name = parseName(option(args, "--name") ?? "Administrator");
  if (!email.ok || !name.ok || args.includes("--help")) {
    const problem = !email.ok ? email.problem : !name.ok ? name.problem : undefined;
    process.stderr.write(`${problem ? `${inputMessage(problem, "en")}\n` : ""}${USAGE}`);
    return problem ? 2 : 0;
  }
  const config = configFromEnv();
  const storage = await openStorage(config);
  try {
    const existing = await findUserByEmail(storage.db, email.value);
    if (command === "create-admin" && existing) {
      process.stdout.write(
        `${existing.email} already has an account (${existing.role}): nothing changed. To give it a new password: clearinghouse set-password --email ${existing.email}\n`,
      );
      return 0;
    }
    if (command === "set-password" && !existing) {
      process.stderr.write(`no account has the email ${email.value}\n`);
      return 1;
    }
    const password = await newPassword(email.value);
    if (password === null) return 1;
    const passwordHash = await hashPassword(password, DEFAULT_SCRYPT);
    if (command === "set-password") {
      const user = await setPasswordByEmail(storage.db, email.value, passwordHash, new Date());
      process.stdout.write(
        `new password for ${user?.email ?? email.value} in ${describeStorage(config)}: its sessions ended, any lock lifted${user?.disabled ? " (the account is disabled)" : ""}\n`,
      );
      return 0;
    }
    const user = await createUser(
      storage.db,
      { email: email.value, name: name.value, role: "administrator", passwordHash },
      new Date(),
    );
    process.stdout.write(
      user
        ? `administrator ${user.email} created in ${describeStorage(config)}\n`
        : `${email.value} already has an account: nothing changed\n`,
    );
    return 0;
  } finally {
    await storage.close();
  }
}
