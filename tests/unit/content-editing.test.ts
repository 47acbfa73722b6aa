import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCityFile, parseOrganisationLines } from "~/domain/city.ts";
import { editQuestion, findQuestion } from "~/domain/content/edit.ts";
import { problemInJapanese } from "~/domain/content/problems-ja.ts";
import { diffReleases, lineDiff } from "~/domain/content/release-diff.ts";
import { reviewQueue } from "~/domain/content/review.ts";
import { clauseSheet, parseClauseSheet, splitPolicy } from "~/domain/content/split-policy.ts";
import { tarArchive } from "~/domain/content/tar.ts";
import type { ContentFile } from "~/domain/content/types.ts";

describe("splitPolicy", () => {
  // Laid out as a PDF's text comes out: wrapped lines, stray spaces beside
  // Japanese, a page number, full-width numbers, items and sub-items.
  const source = [
    "１ 目的",
    "  この市のポリシーは、情報資産の機密性を維持することを目",
    " 的とする。",
    "  本ポリシーは、基本方針と対策基準に分けて策定する。",
    "",
    "２ 定義",
    "  次の各号に掲げる用語の意義は、それぞれ定めるところによる。",
    " (1) 情報セキュリティ",
    "   情報資産の機密性、完全性及び可用性を確保することをいう。",
    "- 3 -",
    " （２） 機密性",
    "   認められた者だけがアクセスできる状態を確保すること",
    "  をいう。",
    "６ 対策",
    " (2) 脅威",
    "  ア 不正アクセス、ウイルス攻撃等の意図的な要因による漏えい",
    "   ・破壊",
    "  イ LGWAN 接続系の障害",
  ].join("\n");

  it("proposes the clause tree with numbered definitions, joining wrapped lines", () => {
    expect(splitPolicy(source)).toEqual([
      {
        id: "1",
        heading: "目的",
        text: "この市のポリシーは、情報資産の機密性を維持することを目的とする。\n\n本ポリシーは、基本方針と対策基準に分けて策定する。",
      },
      { id: "2", heading: "定義", text: "次の各号に掲げる用語の意義は、それぞれ定めるところによる。" },
      { id: "2(1)", heading: "情報セキュリティ", text: "情報資産の機密性、完全性及び可用性を確保することをいう。" },
      { id: "2(2)", heading: "機密性", text: "認められた者だけがアクセスできる状態を確保することをいう。" },
      { id: "6", heading: "対策", text: "" },
      { id: "6(2)", heading: "脅威", text: "" },
      { id: "6(2)ア", heading: "", text: "不正アクセス、ウイルス攻撃等の意図的な要因による漏えい・破壊" },
      { id: "6(2)イ", heading: "LGWAN接続系の障害", text: "" },
    ]);
  });

  it("reads the officer's corrected sheet back", () => {
    const clauses = splitPolicy(source);
    expect(parseClauseSheet(clauseSheet(clauses))).toEqual(clauses);
    expect(parseClauseSheet("## 3(1) 対象組織\n市長部局とする。\n\n## 4\n本文")).toEqual([
      { id: "3(1)", heading: "対象組織", text: "市長部局とする。" },
      { id: "4", heading: "", text: "本文" },
    ]);
  });
});

const policyFile = (title: string, clauses: { id: string; text: string; heading?: string }[]): ContentFile => ({
  path: "policy/basic-policy.yaml",
  text: `title: ${title}\nrevised: 2026-01-01\nclauses:\n${clauses
    .map((c) => `  - id: "${c.id}"\n    heading: "${c.heading ?? "h"}"\n    text: ${c.text}`)
    .join("\n")}\n`,
});
const bank = (questions: { id: string; clause: string; explanation?: string; prompt?: string }[]): ContentFile => ({
  path: "quizzes/m.yaml",
  text: `module: m\nquestions:\n${questions
    .map(
      (q) =>
        `  - id: ${q.id}\n    type: truefalse\n    clause: "${q.clause}"\n    prompt: ${q.prompt ?? "p"}\n    choices: [{ id: t, text: 正しい }, { id: f, text: 誤り }]\n    answer: t\n    explanation: ${q.explanation ?? "e"}`,
    )
    .join("\n")}\n`,
});

