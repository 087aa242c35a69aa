/**
 * The text of a search box that lives in the page's URL (`?q=`): what the reader types is written into the URL
 * (replacing the history entry) once they pause, so a search can be bookmarked and Back returns to it; a URL
 * changed from outside (Back, Forward, a link) puts its term back into the box.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { navigate } from "../lib/router.tsx";
import { withQuery } from "./query.ts";

/** How long the reader pauses before a search runs, in milliseconds. */
export const SEARCH_DELAY_MS = 250;

export function useSearchText(path: string, urlQuery: string) {
  const [text, setText] = useState(urlQuery);
  const written = useRef(urlQuery);

  useEffect(() => {
    if (urlQuery === written.current) return;
    written.current = urlQuery;
    setText(urlQuery);
  }, [urlQuery]);

  const commit = useCallback(
    (value: string) => {
      const q = value.trim();
      if (q === written.current) return;
      written.current = q;
      navigate(withQuery(path, q), { replace: true });
    },
    [path],
  );

  useEffect(() => {
    const timer = setTimeout(() => commit(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, commit]);

  /** Runs the search now (Enter) or clears it (Escape). */
  const now = useCallback(
    (value: string) => {
      setText(value);
      commit(value);
    },
    [commit],
  );

  return { text, setText, now };
}
