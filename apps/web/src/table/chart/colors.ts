/** The colours of the charts, one place for the chart data (which colour a series gets) and the drawings. */

/** Distinct colours for up to MAX_SERIES series (Tableau 10 and two more). */
export const PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#e15759",
  "#76b7b2",
  "#59a14f",
  "#edc948",
  "#b07aa1",
  "#ff9da7",
  "#9c755f",
  "#bab0ac",
  "#1f3b73",
  "#8cd17d",
] as const;
export const MEN_COLOR = "#4e79a7";
export const WOMEN_COLOR = "#e8743b";
