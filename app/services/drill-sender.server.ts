import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { dialect, sqlInstant } from "~/lib/sql-dialect.server.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { endPastCampaigns } from "./drill-campaigns.server.ts";
import { organisationNames } from "./city.server.ts";
import { getScenario, MAIL_PERSON_SELECT, renderFor } from "./drill-scenarios.server.ts";
import { linkToken } from "./drill-tokens.server.ts";
import { isTemporaryMailError, sendOrWriteMail, SMTP_CONNECTIONS } from "./mail.server.ts";
import { log } from "~/lib/log.server.ts";

/**
 * The drill send queue (README "Mail drills"). Messages wait in the
 * database; any number of app instances run this sender, and each message
 * is claimed by exactly one of them with a conditional UPDATE (queued →
 * sending), so only one instance sends it.
 *
 * A sender killed while sending leaves its messages "sending". Whether the
 * mail server took one of them cannot be known (SMTP has no way to ask), so
 * once their lease has expired they are sent again, identical: the same
 * Message-ID and the same link (drill-tokens.server.ts). A mail store that
 * already holds that Message-ID keeps one copy, and the person's link,
 * click and report stay one. A message that keeps stopping its sender is
 * given up after MAX_ATTEMPTS and listed as failed for HR.
 */

/** How long a sender may hold a message; longer than the transport's timeouts. */
const LEASE_MS = 5 * 60_000;
/** Temporary failures are retried this many times in all, after 1, 2, 4, 8… minutes. */
const MAX_ATTEMPTS = 6;
const BACK_OFF_MS = 60_000;
/** Messages claimed at once: two per mail-server connection keeps each one busy. */
const MOST_AT_ONCE = SMTP_CONNECTIONS * 2;

const messageIdDomain = new URL(env.APP_URL).hostname;

export const RESENT = "resent: its sender stopped while sending it (same Message-ID and link)";
export const INTERRUPTED = "interrupted: its sender stopped while sending it, every time it was tried";

type Claim = { id: number; campaignId: number; staffId: number; attempts: number };

/** Claims up to `size` messages due now in one statement; several senders never claim the same one. */
function claimDue(now: Date, size: number): Promise<Claim[]> {
  // PostgreSQL: a second sender skips the rows the first is claiming instead of waiting for them.
  const skipLocked = dialect === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  return db.$queryRaw<Claim[]>`
    UPDATE "DrillMessage"
    SET "status" = 'sending', "leaseUntil" = ${sqlInstant(new Date(now.getTime() + LEASE_MS))},
        "attempts" = "attempts" + 1
    WHERE "status" = 'queued' AND "id" IN (
      SELECT "id" FROM "DrillMessage"
      WHERE "status" = 'queued' AND "nextTryAt" <= ${sqlInstant(now)}
      ORDER BY "nextTryAt" LIMIT ${size} ${skipLocked})
    RETURNING "id", "campaignId", "staffId", "attempts"`;
}

/** Puts back in the queue what a stopped sender held (see above), or gives it up. */
async function resumeInterrupted(now: Date) {
  const expired = { status: "sending", leaseUntil: { lt: now } };
  await db.drillMessage.updateMany({
    where: { ...expired, attempts: { lt: MAX_ATTEMPTS } },
    data: { status: "queued", leaseUntil: null, nextTryAt: now, error: RESENT },
  });
  await db.drillMessage.updateMany({
    where: expired,
    data: { status: "failed", leaseUntil: null, error: INTERRUPTED },
  });
}

type Outcome =
  | { id: number; result: "sent"; channel: "smtp" | "file" }
  | { id: number; result: "retry" | "failed"; error: string; attempts: number };

