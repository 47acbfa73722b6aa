import { db } from "~/lib/db.server.ts";
import { getCity } from "./city.server.ts";
import { currentRelease } from "./catalogue.server.ts";
import { completeIfDone, getLearnerAssignment } from "./learning.server.ts";

/** The duty a person pledges to: clause 4 of the policy in force, and the city's pledge wording. */
export async function pledgeWording() {
  const [clause, city] = await Promise.all([db.clause.findUniqueOrThrow({ where: { id: "4" } }), getCity()]);
  return { clause, statement: city.pledgeWording };
}

export type PledgeResult = { ok: true } | { ok: false; reason: "notFound" | "notRequired" | "quizFirst" };

/**
 * Records the person's 誓約 for an assignment, with the wording they saw and
 * the release in force. A pledge is never overwritten: signing again keeps
 * the first.
 */
export async function signPledge(staffId: number, assignmentId: number): Promise<PledgeResult> {
  const learner = await getLearnerAssignment(staffId, assignmentId);
  if (!learner) return { ok: false, reason: "notFound" };
  if (!learner.track.pledge) return { ok: false, reason: "notRequired" };
  if (!learner.progress.quizPassed) return { ok: false, reason: "quizFirst" };
  const { clause, statement } = await pledgeWording();
  await db.$transaction(async (tx) => {
    const release = await currentRelease(tx);
    const existing = await tx.pledge.findUnique({ where: { assignmentId } });
    if (!existing) {
      await tx.pledge.create({
        data: { assignmentId, staffId, releaseId: release.id, text: `${clause.text}\n\n${statement}` },
      });
    }
    await completeIfDone(tx, assignmentId);
  });
  return { ok: true };
}
