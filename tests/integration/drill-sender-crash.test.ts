import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { closeSmtpTransport } from "~/services/mail.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { createCampaign, launchCampaign } from "~/services/drill-campaigns.server.ts";
import { sendDueMessages } from "~/services/drill-sender.server.ts";
import { recipientOf, staffWithMail } from "./drill-mail.ts";
import { startSmtpSink } from "./smtp-sink-process.ts";

const PEOPLE = 200;
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
  // Each mail takes the server 30 ms to accept: a kill lands mid-campaign.
  sink = await startSmtpSink({ SINK_DELAY_MS: "30" });
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

/** What each person's mailbox holds: a mail store keeps one copy of a Message-ID. */
function mailboxes() {
  const boxes = new Map<string, Set<string>>();
  for (const raw of sink.mails()) {
    const id = /^Message-ID: (.*)$/im.exec(raw.toString("utf8"))?.[1]?.trim() ?? "";
    const box = boxes.get(recipientOf(raw)) ?? new Set<string>();
    boxes.set(recipientOf(raw), box.add(id));
  }
  return boxes;
}

describe("the drill sender killed mid-campaign", () => {
  it("resumes after SIGKILL, with two senders at once: every person receives exactly one message", async () => {
    const first = [startSender(), startSender()];
    await until(() => sink.mails().length >= 30);
    for (const child of first) await kill(child, "SIGKILL");
    const atKill = sink.mails().length;
    expect(atKill).toBeLessThan(PEOPLE); // really mid-campaign
    const inHand = await db.drillMessage.count({ where: { status: "sending" } });
    expect(inHand).toBeGreaterThan(0); // the kill caught messages being sent

    const restarted = startSender();
    await until(async () => (await db.drillMessage.count({ where: { status: "queued" } })) === 0);
    await kill(restarted, "SIGTERM");
    expect(restarted.exitCode).toBe(0);
    // What the killed senders held waits for their leases to end (another
    // sender might still be sending it), then goes out again.
    expect(await db.drillMessage.count({ where: { status: "sending" } })).toBe(inHand);
    env.SMTP_URL = sink.url;
    await sendDueMessages({ now: () => new Date(Date.now() + 10 * 60_000) });
    closeSmtpTransport();

    const messages = await db.drillMessage.findMany({ select: { status: true, staffId: true } });
    expect(messages).toHaveLength(PEOPLE);
    expect(messages.every((m) => m.status === "sent")).toBe(true);
    const boxes = mailboxes();
    expect(boxes.size).toBe(PEOPLE);
    expect([...boxes.values()].every((ids) => ids.size === 1)).toBe(true);
    // Sent twice at most what was in hand at the kill, each time identical.
    const deliveries = sink.mails().length;
    expect(deliveries - PEOPLE).toBeLessThanOrEqual(inHand);
    const staff = await db.staff.findMany({ where: { id: { in: messages.map((m) => m.staffId) } } });
    expect(new Set(staff.map((p) => p.email))).toEqual(new Set(boxes.keys()));
  }, 120_000);
});
