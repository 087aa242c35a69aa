/**
 * The availability matrix: a row per country and table (grouped either way), a column per year, each cell
 * coloured by its state and showing its share as text, with the state and counts in its accessible name, linking
 * to the table page with that country and year. The colour is never the only sign: the share, the flag letters
 * and a symbol for missing cells are text, and the legend names each state.
 */
import { useTranslation } from "react-i18next";
import { formatCount } from "../lib/format.ts";
import type { Lang } from "../lib/i18n.ts";
import { Link } from "../lib/router.tsx";
import type { AvailabilityAnswer, Block, BlockState } from "./api.ts";
import { type Group, sharePercent, tableSelectionPath } from "./state.ts";

export const STATES: readonly BlockState[] = ["available", "partial", "flagged", "missing"];

const flagsOf = (b: Block) =>
  (b.counts.provisional ? "p" : "") + (b.counts.estimated ? "e" : "") + (b.counts.breaks ? "b" : "");

export function ShareText({ share }: { share: number }) {
  return <>{sharePercent(share)}%</>;
}

export function Legend() {
  const { t } = useTranslation();
  return (
    <ul className="avail-legend" aria-label={t("comparability.availability.legend")}>
      {STATES.map((s) => (
        <li key={s}>
          <span className={`avail-swatch avail--${s}`} aria-hidden="true">
            {s === "missing" ? "—" : s === "flagged" ? "p" : s === "partial" ? "50%" : "100%"}
          </span>{" "}
          <strong>{t(`comparability.state.${s}`)}</strong>: {t(`comparability.stateHint.${s}`)}
        </li>
      ))}
    </ul>
  );
}

function Cell({
  block,
  lang,
  country,
  tableNumber,
}: {
  block: Block;
  lang: Lang;
  country: string;
  tableNumber: string;
}) {
  const { t } = useTranslation();
  const flags = flagsOf(block);
  const share = sharePercent(block.share);
  const label = [
    t("comparability.availability.cellLabel", {
      country,
      table: tableNumber,
      year: block.year,
      state: t(`comparability.state.${block.state}`),
      share: `${share}%`,
      expected: formatCount(block.counts.expected, lang),
    }),
    flags ? t("comparability.availability.cellFlags", { flags }) : "",
    block.partners
      ? t("comparability.availability.partners", { count: block.partners, n: formatCount(block.partners, lang) })
      : "",
  ]
    .filter(Boolean)
    .join("; ");
  return (
    <td className={`avail avail--${block.state}`}>
      <Link href={tableSelectionPath(lang, block.table, block.reporter, block.year)} aria-label={label} title={label}>
        {block.state === "missing" ? "—" : `${share}%`}
        {flags && <span className="avail__flags">{flags}</span>}
      </Link>
    </td>
  );
}

export function AvailabilityMatrix({ data, lang, group }: { data: AvailabilityAnswer; lang: Lang; group: Group }) {
  const { t } = useTranslation();
  const blocks = new Map(data.blocks.map((b) => [`${b.reporter} ${b.table} ${b.year}`, b]));
  const name = new Map(data.reporters.map((r) => [r.code, r.name]));
  const tables = new Map(data.tables.map((x) => [x.id, x]));
  const outer = group === "country" ? data.reporters.map((r) => r.code) : data.tables.map((x) => x.id);
  const inner = group === "country" ? data.tables.map((x) => x.id) : data.reporters.map((r) => r.code);
  const labelOf = (code: string, kind: "country" | "table") =>
    kind === "country"
      ? (name.get(code) ?? code)
      : `${tables.get(code)?.number ?? code} ${tables.get(code)?.title ?? ""}`;
  const outerKind = group;
  const innerKind = group === "country" ? "table" : "country";
  if (data.years.length === 0 || outer.length === 0 || inner.length === 0) {
    return <p className="status">{t("comparability.availability.none")}</p>;
  }
  return (
    <div className="avail-scroll">
      <table className="avail-matrix">
        <caption>{t("comparability.availability.matrix")}</caption>
        <thead>
          <tr>
            <th scope="col">{t(`comparability.availability.${outerKind}`)}</th>
            <th scope="col">{t(`comparability.availability.${innerKind}`)}</th>
            {data.years.map((y) => (
              <th key={y} scope="col" className="avail-matrix__year">
                {y}
              </th>
            ))}
            <th scope="col">{t("comparability.availability.overall")}</th>
          </tr>
        </thead>
        {outer.map((o) => (
          <tbody key={o}>
            {inner.map((i, k) => {
              const reporter = group === "country" ? o : i;
              const table = group === "country" ? i : o;
              const row = data.years.flatMap((y) => blocks.get(`${reporter} ${table} ${y}`) ?? []);
              const expected = row.reduce((n, b) => n + b.counts.expected, 0);
              const reported = row.reduce((n, b) => n + b.counts.values + b.counts.nil + b.counts.confidential, 0);
              return (
                <tr key={i}>
                  {k === 0 && (
                    <th scope="rowgroup" rowSpan={inner.length} className="avail-matrix__outer">
                      {labelOf(o, outerKind)}
                    </th>
                  )}
                  <th scope="row" className="avail-matrix__inner">
                    {innerKind === "table" ? (
                      <abbr title={tables.get(i)?.title}>{tables.get(i)?.number ?? i}</abbr>
                    ) : (
                      labelOf(i, "country")
                    )}
                  </th>
                  {row.map((b) => (
                    <Cell
                      key={b.year}
                      block={b}
                      lang={lang}
                      country={name.get(reporter) ?? reporter}
                      tableNumber={tables.get(table)?.number ?? table}
                    />
                  ))}
                  <td className="avail-matrix__overall">
                    <ShareText share={expected ? reported / expected : 0} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
