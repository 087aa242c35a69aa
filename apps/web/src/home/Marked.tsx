/** A text with the words a search matched marked (React elements: the text is never parsed as HTML). */
import { Fragment } from "react";
import { highlight } from "./query.ts";

export function Marked({ text, query }: { text: string; query: string }) {
  return highlight(text, query).map((part, i) =>
    // The parts of a text only change with the text, so positions are stable keys.
    // biome-ignore lint/suspicious/noArrayIndexKey: see above
    part.mark ? <mark key={i}>{part.text}</mark> : <Fragment key={i}>{part.text}</Fragment>,
  );
}
