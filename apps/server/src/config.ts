/** Configuration from environment variables, read once at start-up. */

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Largest request body accepted (an uploaded PX file), in bytes. */
  readonly bodyLimit: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? "127.0.0.1",
    bodyLimit: Number(env.BODY_LIMIT ?? 200 * 1024 * 1024),
  };
}
