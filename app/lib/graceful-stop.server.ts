import type { Server, ServerResponse } from "node:http";

/**
 * How long a stop waits for the requests in flight before it cuts off what
 * is left. A supervisor must wait longer before it kills the process
 * (deploy/mamori.service: TimeoutStopSec).
 */
export const GRACEFUL_STOP_SECONDS = 20;

/**
 * Prepares `server` for a graceful stop and returns the function that
 * starts one: no new connections, the requests in flight answered, and
 * every connection ended by an answer that says `Connection: close`, then
 * `stopped`. Call it before the server takes requests, so that it knows the
 * responses under way when the stop comes.
 */
export function gracefulStop(server: Server, stopped: () => void): () => void {
  const underway = new Set<ServerResponse>();
  let stopping = false;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stopped();
  };
  // First of the request listeners: the app's own answers static files at once.
  server.prependListener("request", (_req, res) => {
    if (stopping) return void res.setHeader("Connection", "close");
    underway.add(res);
    res.once("close", () => underway.delete(res));
  });

  return () => {
    if (stopping) return;
    stopping = true;
    // Answers not yet begun end their connection; node closes it once sent.
    for (const res of underway) if (!res.headersSent) res.setHeader("Connection", "close");
    // Node's close() destroys the kept-alive connections it sees idle, but
    // "idle" may only mean that the client's next request is still unread
    // in the kernel: the client would see its request cut off by a reset.
    // They get an answer with Connection: close instead, or end on the
    // keep-alive timeout the server announced (clients stop using a
    // connection before it).
    server.closeIdleConnections = () => {};
    // At once: a connection attempted from now on is refused, which a
    // client can tell from one cut off, and a load balancer tries elsewhere.
    server.close(end);
    setTimeout(() => {
      server.closeAllConnections();
      end();
    }, GRACEFUL_STOP_SECONDS * 1000).unref();
  };
}
