/**
 * Remix's own options. vite.config.ts hands them to the Remix Vite plugin,
 * which reads appDirectory, future, ignoredRouteFiles, routes and
 * serverModuleFormat.
 * @type {import('@remix-run/dev').VitePluginConfig}
 */
export default {
  ignoredRouteFiles: ["**/*.test.*", "**/.*"],
  serverModuleFormat: "esm",
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off: with ~30 routes the whole manifest is one small cached file, while
    // discovering routes lazily inlined a partial manifest into every page and
    // matched the route tree once more per path segment (/login 700 -> 900
    // req/s without it).
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
};
