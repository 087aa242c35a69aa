/**
 * Starts the server on PORT (default 3000) and HOST (default 127.0.0.1), with the storage the environment names;
 * an empty database first gets the demo data (see tables/seed.ts).
 */
import { buildApp } from "./app.ts";
import { configFromEnv } from "./config.ts";
import { startLinkChecker } from "./inventory/link-check.ts";
import { seedInventory } from "./inventory/seed.ts";
import { openStorage } from "./storage/database.ts";
import { seedDemo } from "./tables/seed.ts";

const config = configFromEnv();
const storage = await openStorage(config);
// A new, empty clearinghouse gets the demo tables, unless started with --empty or SEED=none.
if (!process.argv.includes("--empty") && process.env.SEED !== "none") {
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
const app = await buildApp(config, storage);
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
// Checks the institutions' websites in the background (LINK_CHECK=off: not in this process).
const linkChecker =
  process.env.LINK_CHECK === "off" ? undefined : startLinkChecker(storage.db, { log: (e) => app.log.error(e) });
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    Promise.resolve(linkChecker?.stop())
      .then(() => app.close())
      .then(() => storage.close())
      .then(() => process.exit(0));
  });
}
