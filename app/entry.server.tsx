import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToReadableStream } from "react-dom/server.browser";
import { NonceProvider } from "~/components/Nonce.tsx";

const ABORT_DELAY = 5_000;

/**
 * Renders every page whole before sending it (Mamori's pages load their data
 * up front; nothing is deferred), with the request's CSP nonce on Remix's
 * inline scripts.
 *
 * React's web-streams renderer, not its Node one: React 18's
 * renderToPipeableStream writes a whole 2 KB buffer when the next character
 * of a string does not fit in what is left of it, so the unused bytes went
 * out as NUL wherever a three-byte Japanese character met the buffer's end.
 * The browser shows them as "��" and a form sends them back: a question's
 * choices, left unchanged in the editor, were saved corrupted. The web-streams
 * renderer encodes whole strings first and never sends unwritten bytes.
 */
export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? "";
  let failed = false;
  // Stops a render that hangs. Cleared as soon as the render ends: a timer
  // left to run would hold every page's render in memory for 5 seconds.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ABORT_DELAY);
  timer.unref();
  try {
    const body = await renderToReadableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        signal: controller.signal,
        onError(error) {
          failed = true;
          console.error(error);
        },
      },
    );
    await body.allReady;
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(body, { headers: responseHeaders, status: failed ? 500 : responseStatusCode });
  } finally {
    clearTimeout(timer);
  }
}

let stopCheckpointer: (() => Promise<void>) | undefined;
let stopDrillSender: (() => Promise<void>) | undefined;
let stopReportInbox: (() => Promise<void>) | undefined;

/**
 * Starts the server's background work, on this build's database connection:
 * called by the production server (app/cli/serve.ts) before it listens.
 * The drill sender runs in every instance (each message is claimed by one);
 * the report inbox listens only when REPORT_SMTP_PORT is set.
 */
export async function startup(): Promise<void> {
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
    console.log(`Mamori report inbox listening for SMTP on port ${inbox.port}`);
    stopReportInbox = inbox.close;
  }
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
