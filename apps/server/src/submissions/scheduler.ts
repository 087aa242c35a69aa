/**
 * The embargo's end: every server process looks for approved submissions whose release time has passed, every
 * RELEASE_CHECK_SECONDS, and releases them (workflow.ts `releaseDue`: `for update skip locked`, so with several
 * processes each submission is released by one of them, once). A failed run is logged and tried again at the next
 * tick; `stop()` waits for a run under way, so the database is not closed under it.
 */

import type { Kysely } from "kysely";
import type { Database } from "../storage/schema.ts";
import { type ReleaseOutcome, releaseDue, type WorkflowOptions } from "./workflow.ts";

export interface ReleaseScheduler {
  /** Runs a check now (after the one under way, if any). */
  check(): Promise<ReleaseOutcome[]>;
  /** No more checks; resolves when the one under way has finished. */
  stop(): Promise<void>;
}

export function startReleaseScheduler(
  db: Kysely<Database>,
  options: WorkflowOptions & {
    readonly intervalMs: number;
    readonly log: (error: unknown) => void;
    readonly onStart?: (submissionId: number) => void;
    readonly onRelease?: (outcome: ReleaseOutcome) => void;
    readonly now?: () => Date;
  },
): ReleaseScheduler {
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<ReleaseOutcome[]> = Promise.resolve([]);
  const run = () => {
    running = running.then(async () => {
      if (stopped) return [];
      try {
        const released = await releaseDue(db, { ...options, now });
        for (const outcome of released) options.onRelease?.(outcome);
        return released;
      } catch (error) {
        options.log(error);
        return [];
      }
    });
    return running;
  };
  const timer = setInterval(run, options.intervalMs);
  timer.unref();
  // At start-up too: a submission whose embargo ended while every process was down is not kept waiting a tick.
  void run();
  return {
    check: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
