/**
 * How the server writes its log: JSON lines (one object per event, every request included) for a log collector in
 * production, or a few readable lines on a terminal — what the start-up is doing, the URL to open, then only
 * warnings and errors. LOG_FORMAT chooses; `auto` reads the situation. Pure but for the stream, which writes.
 */

import type { Writable } from "node:stream";

export type LogFormat = "text" | "json";
export type LogFormatSetting = LogFormat | "auto";

/** `auto`: readable on a terminal, JSON when the output goes elsewhere (a file, journald) or NODE_ENV=production. */
export function chooseLogFormat(setting: LogFormatSetting, terminal: boolean, nodeEnv: string | undefined): LogFormat {
  if (setting !== "auto") return setting;
  return terminal && nodeEnv !== "production" ? "text" : "json";
}

/** The address to open in a browser: a server listening on every interface is reached on this machine's loopback. */
export function openUrl(host: string, port: number): string {
  const local = host === "0.0.0.0" || host === "::" || host === "" ? "127.0.0.1" : host;
  return `http://${local.includes(":") ? `[${local}]` : local}:${port}/`;
}

const LEVELS: Readonly<Record<number, string>> = {
  10: "trace",
  20: "debug",
  30: "info",
  40: "warning",
  50: "error",
  60: "fatal",
};

/**
 * One pino JSON line as a line for a person: the time of day, the level when it is not info, the message, and an
 * error's stack. A line that is not JSON is passed through as it is.
 */
export function readableLine(json: string): string {
  let event: { level?: number; time?: number; msg?: unknown; err?: { stack?: string; message?: string } };
  try {
    event = JSON.parse(json);
  } catch {
    return json.endsWith("\n") ? json : `${json}\n`;
  }
  const time = new Date(event.time ?? Date.now()).toTimeString().slice(0, 8);
  const level = LEVELS[event.level ?? 30] ?? String(event.level);
  const message = typeof event.msg === "string" ? event.msg : JSON.stringify(event.msg ?? "");
  const stack = event.err?.stack && !message.includes(event.err.stack) ? `\n${event.err.stack}` : "";
  return `${time} ${level === "info" ? "" : `${level}: `}${message}${stack}\n`;
}

/**
 * The options of Fastify's logger for a format: JSON with every request, or warnings and errors readably (requests
 * are logged at info, so they stay quiet).
 */
export function loggerOptions(format: LogFormat, out: Writable = process.stdout) {
  if (format === "json") return { logger: true } as const;
  return { logger: { level: "warn", stream: { write: (line: string) => out.write(readableLine(line)) } } } as const;
}
