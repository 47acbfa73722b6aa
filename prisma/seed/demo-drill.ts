import { readFileSync } from "node:fs";
import { join } from "node:path";
import { simpleParser } from "mailparser";
import { db } from "~/lib/db.server.ts";
import { env } from "~/lib/env.server.ts";
import { today } from "~/lib/clock.server.ts";
import { CLI_ACTOR } from "~/domain/audit.ts";
import { addDays } from "~/domain/fiscal-year.ts";
import { japanDate } from "~/domain/japan-time.ts";
import { japanLocalToInstant } from "~/domain/drills/campaign.ts";
import { drillTokensIn } from "~/domain/drills/report-match.ts";
import { DEMO_DRILL } from "./demo.ts";
import { createCampaign, endPastCampaigns, launchCampaign } from "~/services/drill-campaigns.server.ts";
import { confirmDrillEvent, openDrillLink } from "~/services/drill-clicks.server.ts";
import { sendDueMessages } from "~/services/drill-sender.server.ts";
import { fileReport } from "~/services/mail-reports.server.ts";

const after = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * 60_000);

/**
 * The demo's finished drill, run through the real services as if ten
 * days ago: the campaign is created and launched, each mail is sent by the
 * sender at its own spread time (to the outbox: the demo has no SMTP), and
 * the people's clicks and reports go through the link page's and the report
 * button's services with their tokens read back from the .eml files.
 * Skipped when the campaign exists.
 */
export async function loadDemoDrill(): Promise<void> {
  if (await db.drillCampaign.findFirst({ where: { name: DEMO_DRILL.name } })) return;
  const start = addDays(today(), -DEMO_DRILL.daysAgo);
  const windowStart = japanLocalToInstant(`${start}T09:00`)!;
  const campaign = await createCampaign(CLI_ACTOR, {
    name: DEMO_DRILL.name,
    scenarioId: DEMO_DRILL.scenarioId,
    targets: { kind: "filter" },
    windowStart,
    windowEnd: japanLocalToInstant(`${addDays(start, 2)}T17:00`)!,
    businessHoursOnly: true,
    // Ended: the follow-up courses its clicks assigned are still due.
    endDate: addDays(start, 3),
  });
  await launchCampaign(CLI_ACTOR, campaign.id, windowStart);
  const queued = await db.drillMessage.findMany({
    where: { campaignId: campaign.id },
    orderBy: { nextTryAt: "asc" },
    select: { id: true, nextTryAt: true },
  });
  for (const message of queued) await sendDueMessages({ now: () => message.nextTryAt, limit: 1, perMinute: 60_000 });

  const sent = await db.drillMessage.findMany({
    where: { campaignId: campaign.id, status: "sent" },
    select: { id: true, sentAt: true, staff: { select: { id: true, employeeNumber: true } } },
  });
  for (const message of sent) {
    const outcome = DEMO_DRILL.outcomes[message.staff.employeeNumber];
    if (!outcome) continue;
    const file = join(
      env.REMINDER_OUTBOX,
      "drills",
      `drill-${campaign.id}-${message.staff.employeeNumber}-${message.id}.eml`,
    );
    const mail = await simpleParser(readFileSync(file));
    const [token] = drillTokensIn(mail.text ?? "");
    if (outcome.click !== undefined && token) {
      const at = after(message.sentAt!, outcome.click);
      await openDrillLink(token, at, japanDate(at));
      await confirmDrillEvent(token, "click", at, japanDate(at));
      if (outcome.entered) await confirmDrillEvent(token, "entered", after(at, 1), japanDate(at));
    }
    if (outcome.report !== undefined) {
      await fileReport(
        {
          via: "button",
          reporterId: message.staff.id,
          sender: mail.from?.text ?? "",
          subject: mail.subject ?? "",
          rawSize: 0,
          tokens: [],
        },
        after(message.sentAt!, outcome.report),
      );
    }
  }
  const { realReport } = DEMO_DRILL;
  const reporters = await db.staff.findMany({
    where: { employeeNumber: { in: realReport.reporters } },
    select: { id: true },
  });
  for (const [i, reporter] of reporters.entries()) {
    await fileReport(
      {
        via: "button",
        reporterId: reporter.id,
        sender: realReport.sender,
        subject: realReport.subject,
        rawSize: 0,
        tokens: [],
      },
      after(japanLocalToInstant(`${addDays(today(), -1)}T09:12`)!, i * 7),
    );
  }
  await endPastCampaigns(today());
}
