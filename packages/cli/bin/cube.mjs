#!/usr/bin/env node
// Runs the command compiled to JavaScript by `npm install` (packages/cli/build.mjs): no TypeScript loader at start.
let main;
try {
  ({ main } = await import("../dist/cube.mjs"));
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("dist/cube.mjs")) throw error;
  process.stderr.write("cube: the command is not built yet: run `npm run build:cli` in the repository\n");
  process.exit(2);
}
process.exitCode = await main(process.argv.slice(2));
