/**
 * Long work on the one thread that serves every request (reading a
 * 20 MB upload) lets other requests in between stretches of this length.
 */
const STRETCH_MS = 10;

/**
 * A pause to call often inside a long loop: it lets the event loop run
 * (timers, sockets, other requests) once the current stretch of work has
 * lasted STRETCH_MS, and costs a clock read otherwise.
 */
export function eventLoopPauser(stretchMs = STRETCH_MS): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < stretchMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
