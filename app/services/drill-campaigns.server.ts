import { randomInt } from "node:crypto";
import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import type { Actor } from "~/domain/audit.ts";
import {
  parseTargets,
  sendIntervals,
  windowTooLong,
  spreadSendTimes,
  type CampaignInput,
  type CampaignStatus,
  type DrillTargets,
  type SkipReason,
} from "~/domain/drills/campaign.ts";
import { BATCH, chunks } from "~/lib/chunks.ts";
import { sqlInstant } from "~/lib/sql-dialect.server.ts";
import { recordAudit } from "./audit.server.ts";
import { organisationNames } from "./city.server.ts";
import { getScenario, MAIL_PERSON_SELECT, renderFor } from "./drill-scenarios.server.ts";
import { linkToken } from "./drill-tokens.server.ts";

/** The track a campaign assigns after a click (content/tracks.yaml). */
export const FOLLOW_UP_TRACK = "drill-follow-up";

export class CampaignError extends Error {
  constructor(
    readonly key: "notFound" | "notDraft" | "unknownScenario" | "noRecipients" | "notRunning" | "windowTooLong",
  ) {
    super(key);
  }
}

function targetsJson(targets: DrillTargets): Prisma.InputJsonValue {
  return targets as unknown as Prisma.InputJsonValue;
}

/** Creates a campaign in draft, audited. */
export async function createCampaign(actor: Actor, input: CampaignInput) {
  if (!getScenario(input.scenarioId)) throw new CampaignError("unknownScenario");
  return db.$transaction(async (tx) => {
    const campaign = await tx.drillCampaign.create({
      data: {
        ...input,
        targets: targetsJson(input.targets),
        followUpTrackId: FOLLOW_UP_TRACK,
        createdBy: actor.staffId,
      },
    });
    await recordAudit(tx, actor, {
      action: "drill.create",
      targetType: "drillCampaign",
      targetId: campaign.id,
      detail: {
        ...input,
        windowStart: input.windowStart.toISOString(),
        windowEnd: input.windowEnd.toISOString(),
      } as never,
    });
    return campaign;
  });
}

/** Changes a draft; a campaign already launched keeps what its staff received. */
export async function updateCampaign(actor: Actor, campaignId: number, input: CampaignInput) {
  if (!getScenario(input.scenarioId)) throw new CampaignError("unknownScenario");
  return db.$transaction(async (tx) => {
    const { count } = await tx.drillCampaign.updateMany({
      where: { id: campaignId, status: "draft" },
      data: { ...input, targets: targetsJson(input.targets) },
    });
    if (count === 0) throw new CampaignError("notDraft");
    await recordAudit(tx, actor, {
      action: "drill.update",
      targetType: "drillCampaign",
      targetId: campaignId,
      detail: {
        ...input,
        windowStart: input.windowStart.toISOString(),
        windowEnd: input.windowEnd.toISOString(),
      } as never,
    });
  });
}

export function listCampaigns() {
  return db.drillCampaign.findMany({ orderBy: { id: "desc" } });
}

export async function getCampaign(campaignId: number) {
  const campaign = await db.drillCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new CampaignError("notFound");
  return { ...campaign, status: campaign.status as CampaignStatus, targets: parseTargets(campaign.targets) };
}

export type Recipient = { id: number; employeeNumber: string; name: string };
export type Skipped = { employeeNumber: string; name: string | null; reason: SkipReason };

const personSelect = { id: true, employeeNumber: true, name: true, email: true, active: true } as const;

/**
 * Who a campaign's targets reach, and who they leave out with the reason:
 * staff no longer active, staff without a mail address, and listed numbers
 * not in the register. Read a slice at a time (100,000 staff fit).
 */
export async function resolveTargets(targets: DrillTargets): Promise<{ recipients: Recipient[]; skipped: Skipped[] }> {
  const recipients: Recipient[] = [];
  const skipped: Skipped[] = [];
  const take = (p: { id: number; employeeNumber: string; name: string; email: string | null; active: boolean }) => {
    if (!p.active) skipped.push({ employeeNumber: p.employeeNumber, name: p.name, reason: "inactive" });
    else if (!p.email?.trim()) skipped.push({ employeeNumber: p.employeeNumber, name: p.name, reason: "no-email" });
    else recipients.push({ id: p.id, employeeNumber: p.employeeNumber, name: p.name });
  };
  if (targets.kind === "list") {
    for (const numbers of chunks(targets.employeeNumbers)) {
      const found = await db.staff.findMany({ where: { employeeNumber: { in: numbers } }, select: personSelect });
      const byNumber = new Map(found.map((p) => [p.employeeNumber, p]));
      for (const number of numbers) {
        const person = byNumber.get(number);
        if (person) take(person);
        else skipped.push({ employeeNumber: number, name: null, reason: "unknown-number" });
      }
    }
    return { recipients, skipped };
  }
  const where: Prisma.StaffWhereInput = {
    organisationId: targets.organisationId,
    sectionId: targets.sectionId,
    employeeTypeCode: targets.employeeTypeCode,
    role: targets.role,
  };
  for (let cursor = 0; ;) {
    const page = await db.staff.findMany({
      where: { ...where, id: { gt: cursor } },
      orderBy: { id: "asc" },
      take: BATCH * 10,
      select: personSelect,
    });
    if (page.length === 0) break;
    page.forEach(take);
    cursor = page.at(-1)!.id;
  }
  return { recipients, skipped };
}

