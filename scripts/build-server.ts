// `npm run build`, after Remix's build: compiles the production server
// entry (app/cli/serve.ts and the modules it imports from app/lib) to one
// JavaScript file, build/server/serve.js (and the report parser's worker to
// build/server/report-parser-worker.js), so that `npm run serve` runs on
// plain node with no TypeScript loader (docs/decisions/005-compiled-server.md);
// then compresses the client build once (.br and .gz beside each text file),
// which the server sends to browsers that accept it; and records the version
// and git commit built (build/server/version.json), since the folder the
// server runs from may have no .git.
import { build } from "esbuild";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import {
  compressible,
  CONTENT_TYPES,
  type Encoding,
  precompress,
  PRECOMPRESSED_EXTENSION,
} from "../app/lib/compression.server.ts";
import { fromSources, VERSION_FILE } from "../app/lib/version.server.ts";

const serverOptions = {
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Packages stay in node_modules; the Remix build is loaded at run time.
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
} as const;
await build({ ...serverOptions, entryPoints: ["app/cli/serve.ts"], outfile: "build/server/serve.js" });
// The report parser's worker thread is its own file, which the report
// listener (in the Remix build) starts as build/server/report-parser-worker.js.
await build({
  ...serverOptions,
  entryPoints: ["app/services/report-parser-worker.server.ts"],
  outfile: "build/server/report-parser-worker.js",
});

writeFileSync(VERSION_FILE, `${JSON.stringify(fromSources())}\n`);

for (const entry of readdirSync("build/client", { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !compressible(CONTENT_TYPES[extname(entry.name)])) continue;
  const path = join(entry.parentPath, entry.name);
  for (const [encoding, body] of Object.entries(precompress(readFileSync(path))) as [Encoding, Buffer][]) {
    writeFileSync(path + PRECOMPRESSED_EXTENSION[encoding], body);
  }
}
