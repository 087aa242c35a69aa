/**
 * Starts the server on PORT (default 3000) and HOST (default 127.0.0.1), with the storage the environment names;
 * an empty database first gets the demo data (see tables/seed.ts).
 */
import { buildApp } from "./app.ts";
import { type Config, configFromEnv, unknownVariables } from "./config.ts";
import { shutdown } from "./http/shutdown.ts";
import { Startup } from "./http/startup.ts";
import { startLinkChecker } from "./inventory/link-check.ts";
import { seedInventory } from "./inventory/seed.ts";
import { connectStorage, migrateStorage, type Storage } from "./storage/database.ts";
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
const app = await buildApp(config, storage, { startup });
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
try {
  startup.enter("migrating");
  await migrateStorage(storage);
  // A new, empty clearinghouse gets the demo tables, unless started with --empty or SEED=none.
  if (!process.argv.includes("--empty") && config.seed) {
    startup.enter("seeding");
    const seeded = await seedDemo(storage.db, {
      ...(config.reporters ? { reporters: config.reporters } : {}),
      log: (message) => console.log(message),
    });
    if (seeded.seeded) {
      console.log(
        `demo data: ${seeded.tables} tables, ${seeded.cells} cells (${seeded.unData ? "tables 1.1 and 1.2 from UN DESA" : "UN DESA files not found: all illustrative"})`,
      );
    }
    const inventory = await seedInventory(storage.db);
    if (inventory.seeded > 0) console.log(`inventory: ${inventory.seeded} institutions, not yet verified`);
  }
  startup.enter("ready");
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
