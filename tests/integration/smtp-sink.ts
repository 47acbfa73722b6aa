/**
 * A real SMTP server for the drill tests, run as a child process on a free
 * loopback port (it prints {"port": N}). Every accepted mail is written to
 * SINK_DIR as <n>.eml before the server answers 250. Addresses in
 * SINK_TEMP_FAIL get a 451 on their first attempt, those in SINK_PERM_FAIL
 * a 550; SINK_DELAY_MS holds each mail before accepting it.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

const dir = process.env.SINK_DIR!;
mkdirSync(dir, { recursive: true });
const list = (name: string) => new Set((process.env[name] ?? "").split(",").filter(Boolean));
const tempFail = list("SINK_TEMP_FAIL");
const permFail = list("SINK_PERM_FAIL");
const delay = Number(process.env.SINK_DELAY_MS ?? 0);
const failedOnce = new Set<string>();
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onRcptTo(address, _session, callback) {
    const to = address.address.toLowerCase();
    if (permFail.has(to)) return callback(Object.assign(new Error("no such user"), { responseCode: 550 }));
    if (tempFail.has(to) && !failedOnce.has(to)) {
      failedOnce.add(to);
      return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
    }
    callback();
  },
  onData(stream, session, callback) {
    const parts: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => parts.push(chunk));
    stream.on("end", () => {
      setTimeout(() => {
        const to = session.envelope.rcptTo.map((r) => r.address).join(",");
        writeFileSync(
          join(dir, `${String(++count).padStart(6, "0")}.eml`),
          Buffer.concat([Buffer.from(`X-Sink-To: ${to}\r\n`), ...parts]),
        );
        callback();
      }, delay);
    });
  },
});

// A client killed mid-mail resets its connection: that is the point of the crash test, not a reason to stop.
server.on("error", () => {});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.server.address() as AddressInfo).port }));
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
