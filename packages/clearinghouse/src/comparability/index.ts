export * from "./availability.ts";
export * from "./consistency.ts";
export * from "./tables.ts";
