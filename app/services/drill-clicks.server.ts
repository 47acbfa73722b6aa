import { db } from "~/lib/db.server.ts";
import { linkLastDay } from "~/domain/drills/campaign.ts";
import { assignDrillFollowUp } from "./assignments.server.ts";
import { getScenario, MAIL_PERSON_SELECT, renderFor } from "./drill-scenarios.server.ts";
import { hashToken } from "./drill-tokens.server.ts";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The message a link token belongs to, while its link still works (end date + 30 days). */
async function messageFor(token: string, today: string) {
  if (!TOKEN.test(token)) return null;
  const message = await db.drillMessage.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      staffId: true,
      clickedAt: true,
      campaign: { select: { id: true, scenarioId: true, endDate: true, followUpTrackId: true } },
      staff: { select: MAIL_PERSON_SELECT },
    },
  });
  if (!message || linkLastDay(message.campaign.endDate) < today) return null;
  const scenario = getScenario(message.campaign.scenarioId);
  return scenario ? { ...message, scenario } : null;
}

/**
 * A fetch of a drill link: recorded as a raw fetch (mail gateways and link
 * scanners fetch links too, so this alone is not a click), and answered
 * with what the teaching page shows. Null for an unknown or expired link.
 */
export async function openDrillLink(token: string, now: Date, today: string) {
  const message = await messageFor(token, today);
  if (!message) return null;
  await db.drillMessage.updateMany({ where: { id: message.id, firstFetchAt: null }, data: { firstFetchAt: now } });
  return { scenario: message.scenario, mail: renderFor(message.scenario, message.staff) };
}

export type DrillEvent = "click" | "entered";

/**
 * The teaching page, once shown in a browser, confirms the click with a
 * request of its own: the person clicked (or opened the "attachment") and
 * is assigned the follow-up course, due in 14 days. "entered" records only
 * that something was typed into a fake sign-in form, never what.
 * Returns false for an unknown or expired link.
 */
export async function confirmDrillEvent(token: string, event: DrillEvent, now: Date, today: string): Promise<boolean> {
  const message = await messageFor(token, today);
  if (!message) return false;
  const kind = message.scenario.link.kind;
  await db.$transaction(async (tx) => {
    await tx.drillMessage.updateMany({ where: { id: message.id, clickedAt: null }, data: { clickedAt: now } });
    if (kind === "attachment")
      await tx.drillMessage.updateMany({
        where: { id: message.id, openedAttachmentAt: null },
        data: { openedAttachmentAt: now },
      });
    if (event === "entered" && kind === "sign-in")
      await tx.drillMessage.updateMany({ where: { id: message.id, enteredAt: null }, data: { enteredAt: now } });
    await assignDrillFollowUp(message.staffId, message.campaign.followUpTrackId, message.campaign.id, today, tx);
  });
  return true;
}
