#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx px …` works straight after `npm install` without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/px.ts");
process.exitCode = await main(process.argv.slice(2));