/** Sends the claimed messages at once (the pooled transport spreads them over its connections). */
async function sendClaimed(claims: Claim[]): Promise<Outcome[]> {
  const messages = await db.drillMessage.findMany({
    where: { id: { in: claims.map((c) => c.id) } },
    select: {
      id: true,
      campaignId: true,
      staffId: true,
      attempts: true,
      tokenHash: true,
      campaign: { select: { scenarioId: true, status: true } },
      staff: { select: { ...MAIL_PERSON_SELECT, email: true } },
    },
  });
  const starting = new Set(messages.filter((m) => m.campaign.status === "scheduled").map((m) => m.campaignId));
  if (starting.size > 0)
    await db.drillCampaign.updateMany({
      where: { id: { in: [...starting] }, status: "scheduled" },
      data: { status: "sending" },
    });
  const organisations = await organisationNames();
  return Promise.all(
    messages.map(async (message): Promise<Outcome> => {
      const scenario = getScenario(message.campaign.scenarioId);
      const { staff } = message;
      if (!scenario || !staff.email) {
        const error = scenario ? "no mail address" : "unknown scenario";
        return { id: message.id, result: "failed", error, attempts: message.attempts };
      }
      const { token, hash } = linkToken(message.campaignId, message.staffId);
      // Queued before this token scheme, or the secret has changed since:
      // the link in the mail must be the one the database knows.
      if (message.tokenHash !== hash)
        await db.drillMessage.update({ where: { id: message.id }, data: { tokenHash: hash } });
      const mail = renderFor(scenario, staff, organisations, `${env.APP_URL}/d/${token}`);
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
            // The same on every attempt: a mail store keeps one copy of a resent mail.
            messageId: `<drill.${message.campaignId}.${message.staffId}@${messageIdDomain}>`,
            // Lets the city's mail gateway let drill mail through its filters.
            headers: { "X-Mamori-Drill": String(message.campaignId) },
          },
          "drills",
          `drill-${message.campaignId}-${staff.employeeNumber}-${message.id}.eml`,
        );
        return { id: message.id, result: "sent", channel };
      } catch (error) {
        const text = error instanceof Error ? error.message.slice(0, 500) : String(error);
        const retry = isTemporaryMailError(error) && message.attempts < MAX_ATTEMPTS;
        return { id: message.id, result: retry ? "retry" : "failed", error: text, attempts: message.attempts };
      }
    }),
  );
}

/** Writes what became of a batch: the sent ones in one statement per channel. */
async function record(outcomes: Outcome[], sentAt: Date) {
  for (const channel of ["smtp", "file"] as const) {
    const ids = outcomes.filter((o) => o.result === "sent" && o.channel === channel).map((o) => o.id);
    if (ids.length > 0)
      await db.drillMessage.updateMany({
        where: { id: { in: ids } },
        data: { status: "sent", sentAt, channel, leaseUntil: null, error: null },
      });
  }
  for (const o of outcomes) {
    if (o.result === "sent") continue;
    await db.drillMessage.update({
      where: { id: o.id },
      data:
        o.result === "retry"
          ? {
              status: "queued",
              leaseUntil: null,
              error: o.error,
              nextTryAt: new Date(sentAt.getTime() + BACK_OFF_MS * 2 ** (o.attempts - 1)),
            }
          : { status: "failed", leaseUntil: null, error: o.error },
    });
  }
}

export type SendSummary = { sent: number; retry: number; failed: number };

/**
 * Sends what is due now, at most `limit` messages, keeping to
 * DRILL_SEND_PER_MINUTE: a few at a time when the rate allows, one at a
 * time with a pause between them when it does not. `stopped` ends it early.
 */
export async function sendDueMessages(
  options: { limit?: number; now?: () => Date; stopped?: () => boolean; perMinute?: number } = {},
): Promise<SendSummary> {
  const now = options.now ?? (() => new Date());
  const perMinute = options.perMinute ?? env.DRILL_SEND_PER_MINUTE;
  const gap = 60_000 / perMinute;
  const atOnce = Math.max(1, Math.min(MOST_AT_ONCE, Math.floor(perMinute / 600)));
  const limit = options.limit ?? Infinity;
  const summary: SendSummary = { sent: 0, retry: 0, failed: 0 };
  await resumeInterrupted(now());
  await endPastCampaigns(japanDate(now()));
  let next = Date.now();
  let done = 0;
  while (done < limit && !options.stopped?.()) {
    const claims = await claimDue(now(), Math.min(atOnce, limit - done));
    if (claims.length === 0) break;
    const outcomes = await sendClaimed(claims);
    await record(outcomes, now());
    for (const o of outcomes) summary[o.result]++;
    done += claims.length;
    next += gap * claims.length;
    const wait = next - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    else next = Date.now();
  }
  return summary;
}

/**
 * Runs the sender in the background of the app server until the returned
 * function is called (app/entry.server.tsx), which waits for the messages
 * in hand to finish.
 */
export function startDrillSender(): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = sendDueMessages({ stopped: () => stopped })
      .catch((error: unknown) => log.error({ err: error }, "drill sender: sending failed"))
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
