import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "~/lib/db.server.ts";
import { loader as homeLoader } from "~/routes/_index.tsx";
import { loader as trackLoader } from "~/routes/learn.$assignmentId._index.tsx";
import { action as pledgeAction } from "~/routes/learn.$assignmentId.pledge.tsx";
import { stepsDone, type NextStep, type TrackProgress } from "~/domain/track-progress.ts";
import { syncContentDirectory } from "~/services/content.server.ts";
import { contentEdition } from "./content-copy.ts";
import { createStaff, openQuizAttempt } from "./factories.ts";
import { call, requestAs } from "./remix.ts";

/** content/ with one module fewer in the onboarding track. */
function editionWithoutAuditReview(): string {
  const dir = contentEdition("", "tracks.yaml");
  const text = readFileSync(`${dir}/tracks.yaml`, "utf8");
  const cut = text.indexOf("  - id: annual-refresher");
  const onboarding = text.slice(0, cut);
  expect(onboarding).toContain("      - audit-review\n");
  writeFileSync(`${dir}/tracks.yaml`, onboarding.replace("      - audit-review\n", "") + text.slice(cut));
  return dir;
}

type Shown = { status: string; progress: TrackProgress; next: NextStep; completedRelease: number | null };

describe("a completed assignment after a release that adds a module to its track", () => {
  it("stays 修了 against the release it was completed on: every step done, no next module", async () => {
    const shorter = await syncContentDirectory(editionWithoutAuditReview());
    const person = await createStaff();
    const { assignment, attempt } = await openQuizAttempt(person.id, "onboarding", "once");
    await db.quizAttempt.update({
      where: { id: attempt.id },
      data: { openFor: null, submittedAt: new Date(), correct: attempt.total, percent: 100, passed: true },
    });
    const params = { assignmentId: String(assignment.id) };
    await call(
      pledgeAction,
      await requestAs(person, `/learn/${assignment.id}/pledge`, { form: { confirm: "yes" } }),
      params,
    );
    const completed = await db.assignment.findUniqueOrThrow({ where: { id: assignment.id } });
    expect(completed.completedReleaseId).toBe(shorter.releaseId);

    // The next release puts audit-review back into the track.
    const longer = await syncContentDirectory("content");
    expect(longer.changes).toContainEqual(expect.objectContaining({ kind: "track", key: "onboarding" }));

    const track = (await (
      await call(trackLoader, await requestAs(person, `/learn/${assignment.id}`), params)
    ).json()) as Shown & { modules: { slug: string; read: boolean }[] };
    const home = (await (await call(homeLoader, await requestAs(person, "/"))).json()) as {
      assignments: (Shown & { id: number })[];
    };
    const listed = home.assignments.find((a) => a.id === assignment.id)!;
    for (const shown of [track, listed]) {
      expect(shown.status).toBe("completed");
      expect(shown.next).toEqual({ kind: "done" });
      const steps = stepsDone(shown.progress);
      expect(steps.done).toBe(steps.total);
      expect(shown.progress.modules.map((m) => m.slug)).not.toContain("audit-review");
      expect(shown.completedRelease).toBe(shorter.releaseId);
    }
    expect(track.modules.map((m) => m.slug)).not.toContain("audit-review");
    expect(track.modules.every((m) => m.read)).toBe(true);
  });
});
