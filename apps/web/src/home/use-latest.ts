/**
 * The answer to the latest of a series of requests (a search as the reader types): a new key aborts the request
 * before it, and the previous answer stays until the new one arrives, so results do not flicker.
 */
import { useEffect, useState } from "react";

export interface Latest<T> {
  /** The key the answer is for. */
  readonly key: string;
  readonly value?: T;
  readonly error?: unknown;
  /** Whether the answer is for the current key. */
  readonly current: boolean;
}

export function useLatest<T>(key: string, load: ((signal: AbortSignal) => Promise<T>) | undefined): Latest<T> {
  const [answer, setAnswer] = useState<{ key: string; value?: T; error?: unknown }>({ key: "" });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` depends on
  useEffect(() => {
    if (!load) return;
    const controller = new AbortController();
    load(controller.signal).then(
      (value) => setAnswer({ key, value }),
      (error: unknown) => {
        if (!controller.signal.aborted) setAnswer({ key, error });
      },
    );
    return () => controller.abort();
  }, [key]);
  return { ...answer, current: answer.key === key };
}
