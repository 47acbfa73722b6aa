/**
 * `npm run bundle:sizes` (after `npm run build`): the JavaScript each route
 * makes the browser load, as it travels (brotli) — the learner pages' budget
 * is 150 KB.
 */
import { routeBundles } from "./lib/bundle-sizes.ts";

for (const { route, travelBytes, files } of routeBundles()) {
  console.log(`${(travelBytes / 1024).toFixed(1).padStart(7)} KB  ${route}  (${files.length} files)`);
}
