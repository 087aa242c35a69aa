#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so `npx cube …` works straight after `npm install` without a build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cube.ts");
process.exitCode = await main(process.argv.slice(2));
