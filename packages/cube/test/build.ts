/** Small datasets built in code for tests. */
import { cellCount, type Dataset, type Dimension, Status } from "../src/index.ts";

export function dim(code: string, codes: readonly string[], extra: Partial<Dimension> = {}): Dimension {
  return {
    code,
    label: { en: code, ru: `${code} (ru)` },
    role: "other",
    categories: codes.map((c) => ({ code: c, label: { en: `${c} label`, ru: `${c} метка` } })),
    ...extra,
  };
}

/** A dataset whose cell i holds the value i (or a status where `statuses` says so). */
export function dataset(dimensions: readonly Dimension[], statuses: Record<number, number> = {}): Dataset {
  const n = cellCount(dimensions);
  const values = Float64Array.from({ length: n }, (_, i) => (statuses[i] ? Number.NaN : i));
  const status = Uint8Array.from({ length: n }, (_, i) => statuses[i] ?? Status.value);
  return {
    id: "TEST",
    languages: ["en", "ru"],
    title: { en: "Test table", ru: "Тестовая таблица" },
    decimals: 0,
    dimensions,
    values,
    status,
    flags: new Uint8Array(n),
  };
}
