/**
 * The text of a search box that lives in the page's URL (`?q=`): what the reader types is written into the URL
 * (replacing the history entry) once they pause, so a search can be bookmarked and Back returns to it; a URL
 * changed from outside (Back, Forward, a link) puts its term back into the box.
 */

import { navigate } from "../lib/router.tsx";
import { useDebouncedText } from "../lib/use-debounced-text.ts";
import { withQuery } from "./query.ts";

export function useSearchText(path: string, urlQuery: string) {
  return useDebouncedText(urlQuery, (q) => navigate(withQuery(path, q), { replace: true }));
}
