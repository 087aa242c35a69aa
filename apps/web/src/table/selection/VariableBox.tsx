/**
 * One variable's box: its values as native checkboxes, with a search over labels and codes, "select all/none" of
 * what the search finds, the variable's value sets (country groups) and, for time, a from–to range and the latest
 * periods, kept rolling (`top(n)`, periods.ts) so that a bookmark moves on with new releases. A long list can be
 * shown in the order of its labels in the page's language (Азербайджан before Армения) instead of the table's.
 * The box closes to one line (on narrow screens it starts closed).
 */
import { type KeyboardEvent, memo, useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../../lib/format.ts";
import type { Lang } from "../../lib/i18n.ts";
import type { CodelistMeta, ValueMeta, VariableMeta } from "../meta.ts";
import { type PeriodRule, periodExpression } from "./periods.ts";
import {
  applyValueSet,
  byLabel,
  filterValues,
  searchIndex,
  selectedRange,
  selectionPreview,
  setValues,
  timeRange,
  toggleValue,
} from "./selection.ts";
import { valueSetCodes } from "./value-sets.ts";

/** Lists longer than this get a search field. */
const SEARCH_FROM = 12;
/** The "last N periods" button. */
const LAST_N = 5;
/** Selected labels a closed box names before "and N more". */
const PREVIEW = 3;
/** The page's one-column layout (styles.css), where boxes start closed to keep the figures in reach. */
const NARROW = "(max-width: 48rem)";

const isNarrow = () => typeof window !== "undefined" && window.matchMedia?.(NARROW).matches === true;

interface Props {
  readonly lang: Lang;
  readonly variable: VariableMeta;
  readonly selected: readonly string[];
  /** The rolling rule the selection follows (time only), undefined for a fixed list. */
  readonly rule?: PeriodRule | undefined;
  readonly showCodes: boolean;
  /** New codes, or one rolling expression (`top(n)`) for a time variable. */
  readonly onChange: (codes: string[]) => void;
}

export function VariableBox({ lang, variable, selected, rule, showCodes, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const { values } = variable;
  const required = !variable.elimination;
  const [open, setOpen] = useState(() => !isNarrow() || (required && selected.length === 0));
  const [query, setQuery] = useState("");
  const [sorted, setSorted] = useState(false);
  // Typing stays responsive: the list follows the query at lower priority.
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => searchIndex(values), [values]);
  const found = useMemo(() => filterValues(values, index, deferredQuery), [values, index, deferredQuery]);
  const shown = useMemo(() => (sorted ? byLabel(found, lang) : found), [found, sorted, lang]);
  const sortable = variable.role !== "time" && values.length > SEARCH_FROM;
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  const toggle = useCallback(
    (code: string) => onChange(toggleValue(values, selected, code)),
    [values, selected, onChange],
  );
  const searching = deferredQuery.trim() !== "";
  const shownCodes = () => shown.map((v) => v.code);
  const bodyId = `${id}-body`;

  return (
    <fieldset className={`var-box${open ? " var-box--open" : ""}`}>
      <legend className="var-box__legend">
        <h3 className="var-box__title">
          <button
            type="button"
            className="var-box__toggle"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen(!open)}
          >
            <span className="var-box__label">{variable.label}</span>
            {required && <span className="var-box__required">{t("selection.required")}</span>}
          </button>
        </h3>
      </legend>
      <p className="var-box__count">
        {t("selection.count", {
          count: selected.length,
          selected: formatNumber(selected.length, lang),
          total: formatNumber(values.length, lang),
        })}
      </p>
      <EliminationHint variable={variable} selected={selected} />
      {!open && selected.length > 0 && <Preview variable={variable} selected={selected} />}
      <div id={bodyId} className="var-box__body" hidden={!open}>
        {variable.role === "time" && (
          <PeriodPicker variable={variable} selected={selected} rule={rule} onChange={onChange} />
        )}
        <ValueSetButtons lang={lang} variable={variable} onChange={onChange} />
        {values.length > SEARCH_FROM && (
          <div className="var-box__search">
            <input
              type="search"
              value={query}
              onChange={(event) => setQuery(event.currentTarget.value)}
              aria-label={t("selection.search", { variable: variable.label })}
              aria-describedby={`${id}-matches`}
              placeholder={t("selection.searchPlaceholder")}
              autoComplete="off"
              spellCheck={false}
            />
            <p id={`${id}-matches`} className="var-box__matches" aria-live="polite">
              {searching &&
                (shown.length
                  ? t("selection.matches", { count: shown.length })
                  : t("selection.noMatches", { query: deferredQuery.trim() }))}
            </p>
          </div>
        )}
        <div className="var-box__actions">
          <button
            type="button"
            disabled={shown.length === 0}
            onClick={() => onChange(setValues(values, selected, shownCodes(), true))}
          >
            {t(searching ? "selection.selectAllFound" : "selection.selectAll")}
          </button>
          <button
            type="button"
            disabled={shown.length === 0}
            onClick={() => onChange(setValues(values, selected, shownCodes(), false))}
          >
            {t(searching ? "selection.selectNoneFound" : "selection.selectNone")}
          </button>
          {sortable && (
            <button type="button" aria-pressed={sorted} onClick={() => setSorted(!sorted)}>
              {t("selection.byLabel")}
            </button>
          )}
        </div>
        {shown.length > 0 && (
          <fieldset className="var-box__values">
            <legend className="visually-hidden">{t("selection.values", { variable: variable.label })}</legend>
            {/* Arrow keys move between the checkboxes, so a long list need not be crossed with Tab. */}
            <ul className="var-box__list" onKeyDown={moveFocus}>
              {shown.map((value) => (
                <ValueRow
                  key={value.code}
                  value={value}
                  checked={selectedSet.has(value.code)}
                  showCode={showCodes}
                  noteLabel={t("selection.note")}
                  onToggle={toggle}
                />
              ))}
            </ul>
          </fieldset>
        )}
      </div>
    </fieldset>
  );
}

