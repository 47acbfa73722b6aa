import { spawn, execFileSync } from "node:child_process";
import { once } from "node:events";
import { connect, createServer } from "node:net";
import { createInterface } from "node:readline";
import { rmSync } from "node:fs";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

// The production build with the report listener on (REPORT_SMTP_PORT): its
// mail parser runs in a worker thread compiled beside build/server/serve.js.
// A hostile mail that once held the server for 30 s is sent to it while the
// sign-in page is asked for again and again.
const DB = "tests/.tmp/report-listener.db";
const SECRET = "a-city-secret-of-more-than-32-characters-0123456789";

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

/** One mail over a plain SMTP conversation; resolves with the listener's last reply. */
async function sendMail(port: number, raw: Buffer): Promise<string> {
  const socket = connect(port, "127.0.0.1");
  const lines = createInterface({ input: socket })[Symbol.asyncIterator]();
  const reply = async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error("closed");
      if (/^\d{3} /.test(value as string)) return value as string;
    }
  };
  const command = (line: string) => (socket.write(`${line}\r\n`), reply());
  try {
    await reply();
    await command("EHLO tester.example");
    await command("MAIL FROM:<someone@outside.example>");
    // The report address db:setup takes from content/city.yaml: the listener takes no other.
    await command("RCPT TO:<security-report@city.hadano.lg.jp>");
    await command("DATA");
    for (let at = 0; at < raw.length; at += 65_536) {
      if (!socket.write(raw.subarray(at, at + 65_536))) await once(socket, "drain");
    }
    socket.write("\r\n.\r\n");
    return await reply();
  } finally {
    socket.end("QUIT\r\n");
  }
}

test('a mail of 80,000 "> " lines is read beside the production server, which keeps answering', async () => {
  test.setTimeout(120_000);
  rmSync(DB, { force: true });
  const [httpPort, smtpPort] = [await freePort(), await freePort()];
  const environment: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:./${DB}` };
  execFileSync("node_modules/.bin/tsx", ["app/cli/db-setup.ts"], { env: environment, stdio: "ignore" });
  const server = spawn(process.execPath, ["build/server/serve.js"], {
    env: {
      ...environment,
      SESSION_SECRET: SECRET,
      HOST: "127.0.0.1",
      PORT: String(httpPort),
      REPORT_SMTP_HOST: "127.0.0.1",
      REPORT_SMTP_PORT: String(smtpPort),
    },
  });
  let output = "";
  const listening = new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) resolve();
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
  });
  try {
    await listening;
    expect(output).toMatch(/report inbox listening for SMTP/);
    const origin = `http://127.0.0.1:${httpPort}`;
    expect((await fetch(`${origin}/login`)).status).toBe(200);

    const raw = Buffer.from(
      "From: reporter@outside.example\r\nTo: report@city.example.jp\r\nSubject: Fwd: quoted\r\n" +
        "Date: Mon, 30 Nov 2026 09:12:00 +0900\r\nMessage-ID: <q@outside.example>\r\n\r\n" +
        "> \r\n".repeat(80_000),
    );
    let sending = true;
    let slowest = 0;
    const polling = (async () => {
      while (sending) {
        const started = performance.now();
        expect((await fetch(`${origin}/login`)).status).toBe(200);
        slowest = Math.max(slowest, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const answer = await sendMail(smtpPort, raw);
    sending = false;
    await polling;
    expect(answer).toMatch(/^250 /);
    // Before the parser's worker, the page waited 30 s.
    expect(slowest).toBeLessThan(1_000);
    const stored = new Database(DB, { readonly: true }).prepare(`SELECT subject, rawSize FROM "MailReport"`).all() as {
      subject: string;
      rawSize: number;
    }[];
    expect(stored).toHaveLength(1);
    expect(stored[0]!.subject).toBe("quoted");
    expect(stored[0]!.rawSize).toBeGreaterThanOrEqual(raw.length);
    expect(output).not.toMatch(/could not be read/);
  } finally {
    server.kill("SIGTERM");
    if (server.exitCode === null) await once(server, "exit");
  }
});
