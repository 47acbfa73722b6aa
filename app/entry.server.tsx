import { PassThrough, Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "~/components/Nonce.tsx";
import { log } from "~/lib/log.server.ts";
import { noteDatabaseError, publishedRelease, type ContentReleaseLabel } from "~/services/health.server.ts";

/** How long Remix waits for deferred data (Mamori defers none). */
const ABORT_DELAY = 5_000;

/**
 * A backstop for a render that hangs. It counts wall time, and a page's
 * render waits for the CPU like everything else: it streams the loader data
 * through React (single fetch), and on a busy server — a dozen release
 * comparisons at once, each ~0.5 s of parsing — a page's render waited past
 * 5 s and was aborted into a 500. Nothing in Mamori's renders can wait for
 * anything but the CPU (no deferred data), so the limit is far above any
 * queue the server could have and still below the clients' own timeouts.
 */
const RENDER_TIMEOUT = 60_000;

/**
 * Drops the NUL bytes React 18's Node renderer pads its output with:
 * renderToPipeableStream writes its whole 2 KB buffer when the next
 * character of a string does not fit in what is left of it, so the unused,
 * zeroed bytes went out wherever a three-byte Japanese character met the
 * buffer's end. The browser showed them as "��" and a form sent them back:
 * a question's choices, left unchanged in the editor, were saved corrupted.
 * A NUL byte is never part of UTF-8 text and never typed into Mamori
 * (forms refuse it), so dropping every one restores the page exactly.
 * React's web-streams renderer has not the bug, but in the one benchmark
 * run made with it the dashboard fell from 0.66 to 0.47 of the static
 * page and the server ended at 195 MB instead of 146 (docs/benchmarks.md).
 */
function withoutNulBytes() {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.indexOf(0) === -1 ? chunk : chunk.filter((byte) => byte !== 0));
    },
  });
}

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
    // Stops a render that hangs (see RENDER_TIMEOUT). Cleared as soon as the
    // render ends: a timer left to run would hold every page's render in memory.
    const timer = setTimeout(() => abort(), RENDER_TIMEOUT);
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
          pipe(withoutNulBytes()).pipe(body);
        },
        onShellError(error) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error) {
          failed = true;
          log.error({ err: error }, "page render failed");
        },
      },
    );
  });
}

/**
 * Errors of loaders, actions and renders: logged with the request's id and
 * stack (the request log line says the status). Remix also reports the
 * answers it makes itself — no route for the URL, no action for a POST —
 * as errors with a stack; those are the client's mistakes (a scanner asking
 * for /wp-login.php), already in the request line, so they are not logged.
 * A failed write also tells /healthz that the database may not accept them.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) return;
  noteDatabaseError(error);
  log.error({ err: error }, "request failed");
};

let stopCheckpointer: (() => Promise<void>) | undefined;
let stopDrillSender: (() => Promise<void>) | undefined;
let stopReportInbox: (() => Promise<void>) | undefined;

/**
 * Starts the server's background work, on this build's database connection:
 * called by the production server (app/cli/serve.ts) before it listens.
 * The drill sender runs in every instance (each message is claimed by one);
 * the report inbox listens only when REPORT_SMTP_PORT is set. Answers the
 * content release being served, for the start-up log line.
 */
export async function startup(): Promise<{ contentRelease: ContentReleaseLabel }> {
  const { startWalCheckpointer } = await import("~/lib/wal-checkpointer.server.ts");
  stopCheckpointer = await startWalCheckpointer();
  const { env } = await import("~/lib/env.server.ts");
  if (env.DRILL_SENDER === "on") {
    const { startDrillSender } = await import("~/services/drill-sender.server.ts");
    stopDrillSender = startDrillSender();
  }
  if (env.REPORT_SMTP_PORT) {
    const { startReportInbox } = await import("~/services/report-inbox.server.ts");
    const inbox = await startReportInbox({
      port: env.REPORT_SMTP_PORT,
      host: env.REPORT_SMTP_HOST,
      maxBytes: env.REPORT_MAX_BYTES,
    });
    log.info({ port: inbox.port }, `Mamori report inbox listening for SMTP on port ${inbox.port}`);
    stopReportInbox = inbox.close;
  }
  return { contentRelease: await publishedRelease() };
}

/**
 * Stops the background work and closes the database: called by the
 * production server on SIGTERM, after the last request in flight has been
 * answered.
 */
export async function shutdown(): Promise<void> {
  await stopReportInbox?.();
  await stopDrillSender?.();
  const { closeSmtpTransport } = await import("~/services/mail.server.ts");
  closeSmtpTransport();
  await stopCheckpointer?.();
  const { db } = await import("~/lib/db.server.ts");
  await db.$disconnect();
}
