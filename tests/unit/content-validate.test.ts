import { describe, expect, it } from "vitest";
import { checkContent, isSubClause, leafClauses } from "~/domain/content/validate.ts";
import type { ContentFile } from "~/domain/content/types.ts";

// A small, valid content tree; each test breaks one thing in it.
const policy = `title: 試験市情報セキュリティポリシー（基本方針）
revised: 2026-04-01
clauses:
  - id: "1"
    heading: 目的
    text: 目的の本文。
  - id: "2"
    heading: 定義
    text: 定義の柱書き。
  - id: "2(1)"
    heading: 情報セキュリティ
    text: 定義一の本文。
  - id: "2(2)"
    heading: 機密性
    text: 定義二の本文。
`;

const moduleFile = `---
slug: basics
title: 基本
summary: 基本を学びます。
clauses: ["1", "2(1)"]
audience: all
minutes: 5
---
## 目的

本文です[[1]]。

定義です[[2(1)]]。
`;

const bank = `module: basics
questions:
  - id: basics-01
    type: single
    clause: "1"
    prompt: 問一
    choices:
      - id: a
        text: 正答
      - id: b
        text: 誤答
    answer: a
    explanation: 解説一
  - id: basics-02
    type: multiple
    clause: "2(1)"
    prompt: 問二
    choices:
      - id: a
        text: 正答一
      - id: b
        text: 正答二
      - id: c
        text: 誤答
    answer: [a, b]
    explanation: 解説二
  - id: basics-03
    type: truefalse
    clause: "2(2)"
    prompt: 問三
    choices:
      - id: t
        text: 正しい
      - id: f
        text: 誤り
    answer: f
    explanation: 解説三
`;

const tracks = `tracks:
  - id: onboarding
    name: 新任者研修
    description: 説明
    appliesTo:
      employeeTypes: [regular]
    cycle: once
    modules: [basics]
    reading: required
    quiz: { questions: 3, passPercent: 80 }
    pledge: true
    due: { daysAfter: 30, from: start }
`;

function files(edits: Partial<Record<string, string>> = {}): ContentFile[] {
  const base: Record<string, string> = {
    "policy/basic-policy.yaml": policy,
    "modules/basics.md": moduleFile,
    "quizzes/basics.yaml": bank,
    "tracks.yaml": tracks,
  };
  return Object.entries({ ...base, ...edits })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([path, text]) => ({ path, text }));
}

const options = { employeeTypes: ["regular", "fiscal-year"], minQuestionsPerModule: 1 };

function problemsOf(content: ContentFile[]) {
  const check = checkContent(content, options);
  return check.ok ? [] : check.problems;
}

