import { db } from "~/lib/db.server.ts";
import type { Role } from "~/domain/roles.ts";
import { staffSearchName } from "~/domain/name-search.ts";
import type { DrawnQuestion } from "~/domain/quiz.ts";
import { hashPassword } from "~/services/auth.server.ts";
import { startAttempt } from "~/services/quiz.server.ts";
import { linkToken } from "~/services/drill-tokens.server.ts";

let next = 1;

/** A member of staff with a password, in an organisation of the base data. */
export async function createStaff(
  overrides: Partial<{
    employeeNumber: string;
    name: string;
    nameKana: string;
    organisationId: string;
    sectionId: number;
    employeeTypeCode: string;
    role: Role;
    active: boolean;
    password: string;
  }> = {},
) {
  const { password = "correct horse battery", ...fields } = overrides;
  const n = next++;
  const name = fields.name ?? `試験 職員${n}`;
  return db.staff.create({
    data: {
      employeeNumber: `T${String(n).padStart(5, "0")}`,
      organisationId: "mayor",
      employeeTypeCode: "regular",
      startDate: "2026-04-01",
      ...fields,
      name,
      searchName: staffSearchName({ name, nameKana: fields.nameKana ?? "" }),
      password: { create: { hash: await hashPassword(password) } },
    },
  });
}

/** An assignment of a track from content/ to a person, due in the future. */
export async function assignTrack(staffId: number, trackId: string, cycleKey = "once") {
  return db.assignment.create({ data: { staffId, trackId, cycleKey, fiscalYear: 2026, dueDate: "2099-01-01" } });
}

/**
 * A quiz attempt open for `staffId` on the track: assigned, started, every
 * module read, then the quiz started through the service. Returns the
 * assignment, the attempt and the questions drawn.
 */
export async function openQuizAttempt(staffId: number, trackId: string, cycleKey: string) {
  const assignment = await assignTrack(staffId, trackId, cycleKey);
  await db.assignment.update({ where: { id: assignment.id }, data: { startedAt: new Date() } });
  const track = (await db.track.findUniqueOrThrow({ where: { id: trackId } })).definition as { modules: string[] };
  await db.moduleReading.createMany({
    data: track.modules.map((moduleSlug) => ({ assignmentId: assignment.id, moduleSlug, releaseId: 1 })),
  });
  const started = await startAttempt(staffId, assignment.id);
  if (!started.ok) throw new Error(`quiz did not start: ${started.reason}`);
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
  return { assignment, attempt, draw: attempt.draw as DrawnQuestion[] };
}

/**
 * A drill being sent, with one message delivered to `staffId`: the campaign
 * id and the message's link token, for tests that open the drill's pages.
 */
export async function createSendingDrill(staffId: number): Promise<{ campaignId: number; token: string }> {
  const campaign = await db.drillCampaign.create({
    data: {
      name: "訓練",
      scenarioId: "parcel-notice",
      targets: { kind: "filter" },
      windowStart: new Date("2026-11-24T00:00:00Z"),
      windowEnd: new Date("2026-11-24T08:00:00Z"),
      followUpTrackId: "drill-follow-up",
      endDate: "2026-12-31",
      status: "sending",
    },
  });
  const { token, hash } = linkToken(campaign.id, staffId);
  await db.drillMessage.create({
    data: {
      campaignId: campaign.id,
      staffId,
      tokenHash: hash,
      status: "sent",
      nextTryAt: new Date(),
      sentAt: new Date(),
    },
  });
  return { campaignId: campaign.id, token };
}
