/**
 * A text box whose value is committed after the reader pauses (or at once with Enter), and follows its source
 * when that changes from outside (Back, a link): the search boxes, whose value lives in the URL.
 */
import { useCallback, useEffect, useRef, useState } from "react";

/** How long the reader pauses before a search runs, in milliseconds. */
export const SEARCH_DELAY_MS = 250;

export function useDebouncedText(source: string, commit: (value: string) => void) {
  const [text, setText] = useState(source);
  const written = useRef(source);
  const latestCommit = useRef(commit);
  latestCommit.current = commit;

  useEffect(() => {
    if (source === written.current) return;
    written.current = source;
    setText(source);
  }, [source]);

  const flush = useCallback((value: string) => {
    const trimmed = value.trim();
    if (trimmed === written.current) return;
    written.current = trimmed;
    latestCommit.current(trimmed);
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => flush(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, flush]);

  const now = useCallback(
    (value: string) => {
      setText(value);
      flush(value);
    },
    [flush],
  );
  return { text, setText, now };
}
