// Compiles the commands to JavaScript in dist/ (run by the root `prepare` script, so `npm install` and `npm ci`
// leave them ready). The workspace packages are bundled in; npm packages stay imports. Code split at dynamic
// imports, so `px --help` does not load the codecs.
import { build } from "esbuild";

const here = new URL(".", import.meta.url).pathname;

await build({
  absWorkingDir: here,
  entryPoints: { px: "src/px.ts", cube: "src/cube.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20.19",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "npm-packages-external",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@clearinghouse/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
