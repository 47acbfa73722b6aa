import { Prisma } from "~/generated/prisma/client.ts";
import { db } from "~/lib/db.server.ts";
import { t } from "~/lib/i18n.ts";
import { reads, sqlDate } from "~/lib/sql-read.server.ts";
import { sqlBoolean, sqlInstant } from "~/lib/sql-dialect.server.ts";
import { changesOf, writeTransaction } from "~/lib/sql-write.server.ts";
import { linkLastDay } from "~/domain/drills/campaign.ts";
import { scenarioForCity } from "~/domain/drills/scenario.ts";
import { drillFollowUp, assignFollowUp } from "./assignments.server.ts";
import { organisationNames } from "./city.server.ts";
import { getScenario, renderFor } from "./drill-scenarios.server.ts";
import { hashToken } from "./drill-tokens.server.ts";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

type LinkRow = {
  id: number;
  staffId: number;
  firstFetchAt: unknown;
  clickedAt: unknown;
  enteredAt: unknown;
  campaignId: number;
  scenarioId: string;
  endDate: string;
  followUpTrackId: string;
  employeeTypeCode: string;
  role: string;
  duties: string;
  active: unknown;
};

/**
 * The message a link token belongs to, while its link still works (end
 * date + 30 days). One statement on the read connection: every mail
 * gateway and every person who clicks comes through here, without a login.
 */
async function messageFor(token: string, today: string) {
  if (!TOKEN.test(token)) return null;
  const [row] = await reads.rows<LinkRow>(Prisma.sql`
    SELECT m."id", m."staffId", m."firstFetchAt", m."clickedAt", m."enteredAt", c."id" AS "campaignId", c."scenarioId", c."endDate",
           c."followUpTrackId", s."employeeTypeCode", s."role", s."duties", s."active"
    FROM "DrillMessage" m
    JOIN "DrillCampaign" c ON c."id" = m."campaignId"
    JOIN "Staff" s ON s."id" = m."staffId"
    WHERE m."tokenHash" = ${hashToken(token)}`);
  if (!row || linkLastDay(row.endDate) < today) return null;
  const scenario = getScenario(row.scenarioId);
  if (!scenario) return null;
  return {
    id: row.id,
    staffId: row.staffId,
    person: {
      id: row.staffId,
      employeeTypeCode: row.employeeTypeCode,
      role: row.role,
      duties: row.duties,
      active: sqlBoolean(row.active),
    },
    fetched: sqlDate(row.firstFetchAt) !== null,
    clicked: sqlDate(row.clickedAt) !== null,
    entered: sqlDate(row.enteredAt) !== null,
    campaign: { id: row.campaignId, followUpTrackId: row.followUpTrackId },
    scenario,
  };
}

/**
 * The person's values in the mail as the teaching page draws it. Whoever
 * has the link — a forwarded mail, a colleague, a link scanner's log — may
 * open the page, so it names no one: the mail shows labels where the
 * recipient's name, number and section stood.
 */
const NOBODY = {
  name: t("teach.person.name"),
  employeeNumber: t("teach.person.employeeNumber"),
  organisation: { name: t("teach.person.organisation") },
  section: null,
};

/**
 * A fetch of a drill link: recorded as a raw fetch (mail gateways and link
 * scanners fetch links too, so this alone is not a click), and answered
 * with what the teaching page shows. Null for an unknown or expired link.
 */
export async function openDrillLink(token: string, now: Date, today: string) {
  const message = await messageFor(token, today);
  if (!message) return null;
  if (!message.fetched)
    await db.$executeRaw`UPDATE "DrillMessage" SET "firstFetchAt" = ${sqlInstant(now)} WHERE "id" = ${message.id} AND "firstFetchAt" IS NULL`;
  const organisations = await organisationNames();
  return {
    scenario: scenarioForCity(message.scenario, organisations),
    mail: renderFor(message.scenario, NOBODY, organisations),
  };
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
  const entered = event === "entered" && kind === "sign-in";
  // The first click has been recorded and its follow-up course assigned:
  // the page shown again has nothing new to say.
  if (message.clicked && !(entered && !message.entered)) return true;
  const at = sqlInstant(now);
  const followUp = await drillFollowUp(message.person, message.campaign.followUpTrackId, message.campaign.id, today);
  // One write on the write connection (decision 008): the flags, and the follow-up course.
  await writeTransaction(function* () {
    yield* changesOf(Prisma.sql`
      UPDATE "DrillMessage" SET
        "clickedAt" = COALESCE("clickedAt", ${at}),
        "openedAttachmentAt" = ${kind === "attachment" ? Prisma.sql`COALESCE("openedAttachmentAt", ${at})` : Prisma.sql`"openedAttachmentAt"`},
        "enteredAt" = ${entered ? Prisma.sql`COALESCE("enteredAt", ${at})` : Prisma.sql`"enteredAt"`}
      WHERE "id" = ${message.id}`);
    if (followUp) yield* assignFollowUp(followUp);
  });
  return true;
}
