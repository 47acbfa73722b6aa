import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

type ManifestChunk = { file: string; name?: string; src?: string; isEntry?: boolean; imports?: string[] };

export type RouteBundle = {
  /** The route module, e.g. "routes/_index". */
  route: string;
  /** Every JavaScript file a browser loads for a page of this route. */
  files: string[];
  /**
   * Their total size as it travels to a browser that accepts brotli: the
   * compressed copies `npm run build` writes and the server sends.
   */
  travelBytes: number;
};

/**
 * The JavaScript each route's page makes the browser load: the client entry,
 * the root route and the route itself, with everything they import, as
 * recorded in the client build's Vite manifest, and Remix's route manifest.
 */
export function routeBundles(buildDir = "build"): RouteBundle[] {
  const manifest = JSON.parse(readFileSync(join(buildDir, ".vite/client-manifest.json"), "utf8")) as Record<
    string,
    ManifestChunk
  >;
  const keyOf = (pattern: RegExp) => Object.keys(manifest).find((key) => pattern.test(key));
  const entry = keyOf(/entry\.client/);
  const root = keyOf(/^app\/root\.tsx/);
  const closure = (keys: (string | undefined)[]) => {
    const seen = new Set<string>();
    const visit = (key: string | undefined) => {
      if (!key || seen.has(key) || !manifest[key]) return;
      seen.add(key);
      manifest[key].imports?.forEach(visit);
    };
    keys.forEach(visit);
    return [...seen]
      .map((key) => manifest[key]!.file)
      .filter((file) => file.endsWith(".js"))
      .sort();
  };
  const travel = (file: string) => {
    const path = join(buildDir, "client", file);
    return statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
  };
  // Remix's route manifest, which every page loads (it is not a Vite chunk).
  const remixManifest = readdirSync(join(buildDir, "client/assets"))
    .filter((file) => /^manifest-[\w-]+\.js$/.test(file))
    .map((file) => `assets/${file}`);
  return Object.keys(manifest)
    .filter((key) => /^app\/routes\//.test(key))
    .map((key) => {
      const files = [...closure([entry, root, key]), ...remixManifest];
      return {
        route: key.replace(/^app\//, "").replace(/\.tsx?(\?.*)?$/, ""),
        files,
        travelBytes: files.reduce((sum, file) => sum + travel(file), 0),
      };
    })
    .sort((a, b) => a.route.localeCompare(b.route));
}
