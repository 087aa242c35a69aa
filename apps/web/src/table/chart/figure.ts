/**
 * A chart or map as a file: the drawing framed with its title, what holds for the whole figure, its legend and
 * notes, as one self-contained SVG (no stylesheet, no web font) that also renders to PNG. Pure: tested without a
 * browser.
 */

export type FigureView = "chart" | "map";

/** File name of a download: the table, the view and the language, e.g. T2_1_chart_ru.png. */
export function downloadName(tableId: string, view: FigureView, lang: string, extension: "svg" | "png"): string {
  const id = tableId.replace(/[^A-Za-z0-9_-]+/g, "_") || "table";
  return `${id}_${view}_${lang}.${extension}`;
}

/** Lines of at most `max` characters, broken between words (a longer word keeps its own line). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

export const escapeXml = (text: string): string => text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface LegendEntry {
  readonly label: string;
  /** Fill colour, or "hatch" for the pattern of areas without a figure. */
  readonly fill: string;
}

export interface FrameParts {
  readonly title: string;
  /** Smaller lines under the title (what holds for the whole figure). */
  readonly subtitle: readonly string[];
  readonly legend: readonly LegendEntry[];
  readonly notes: readonly string[];
}

export const FIGURE_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
const PAD = 12;
const TITLE_SIZE = 16;
const TEXT_SIZE = 12;
const LINE = 1.35;
/** Average glyph width as a share of the font size, generous for Cyrillic; text is not measured outside a browser. */
const GLYPH = 0.64;
const SWATCH = 12;
const HATCH_ID = "figure-hatch";
/** Coordinates to a tenth of a pixel, for a tidy file. */
const px = (v: number): number => Math.round(v * 10) / 10;

/**
 * The drawing (`inner`, an SVG element's markup of `drawingWidth` × `height`) framed with its title, legend and
 * notes, with a margin all round.
 */
export function frameSvg(
  inner: string,
  drawingWidth: number,
  height: number,
  parts: FrameParts,
): { svg: string; width: number; height: number } {
  const width = drawingWidth + 2 * PAD;
  const out: string[] = [];
  let y = PAD;
  const text = (content: string, size: number, weight = 400) => {
    const chars = Math.max(10, Math.floor((width - 2 * PAD) / (size * GLYPH)));
    for (const line of wrapText(content, chars)) {
      y += size * LINE;
      out.push(
        `<text x="${PAD}" y="${px(y - size * 0.3)}" font-size="${size}" font-weight="${weight}">${escapeXml(line)}</text>`,
      );
    }
  };
  text(parts.title, TITLE_SIZE, 600);
  for (const line of parts.subtitle) text(line, TEXT_SIZE);
  y += PAD / 2;
  out.push(`<g transform="translate(${PAD},${px(y)})">${inner}</g>`);
  y += height + PAD / 2;

  // Legend entries flow left to right and wrap, like the page's legend.
  let x = PAD;
  let rowTop = y;
  const rowHeight = TEXT_SIZE * LINE + 4;
  for (const entry of parts.legend) {
    const w = SWATCH + 6 + entry.label.length * TEXT_SIZE * GLYPH + 16;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      rowTop += rowHeight;
    }
    const fill = entry.fill === "hatch" ? `url(#${HATCH_ID})` : escapeXml(entry.fill);
    out.push(
      `<rect x="${px(x)}" y="${px(rowTop + 2)}" width="${SWATCH}" height="${SWATCH}" fill="${fill}" stroke="#8a94a3" stroke-width="0.5"/>`,
      `<text x="${px(x + SWATCH + 6)}" y="${px(rowTop + SWATCH)}" font-size="${TEXT_SIZE}">${escapeXml(entry.label)}</text>`,
    );
    x += w;
  }
  if (parts.legend.length > 0) y = rowTop + rowHeight;
  for (const note of parts.notes) text(note, TEXT_SIZE - 1);
  y += PAD;

  const total = Math.ceil(y);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}" font-family="${FIGURE_FONT}" fill="#1b2430">`,
    `<defs>${hatchPattern(HATCH_ID)}</defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    ...out,
    "</svg>",
  ].join("");
  return { svg, width, height: total };
}

/** Diagonal lines on grey: the areas that have no figure, on the map and in its legend. */
export function hatchPattern(id: string): string {
  return (
    `<pattern id="${id}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="${HATCH_BACKGROUND}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${HATCH_LINE}" stroke-width="2"/></pattern>`
  );
}
export const HATCH_BACKGROUND = "#eef0f3";
export const HATCH_LINE = "#9aa3ad";
