/**
 * The part of the cube package a web browser needs: the model, pivot and reading JSON-stat 2.0. Nothing here
 * reaches Node's built-ins, so a bundler ships only this (the package is free of side effects).
 */
export { fromJsonStat2, JsonStatError } from "./codecs/jsonstat.ts";
export * from "./model.ts";
export { defaultLayout, type Pivot, PivotError, type PivotLayout, pivot } from "./pivot.ts";
