/**
 * `npm run dev`: development with Vite's hot reload, through the same
 * server as production (app/lib/http-server.server.ts) — the same security
 * headers, cross-site check, body limits and client address. Vite's
 * middlewares answer first (modules, styles, hot reload); every other
 * request goes to the Remix build Vite compiles on demand.
 */
import type { ServerBuild } from "@remix-run/node";
import type { ViteDevServer } from "vite";

process.env.NODE_ENV ??= "development";

const { env } = await import("~/lib/env.server.ts").catch((error: Error) => {
  console.error(`Mamori cannot start: ${error.message}`);
  process.exit(1);
});
const { createAppServer } = await import("~/lib/http-server.server.ts");
const { log } = await import("~/lib/log.server.ts");
const { appVersion } = await import("~/lib/version.server.ts");
const { lockDatabaseForServer } = await import("~/lib/database-lock.server.ts");
try {
  lockDatabaseForServer(env.DATABASE_URL);
} catch (error) {
  log.fatal(`Mamori cannot start: ${(error as Error).message}`);
  process.exit(1);
}
const { createServer: createViteServer } = await import("vite");

// Vite is made after the server it hot-reloads through; no request arrives before listen().
const server = createAppServer({
  mode: "development",
  build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  before: (req, res, next) => vite.middlewares(req, res, next),
  trustedProxies: env.TRUSTED_PROXIES,
});
const vite: ViteDevServer = await createViteServer({
  appType: "custom",
  // Hot reload travels over this server's own port, so the CSP's 'self' covers it.
  server: { middlewareMode: true, hmr: { server } },
});

server.listen(env.PORT, env.HOST, () => {
  log.info(appVersion(), `Mamori (development) listening on http://${env.HOST ?? "localhost"}:${env.PORT}`);
});
