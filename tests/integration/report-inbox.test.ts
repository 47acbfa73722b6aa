import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { connect } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { createInterface } from "node:readline";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { t } from "~/lib/i18n.ts";
import { startReportInbox } from "~/services/report-inbox.server.ts";

const MAX_BYTES = 10 * 1024 * 1024;
let inbox: Awaited<ReturnType<typeof startReportInbox>>;

beforeAll(async () => {
  await db.citySettings.update({ where: { id: 1 }, data: { reportAddress: "report@city.example.jp" } });
  // A minute to read a mail: on a loaded machine a 10 MB mail may take more than the default.
  inbox = await startReportInbox({ port: 0, host: "127.0.0.1", maxBytes: MAX_BYTES, parseTimeoutMs: 60_000 });
  // The server starts its listener, and so the parser's worker, before it answers a request.
  expect(await send(headers("warm@outside.example", "warm-up") + "\r\nhello\r\n")).toMatch(/^250 /);
});

afterAll(async () => {
  await inbox?.close();
});

/** A mail as SMTP's DATA carries it: dot-stuffed, ended by a lone dot. */
const onTheWire = (raw: string) => Buffer.from(raw.replace(/^\./gm, "..") + "\r\n.\r\n", "utf8");

/**
 * Sends one raw mail to the listener as any host that reaches its port
 * could, and answers the listener's last reply: "250 …" when filed, or the
 * refusal (at MAIL FROM or after DATA). A plain socket, written in 64 KB
 * pieces, so that the sending costs this process no more than a real
 * network would (a mail client in this process stuffs a 10 MB mail in one
 * synchronous piece).
 */
async function send(raw: string | Buffer, from = "someone@outside.example", port = inbox.port): Promise<string> {
  const stuffed = typeof raw === "string" ? onTheWire(raw) : raw;
  const socket = connect(port, "127.0.0.1");
  const lines = createInterface({ input: socket })[Symbol.asyncIterator]();
  const reply = async () => {
    for (;;) {
      const { value, done } = await lines.next();
      if (done) throw new Error("the listener closed the connection");
      if (/^\d{3} /.test(value as string)) return value as string;
    }
  };
  const command = async (line: string) => {
    socket.write(`${line}\r\n`);
    return reply();
  };
  try {
    await reply();
    await command("EHLO tester.example");
    const mailFrom = await command(`MAIL FROM:<${from}>`);
    if (!mailFrom.startsWith("2")) return mailFrom;
    await command("RCPT TO:<report@city.example.jp>");
    const data = await command("DATA");
    if (!data.startsWith("3")) return data;
    for (let at = 0; at < stuffed.length; at += 65_536) {
      if (!socket.write(stuffed.subarray(at, at + 65_536))) await once(socket, "drain");
    }
    return await reply();
  } finally {
    socket.end("QUIT\r\n");
  }
}

const headers = (from: string, subject: string) =>
  `From: ${from}\r\nTo: report@city.example.jp\r\nSubject: ${subject}\r\nDate: Mon, 30 Nov 2026 09:12:00 +0900\r\n` +
  `Message-ID: <${Math.random().toString(36).slice(2)}@outside.example>\r\nMIME-Version: 1.0\r\n`;

/**
 * The event loop's worst moments while `work` runs: the longest a timer
 * waited past its time (monitorEventLoopDelay) and the longest gap between
 * ticks of a 10 ms interval, as a request to /healthz would have waited.
 */
async function loopDelayDuring(work: () => Promise<unknown>) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let last = performance.now();
  let worstGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    worstGap = Math.max(worstGap, now - last);
    last = now;
  }, 10);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(ticker);
    delay.disable();
  }
  return { maxDelayMs: delay.max / 1e6, worstGapMs: worstGap, tookMs: performance.now() - started };
}

/**
 * The event loop's worst moments while it has nothing to do for `ms` but
 * another thread of this process keeps a CPU busy, as the parser's worker
 * does while it reads a mail.
 */
function busyElsewhere(ms: number) {
  return loopDelayDuring(async () => {
    const spinner = new Worker(`const end = Date.now() + ${Math.min(ms, 20_000)}; while (Date.now() < end);`, {
      eval: true,
    });
    await once(spinner, "exit");
  });
}