interface RowProps {
  readonly value: ValueMeta;
  readonly checked: boolean;
  readonly showCode: boolean;
  readonly noteLabel: string;
  readonly onToggle: (code: string) => void;
}

/** One value; memoised so that typing in the search redraws only the rows that appear or go. */
const ValueRow = memo(function ValueRow({ value, checked, showCode, noteLabel, onToggle }: RowProps) {
  return (
    <li>
      <label className="var-box__value">
        <input type="checkbox" checked={checked} onChange={() => onToggle(value.code)} />
        <span className="var-box__value-label">{value.label}</span>
        {showCode && value.code !== value.label && <span className="var-box__code">{value.code}</span>}
        {value.notes.length > 0 && (
          <span className="var-box__note" title={value.notes.map((n) => n.text).join("\n")}>
            <span aria-hidden="true">*</span>
            <span className="visually-hidden">{noteLabel}</span>
          </span>
        )}
      </label>
    </li>
  );
});

function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const step = { ArrowDown: 1, ArrowUp: -1, Home: -Infinity, End: Infinity }[event.key];
  if (step === undefined) return;
  const boxes = [...event.currentTarget.querySelectorAll<HTMLInputElement>("input[type=checkbox]")];
  const at = boxes.indexOf(event.target as HTMLInputElement);
  if (at < 0) return;
  const next = boxes[Math.min(boxes.length - 1, Math.max(0, at + step))];
  event.preventDefault();
  next?.focus();
}

/** What the table shows for a variable with nothing selected: a hint, or a warning if it must be selected. */
function EliminationHint({ variable, selected }: { variable: VariableMeta; selected: readonly string[] }) {
  const { t } = useTranslation();
  if (selected.length > 0) return null;
  if (!variable.elimination) return <p className="var-box__hint var-box__hint--alert">{t("selection.requiredHint")}</p>;
  const total = variable.values.find((v) => v.code === variable.eliminationValueCode);
  return (
    <p className="var-box__hint">
      {total ? t("selection.eliminatedTotal", { value: total.label }) : t("selection.eliminatedSum")}
    </p>
  );
}

