/** Saving a drawn chart or map as SVG or PNG, framed with its title and legend (see figure.ts). */
import { type FrameParts, frameSvg } from "./figure.ts";

/** The framed figure as SVG markup, sized as drawn on the page. */
export function figureSvg(drawing: SVGSVGElement, parts: FrameParts): { svg: string; width: number; height: number } {
  const box = drawing.getBoundingClientRect();
  const width = Math.round(box.width) || Number(drawing.getAttribute("width")) || 640;
  const height = Math.round(box.height) || Number(drawing.getAttribute("height")) || 400;
  const copy = drawing.cloneNode(true) as SVGSVGElement;
  // The page sizes the drawing with CSS; a file needs the size written on the element.
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  return frameSvg(new XMLSerializer().serializeToString(copy), width, height, parts);
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function saveSvg(svg: string, name: string): void {
  save(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }), name);
}

/** PNG at `scale` times the drawn size, so that it stays sharp in a document or on a high-density screen. */
export async function savePng(svg: string, width: number, height: number, name: string, scale = 2): Promise<void> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    if (!context) throw new Error("no 2D canvas");
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("the canvas gave no PNG");
    save(blob, name);
  } finally {
    URL.revokeObjectURL(url);
  }
}
