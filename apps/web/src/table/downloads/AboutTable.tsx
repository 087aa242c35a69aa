/** Footnotes and metadata of a table: notes, source, definitions, country notes, last update. */
import type { Lang } from "../../lib/i18n.ts";
import type { TableMeta } from "../meta.ts";

export interface AboutTableProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  /** The reporting countries selected, whose country notes matter most. */
  readonly reporters: readonly string[];
}

export function AboutTable(_: AboutTableProps) {
  return null;
}
