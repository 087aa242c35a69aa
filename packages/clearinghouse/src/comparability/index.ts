export * from "./availability.ts";
export * from "./tables.ts";
