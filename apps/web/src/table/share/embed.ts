/**
 * The frame another site pastes to show a table or chart (PxStat's "embed"): the page /{lang}/embed/tables/{id} with
 * the same query string as the table page (selection, rolling periods, view, chart, layout, calculation), so it
 * shows what the reader sees, in the reader's language. Pure: tested without a browser.
 */
import type { Lang } from "../../lib/i18n.ts";
import { pathOf } from "../../lib/router.tsx";
import type { TableMeta } from "../meta.ts";
import { formatViewState, type ViewState } from "../state.ts";

const attribute = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll('"', "&quot;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

/** The address of the embedded view of a state, and the frame another site pastes. */
export function embedSnippet(origin: string, lang: Lang, meta: Pick<TableMeta, "id" | "label">, state: ViewState) {
  const src = `${origin}${pathOf({ page: "embed", lang, id: meta.id })}${formatViewState(state)}`;
  const frame = `<iframe src="${attribute(src)}" title="${attribute(meta.label)}" width="100%" height="520" style="border:0" loading="lazy"></iframe>`;
  return { src, frame };
}
