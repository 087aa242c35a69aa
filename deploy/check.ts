/**
 * Checks the production set-up here: two server processes on PostgreSQL behind nginx (deploy/nginx.conf).
 * Requests must spread over both processes, and none may fail while one process stops in the middle of a load, nor
 * while it starts again.
 *
 *   DATABASE_URL="postgresql:///DB?host=/var/run/postgresql" npx tsx deploy/check.ts [--port 3160]
 *
 * Exit status 0 when every check holds. nginx and the servers run from a temporary folder and are stopped at the
 * end; the database is the one given (a new one gets the demo data).
 */

import { startCluster } from "./cluster.ts";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL must name a PostgreSQL database (the set-up is for several processes)");
  process.exit(2);
}
const portArg = process.argv.indexOf("--port");
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 3160;

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

const cluster = await startCluster({
  port,
  processes: 2,
  databaseUrl,
  env: { MAX_CALLS: "1000000" },
  log: (line) => console.log(line),
});
try {
  const [first] = cluster.servers as [(typeof cluster.servers)[0]];
  const urls = ["/api/v2/tables?lang=en", "/api/v1/en/", "/en/", "/api/search?q=migrants"];
  const upstreams = new Map<string, number>();
  const get = (path: string) =>
    fetch(`${cluster.url}${path}`).then(
      async (r) => {
        await r.arrayBuffer();
        const by = r.headers.get("x-upstream") ?? "?";
        upstreams.set(by, (upstreams.get(by) ?? 0) + 1);
        return r.status;
      },
      (e: Error) => `error ${e.message}`,
    );

  // Spread: sequential requests through nginx; nginx says which process answered each.
  const statuses = [];
  for (let k = 0; k < 100; k++) statuses.push(await get(urls[k % urls.length] as string));
  check(
    statuses.every((s) => s === 200),
    `100 requests through nginx answered 200 (${[...new Set(statuses)].join(", ")})`,
  );
  const spread = cluster.servers.map((s) => upstreams.get(`127.0.0.1:${s.port}`) ?? 0);
  check(
    spread.every((n) => n >= 20),
    `spread over both processes: ${spread.join(" + ")}`,
  );

  // Survive: 16 clients in a loop for 6 s; the first process gets SIGTERM after 2 s and drains.
  const results: (number | string)[] = [];
  const until = Date.now() + 6000;
  const clients = Array.from({ length: 16 }, async (_, c) => {
    for (let k = c; Date.now() < until; k++) results.push(await get(urls[k % urls.length] as string));
  });
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const stopped = cluster.stopServer(first);
  await Promise.all(clients);
  const code = await stopped;
  const bad = results.filter((s) => s !== 200);
  check(code === 0, `the stopped process drained and exited with 0 (${code})`);
  check(
    bad.length === 0,
    `${results.length} requests while one process stopped, none failed${bad.length ? `: ${[...new Set(bad)]}` : ""}`,
  );
  const after = [];
  for (let k = 0; k < 20; k++) after.push(await get(urls[k % urls.length] as string));
  check(
    after.every((s) => s === 200),
    "with one process left, requests are still answered",
  );

  // Start again: the same clients while the stopped process starts (it listens before its migrations are done).
  const during: (number | string)[] = [];
  let restarted = false;
  const restart = cluster.restartServer(first).then(() => {
    restarted = true;
  });
  const loops = Array.from({ length: 16 }, async (_, c) => {
    for (let k = c; !restarted; k++) during.push(await get(urls[k % urls.length] as string));
  });
  await restart;
  await Promise.all(loops);
  const failedDuring = during.filter((s) => s !== 200);
  check(
    failedDuring.length === 0,
    `${during.length} requests while the process started again, none failed${failedDuring.length ? `: ${[...new Set(failedDuring)]}` : ""}`,
  );
} finally {
  await cluster.stop();
}
console.log(failures.length === 0 ? "all checks hold" : `${failures.length} check(s) failed`);
process.exit(failures.length === 0 ? 0 : 1);
