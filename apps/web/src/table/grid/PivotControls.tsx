/**
 * The pivot controls: the variables in the Rows and Columns zones, outermost first. A variable moves by drag and
 * drop, or by its buttons (earlier, later, to the other zone), which keep the keyboard focus on it and say where
 * it went; every variable stays in exactly one zone.
 */
import { type Dimension, textIn } from "@clearinghouse/cube/browser";
import { type DragEvent, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "../../lib/i18n.ts";
import {
  dropVariable,
  type Layout,
  placeOf,
  shiftVariable,
  slotIn,
  switchZone,
  transpose,
  type Zone,
} from "./layout.ts";

const ZONES: readonly Zone[] = ["rows", "columns"];
const EMPTY_LAYOUT: Layout = { rows: [], columns: [] };
const WIDE_SCREEN = "(min-width: 48rem)";

type Action = "earlier" | "later" | "zone";

interface Props {
  readonly lang: Lang;
  readonly dimensions: readonly Dimension[];
  readonly layout: Layout;
  readonly onLayout: (layout: Layout) => void;
}

export function PivotControls({ lang, dimensions, layout, onLayout }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const root = useRef<HTMLDetailsElement>(null);
  // Open where there is room; on a phone the table comes first, the controls one tap away.
  const [open, setOpen] = useState(() => typeof window === "undefined" || window.matchMedia(WIDE_SCREEN).matches);
  const [drag, setDrag] = useState<{ code: string; zone?: Zone; slot?: number }>();
  const [announcement, setAnnouncement] = useState("");
  // The button a reader pressed moves with its variable (or goes away at the end of a zone): focus follows it.
  const refocus = useRef<{ code: string; action: Action; layout: string }>(undefined);
  const layoutKey = JSON.stringify(layout);

  useEffect(() => {
    const want = refocus.current;
    if (!want || want.layout !== layoutKey || !root.current) return;
    refocus.current = undefined;
    const chip = root.current.querySelector(`[data-code="${CSS.escape(want.code)}"]`);
    const buttons = chip ? Array.from(chip.querySelectorAll("button")) : [];
    const target =
      buttons.find((b) => b.dataset.action === want.action && !b.disabled) ?? buttons.find((b) => !b.disabled);
    target?.focus();
  }, [layoutKey]);

  const nameOf = (code: string) => textIn(dimensions.find((d) => d.code === code)?.label, lang) || code;

  const move = (next: Layout, code: string, action?: Action) => {
    if (action) refocus.current = { code, action, layout: JSON.stringify(next) };
    const place = placeOf(next, code);
    if (place) {
      setAnnouncement(
        t("grid.layout.moved", {
          name: nameOf(code),
          zone: t(`grid.layout.${place.zone}`),
          place: place.index + 1,
          count: next[place.zone].length,
        }),
      );
    }
    onLayout(next);
  };

  const dragOver = (zone: Zone) => (event: DragEvent<HTMLOListElement>) => {
    if (!drag) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    const chips = Array.from(event.currentTarget.querySelectorAll("[data-code]"), (el) => el.getBoundingClientRect());
    const slot = slotIn(chips, event.clientX, event.clientY);
    if (drag.zone !== zone || drag.slot !== slot) setDrag({ code: drag.code, zone, slot });
  };

  const drop = (zone: Zone) => (event: DragEvent<HTMLOListElement>) => {
    if (!drag) return;
    event.preventDefault();
    setDrag(undefined);
    if (drag.zone === zone && drag.slot !== undefined)
      move(dropVariable(layout, drag.code, zone, drag.slot), drag.code);
  };

  const names = (zone: Zone) => layout[zone].map(nameOf).join(", ") || "–";
  return (
    <details className="pivot-controls" ref={root} open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary className="pivot-controls__summary">
        <span className="pivot-controls__title">{t("grid.layout.label")}</span>{" "}
        <span className="pivot-controls__now">
          {t("grid.layout.now", { rows: names("rows"), columns: names("columns") })}
        </span>
      </summary>
      <div className="pivot-controls__top">
        <p className="pivot-controls__hint" id={`${id}-hint`}>
          {t("grid.layout.hint")}
        </p>
        <div className="pivot-controls__actions">
          <button
            type="button"
            onClick={() => {
              setAnnouncement(t("grid.layout.swapped"));
              onLayout(transpose(layout));
            }}
          >
            <span aria-hidden="true">⇅ </span>
            {t("grid.layout.swap")}
          </button>
          <button
            type="button"
            onClick={() => {
              setAnnouncement(t("grid.layout.restored"));
              onLayout(EMPTY_LAYOUT);
            }}
          >
            {t("grid.layout.reset")}
          </button>
        </div>
      </div>
      <div className="pivot-controls__zones">
        {ZONES.map((zone) => {
          const codes = layout[zone];
          const dropEnd = drag?.zone === zone && drag.slot === codes.length;
          return (
            <fieldset key={zone} className="pivot-zone" aria-describedby={`${id}-hint`}>
              <legend className="pivot-zone__name">{t(`grid.layout.${zone}`)}</legend>
              <ol
                className={dropEnd ? "pivot-zone__list pivot-zone__list--drop-end" : "pivot-zone__list"}
                onDragOver={dragOver(zone)}
                onDrop={drop(zone)}
              >
                {codes.map((code, index) => {
                  const name = nameOf(code);
                  const dropBefore = drag?.zone === zone && drag.slot === index && drag.code !== code;
                  const shift = (step: -1 | 1, action: Action) => move(shiftVariable(layout, code, step), code, action);
                  return (
                    <li
                      key={code}
                      data-code={code}
                      className={[
                        "pivot-chip",
                        drag?.code === code ? "pivot-chip--dragged" : "",
                        dropBefore ? "pivot-chip--drop-before" : "",
                      ].join(" ")}
                      draggable
                      title={t("grid.layout.drag")}
                      onDragStart={(event) => {
                        event.dataTransfer.setData("text/plain", code);
                        event.dataTransfer.effectAllowed = "move";
                        setDrag({ code });
                      }}
                      onDragEnd={() => setDrag(undefined)}
                    >
                      <span className="pivot-chip__grip" aria-hidden="true">
                        ⠿
                      </span>
                      <span className="pivot-chip__name">{name}</span>
                      <button
                        type="button"
                        data-action="earlier"
                        aria-label={t("grid.layout.earlier", { name })}
                        title={t("grid.layout.earlier", { name })}
                        disabled={index === 0}
                        onClick={() => shift(-1, "earlier")}
                      >
                        <span aria-hidden="true">←</span>
                      </button>
                      <button
                        type="button"
                        data-action="later"
                        aria-label={t("grid.layout.later", { name })}
                        title={t("grid.layout.later", { name })}
                        disabled={index === codes.length - 1}
                        onClick={() => shift(1, "later")}
                      >
                        <span aria-hidden="true">→</span>
                      </button>
                      <button
                        type="button"
                        data-action="zone"
                        aria-label={t(zone === "rows" ? "grid.layout.toColumns" : "grid.layout.toRows", { name })}
                        title={t(zone === "rows" ? "grid.layout.toColumns" : "grid.layout.toRows", { name })}
                        onClick={() => move(switchZone(layout, code), code, "zone")}
                      >
                        <span aria-hidden="true">⇄</span>
                      </button>
                    </li>
                  );
                })}
                {codes.length === 0 && (
                  <li className="pivot-zone__empty">
                    {t(zone === "rows" ? "grid.layout.emptyRows" : "grid.layout.emptyColumns")}
                  </li>
                )}
              </ol>
            </fieldset>
          );
        })}
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </details>
  );
}
