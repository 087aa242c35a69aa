/**
 * A local production set-up for checks and benchmarks: several server processes on PostgreSQL behind Debian's
 * nginx, run with deploy/nginx.conf (its ports replaced) in a temporary prefix, never the system's configuration.
 * Used by deploy/check.ts and bench/load.ts.
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ROOT = new URL("..", import.meta.url).pathname;

export interface ClusterOptions {
  /** nginx listens here; the processes on the ports after it. */
  readonly port: number;
  readonly processes: number;
  readonly databaseUrl: string;
  /** More environment for the servers (MAX_CALLS …). */
  readonly env?: Readonly<Record<string, string>>;
  readonly log?: (line: string) => void;
}

export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

export interface Cluster {
  /** nginx's address. */
  readonly url: string;
  readonly servers: ServerProcess[];
  readonly dir: string;
  /** SIGTERM to one process; resolves with its exit code once it has drained. */
  stopServer(server: ServerProcess): Promise<number | null>;
  /** Starts a stopped process again on its port (no seeding); resolves once its /readyz says ready. */
  restartServer(server: ServerProcess): Promise<void>;
  stop(): Promise<void>;
}

/** The site configuration of the repository with our ports, inside a main configuration of our own. */
export function nginxConfig(dir: string, port: number, upstreams: readonly number[]): string {
  const site = readFileSync(join(ROOT, "deploy/nginx.conf"), "utf8")
    .replace(/^\s*server 127\.0\.0\.1:\d+.*\n/gm, "")
    .replace(
      /least_conn;\n/,
      `least_conn;\n${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;\n`).join("")}`,
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  return `worker_processes 2;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    # Which process answered (for the checks; the site configuration itself does not say).
    add_header X-Upstream $upstream_addr always;
    client_body_temp_path ${dir}/body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
${site}
}
`;
}

async function waitReady(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(250);
  }
  throw new Error(`${url}/readyz did not answer within ${timeoutMs / 1000} s`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? (() => {});
  const dir = mkdtempSync(join(tmpdir(), "clearinghouse-cluster-"));
  const servers: ServerProcess[] = [];
  let nginx: ChildProcess | undefined;
  const startServer = async (port: number, first: boolean): Promise<ServerProcess> => {
    const out = openSync(join(dir, `server-${port}.log`), "a");
    const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/main.ts"], {
      cwd: ROOT,
      stdio: ["ignore", out, out],
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOST: "127.0.0.1",
        TRUST_PROXY: "true",
        LINK_CHECK: "off",
        ...options.env,
        // Only the first process seeds a new database; the others start on it when it is ready.
        ...(first ? {} : { SEED: "none" }),
      },
    });
    const server = { port, url: `http://127.0.0.1:${port}`, child, exited: exitOf(child) };
    await waitReady(server.url, child, 240_000);
    log(`server ${port} ready (pid ${child.pid})`);
    return server;
  };
  const stop = async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill("SIGTERM");
    if (nginx && nginx.exitCode === null) nginx.kill("SIGQUIT");
    await Promise.all([...servers.map((s) => s.exited), nginx ? exitOf(nginx) : undefined]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const ports = Array.from({ length: options.processes }, (_, k) => options.port + 1 + k);
    for (const [k, port] of ports.entries()) servers.push(await startServer(port, k === 0));
    for (const sub of ["body", "proxy", "fastcgi", "uwsgi", "scgi"]) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, "nginx.conf"), nginxConfig(dir, options.port, ports));
    nginx = spawn(
      "nginx",
      ["-p", dir, "-c", join(dir, "nginx.conf"), "-e", join(dir, "nginx-error.log"), "-g", "daemon off;"],
      {
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const url = `http://127.0.0.1:${options.port}`;
    await waitReady(url, nginx, 10_000);
    log(`nginx on ${url} (pid ${nginx.pid}), config in ${dir}`);
    return {
      url,
      servers,
      dir,
      stopServer: async (server) => {
        server.child.kill("SIGTERM");
        return server.exited;
      },
      restartServer: async (server) => {
        const again = await startServer(server.port, false);
        server.child = again.child;
        server.exited = again.exited;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
