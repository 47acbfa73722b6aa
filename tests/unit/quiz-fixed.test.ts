import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Question } from "~/domain/content/types.ts";
import { parseContent } from "~/domain/content/parse.ts";
import { checkContent } from "~/domain/content/validate.ts";
import { pickWithFixedModules } from "~/domain/quiz-fixed.ts";
import { seededRandom } from "~/domain/quiz.ts";

function bank(moduleSlug: string, n: number) {
  const questions: Question[] = Array.from({ length: n }, (_, i) => ({
    id: `${moduleSlug}-${i}`,
    moduleSlug,
    type: "single",
    prompt: "",
    choices: [{ id: "a", text: "ア" }],
    answer: ["a"],
    explanation: "",
    clause: "4",
  }));
  return { moduleSlug, questions };
}

describe("pickWithFixedModules", () => {
  it("gives a fixed module exactly its number and spreads the rest over the others", () => {
    const banks = ["executive-role", "management", "audit-review", "incidents", "human-security", "mail-drills"].map(
      (slug) => bank(slug, 10),
    );
    for (let seed = 0; seed < 30; seed++) {
      const picked = pickWithFixedModules(banks, 10, { "executive-role": 4 }, seededRandom(`${seed}`));
      expect(new Set(picked.map((q) => q.id)).size).toBe(10);
      const per = new Map<string, number>();
      for (const q of picked) per.set(q.moduleSlug, (per.get(q.moduleSlug) ?? 0) + 1);
      expect(per.get("executive-role")).toBe(4);
      for (const slug of ["management", "audit-review", "incidents", "human-security", "mail-drills"])
        expect(per.get(slug) ?? 0).toBeLessThanOrEqual(2);
    }
  });
});

describe("the shipped executive course", () => {
  it("draws four of its ten questions from the executive module", () => {
    const tracks = parseContent([{ path: "tracks.yaml", text: readFileSync("content/tracks.yaml", "utf8") }]).tracks;
    const executive = tracks.find((t) => t.id === "executive-course")!;
    expect(executive.quiz).toMatchObject({ questions: 10, fixed: { "executive-role": 4 } });
  });

  it("is checked: a fixed module must be one of the track's and the count must fit", () => {
    const files = [{ path: "tracks.yaml", text: readFileSync("content/tracks.yaml", "utf8") }];
    const broken = files.map((f) => ({
      ...f,
      text: f.text.replace("fixed: { executive-role: 4 }", "fixed: { threats: 11 }"),
    }));
    const check = checkContent(broken, { employeeTypes: [] });
    const messages = check.ok ? [] : check.problems.map((p) => p.message);
    expect(messages).toContain(
      'track "executive-course" fixes questions from "threats", which is not one of its modules',
    );
    expect(messages).toContain('track "executive-course" fixes more questions than its quiz draws');
  });
});
