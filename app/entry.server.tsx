import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/Nonce.tsx";

const ABORT_DELAY = 5_000;

/**
 * Renders every page whole before sending it (Mamori's pages load their data
 * up front; nothing is deferred), with the request's CSP nonce on Remix's
 * inline scripts.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  return new Promise<Response>((resolve, reject) => {
    let failed = false;
    // Stops a render that hangs. Cleared as soon as the render ends: a timer
    // left to run would hold every page's render in memory for 5 seconds.
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    timer.unref();
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          clearTimeout(timer);
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: failed ? 500 : responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error) {
          failed = true;
          console.error(error);
        },
      },
    );
  });
}

let stopCheckpointer: (() => Promise<void>) | undefined;

/**
 * Starts the server's background work, on this build's database connection:
 * called by the production server (app/cli/serve.ts) before it listens.
 */
export async function startup(): Promise<void> {
  const { startWalCheckpointer } = await import("~/lib/wal-checkpointer.server.ts");
  stopCheckpointer = await startWalCheckpointer();
}

/**
 * Stops the background work and closes the database: called by the
 * production server on SIGTERM, after the last request in flight has been
 * answered.
 */
export async function shutdown(): Promise<void> {
  await stopCheckpointer?.();
  const { db } = await import("~/lib/db.server.ts");
  await db.$disconnect();
}
