// Writes dist/README.md: README.md with its local images (media/*.png) inlined as data: URIs.
//
// VS Code shows an installed extension's README in a webview whose Content-Security-Policy allows
// only `img-src https: data:`, and it does not resolve relative paths against the extension
// folder, so `![…](media/screenshot.png)` renders as a broken image.  An https URL would need a
// public host and network; a data: URI works offline.  `npm run package` passes this file to vsce
// with --readme-path.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ext = join(dirname(fileURLToPath(import.meta.url)), "..");
const readme = readFileSync(join(ext, "README.md"), "utf-8");
let inlined = 0;
const out = readme.replace(/(!\[[^\]]*\]\()(media\/[\w.-]+\.png)(\))/g, (_, open, file, close) => {
  inlined++;
  return `${open}data:image/png;base64,${readFileSync(join(ext, file)).toString("base64")}${close}`;
});
mkdirSync(join(ext, "dist"), { recursive: true });
writeFileSync(join(ext, "dist", "README.md"), out);
console.log(`dist/README.md: ${inlined} image(s) inlined`);
