export * from "./availability.ts";
export * from "./consistency.ts";
export * from "./derived.ts";
export * from "./indicators.ts";
export * from "./mirror.ts";
export * from "./profile.ts";
export * from "./tables.ts";