describe("checkContent", () => {
  it("accepts valid content and counts its clause coverage", () => {
    const check = checkContent(files(), options);
    expect(check.ok).toBe(true);
    expect(check.summary).toEqual({
      modules: 1,
      questions: 3,
      leafClauses: 3,
      leafClausesCovered: 3,
      drillScenarios: 0,
    });
    if (!check.ok) return;
    expect(check.bundle.questions[1]).toMatchObject({ type: "multiple", answer: ["a", "b"] });
    expect(check.bundle.tracks[0]!.due).toEqual({ kind: "daysAfter", days: 30, from: "start" });
  });

  it("rejects a citation in a module body of a clause that does not exist, with its line", () => {
    const problems = problemsOf(
      files({ "modules/basics.md": moduleFile.replace("定義です[[2(1)]]", "定義です[[2(9)]]") }),
    );
    expect(problems).toContainEqual({
      file: "modules/basics.md",
      line: 13,
      message: 'cites clause "2(9)", which the policy does not have',
    });
  });

  it("rejects a module front matter clause that does not exist", () => {
    const problems = problemsOf(
      files({ "modules/basics.md": moduleFile.replace('clauses: ["1", "2(1)"]', 'clauses: ["1", "６(4)イ"]') }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "modules/basics.md", line: 5, message: expect.stringContaining('"６(4)イ"') }),
    );
  });

  it("rejects a question citing a clause that does not exist", () => {
    const problems = problemsOf(files({ "quizzes/basics.yaml": bank.replace('clause: "1"', 'clause: "10"') }));
    expect(problems).toContainEqual({
      file: "quizzes/basics.yaml",
      line: 5,
      message: 'basics-01: cites clause "10", which the policy does not have',
    });
  });

  it("rejects a question without an explanation", () => {
    const problems = problemsOf(files({ "quizzes/basics.yaml": bank.replace("    explanation: 解説一\n", "") }));
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "quizzes/basics.yaml",
        line: 3,
        message: expect.stringContaining("questions.0.explanation"),
      }),
    );
  });

  it("rejects a question with an empty explanation or without a clause", () => {
    const empty = problemsOf(
      files({ "quizzes/basics.yaml": bank.replace("explanation: 解説一", 'explanation: "  "') }),
    );
    expect(empty).toContainEqual(
      expect.objectContaining({ line: 13, message: "questions.0.explanation: must not be empty" }),
    );
    const noClause = problemsOf(files({ "quizzes/basics.yaml": bank.replace('    clause: "1"\n', "") }));
    expect(noClause).toContainEqual(
      expect.objectContaining({ message: expect.stringContaining("questions.0.clause") }),
    );
  });

  it("rejects an answer that names no choice", () => {
    const problems = problemsOf(files({ "quizzes/basics.yaml": bank.replace("answer: [a, b]", "answer: [a, d]") }));
    expect(problems).toContainEqual({
      file: "quizzes/basics.yaml",
      line: 25,
      message: 'basics-02: answer "d" names no choice',
    });
  });

  it("rejects the wrong number of answers for the question type", () => {
    const single = problemsOf(files({ "quizzes/basics.yaml": bank.replace("answer: a\n", "answer: [a, b]\n") }));
    expect(single).toContainEqual(
      expect.objectContaining({ message: "basics-01: a single question has exactly one answer" }),
    );
    const multiple = problemsOf(files({ "quizzes/basics.yaml": bank.replace("answer: [a, b]", "answer: [a]") }));
    expect(multiple).toContainEqual(
      expect.objectContaining({ message: "basics-02: a multiple question has two or more answers" }),
    );
  });

  it("rejects duplicate question ids and duplicate choice ids", () => {
    const questions = problemsOf(files({ "quizzes/basics.yaml": bank.replace("id: basics-02", "id: basics-01") }));
    expect(questions).toContainEqual({
      file: "quizzes/basics.yaml",
      line: 14,
      message: 'duplicate question id "basics-01"',
    });
    const choices = problemsOf(
      files({
        "quizzes/basics.yaml": bank.replace("      - id: b\n        text: 誤答", "      - id: a\n        text: 誤答"),
      }),
    );
    expect(choices).toContainEqual(expect.objectContaining({ message: 'basics-01: duplicate choice id "a"' }));
  });

  it("rejects duplicate clause ids in the policy", () => {
    const problems = problemsOf(files({ "policy/basic-policy.yaml": policy.replace('id: "2(2)"', 'id: "2(1)"') }));
    expect(problems).toContainEqual(
      expect.objectContaining({ file: "policy/basic-policy.yaml", message: 'duplicate clause id "2(1)"' }),
    );
  });

  it("rejects a track that names a missing module", () => {
    const problems = problemsOf(
      files({ "tracks.yaml": tracks.replace("modules: [basics]", "modules: [basics, incidents]") }),
    );
    expect(problems).toContainEqual({
      file: "tracks.yaml",
      line: 8,
      message: 'track "onboarding" names module "incidents", which does not exist',
    });
  });

  it("accepts a drill track due days after assignment, and rejects one due from the start date", () => {
    const drill = tracks.replace("cycle: once", "cycle: drill");
    expect(problemsOf(files({ "tracks.yaml": drill.replace("from: start", "from: assigned") }))).toEqual([]);
    expect(problemsOf(files({ "tracks.yaml": drill }))).toContainEqual(
      expect.objectContaining({
        message: 'track "onboarding" (cycle drill) must be due { daysAfter: N, from: assigned }',
      }),
    );
  });

  it("rejects a track that draws more questions than its modules hold", () => {
    const problems = problemsOf(files({ "tracks.yaml": tracks.replace("questions: 3", "questions: 20") }));
    expect(problems).toContainEqual(
      expect.objectContaining({ message: 'track "onboarding" draws 20 questions but its modules hold 3' }),
    );
  });

  it("rejects a clause of the policy that no question cites", () => {
    const problems = problemsOf(files({ "quizzes/basics.yaml": bank.replace('clause: "2(2)"', 'clause: "1"') }));
    expect(problems).toContainEqual({
      file: "policy/basic-policy.yaml",
      line: 13,
      message: "clause 2(2) is cited by no question",
    });
  });

  it("rejects a module whose bank is too small", () => {
    const check = checkContent(files(), { ...options, minQuestionsPerModule: 8 });
    expect(check.ok ? [] : check.problems).toContainEqual(
      expect.objectContaining({ message: 'module "basics" has 3 questions; at least 8 are needed' }),
    );
  });

  it("rejects a citation of a clause that has no text of its own (a heading such as 7)", () => {
    const withHeading = policy.replace(
      '  - id: "2"\n    heading: 定義\n    text: 定義の柱書き。',
      '  - id: "2"\n    heading: 定義\n    text: ""',
    );
    const problems = problemsOf(
      files({
        "policy/basic-policy.yaml": withHeading,
        "quizzes/basics.yaml": bank.replace('clause: "2(1)"', 'clause: "2"'),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: "quizzes/basics.yaml",
        message: 'basics-02: cites clause "2", which has no text of its own; cite the sub-clause that carries the fact',
      }),
    );
  });

  it("reads an optional 改定日 and editorial headings", () => {
    const undated = checkContent(
      files({
        "policy/basic-policy.yaml": policy
          .replace("revised: 2026-04-01\n", "")
          .replace("    heading: 機密性\n", "    heading: 機密性\n    editorial: true\n"),
      }),
      options,
    );
    expect(undated.ok).toBe(true);
    if (!undated.ok) return;
    expect(undated.bundle.policy.revised).toBeNull();
    expect(undated.bundle.policy.clauses.filter((c) => c.editorial).map((c) => c.id)).toEqual(["2(2)"]);
    const dated = checkContent(files(), options);
    expect(dated.ok && dated.bundle.policy.revised).toBe("2026-04-01");
  });

  it("rejects a module for one audience in a track that reaches others, and accepts it in that audience's track", () => {
    const forAdmins = moduleFile.replace("audience: all", "audience: system-admins");
    expect(problemsOf(files({ "modules/basics.md": forAdmins }))).toContainEqual({
      file: "tracks.yaml",
      line: 8,
      message:
        'track "onboarding" names module "basics" (audience: system-admins) but does not apply to that audience only',
    });
    const adminTrack = tracks.replace(
      "employeeTypes: [regular]",
      "employeeTypes: [regular]\n      duties: [system-admin]",
    );
    expect(problemsOf(files({ "modules/basics.md": forAdmins, "tracks.yaml": adminTrack }))).toEqual([]);
    const managerTrack = tracks.replace("employeeTypes: [regular]", "employeeTypes: [regular]\n      roles: [MANAGER]");
    expect(
      problemsOf(
        files({
          "modules/basics.md": moduleFile.replace("audience: all", "audience: managers"),
          "tracks.yaml": managerTrack,
        }),
      ),
    ).toEqual([]);
  });

  it("refuses a YAML alias bomb with a problem naming the file, quickly, rather than expanding it", () => {
    // Nine levels of nine aliases: a billion strings if expanded.
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let level = 1; level < 9; level++) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const bomb = `${policy}${levels.join("\n")}\n`;
    const started = performance.now();
    const problems = problemsOf(files({ "policy/basic-policy.yaml": bomb, "tracks.yaml": bomb }));
    expect(performance.now() - started).toBeLessThan(1000);
    for (const file of ["policy/basic-policy.yaml", "tracks.yaml"]) {
      expect(problems).toContainEqual(expect.objectContaining({ file, message: expect.stringMatching(/alias/i) }));
    }
  });

  it("rejects a duty tracks.yaml does not know", () => {
    const problems = problemsOf(
      files({
        "tracks.yaml": tracks.replace("employeeTypes: [regular]", "employeeTypes: [regular]\n      duties: [mayor]"),
      }),
    );
    expect(problems).toContainEqual(expect.objectContaining({ file: "tracks.yaml", line: 7 }));
  });

  it("reports broken YAML with its line instead of throwing", () => {
    const problems = problemsOf(files({ "tracks.yaml": "tracks:\n  - id: a\n    id: b\n" }));
    expect(problems[0]).toMatchObject({ file: "tracks.yaml", line: 3, message: expect.stringMatching(/^YAML:/) });
  });
});

describe("clause structure", () => {
  it("treats items and sub-items as sub-clauses", () => {
    expect(isSubClause("6(2)ア", "6(2)")).toBe(true);
    expect(isSubClause("2(3)", "2")).toBe(true);
    expect(isSubClause("2(3)", "2(3)")).toBe(false);
    expect(isSubClause("10", "1")).toBe(false);
  });

  it("finds the leaf clauses a question must cover", () => {
    const clauses = ["1", "2", "2(1)", "6", "6(2)", "6(2)ア"].map((id, order) => ({
      id,
      heading: "",
      text: "x",
      order,
      editorial: false,
    }));
    expect(leafClauses(clauses).map((c) => c.id)).toEqual(["1", "2(1)", "6(2)ア"]);
  });
});
