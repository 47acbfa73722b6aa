import { createHash, randomBytes } from "node:crypto";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { endPastCampaigns } from "./drill-campaigns.server.ts";
import { getScenario, MAIL_PERSON_SELECT, renderFor } from "./drill-scenarios.server.ts";
import { isTemporaryMailError, sendOrWriteMail } from "./mail.server.ts";

/**
 * The drill send queue (README "Mail drills"). Messages wait in the
 * database; any number of app instances run this sender, and each message
 * is claimed by exactly one of them with a conditional UPDATE (queued →
 * sending), so only one instance sends it.
 *
 * At most once: a message is marked "sending" before the mail server is
 * contacted and "sent" after it accepts. A sender killed in between leaves
 * the message "sending"; it is never sent again, because the mail may
 * already have gone out. When its lease has expired it is recorded as
 * failed ("interrupted"), so HR sees the one person (per instance killed)
 * who may have missed the drill, instead of someone receiving it twice.
 */

/** How long a sender may hold a message; longer than the transport's timeouts. */
const LEASE_MS = 5 * 60_000;
/** Temporary failures are retried this many times in all, after 1, 2, 4, 8… minutes. */
const MAX_ATTEMPTS = 6;
const BACK_OFF_MS = 60_000;

export const INTERRUPTED = "interrupted: the sender stopped while sending; not resent, it may have been delivered";

/** A new link token (256 random bits, base64url) and the hash stored for it. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Claims the next message due, or null; several senders never claim the same one. */
async function claimNext(now: Date) {
  for (;;) {
    const candidates = await db.drillMessage.findMany({
      // Only running campaigns have queued messages (ending one fails the
      // rest), so the (status, nextTryAt) index answers this alone.
      where: { status: "queued", nextTryAt: { lte: now } },
      orderBy: { nextTryAt: "asc" },
      take: 10,
      select: { id: true, campaignId: true },
    });
    if (candidates.length === 0) return null;
    for (const candidate of candidates) {
      const { token, hash } = newToken();
      const { count } = await db.drillMessage.updateMany({
        where: { id: candidate.id, status: "queued" },
        data: {
          status: "sending",
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          attempts: { increment: 1 },
          tokenHash: hash,
        },
      });
      if (count === 1) return { ...candidate, token };
    }
    // Every candidate was taken by another sender: look again.
  }
}

/** Records messages whose sender stopped mid-send (see above: never resent). */
async function recordInterrupted(now: Date) {
  await db.drillMessage.updateMany({
    where: { status: "sending", leaseUntil: { lt: now } },
    data: { status: "failed", error: INTERRUPTED, leaseUntil: null },
  });
}

/** Builds and sends one claimed message; returns what became of it. */
async function sendOne(claim: { id: number; campaignId: number; token: string }, now: () => Date) {
  const message = await db.drillMessage.findUniqueOrThrow({
    where: { id: claim.id },
    select: {
      attempts: true,
      campaign: { select: { id: true, scenarioId: true, status: true } },
      staff: { select: { ...MAIL_PERSON_SELECT, email: true } },
    },
  });
  const scenario = getScenario(message.campaign.scenarioId);
  const { staff } = message;
  if (!scenario || !staff.email) {
    await db.drillMessage.update({
      where: { id: claim.id },
      data: { status: "failed", leaseUntil: null, error: scenario ? "no mail address" : "unknown scenario" },
    });
    return "failed" as const;
  }
  if (message.campaign.status === "scheduled") {
    await db.drillCampaign.updateMany({
      where: { id: claim.campaignId, status: "scheduled" },
      data: { status: "sending" },
    });
  }
  const mail = renderFor(scenario, staff, `${env.APP_URL}/d/${claim.token}`);
  try {
    const channel = await sendOrWriteMail(
      {
        from: { name: mail.fromName, address: mail.fromAddress },
        // The envelope sender is Mamori's, so bounces come back to the city.
        envelope: { from: env.MAIL_FROM, to: staff.email },
        to: staff.email,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        // Lets the city's mail gateway let drill mail through its filters.
        headers: { "X-Mamori-Drill": String(claim.campaignId) },
      },
      "drills",
      `drill-${claim.campaignId}-${staff.employeeNumber}-${claim.id}.eml`,
    );
    await db.drillMessage.update({
      where: { id: claim.id },
      data: { status: "sent", sentAt: now(), channel, leaseUntil: null, error: null },
    });
    return "sent" as const;
  } catch (error) {
    const text = error instanceof Error ? error.message.slice(0, 500) : String(error);
    const retry = isTemporaryMailError(error) && message.attempts < MAX_ATTEMPTS;
    await db.drillMessage.update({
      where: { id: claim.id },
      data: retry
        ? {
            status: "queued",
            leaseUntil: null,
            tokenHash: null,
            error: text,
            nextTryAt: new Date(now().getTime() + BACK_OFF_MS * 2 ** (message.attempts - 1)),
          }
        : { status: "failed", leaseUntil: null, error: text },
    });
    return retry ? ("retry" as const) : ("failed" as const);
  }
}

export type SendSummary = { sent: number; retry: number; failed: number };

/**
 * Sends what is due now, at most `limit` messages, pausing between them to
 * keep to DRILL_SEND_PER_MINUTE. Returns what it did; `stopped` ends it early.
 */
export async function sendDueMessages(
  options: { limit?: number; now?: () => Date; stopped?: () => boolean; perMinute?: number } = {},
): Promise<SendSummary> {
  const now = options.now ?? (() => new Date());
  const gap = 60_000 / (options.perMinute ?? env.DRILL_SEND_PER_MINUTE);
  const summary: SendSummary = { sent: 0, retry: 0, failed: 0 };
  await recordInterrupted(now());
  await endPastCampaigns(japanDate(now()));
  let next = Date.now();
  for (let done = 0; done < (options.limit ?? Infinity) && !options.stopped?.(); done++) {
    const claim = await claimNext(now());
    if (!claim) break;
    summary[await sendOne(claim, now)]++;
    next += gap;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else next = Date.now();
  }
  return summary;
}

/**
 * Runs the sender in the background of the app server until the returned
 * function is called (app/entry.server.tsx), which waits for the message
 * in hand to finish.
 */
export function startDrillSender(): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sendDueMessages({ stopped: () => stopped })
      .catch((error) => console.error("drill sender:", error))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, env.DRILL_SENDER_POLL_MS);
      });
  };
  timer = setTimeout(tick, 0);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
