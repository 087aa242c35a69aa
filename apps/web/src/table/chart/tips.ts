/**
 * Values on hover and on keyboard focus for a drawn chart. Every mark Plot gave a title (a dot, a bar) becomes one
 * stop of a roving focus: Tab enters the chart on its first mark, the arrow keys (Home, End) move between marks,
 * Tab leaves. The mark hovered or focused shows its title in a tip beside it, which is also a polite live region.
 */

/** The keys that move the focus, and by how much (`Infinity`: to an end). */
const MOVES: Readonly<Record<string, number>> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: Number.NEGATIVE_INFINITY,
  End: Number.POSITIVE_INFINITY,
};

/** The mark after `from` when `key` is pressed, among `count` marks; undefined when the key moves nothing. */
export function nextMark(from: number, key: string, count: number): number | undefined {
  const move = MOVES[key];
  if (move === undefined || count === 0) return undefined;
  if (move === Number.NEGATIVE_INFINITY) return 0;
  if (move === Number.POSITIVE_INFINITY) return count - 1;
  return Math.min(count - 1, Math.max(0, from + move));
}

/**
 * Makes the marks of `svg` (inside the tip's positioned parent) focusable and tipped; `hint` tells a keyboard user
 * how to move. Returns a function that removes the listeners.
 */
export function attachTips(svg: SVGSVGElement, tip: HTMLElement, hint: string): () => void {
  const marks: SVGElement[] = [];
  for (const title of svg.querySelectorAll("title")) {
    const mark = title.parentElement as SVGElement | null;
    if (!mark || mark === (svg as Element)) continue;
    // Our tip replaces the browser's own, which shows late, only on hover, and beside the pointer.
    mark.dataset.tip = title.textContent ?? "";
    mark.setAttribute("role", "img");
    mark.setAttribute("aria-label", (title.textContent ?? "").replace(/\n/g, ", "));
    mark.setAttribute("tabindex", marks.length === 0 ? "0" : "-1");
    title.remove();
    marks.push(mark);
  }
  if (marks.length === 0) return () => undefined;
  marks[0]?.setAttribute("aria-description", hint);
  const stage = tip.parentElement as HTMLElement;
  let active: SVGElement | undefined;

  const show = (mark: SVGElement) => {
    active?.classList.remove("is-active");
    active = mark;
    mark.classList.add("is-active");
    tip.textContent = mark.dataset.tip ?? "";
    tip.hidden = false;
    const box = mark.getBoundingClientRect();
    const area = stage.getBoundingClientRect();
    const width = tip.offsetWidth;
    const centre = box.left + box.width / 2 - area.left;
    tip.style.left = `${Math.round(Math.min(Math.max(0, centre - width / 2), Math.max(0, area.width - width)))}px`;
    const above = box.top - area.top - tip.offsetHeight - 8;
    tip.style.top = `${Math.round(above >= 0 ? above : box.bottom - area.top + 8)}px`;
  };
  const hide = () => {
    active?.classList.remove("is-active");
    active = undefined;
    tip.hidden = true;
  };
  const markOf = (target: EventTarget | null) =>
    target instanceof Element ? marks.find((m) => m === target.closest("[data-tip]")) : undefined;

  const onPointer = (event: Event) => {
    const mark = markOf(event.target);
    if (mark) show(mark);
  };
  const onLeave = () => {
    if (!svg.contains(document.activeElement)) hide();
  };
  const onFocus = (event: FocusEvent) => {
    const mark = markOf(event.target);
    if (!mark) return;
    for (const m of marks) m.setAttribute("tabindex", m === mark ? "0" : "-1");
    show(mark);
  };
  const onBlur = (event: FocusEvent) => {
    if (!markOf(event.relatedTarget)) hide();
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") return hide();
    const from = active ? marks.indexOf(active) : 0;
    const to = nextMark(from, event.key, marks.length);
    if (to === undefined) return;
    event.preventDefault();
    marks[to]?.focus();
  };
  svg.addEventListener("pointerover", onPointer);
  svg.addEventListener("pointerleave", onLeave);
  svg.addEventListener("focusin", onFocus);
  svg.addEventListener("focusout", onBlur);
  svg.addEventListener("keydown", onKey);
  return () => {
    svg.removeEventListener("pointerover", onPointer);
    svg.removeEventListener("pointerleave", onLeave);
    svg.removeEventListener("focusin", onFocus);
    svg.removeEventListener("focusout", onBlur);
    svg.removeEventListener("keydown", onKey);
    tip.hidden = true;
  };
}
