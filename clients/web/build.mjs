// Builds the page into the Python package (server/wenfeng/web/static/, git-ignored):
// one bundled app.js (CodeMirror 6 + @codemirror/lsp-client + src/*.js), app.css and index.html.
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "..", "server", "wenfeng", "web", "static");
mkdirSync(out, { recursive: true });
await esbuild.build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "esm",
  target: ["chrome100", "firefox100", "safari15"],
  outfile: join(out, "app.js"),
  legalComments: "linked",
  logLevel: "warning",
});
for (const name of ["index.html", "app.css"]) copyFileSync(join(here, "src", name), join(out, name));
console.log(`built ${out}`);
