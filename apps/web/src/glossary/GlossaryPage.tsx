/** The glossary of migration statistics. */
import type { Lang } from "../lib/i18n.ts";

export function GlossaryPage(_: { lang: Lang; search: string }) {
  return <section className="page" />;
}