/**
 * Sends `mail` while watching the event loop, and answers how much longer
 * than the limit it was held. On a shared, loaded machine (two CPUs, many
 * processes) the loop waits for a CPU now and then, the more so while the
 * parser's worker takes one and the longer the watch: when a send passes
 * the limit, the loop is watched again for as long with a thread as busy as
 * the parser and nothing else to do, and only the delay beyond that counts.
 * A mail that holds the loop does so on every try; the best of three counts.
 */
async function excessLoopDelay(mail: Buffer, from = "someone@outside.example") {
  // Sent from another process, as a real sender is: this one then holds only the listener.
  mkdirSync("tests/.tmp", { recursive: true });
  const file = join(mkdtempSync(resolve("tests/.tmp/report-inbox-")), "mail.eml");
  writeFileSync(file, mail);
  onTestFinished(() => rmSync(dirname(file), { recursive: true, force: true }));
  let best = { delayMs: Infinity, gapMs: Infinity };
  for (let attempt = 0; attempt < 3 && best.delayMs >= LOOP_LIMIT_MS; attempt++) {
    const watched = await loopDelayDuring(async () => {
      const sender = spawn(process.execPath, ["-e", SENDER_PROCESS, String(inbox.port), from, file], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      let reply = "";
      sender.stdout!.on("data", (chunk: Buffer) => (reply += chunk.toString()));
      await once(sender, "exit");
      expect(reply).toMatch(/^250 /);
    });
    const idle =
      watched.maxDelayMs < LOOP_LIMIT_MS ? { maxDelayMs: 0, worstGapMs: 10 } : await busyElsewhere(watched.tookMs);
    const excess = {
      delayMs: watched.maxDelayMs - idle.maxDelayMs,
      gapMs: watched.worstGapMs - idle.worstGapMs,
    };
    if (excess.delayMs < best.delayMs) best = excess;
  }
  return best;
}

/** send() above as a script for a child process: port, envelope sender, file of the mail on the wire. */
const SENDER_PROCESS = `
const [port, from, file] = process.argv.slice(1);
const socket = require("node:net").connect(Number(port), "127.0.0.1");
const replies = [];
let buffered = "";
socket.on("data", (chunk) => {
  buffered += chunk;
  for (let end; (end = buffered.indexOf("\\n")) !== -1; buffered = buffered.slice(end + 1)) {
    const line = buffered.slice(0, end).trim();
    if (/^\\d{3} /.test(line)) replies.push(line), step();
  }
});
const steps = ["EHLO tester.example", "MAIL FROM:<" + from + ">", "RCPT TO:<report@city.example.jp>", "DATA", null];
let done = false;
function step() {
  if (done) return;
  const last = replies.at(-1);
  if (replies.length > 1 && !/^[23]/.test(last)) return finish(last);
  if (replies.length > steps.length) return finish(last);
  const command = steps[replies.length - 1];
  if (command) socket.write(command + "\\r\\n");
  else require("node:fs").createReadStream(file, { highWaterMark: 65536 }).pipe(socket, { end: false });
}
function finish(line) {
  done = true;
  process.stdout.write(line + "\\n");
  socket.end("QUIT\\r\\n");
}
`;

/** The most a mail may hold the event loop (a 10 ms tick may itself be ~10 ms late). */
const LOOP_LIMIT_MS = 100;

/** A multipart mail with `inner` attached as a forwarded message (message/rfc822). */
const forwarding = (from: string, subject: string, inner: string) =>
  headers(from, subject) +
  `Content-Type: multipart/mixed; boundary="b${subject.length}"\r\n\r\n` +
  `--b${subject.length}\r\nContent-Type: text/plain\r\n\r\n転送します。\r\n` +
  `--b${subject.length}\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment\r\n\r\n${inner}\r\n` +
  `--b${subject.length}--\r\n`;

/** `levels` messages each attached to the next, the innermost with `body`. */
function nested(levels: number, body: string) {
  let mail = headers("origin@phish.example", "原本") + `Content-Type: text/plain\r\n\r\n${body}\r\n`;
  for (let level = 1; level <= levels; level++)
    mail = forwarding("reporter@outside.example", `転送${"+".repeat(level)}`, mail);
  return mail;
}

describe("the report listener keeps the web app answering whatever mail arrives", () => {
  it('files a mail of 80,000 "> " lines without holding the event loop', async () => {
    const raw =
      headers("reporter@outside.example", "Fwd: quoted") + "Content-Type: text/plain\r\n\r\n" + "> \r\n".repeat(80_000);
    const held = await excessLoopDelay(onTheWire(raw));
    expect(held.delayMs).toBeLessThan(LOOP_LIMIT_MS);
    expect(held.gapMs).toBeLessThan(LOOP_LIMIT_MS);
    expect(await db.mailReport.count({ where: { subject: "quoted" } })).toBeGreaterThan(0);
  }, 120_000);

  it("files a mail whose From lines are 40,000 letters without holding the event loop", async () => {
    const raw =
      headers(`${"x".repeat(40_000)} <reporter@outside.example>`, "long sender") +
      "Content-Type: text/plain\r\n\r\n" +
      `From: ${"a".repeat(40_000)}\r\n`;
    const held = await excessLoopDelay(onTheWire(raw));
    expect(held.delayMs).toBeLessThan(LOOP_LIMIT_MS);
    expect(held.gapMs).toBeLessThan(LOOP_LIMIT_MS);
    const report = await db.mailReport.findFirstOrThrow({ where: { subject: "long sender" } });
    expect(report.sender).toBe(`${"a".repeat(494)}`);
  }, 120_000);

  it('files a mail at the size limit, all "> " lines, without holding the event loop', async () => {
    const head = headers("reporter@outside.example", "at the limit") + "Content-Type: text/plain\r\n\r\n";
    const raw = head + "> \r\n".repeat(Math.floor((MAX_BYTES - head.length - 1024) / 4));
    const held = await excessLoopDelay(onTheWire(raw), "big@outside.example");
    expect(held.delayMs).toBeLessThan(LOOP_LIMIT_MS);
    expect(held.gapMs).toBeLessThan(LOOP_LIMIT_MS);
    const report = await db.mailReport.findFirstOrThrow({ where: { subject: "at the limit" } });
    expect(report.rawSize).toBeGreaterThan(MAX_BYTES - 2048);
  }, 180_000);

  it("reads messages attached within messages, taking the sender and subject of the first", async () => {
    const raw = nested(4, `/d/${"T".repeat(43)} を開いてください`);
    const held = await excessLoopDelay(onTheWire(raw), "nested@outside.example");
    expect(held.delayMs).toBeLessThan(LOOP_LIMIT_MS);
    expect(held.gapMs).toBeLessThan(LOOP_LIMIT_MS);
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "nested@outside.example" } });
    // The reporter forwarded 転送+++ (which held the rest): that is the mail they report.
    expect(report).toMatchObject({ kind: "real", subject: "転送+++", sender: "reporter@outside.example" });
  }, 120_000);
});

