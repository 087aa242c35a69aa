/** Starts the server on PORT (default 3000) and HOST (default 127.0.0.1), with the storage the environment names. */
import { buildApp } from "./app.ts";
import { configFromEnv } from "./config.ts";
import { openStorage } from "./storage/database.ts";

const config = configFromEnv();
const storage = await openStorage(config);
const app = await buildApp(config, storage);
try {
  await app.listen({ port: config.port, host: config.host });
} catch (error) {
  app.log.error(error);
  process.exit(1);
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    app
      .close()
      .then(() => storage.close())
      .then(() => process.exit(0));
  });
}
