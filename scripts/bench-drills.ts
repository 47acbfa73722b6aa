/**
 * `npm run bench:drills [-- --staff 100000 --send 10000]`: issue 17's
 * performance figures, printed, never asserted. On a fresh SQLite database
 * in a temporary folder (nothing else is touched) it adds --staff people
 * with mail addresses, times creating and queueing a drill for all of them
 * (budget: ≤ 10 s), then times sending --send of its messages through a
 * local SMTP server that accepts everything (budget: ≥ 200 messages/s with
 * the rate limit out of the way).
 */
import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SMTPServer } from "smtp-server";

const { values } = parseArgs({
  options: { staff: { type: "string", default: "100000" }, send: { type: "string", default: "10000" } },
  strict: true,
});
const staffCount = Number(values.staff);
const sendCount = Number(values.send);

const dir = mkdtempSync(join(tmpdir(), "mamori-drill-bench-"));
const file = join(dir, "bench.db");
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["AUTH", "STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => callback());
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
process.env.DATABASE_URL = `file:${file}`;
process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
process.env.BCRYPT_COST = "4";

try {
  execFileSync("npx", ["tsx", "app/cli/db-setup.ts"], { env: process.env, stdio: ["ignore", "ignore", "inherit"] });
  const sqlite = new Database(file);
  const insert = sqlite.prepare(
    `INSERT INTO "Staff" ("employeeNumber", "name", "organisationId", "employeeTypeCode", "startDate", "email", "createdAt", "updatedAt")
     VALUES (?, ?, 'mayor', 'regular', '2020-04-01', ?, ?, ?)`,
  );
  const now = new Date().toISOString();
  sqlite.transaction(() => {
    for (let i = 1; i <= staffCount; i++)
      insert.run(`B${String(i).padStart(7, "0")}`, `職員 ${i}`, `b${i}@bench.example.jp`, now, now);
  })();
  sqlite.close();

  const { db } = await import("~/lib/db.server.ts");
  const { CLI_ACTOR } = await import("~/domain/audit.ts");
  const { createCampaign, launchCampaign } = await import("~/services/drill-campaigns.server.ts");
  const { sendDueMessages } = await import("~/services/drill-sender.server.ts");
  const { closeSmtpTransport } = await import("~/services/mail.server.ts");

  const { resolveTargets } = await import("~/services/drill-campaigns.server.ts");
  let started = performance.now();
  await resolveTargets({ kind: "filter" });
  console.log(`(resolving the targets alone: ${((performance.now() - started) / 1000).toFixed(2)} s)`);
  started = performance.now();
  const campaign = await createCampaign(CLI_ACTOR, {
    name: "bench",
    scenarioId: "parcel-notice",
    targets: { kind: "filter" },
    windowStart: new Date(),
    windowEnd: new Date(Date.now() + 86_400_000),
    businessHoursOnly: false,
    endDate: "2099-12-31",
  });
  const { queued } = await launchCampaign(CLI_ACTOR, campaign.id);
  const queueSeconds = (performance.now() - started) / 1000;
  console.log(`create and queue a drill for ${queued} staff: ${queueSeconds.toFixed(2)} s (budget 10 s)`);

  const first = await db.drillMessage.findMany({ orderBy: { id: "asc" }, take: sendCount, select: { id: true } });
  await db.drillMessage.updateMany({ where: { id: { lte: first.at(-1)!.id } }, data: { nextTryAt: new Date(0) } });
  started = performance.now();
  const sent = await sendDueMessages({ limit: sendCount, perMinute: 1e9 });
  const sendSeconds = (performance.now() - started) / 1000;
  console.log(
    `send ${sent.sent} drill mails to a local SMTP server: ${sendSeconds.toFixed(1)} s, ${(sent.sent / sendSeconds).toFixed(0)} messages/s (budget ≥ 200)`,
  );
  closeSmtpTransport();
  await db.$disconnect();
} finally {
  smtp.close();
  rmSync(dir, { recursive: true, force: true });
}
