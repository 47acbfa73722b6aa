import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { createCampaign, launchCampaign } from "~/services/drill-campaigns.server.ts";
import { INTERRUPTED, sendDueMessages } from "~/services/drill-sender.server.ts";
import { recipientOf, staffWithMail } from "./drill-mail.ts";
import { startSmtpSink } from "./smtp-sink-process.ts";

const PEOPLE = 60;
let sink: Awaited<ReturnType<typeof startSmtpSink>>;
const children: ChildProcess[] = [];

/** The sender on its own (npm run drills:send), one node process, on this test's database. */
function startSender() {
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/drill-send.ts"], {
    env: {
      ...process.env,
      SMTP_URL: sink.url,
      DRILL_SEND_PER_MINUTE: "600000",
      DRILL_SENDER_POLL_MS: "100",
      NODE_ENV: "test",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, "exit");
}

beforeAll(async () => {
  // Each mail takes the server 15 ms to accept: a kill lands mid-campaign.
  sink = await startSmtpSink({ SINK_DELAY_MS: "15" });
  for (let i = 0; i < PEOPLE; i++) await staffWithMail(`crash${i}@city.example.jp`, { organisationId: "audit" });
  const campaign = await createCampaign(CLI_ACTOR, {
    name: "再起動試験",
    scenarioId: "parcel-notice",
    targets: { kind: "filter", organisationId: "audit" },
    windowStart: new Date(Date.now() - 60_000),
    windowEnd: new Date(Date.now() + 3_600_000),
    businessHoursOnly: false,
    endDate: "2026-12-31",
  });
  await launchCampaign(CLI_ACTOR, campaign.id);
  await db.drillMessage.updateMany({ data: { nextTryAt: new Date() } });
});

afterAll(async () => {
  for (const child of children) await kill(child, "SIGKILL");
  await sink?.stop();
});

describe("the drill sender killed mid-campaign", () => {
  it("resumes after SIGKILL, with two senders at once, and sends no one the drill twice", async () => {
    const first = [startSender(), startSender()];
    await until(() => sink.mails().length >= 15);
    for (const child of first) await kill(child, "SIGKILL");
    const atKill = sink.mails().length;
    expect(atKill).toBeLessThan(PEOPLE); // really mid-campaign

    const restarted = startSender();
    await until(async () => (await db.drillMessage.count({ where: { status: "queued" } })) === 0);
    await until(
      async () => (await db.drillMessage.count({ where: { status: "sending", leaseUntil: { gt: new Date() } } })) <= 2,
    );
    await kill(restarted, "SIGTERM");
    expect(restarted.exitCode).toBe(0);

    const mailsPer = new Map<string, number>();
    for (const raw of sink.mails()) mailsPer.set(recipientOf(raw), (mailsPer.get(recipientOf(raw)) ?? 0) + 1);
    const messages = await db.drillMessage.findMany({ select: { status: true, staff: { select: { email: true } } } });
    expect(messages).toHaveLength(PEOPLE);
    // Nobody received it twice.
    expect([...mailsPer.values()].every((n) => n === 1)).toBe(true);
    // Everyone recorded as sent received exactly one.
    const sent = messages.filter((m) => m.status === "sent");
    for (const m of sent) expect(mailsPer.get(m.staff.email!)).toBe(1);
    // Only the message each killed sender had in hand is left unresolved:
    // it is not resent (it may have gone out), and is listed once its lease ends.
    const inHand = messages.filter((m) => m.status === "sending");
    expect(inHand.length).toBeLessThanOrEqual(first.length);
    expect(sent.length + inHand.length).toBe(PEOPLE);

    await sendDueMessages({ now: () => new Date(Date.now() + 10 * 60_000) });
    const after = await db.drillMessage.findMany({
      where: { status: { not: "sent" } },
      select: { status: true, error: true },
    });
    expect(after).toEqual(inHand.map(() => ({ status: "failed", error: INTERRUPTED })));
    expect(sink.mails().length).toBe([...mailsPer.values()].length);
  }, 120_000);
});
