/** Dimensions of generated benchmark tables: categories coded PREFIX0, PREFIX1, … with en/ru labels. */
import type { Dimension } from "../packages/cube/src/index.ts";

export function generatedDimension(
  code: string,
  size: number,
  role: Dimension["role"] = "other",
  prefix = code.slice(0, 3).toUpperCase(),
): Dimension {
  return {
    code,
    label: { en: code, ru: `${code} (ru)` },
    role,
    categories: Array.from({ length: size }, (_, i) => ({
      code: `${prefix}${i}`,
      label: { en: `${code} ${i}`, ru: `${code} ${i} (ru)` },
    })),
    ...(role === "time" ? { timeUnit: "A1" as const } : {}),
  };
}
