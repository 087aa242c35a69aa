/**
 * The selection: one box per variable (VariableBox.tsx) under a summary of the cells the selection makes against
 * the most one request may return, and of the variables that still need a value. A variable with one value that
 * must be selected (the contents variable of most tables) is a line of text above the boxes instead.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { TableMeta } from "../meta.ts";
import { periodRuleOf } from "./periods.ts";
import { isFixed, missingVariables, type Selection } from "./selection.ts";
import { VariableBox } from "./VariableBox.tsx";

export interface SelectionPanelProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  readonly selection: Selection;
  /** The selection as the URL keeps it (`requestedSelection`): rolling periods as their rule. */
  readonly requested: Selection;
  /** Cells the selection makes, and the most one request may return. */
  readonly cells: number;
  readonly limit: number;
  readonly showCodes: boolean;
  readonly onChange: (next: Selection) => void;
}

const NONE: readonly string[] = [];

export function SelectionPanel({
  lang,
  meta,
  selection,
  requested,
  cells,
  limit,
  showCodes,
  onChange,
}: SelectionPanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const missing = missingVariables(meta, selection);
  const tooMany = cells > limit;
  const labels = new Map(meta.variables.map((v) => [v.code, v.label]));
  // One-value variables that must be selected (a contents variable, say) are a line each, not a box.
  const fixed = meta.variables.filter(isFixed);
  return (
    <section className="selection" aria-labelledby={titleId}>
      <h2 id={titleId} className="selection__title">
        {t("selection.title")}
      </h2>
      <div
        role="status"
        className={`selection__summary${tooMany || missing.length ? " selection__summary--alert" : ""}`}
      >
        <p>
          {t(tooMany ? "selection.tooMany" : "selection.cells", {
            count: cells,
            cells: formatNumber(cells, lang),
            limit: formatNumber(limit, lang),
          })}
        </p>
        {missing.length > 0 && (
          <p>{t("selection.missing", { variables: missing.map((code) => labels.get(code) ?? code).join(", ") })}</p>
        )}
      </div>
      {fixed.length > 0 && (
        <dl className="selection__fixed">
          {fixed.map((variable) => (
            <div key={variable.code}>
              <dt>{variable.label}</dt>
              <dd>
                {variable.values[0]?.label}
                {showCodes && <code> {variable.values[0]?.code}</code>}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {meta.variables
        .filter((variable) => !isFixed(variable))
        .map((variable) => (
          <VariableBox
            key={variable.code}
            lang={lang}
            variable={variable}
            selected={selection[variable.code] ?? NONE}
            rule={variable.role === "time" ? periodRuleOf(requested[variable.code]) : undefined}
            showCodes={showCodes}
            onChange={(codes) => onChange({ ...requested, [variable.code]: codes })}
          />
        ))}
    </section>
  );
}
