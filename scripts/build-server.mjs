// `npm run build`, second step: compiles the production server entry
// (app/cli/serve.ts and the modules it imports from app/lib) to one
// JavaScript file, build/server/serve.js, so that `npm run serve` runs on
// plain node with no TypeScript loader (docs/decisions/005-compiled-server.md).
// Packages stay in node_modules; the Remix build is loaded at run time.
import { build } from "esbuild";

await build({
  entryPoints: ["app/cli/serve.ts"],
  outfile: "build/server/serve.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
  // The generated Prisma client is part of the Remix build, never of this entry.
  tsconfig: "tsconfig.json",
});
