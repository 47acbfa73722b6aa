/**
 * Starts the production build on HOST:PORT (`npm start`, `npm run demo`).
 * SIGTERM and SIGINT stop accepting connections, let requests in flight
 * finish, then close the database before the process exits.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { env } from "~/lib/env.server.ts";
import { createAppServer } from "~/lib/http-server.server.ts";

const build = (await import(pathToFileURL(resolve("build/server/index.js")).href)) as ServerBuild;
const entry = build.entry.module as { startup?: () => Promise<void>; shutdown?: () => Promise<void> };
await entry.startup?.();
const server = createAppServer({ build, clientDir: resolve("build/client") });

server.listen(env.PORT, env.HOST, () => {
  console.log(`Mamori listening on http://${env.HOST ?? "localhost"}:${env.PORT}`);
});

let stopping = false;
function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing requests in flight`);
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