function Preview({ variable, selected }: { variable: VariableMeta; selected: readonly string[] }) {
  const { t } = useTranslation();
  const { labels, more } = selectionPreview(variable.values, selected, PREVIEW);
  return (
    <p className="var-box__preview">
      {labels.join(", ")}
      {more > 0 && ` ${t("selection.more", { count: more })}`}
    </p>
  );
}

interface PickerProps {
  readonly variable: VariableMeta;
  readonly selected: readonly string[];
  readonly rule: PeriodRule | undefined;
  readonly onChange: (codes: string[]) => void;
}

/** A time variable's range (from … to, in table order) and its latest periods, which roll on with new releases. */
function PeriodPicker({ variable, selected, rule, onChange }: PickerProps) {
  const { t } = useTranslation();
  const { values } = variable;
  const first = values[0]?.code;
  const last = values.at(-1)?.code;
  if (first === undefined || last === undefined) return null;
  const range = selectedRange(values, selected) ?? { from: first, to: last };
  const options = values.map((v) => (
    <option key={v.code} value={v.code}>
      {v.label}
    </option>
  ));
  return (
    <div className="var-box__period">
      <fieldset className="var-box__range">
        <legend className="visually-hidden">{t("selection.period")}</legend>
        <label>
          {t("selection.from")}
          <select value={range.from} onChange={(e) => onChange(timeRange(values, e.currentTarget.value, range.to))}>
            {options}
          </select>
        </label>
        <label>
          {t("selection.to")}
          <select value={range.to} onChange={(e) => onChange(timeRange(values, range.from, e.currentTarget.value))}>
            {options}
          </select>
        </label>
      </fieldset>
      <div className="var-box__actions">
        <button
          type="button"
          aria-pressed={rule?.kind === "top" && rule.n === 1}
          onClick={() => onChange([periodExpression({ kind: "top", n: 1 })])}
        >
          {t("selection.latest")}
        </button>
        {values.length > LAST_N && (
          <button
            type="button"
            aria-pressed={rule?.kind === "top" && rule.n === LAST_N}
            onClick={() => onChange([periodExpression({ kind: "top", n: LAST_N })])}
          >
            {t("selection.lastN", { count: LAST_N })}
          </button>
        )}
      </div>
      {rule && (
        <p className="var-box__hint">
          {rule.kind === "top"
            ? t("selection.rollingTop", { count: rule.n })
            : t("selection.rollingFrom", {
                from: values.find((v) => v.code === rule.from)?.label ?? rule.from,
              })}
        </p>
      )}
    </div>
  );
}

interface SetProps {
  readonly lang: Lang;
  readonly variable: VariableMeta;
  readonly onChange: (codes: string[]) => void;
}

/** The variable's value sets (groupings are not offered: the page selects values, it does not sum them). */
function ValueSetButtons({ lang, variable, onChange }: SetProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<string>();
  const sets = variable.codelists.filter((c) => c.type === "Valueset");
  if (sets.length === 0) return null;
  const choose = async (set: CodelistMeta) => {
    if (busy !== undefined) return; // not `disabled`, which would drop the keyboard focus
    setBusy(set.id);
    setMessage(undefined);
    try {
      const codes = applyValueSet(variable.values, await valueSetCodes(set.id, lang));
      if (codes.length > 0) onChange(codes);
      else setMessage(t("selection.groupEmpty", { group: set.label }));
    } catch (error) {
      setMessage(
        t("selection.groupFailed", {
          group: set.label,
          message: error instanceof Error ? error.message : String(error),
        }),
      );
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <>
      <fieldset className="var-box__groups">
        <legend className="var-box__groups-label">{t("selection.groups")}</legend>
        {sets.map((set) => (
          <button key={set.id} type="button" aria-busy={busy === set.id} onClick={() => void choose(set)}>
            {set.label}
          </button>
        ))}
      </fieldset>
      {message && (
        <p className="var-box__hint var-box__hint--alert" role="alert">
          {message}
        </p>
      )}
    </>
  );
}
