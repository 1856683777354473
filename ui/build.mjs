// Bundles ui/src into ui/dist (one JS file, one CSS file, index.html). No network, no CDN.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [join(here, "src/main.ts")],
  bundle: true,
  format: "esm",
  target: ["es2022", "safari16"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  outfile: join(dist, "app.js"),
  logLevel: "warning",
});
cpSync(join(here, "index.html"), join(dist, "index.html"));
cpSync(join(here, "src/styles.css"), join(dist, "styles.css"));
console.log("ui/dist built");
