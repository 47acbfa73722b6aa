/**
 * `npm start`, `npm run serve`: the production build on HOST:PORT, always
 * in production mode whatever the shell's NODE_ENV says — React's
 * production build, secure cookies, and a refusal to start without a real
 * SESSION_SECRET. `npm run build` compiles this file to build/server/serve.js,
 * which runs on plain node. SIGTERM and SIGINT stop accepting connections,
 * let requests in flight finish (lib/graceful-stop.server.ts), then close
 * the database before the process exits.
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
const { gracefulStop } = await import("../lib/graceful-stop.server.ts");
const { exitUnlessSqliteLoads } = await import("../lib/sqlite-binding.server.ts");
const { isPostgresUrl } = await import("../lib/database-url.ts");
// A native module that does not load is named before anything fails less clearly.
if (!isPostgresUrl(env.DATABASE_URL)) exitUnlessSqliteLoads();
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
const stop = gracefulStop(server, async () => {
  await entry.shutdown?.();
  process.exit(0);
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

// The signal may come twice — from npm, which forwards it, and from a
// supervisor that signals the whole group — and is heeded once.
let signalled = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (signalled) return;
    signalled = true;
    log.info(`${signal}: finishing requests in flight`);
    stop();
  });
}