/** The mail exactly as the person `employeeNumber` would receive it, with an example link (no real token is made). */
export async function previewMail(campaignId: number, employeeNumber: string) {
  const campaign = await getCampaign(campaignId);
  const scenario = getScenario(campaign.scenarioId);
  if (!scenario) throw new CampaignError("unknownScenario");
  const person = await db.staff.findUnique({
    where: { employeeNumber },
    select: { ...MAIL_PERSON_SELECT, email: true },
  });
  if (!person) return null;
  return { ...renderFor(scenario, person, await organisationNames()), to: person.email };
}

/**
 * Launches a draft: one queued message per recipient, each with its own
 * random send time within the window's sending hours. All rows are written
 * in one transaction (a campaign is queued whole or not at all), in
 * multi-row inserts of BATCH rows.
 */
export async function launchCampaign(actor: Actor, campaignId: number, now = new Date()) {
  const campaign = await getCampaign(campaignId);
  if (campaign.status !== "draft") throw new CampaignError("notDraft");
  const { recipients, skipped } = await resolveTargets(campaign.targets);
  if (recipients.length === 0) throw new CampaignError("noRecipients");
  // A window already under way sends from now on.
  const start = campaign.windowStart > now ? campaign.windowStart : now;
  // The form bounds the window; a draft saved before it did is refused rather than planned over centuries.
  if (windowTooLong(start, campaign.windowEnd)) throw new CampaignError("windowTooLong");
  const times = spreadSendTimes(
    sendIntervals(start, campaign.windowEnd, campaign.businessHoursOnly),
    recipients.length,
    () => randomInt(0, 2 ** 40) / 2 ** 40,
  );
  if (times.length === 0) throw new CampaignError("notRunning");
  await db.$transaction(
    async (tx) => {
      const { count } = await tx.drillCampaign.updateMany({
        where: { id: campaignId, status: "draft" },
        data: { status: "scheduled", launchedAt: now },
      });
      if (count === 0) throw new CampaignError("notDraft");
      // One multi-row INSERT per slice: Prisma's createMany took half a
      // minute for 100,000 rows, this takes a few seconds.
      for (const slice of chunks(recipients.map((r, i) => ({ staffId: r.id, nextTryAt: times[i]! })))) {
        const rows = slice.map(
          (m) =>
            Prisma.sql`(${campaignId}, ${m.staffId}, ${linkToken(campaignId, m.staffId).hash}, ${sqlInstant(m.nextTryAt)})`,
        );
        await tx.$executeRaw`INSERT INTO "DrillMessage" ("campaignId", "staffId", "tokenHash", "nextTryAt") VALUES ${Prisma.join(rows)}`;
      }
      await recordAudit(tx, actor, {
        action: "drill.launch",
        targetType: "drillCampaign",
        targetId: campaignId,
        detail: { queued: recipients.length, skipped: skipped.length },
      });
    },
    { timeout: 120_000 },
  );
  return { queued: recipients.length, skipped };
}

/** Ends a campaign: nothing more is sent; links keep teaching for 30 days. */
export async function endCampaign(actor: Actor, campaignId: number) {
  return db.$transaction(async (tx) => {
    const { count } = await tx.drillCampaign.updateMany({
      where: { id: campaignId, status: { in: ["scheduled", "sending"] } },
      data: { status: "ended" },
    });
    if (count === 0) throw new CampaignError("notRunning");
    const { count: unsent } = await tx.drillMessage.updateMany({
      where: { campaignId, status: "queued" },
      data: { status: "failed", error: "campaign ended before sending" },
    });
    await recordAudit(tx, actor, {
      action: "drill.end",
      targetType: "drillCampaign",
      targetId: campaignId,
      detail: { unsent },
    });
  });
}

/**
 * Ends campaigns whose end date has passed (the sender calls this as it
 * runs); what they had not sent is never sent, so the sender's queue holds
 * only messages of running campaigns.
 */
export async function endPastCampaigns(today: string) {
  const past = await db.drillCampaign.findMany({
    where: { status: { in: ["scheduled", "sending"] }, endDate: { lt: today } },
    select: { id: true },
  });
  if (past.length === 0) return 0;
  const ids = past.map((c) => c.id);
  await db.$transaction([
    db.drillCampaign.updateMany({ where: { id: { in: ids } }, data: { status: "ended" } }),
    db.drillMessage.updateMany({
      where: { campaignId: { in: ids }, status: "queued" },
      data: { status: "failed", error: "campaign ended before sending" },
    }),
  ]);
  return ids.length;
}

/** How many of a campaign's messages wait, are being sent, were sent or failed. */
export async function queueCounts(campaignId: number) {
  const rows = await db.drillMessage.groupBy({ by: ["status"], where: { campaignId }, _count: { _all: true } });
  const counts = { queued: 0, sending: 0, sent: 0, failed: 0 };
  for (const row of rows) if (row.status in counts) counts[row.status as keyof typeof counts] = row._count._all;
  return counts;
}
