/**
 * Failures of the storage that are no fault of the request, each with the status the APIs answer and a text in both
 * languages: the database cannot be reached (503, try again), or the disk of the embedded database is full (507).
 */

export interface StorageTexts {
  readonly en: string;
  readonly ru: string;
}

/** Seconds a client is asked to wait (Retry-After) when the database cannot be reached. */
export const DATABASE_RETRY_SECONDS = 5;

export abstract class StorageProblem extends Error {
  abstract readonly statusCode: number;
  /** For Retry-After; undefined when waiting will not help by itself. */
  abstract readonly retryAfterSeconds: number | undefined;
  abstract readonly text: StorageTexts;
}

/**
 * The database cannot be reached now (PostgreSQL restarting, the connection cut, no connection allowed; the embedded
 * database being reopened): the APIs answer 503 with Retry-After, and the next request tries again.
 */
export class DatabaseUnavailableError extends StorageProblem {
  readonly statusCode = 503;
  readonly retryAfterSeconds = DATABASE_RETRY_SECONDS;
  readonly text: StorageTexts = {
    en: `The database cannot be reached at the moment; try again in ${DATABASE_RETRY_SECONDS} seconds.`,
    ru: `База данных сейчас недоступна; повторите запрос через ${DATABASE_RETRY_SECONDS} с.`,
  };
  constructor(cause: unknown) {
    super(`database unavailable: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** A size for people: MB with one decimal, or kB under one MB (a small write's need would show as "0.0 MB"). */
function size(bytes: number, units: { mb: string; kb: string }): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} ${units.mb}`
    : `${Math.ceil(bytes / 1024)} ${units.kb}`;
}
const EN = { mb: "MB", kb: "kB" };
const RU = { mb: "МБ", kb: "кБ" };

/**
 * The embedded database's folder has too little free space for a write: the write is refused before it starts (or
 * failed when the disk filled under it) and nothing of it is kept; reads go on. 507 Insufficient Storage.
 */
export class DiskFullError extends StorageProblem {
  readonly statusCode = 507;
  readonly retryAfterSeconds = undefined;
  readonly text: StorageTexts;
  constructor(
    readonly folder: string,
    readonly freeBytes: number,
    readonly neededBytes: number,
    cause?: unknown,
  ) {
    const [free, needed] = [size(freeBytes, EN), size(neededBytes, EN)];
    super(`disk full: the data folder ${folder} has ${free} free, a write needs ${needed}`, { cause });
    this.text = {
      en: `Not saved: the disk of the data folder ${folder} has ${free} free, and writing needs at least ${needed}. Nothing was changed; reading goes on. An administrator must free space on that disk.`,
      ru: `Не сохранено: на диске папки данных ${folder} свободно ${size(freeBytes, RU)}, а для записи нужно не меньше ${size(neededBytes, RU)}. Ничего не изменено; чтение продолжает работать. Администратору нужно освободить место на этом диске.`,
    };
  }
}

/**
 * SQLSTATEs and socket errors of a lost connection: class 08 (connection exception), 57P01–57P03 (administrator
 * command, crash, cannot connect now), and the node errors of a closed or refused socket.
 */
export function isConnectionLoss(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === "string") {
    if (code.startsWith("08") || /^57P0[123]$/.test(code)) return true;
    if (["ECONNREFUSED", "ECONNRESET", "ENOENT", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"].includes(code)) return true;
  }
  return typeof message === "string" && /^Connection terminated|connection timeout|not queryable/i.test(message);
}

/** PostgreSQL's disk_full (53100): "could not extend file", "could not write to file … No space left on device". */
export const isDiskFull = (error: unknown): boolean => (error as { code?: unknown } | undefined)?.code === "53100";