describe("what the report listener refuses for good, answered 554", () => {
  it("refuses 3,000 attachments, and parts nested deeper than the limit, storing nothing", async () => {
    const before = await db.mailReport.count();
    const attachments = Array.from(
      { length: 3_000 },
      (_, i) =>
        `--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="${i}.bin"\r\n\r\nAA==\r\n`,
    ).join("");
    const many =
      headers("reporter@outside.example", "many") +
      `Content-Type: multipart/mixed; boundary="x"\r\n\r\n${attachments}--x--\r\n`;
    expect(await send(many)).toMatch(/^554 .*MIME parts/);

    expect(await send(nested(12, "deep"))).toMatch(/^554 .*nested/);

    let multiparts = "";
    for (let level = 0; level < 200; level++)
      multiparts += `--n${level}\r\nContent-Type: multipart/mixed; boundary="n${level + 1}"\r\n\r\n`;
    const deep =
      headers("reporter@outside.example", "deep") + `Content-Type: multipart/mixed; boundary="n0"\r\n\r\n${multiparts}`;
    expect(await send(deep)).toMatch(/^554 /);

    expect(await send("hello\r\n")).toMatch(/^554 not a mail/);
    expect(await db.mailReport.count()).toBe(before);
  }, 60_000);
});

describe("what unauthenticated reports may store", () => {
  afterEach(() => {
    env.REPORT_RAW_MAX_BYTES = 256 * 1024;
    env.REPORT_RAW_QUOTA_BYTES = 200 * 1024 * 1024;
  });

  it("keeps at most REPORT_RAW_MAX_BYTES of each mail, and its whole size", async () => {
    env.REPORT_RAW_MAX_BYTES = 4_096;
    const raw =
      headers("reporter@outside.example", "cut") +
      "Content-Type: text/plain; charset=utf-8\r\n\r\n" +
      "請求書".repeat(10_000);
    expect(await send(raw, "cut@outside.example")).toMatch(/^250 /);
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "cut@outside.example" } });
    expect(Buffer.byteLength(report.raw!)).toBeLessThanOrEqual(4_096);
    expect(report.raw).toMatch(/^From: reporter@outside.example/);
    expect(report.rawBytes).toBe(Buffer.byteLength(report.raw!));
    expect(report.rawSize).toBeGreaterThan(90_000);
  });

  it("keeps a report's facts without its mail once the stored mail reaches REPORT_RAW_QUOTA_BYTES", async () => {
    const { _sum } = await db.mailReport.aggregate({ _sum: { rawBytes: true } });
    env.REPORT_RAW_QUOTA_BYTES = (_sum.rawBytes ?? 0) + 1_000;
    const raw =
      headers("reporter@outside.example", "over quota") + "Content-Type: text/plain\r\n\r\n" + "x".repeat(5_000);
    expect(await send(raw, "quota@outside.example")).toMatch(/^250 /);
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "quota@outside.example" } });
    expect(report).toMatchObject({ subject: "over quota", raw: null, rawBytes: 0, kind: "real" });
    expect(report.rawSize).toBeGreaterThan(5_000);
  });

  it("answers 450 to a sender past REPORT_RATE_PER_HOUR, counting reports any instance filed", async () => {
    const limited = await startReportInbox({ port: 0, host: "127.0.0.1", ratePerHour: 3 });
    try {
      const to = (from: string, subject: string) =>
        send(headers("reporter@outside.example", subject) + "\r\nbody\r\n", from, limited.port);
      expect(await to("Rate@Outside.example", "rate 1")).toMatch(/^250 /);
      expect(await to("rate@outside.example", "rate 2")).toMatch(/^250 /);
      // Another instance filed one from the same sender.
      await db.mailReport.create({
        data: {
          kind: "real",
          via: "mail",
          envelopeFrom: "rate@outside.example",
          sender: "x",
          subject: "x",
          groupKey: "x",
        },
      });
      expect(await to("rate@outside.example", "rate 3")).toMatch(/^450 /);
      expect(await to("other@outside.example", "rate 4")).toMatch(/^250 /);
      // An hour on, the sender may report again.
      await db.mailReport.updateMany({
        where: { envelopeFrom: "rate@outside.example" },
        data: { receivedAt: new Date(Date.now() - 3_600_001) },
      });
      expect(await to("rate@outside.example", "rate 5")).toMatch(/^250 /);
    } finally {
      await limited.close();
    }
  });

  it("files a mail it cannot read in time for triage, unread, and says 250", async () => {
    const slow = await startReportInbox({ port: 0, host: "127.0.0.1", parseTimeoutMs: 1 });
    try {
      const raw =
        headers("reporter@outside.example", "slow") + "Content-Type: text/plain\r\n\r\n" + "> \r\n".repeat(200_000);
      expect(await send(raw, "slow@outside.example", slow.port)).toMatch(/^250 /);
    } finally {
      await slow.close();
    }
    const report = await db.mailReport.findFirstOrThrow({ where: { envelopeFrom: "slow@outside.example" } });
    expect(report).toMatchObject({ kind: "real", subject: t("mailReport.unread"), reporterId: null });
    expect(report.raw).toMatch(/^From: reporter@outside.example/);
  });
});
