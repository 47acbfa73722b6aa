/**
 * `npm start`, `npm run serve`: the production build on HOST:PORT, always
 * in production mode whatever the shell's NODE_ENV says — React's
 * production build, secure cookies, and a refusal to start without a real
 * SESSION_SECRET. `npm run build` compiles this file to build/server/serve.js,
 * which runs on plain node. SIGTERM and SIGINT stop accepting connections,
 * let requests in flight finish, then close the database before the
 * process exits.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";

const ignoredNodeEnv = process.env.NODE_ENV !== "production" ? process.env.NODE_ENV : undefined;
process.env.NODE_ENV = "production";

// The settings are read when env.server.ts is first imported: a refusal
// is a sentence for the operator, not a stack trace.
const { env } = await import("../lib/env.server.ts").catch((error: Error) => {
  console.error(`Mamori cannot start: ${error.message}`);
  process.exit(1);
});
const { createAppServer } = await import("../lib/http-server.server.ts");
const { log } = await import("../lib/log.server.ts");
const { appVersion } = await import("../lib/version.server.ts");
if (ignoredNodeEnv) log.warn(`NODE_ENV=${ignoredNodeEnv} ignored: the server always runs in production`);
const { lockDatabaseForServer } = await import("../lib/database-lock.server.ts");
const { refuseNewerDatabase } = await import("../lib/migration-check.server.ts");
// Before anything opens the database: db:restore refuses while this lock is
// held, and older code leaves a database migrated by a newer release alone.
try {
  lockDatabaseForServer(env.DATABASE_URL);
  await refuseNewerDatabase(env.DATABASE_URL);
} catch (error) {
  log.fatal(`Mamori cannot start: ${(error as Error).message}`);
  process.exit(1);
}

const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
const entry = build.entry.module as {
  startup?: () => Promise<{ contentRelease: unknown }>;
  shutdown?: () => Promise<void>;
};
const started = await entry.startup?.();
const server = createAppServer({
  build,
  mode: "production",
  clientDir: resolve("build/client"),
  trustedProxies: env.TRUSTED_PROXIES,
});

if (env.demoSecret) {
  log.warn(
    "Demo mode: sessions are signed with the public demo secret. Never use this for real staff: " +
      "set SESSION_SECRET and run npm start.",
  );
}
server.listen(env.PORT, env.HOST, () => {
  log.info(
    { ...appVersion(), contentRelease: started?.contentRelease ?? null },
    `Mamori listening on http://${env.HOST ?? "localhost"}:${env.PORT}`,
  );
});

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info(`${signal}: finishing requests in flight`);
  // Node's close() also drops connections whose request is sent but not yet
  // read, which a busy server would cut off; read and answer those first.
  const closeIdleConnections = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {};
  server.on("request", (_req, res) => res.setHeader("Connection", "close"));
  server.close(async () => {
    clearInterval(sweeper);
    await entry.shutdown?.();
    process.exit(0);
  });
  // Keep-alive connections with nothing left to answer are closed once quiet.
  const sweeper = setInterval(closeIdleConnections, 1_000);
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
