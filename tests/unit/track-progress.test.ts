import { describe, expect, it } from "vitest";
import { nextStep, stepsDone, trackProgress } from "~/domain/track-progress.ts";

const track = { modules: ["purpose", "duty", "audit-review"], reading: "required" as const, pledge: true };
const done = { readSlugs: new Set(["purpose", "duty"]), quizPassed: true, pledgeSigned: true };

describe("track progress", () => {
  it("asks for the next unread module while the assignment is open", () => {
    const progress = trackProgress(track, done);
    expect(nextStep(progress)).toEqual({ kind: "read", moduleSlug: "audit-review" });
    expect(stepsDone(progress)).toEqual({ done: 4, total: 5 });
  });

  it("keeps a completed assignment to the modules it was completed with: all done, nothing next", () => {
    const progress = trackProgress(track, { ...done, completedModules: ["purpose", "duty"] });
    expect(progress.modules.map((m) => m.slug)).toEqual(["purpose", "duty"]);
    expect(nextStep(progress)).toEqual({ kind: "done" });
    expect(stepsDone(progress)).toEqual({ done: 4, total: 4 });
  });
});
