/** One box per variable: the values to show. */
import type { Lang } from "../../lib/i18n.ts";
import type { TableMeta } from "../meta.ts";
import type { Selection } from "./selection.ts";

export interface SelectionPanelProps {
  readonly lang: Lang;
  readonly meta: TableMeta;
  readonly selection: Selection;
  /** Cells the selection makes, and the most one request may return. */
  readonly cells: number;
  readonly limit: number;
  readonly showCodes: boolean;
  readonly onChange: (next: Selection) => void;
}

export function SelectionPanel({ meta, selection, onChange }: SelectionPanelProps) {
  return (
    <aside className="selection">
      {meta.variables.map((variable) => (
        <fieldset key={variable.code}>
          <legend>{variable.label}</legend>
          <select
            multiple
            value={[...(selection[variable.code] ?? [])]}
            onChange={(event) =>
              onChange({
                ...selection,
                [variable.code]: [...event.currentTarget.selectedOptions].map((o) => o.value),
              })
            }
          >
            {variable.values.map((value) => (
              <option key={value.code} value={value.code}>
                {value.label}
              </option>
            ))}
          </select>
        </fieldset>
      ))}
    </aside>
  );
}
