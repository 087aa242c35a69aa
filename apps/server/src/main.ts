/**
 * Starts the server on PORT (default 3000) and HOST (default 127.0.0.1), with the storage the environment names;
 * an empty database first gets the demo data (see tables/seed.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { buildApp } from "./app.ts";
import { type Config, configFromEnv, repositoryRoot, unknownVariables } from "./config.ts";
import { chooseLogFormat, openUrl } from "./http/log-format.ts";
import { shutdown } from "./http/shutdown.ts";
import { Startup } from "./http/startup.ts";
import { startLinkChecker } from "./inventory/link-check.ts";
import { seedInventory } from "./inventory/seed.ts";
import { connectStorage, describeStorage, migrateStorage, type Storage } from "./storage/database.ts";
import { startReleaseScheduler } from "./submissions/scheduler.ts";
import { seedDemo } from "./tables/seed.ts";

let config: Config;
try {
  config = configFromEnv();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
for (const warning of unknownVariables()) console.warn(`warning: ${warning}`);
const logFormat = chooseLogFormat(config.logFormat, process.stdout.isTTY === true, process.env.NODE_ENV);
const database = describeStorage(config);
// Earlier versions resolved DATA_DIR from the server's folder when started with npm start: say where that database is.
const earlier = join(repositoryRoot(), "apps/server/data");
if (!config.databaseUrl && config.dataDir !== earlier && existsSync(join(earlier, "PG_VERSION"))) {
  console.warn(
    `warning: ${earlier} holds an embedded database of an earlier version, which resolved DATA_DIR from apps/server; this server opens ${config.dataDir}. To keep the earlier one, move it there or set DATA_DIR=apps/server/data`,
  );
}
// The port opens first: while the database is migrated and seeded, /readyz answers "starting" and every other
// request 503 with Retry-After (http/startup.ts), so a load balancer waits for this process instead of losing it.
const startup = new Startup("connecting");
let storage: Storage;
try {
  storage = connectStorage(config);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const app = await buildApp(config, storage, { startup, logger: logFormat });
// What the start-up is doing: plain lines on a terminal, info events among the JSON lines otherwise.
const say = (message: string) => (logFormat === "text" ? console.log(`  ${message}`) : app.log.info(message));
const url = openUrl(config.host, config.port);
if (logFormat === "text") console.log("Migration Statistics Clearinghouse");
say(`serving ${database}`);
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error(error);
  if (logFormat === "text")
    console.error(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
  process.exit(1);
}
try {
  say(`listening on ${url}; migrating the database…`);
  startup.enter("migrating");
  await migrateStorage(storage);
  // A new, empty clearinghouse gets the demo tables, unless started with --empty or SEED=none.
  if (!process.argv.includes("--empty") && config.seed) {
    startup.enter("seeding");
    // On a terminal one line says the demo tables are being loaded (the first start takes a while), not each table.
    let loading = false;
    const seeded = await seedDemo(storage.db, {
      ...(config.reporters ? { reporters: config.reporters } : {}),
      log: (message) => {
        if (logFormat === "json") return say(message);
        if (!loading) say("a new database: loading the demo tables and institutions…");
        loading = true;
      },
    });
    if (seeded.seeded) {
      say(
        `demo data: ${seeded.tables} tables, ${seeded.cells} cells (${seeded.unData ? "tables 1.1 and 1.2 from UN DESA" : "UN DESA files not found: all illustrative"})`,
      );
    }
    const inventory = await seedInventory(storage.db);
    if (inventory.seeded > 0) say(`inventory: ${inventory.seeded} institutions, not yet verified`);
  }
  startup.enter("ready");
  if (logFormat === "text") {
    console.log(`Ready: open ${url} in a browser (Ctrl+C stops the server; LOG_FORMAT=json logs every request)`);
  } else {
    app.log.info({ url, database }, `ready on ${url}`);
  }
} catch (error) {
  // A process that cannot migrate must not linger half-started: the load balancer takes it out, systemd restarts it.
  app.log.error(error);
  await app.close();
  process.exit(1);
}
// Checks the institutions' websites in the background (LINK_CHECK=off: not in this process).
const linkChecker = config.linkCheck ? startLinkChecker(storage.db, { log: (e) => app.log.error(e) }) : undefined;
// Releases the embargoed submissions that are due; every process runs one (one release each, skip locked).
const releases = startReleaseScheduler(storage.db, {
  intervalMs: config.releaseCheckMs,
  reporters: config.reporters,
  log: (error) => app.log.error(error),
  onStart: (id) => app.log.info(`releasing submission ${id}`),
  onRelease: (outcome) => app.log.info(`released submission ${outcome.submissionId} (${outcome.reporter})`),
});
// Graceful: requests in flight finish (up to SHUTDOWN_TIMEOUT), new ones go to the other processes.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app.log.info(`${signal}: draining`);
    shutdown(app, {
      timeoutMs: config.shutdownTimeoutMs,
      before: async () => {
        await linkChecker?.stop();
        await releases.stop();
      },
      after: () => storage.close(),
    }).then(
      (outcome) => {
        app.log.info(`stopped (${outcome})`);
        process.exit(outcome === "drained" ? 0 : 1);
      },
      (error) => {
        app.log.error(error);
        process.exit(1);
      },
    );
  });
}
