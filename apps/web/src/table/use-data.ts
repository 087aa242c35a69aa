/**
 * The figures of a selection, fetched from the PxWeb API 2.0 as JSON-stat 2.0 and read into the cube model.
 * A change of selection waits a moment (a user ticking several boxes makes one request) and cancels the request
 * still running, so the view always shows the latest selection.
 */
import { type Dataset, fromJsonStat2 } from "@clearinghouse/cube/browser";
import { useEffect, useRef, useState } from "react";
import { api, type SelectionItem } from "../lib/api.ts";
import type { Lang } from "../lib/i18n.ts";

export type DataState =
  | { readonly state: "idle" }
  | { readonly state: "loading"; readonly previous: Dataset | undefined }
  | { readonly state: "done"; readonly dataset: Dataset }
  | { readonly state: "failed"; readonly error: unknown };

const SETTLE_MS = 150;

/** The cells of `items`, of a past version when `version` is given. */
export function useData(
  id: string,
  lang: Lang,
  items: readonly SelectionItem[] | undefined,
  version?: number,
): DataState {
  const [data, setData] = useState<DataState>({ state: "idle" });
  const key = items ? JSON.stringify(items) : "";
  // The first selection is fetched at once: only later changes (a reader ticking boxes) wait to settle.
  const fetched = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `items`
  useEffect(() => {
    if (!items) {
      setData({ state: "idle" });
      return;
    }
    const controller = new AbortController();
    setData((d) => ({ state: "loading", previous: d.state === "done" ? d.dataset : undefined }));
    const wait = fetched.current ? SETTLE_MS : 0;
    fetched.current = true;
    const timer = setTimeout(() => {
      api.data(id, lang, items, controller.signal, version).then(
        (json) => setData({ state: "done", dataset: fromJsonStat2(json, { lang }) }),
        (error: unknown) => {
          if (!controller.signal.aborted) setData({ state: "failed", error });
        },
      );
    }, wait);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [id, lang, key, version]);
  return data;
}
