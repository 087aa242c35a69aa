/**
 * Start-up time of the commands: `px --help` and `cube --help` as shipped (JavaScript compiled at `npm install`),
 * next to a bare `node -e ""` and to the same sources run through the tsx loader (how the commands ran before),
 * measured in rounds that take turns so that the machine's load falls on all alike.
 *
 *   npm run bench:cli-start            15 rounds
 *   npx tsx bench/cli-start.ts 30      30 rounds
 */

import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const rounds = Number(process.argv[2] ?? 15);

const THROUGH_TSX = `import { register } from "tsx/esm/api";
register();
const { main } = await import("./packages/cli/src/px.ts");
process.exitCode = await main(["--help"]);`;

const cases = [
  { name: 'node -e "" (baseline)', args: ["-e", ""] },
  { name: "px --help", args: [join(ROOT, "packages/cli/bin/px.mjs"), "--help"] },
  { name: "cube --help", args: [join(ROOT, "packages/cli/bin/cube.mjs"), "--help"] },
  { name: "px --help through tsx", args: ["--input-type=module", "-e", THROUGH_TSX] },
];

const times = cases.map(() => [] as number[]);
for (let round = 0; round < rounds + 1; round++) {
  cases.forEach((c, k) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, c.args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`${c.name} failed: ${result.stderr}`);
    if (round > 0) times[k]?.push(ms); // the first round warms the file cache
  });
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const base = median(times[0] ?? []);
console.log(`${rounds} rounds; milliseconds\n`);
console.log(
  `${"command".padEnd(26)}${"median".padStart(8)}${"min".padStart(8)}${"max".padStart(8)}${"× node".padStart(8)}`,
);
cases.forEach((c, k) => {
  const t = times[k] ?? [];
  console.log(
    `${c.name.padEnd(26)}${median(t).toFixed(0).padStart(8)}${Math.min(...t)
      .toFixed(0)
      .padStart(8)}${Math.max(...t)
      .toFixed(0)
      .padStart(8)}${(median(t) / base).toFixed(2).padStart(8)}`,
  );
});
