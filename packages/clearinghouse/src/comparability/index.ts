export * from "./derived.ts";
export * from "./indicators.ts";
export * from "./mirror.ts";
export * from "./tables.ts";
