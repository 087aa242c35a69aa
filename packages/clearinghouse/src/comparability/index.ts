export * from "./availability.ts";
export * from "./consistency.ts";
export * from "./profile.ts";
export * from "./tables.ts";
