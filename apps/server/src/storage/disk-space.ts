/**
 * Free space on the embedded database's disk, checked before each write. PostgreSQL cannot go on once its write-ahead
 * log fails to grow (PGlite then spins on every later query), so writes stop while the disk still has a reserve:
 * room for the log's next 16 MB segment, a checkpoint, and the next start.
 */

import { statfsSync } from "node:fs";
import { DiskFullError } from "./errors.ts";

export function freeBytesOf(folder: string): number {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
}

export interface DiskGuard {
  readonly folder: string;
  readonly reserveBytes: number;
  free(): number;
  /** Throws DiskFullError unless the disk can take a write of about `writeBytes` and keep the reserve. */
  check(writeBytes: number): void;
}

/**
 * `free` is the disk's free space (tests give a function of their own). A write needs the reserve plus three times
 * its size: the row's pages, its record in the write-ahead log, and the full-page images after a checkpoint.
 */
export function diskGuard(folder: string, reserveBytes: number, free = () => freeBytesOf(folder)): DiskGuard {
  return {
    folder,
    reserveBytes,
    free,
    check(writeBytes) {
      const needed = reserveBytes + 3 * writeBytes;
      const available = free();
      if (available < needed) throw new DiskFullError(folder, available, needed);
    },
  };
}
