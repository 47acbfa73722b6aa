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
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};
