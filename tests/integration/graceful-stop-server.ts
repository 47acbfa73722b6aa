// A server stopped by lib/graceful-stop.server.ts, with a request that holds
// the event loop for as long as it is asked (`/hold?ms=2000`): the one
// thread of the real server is held like this by a big staff import, and
// what reaches it meanwhile is only read afterwards.
import { createServer } from "node:http";
import { gracefulStop } from "~/lib/graceful-stop.server.ts";

const server = createServer((req, res) => {
  const hold = /^\/hold\?ms=(\d+)$/.exec(req.url ?? "");
  if (hold) {
    const until = Date.now() + Number(hold[1]);
    while (Date.now() < until) {
      // the event loop is held
    }
  }
  res.writeHead(200, { "Content-Type": "text/plain" });
  res.end("ok");
});
const stop = gracefulStop(server, () => process.exit(0));
process.on("SIGTERM", () => {
  console.log("stopping");
  stop();
});
server.listen(0, "127.0.0.1", () => console.log(`listening on ${(server.address() as { port: number }).port}`));