describe("reviewQueue", () => {
  const base = [
    policyFile("甲市ポリシー", [
      { id: "1", text: "甲市の目的。" },
      { id: "2", text: "定義。" },
      { id: "3", text: "範囲。" },
    ]),
    bank([
      { id: "q1", clause: "1" },
      { id: "q2", clause: "2" },
      { id: "q3", clause: "3" },
    ]),
  ];
  const draft = [
    policyFile("乙市ポリシー", [
      { id: "1", text: "乙市の目的。" },
      { id: "2", text: "定義を改めた。" },
      { id: "4", text: "範囲。" },
    ]),
    base[1]!,
  ];

  it("lists questions whose clause changed or moved, not a change of the city's name alone", () => {
    expect(reviewQueue(base, draft, new Set()).items.map((i) => [i.key, i.clauses])).toEqual([
      ["q2", [{ id: "2", reason: "changed" }]],
      ["q3", [{ id: "3", reason: "removed", movedTo: "4" }]],
    ]);
  });

  it("drops a question once confirmed or edited", () => {
    const edited = [
      draft[0]!,
      bank([
        { id: "q1", clause: "1" },
        { id: "q2", clause: "2", explanation: "新しい" },
        { id: "q3", clause: "4" },
      ]),
    ];
    expect(reviewQueue(base, edited, new Set()).items).toEqual([]);
    expect(reviewQueue(base, draft, new Set(["question:q2"])).items.map((i) => i.key)).toEqual(["q3"]);
  });

  it("lists a heading change apart and lists no question for it", () => {
    const headed = [
      policyFile("甲市ポリシー", [
        { id: "1", text: "甲市の目的。" },
        { id: "2", text: "定義。", heading: "" },
        { id: "3", text: "範囲。", heading: "範囲" },
      ]),
      base[1]!,
    ];
    const review = reviewQueue(base, headed, new Set());
    expect(review.items).toEqual([]);
    expect(review.headings).toEqual([
      { id: "2", before: "h", after: "" },
      { id: "3", before: "h", after: "範囲" },
    ]);
  });

  it("does not count line breaks, spaces or full-width digits as a change of text", () => {
    const retyped = [
      policyFile("甲市ポリシー", [
        { id: "1", text: "甲市の 目的。" },
        { id: "2", text: "定義。" },
        { id: "3", text: "範囲。" },
      ]),
      base[1]!,
    ];
    expect(reviewQueue(base, retyped, new Set()).items).toEqual([]);
  });

  it("lists a question that still names the old city, whatever it cites", () => {
    const named = [draft[0]!, bank([{ id: "q1", clause: "1", prompt: "甲市の職員が" }])];
    const baseNamed = [base[0]!, named[1]!];
    expect(reviewQueue(baseNamed, named, new Set()).items).toEqual([
      { kind: "question", key: "q1", label: "甲市の職員が", clauses: [{ id: "甲市", reason: "oldName" }] },
    ]);
  });
});

describe("editing content files", () => {
  it("changes one question's explanation and keeps the rest of the file", () => {
    const files = [
      bank([
        { id: "q1", clause: "1" },
        { id: "q2", clause: "2" },
      ]),
    ];
    const found = findQuestion(files, "q2")!;
    const edited = editQuestion(files, "q2", {
      type: "truefalse",
      prompt: "p",
      choices: [
        { id: "t", text: "正しい" },
        { id: "f", text: "誤り" },
      ],
      answer: ["t"],
      explanation: "改めた解説",
      clause: "2",
    });
    expect(found).toEqual({ path: "quizzes/m.yaml", index: 1 });
    const diff = diffReleases(files, edited);
    expect(diff.questions).toEqual([
      { id: "q2", moduleSlug: "m", prompt: "p", change: "changed", fields: ["explanation"] },
    ]);
  });

  it("diffs lines", () => {
    expect(lineDiff("a\nb\nc", "a\nc\nd")).toEqual([
      { kind: "same", text: "a" },
      { kind: "removed", text: "b" },
      { kind: "same", text: "c" },
      { kind: "added", text: "d" },
    ]);
  });

  it("says the validator's problems in Japanese", () => {
    expect(problemInJapanese("questions.2.explanation: must not be empty")).toBe("解説を入力してください。");
    expect(problemInJapanese('q1: answer "z" names no choice')).toBe("正解「z」に当たる選択肢がありません。");
    expect(problemInJapanese("clause 6(2)ア is cited by no question")).toBe(
      "条項 6(2)ア を根拠とする設問がありません。",
    );
  });
});

describe("tarArchive", () => {
  it("writes an archive that tar unpacks to the same files", () => {
    const files = [
      { path: "policy/basic-policy.yaml", text: "title: 基本方針\n" },
      { path: "tracks.yaml", text: "x".repeat(700) },
    ];
    const dir = mkdtempSync(join(tmpdir(), "mamori-tar-"));
    writeFileSync(join(dir, "a.tar"), tarArchive(files, "content", 1_700_000_000));
    expect(execFileSync("tar", ["-tf", "a.tar"], { cwd: dir, encoding: "utf8" }).trim().split("\n")).toEqual([
      "content/policy/basic-policy.yaml",
      "content/tracks.yaml",
    ]);
    execFileSync("tar", ["-xf", "a.tar"], { cwd: dir });
    expect(readFileSync(join(dir, "content/policy/basic-policy.yaml"), "utf8")).toBe("title: 基本方針\n");
    expect(readFileSync(join(dir, "content/tracks.yaml"), "utf8")).toBe("x".repeat(700));
  });
});

describe("city settings file", () => {
  it("reads content/city.yaml and the organisation lines of the form", () => {
    const city = parseCityFile(readFileSync("content/city.yaml", "utf8"));
    expect(city.organisations[0]).toEqual({ id: "mayor", name: "市長部局" });
    expect(parseOrganisationLines("fire 消防本部\n\n  water　水道局 \n")).toEqual([
      { id: "fire", name: "消防本部" },
      { id: "water", name: "水道局" },
    ]);
    expect(() => parseCityFile("cityName: ''\n")).toThrow(/city.yaml/);
  });
});
