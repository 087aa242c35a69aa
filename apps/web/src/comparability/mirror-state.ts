/** The mirror page's state in its URL (?basis=&year=), so that any view can be bookmarked. Pure. */
import type { MirrorBasis } from "./mirror-api.ts";

export interface MirrorState {
  readonly basis: MirrorBasis;
  /** The matrix's year; none: the latest. */
  readonly year?: string;
}

export function parseMirrorState(search: string): MirrorState {
  const params = new URLSearchParams(search);
  const basis = params.get("basis") === "citizenship" ? "citizenship" : "residence";
  const year = params.get("year") ?? undefined;
  return year && /^\d{4}$/.test(year) ? { basis, year } : { basis };
}

export function formatMirrorState(state: MirrorState): string {
  const params = new URLSearchParams();
  if (state.basis !== "residence") params.set("basis", state.basis);
  if (state.year) params.set("year", state.year);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The colour class of an asymmetry index: five steps from the sender recording more to the receiver recording more. */
export function asymmetryClass(value: number | null): string {
  if (value === null) return "mirror__cell--none";
  if (value <= -0.5) return "mirror__cell--n2";
  if (value < -0.1) return "mirror__cell--n1";
  if (value <= 0.1) return "mirror__cell--zero";
  if (value < 0.5) return "mirror__cell--p1";
  return "mirror__cell--p2";
}
