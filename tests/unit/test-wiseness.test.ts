import { describe, expect, it } from "vitest";
import {
  absoluteScore,
  actionScore,
  binomialAtLeast,
  expectedQuotas,
  isActionQuestion,
  keyIsStrictlyLongest,
  lengthRankScore,
  longestScore,
  measureTestWiseness,
} from "~/domain/content/test-wiseness.ts";
import type { Question, Track } from "~/domain/content/types.ts";

function single(
  id: string,
  texts: string[],
  answer: number,
  prompt = "どれが正しいですか。",
  moduleSlug = "bank",
): Question {
  return {
    id,
    moduleSlug,
    type: "single",
    prompt,
    choices: texts.map((text, i) => ({ id: "abcd"[i]!, text })),
    answer: ["abcd"[answer]!],
    explanation: "解説",
    clause: "1",
  };
}

function trueFalse(id: string, prompt: string, answer: "t" | "f", moduleSlug = "bank"): Question {
  return {
    id,
    moduleSlug,
    type: "truefalse",
    prompt,
    choices: [
      { id: "t", text: "正しい" },
      { id: "f", text: "誤り" },
    ],
    answer: [answer],
    explanation: "解説",
    clause: "1",
  };
}

function track(id: string, modules: string[], questions: number): Track {
  return {
    id,
    name: id,
    description: id,
    appliesTo: { employeeTypes: ["regular"], roles: [], duties: [] },
    cycle: "fiscal-year",
    skipInYearOfStart: false,
    modules,
    reading: "optional",
    quiz: { questions, passPercent: 80 },
    pledge: false,
    due: { kind: "fiscalYearDate", monthDay: "12-31" },
  };
}

describe("the strategies of a learner who reads nothing", () => {
  it("picks the strictly longest choice, and splits the chance on a tie for longest", () => {
    expect(longestScore(single("q", ["短い", "とても長い選択肢です", "中くらい", "短い"], 1))).toBe(1);
    expect(longestScore(single("q", ["短い", "とても長い選択肢です", "中くらい", "短い"], 0))).toBe(0);
    expect(longestScore(single("q", ["長い選択肢A", "長い選択肢B", "短", "短"], 0))).toBe(0.5);
    expect(keyIsStrictlyLongest(single("q", ["長い選択肢A", "長い選択肢B", "短", "短"], 0))).toBe(false);
  });

  it("also picks by the other length ranks, so a key moved to second place is caught", () => {
    const q = single("q", ["一番長い選択肢です", "二番目の長さ", "短い", "短"], 1);
    expect(lengthRankScore(q, 1)).toBe(1);
    expect(lengthRankScore(q, -1)).toBe(0);
    const planted = Array.from({ length: 20 }, (_, i) =>
      single(
        `second-${i}`,
        ["これがいちばん長い誤った答えです", "二番目に長い正答", "短い", "短"],
        1,
        "どれが正しいですか。",
        "second",
      ),
    );
    expect(measureTestWiseness(planted, []).failures).toEqual(
      expect.arrayContaining([expect.stringContaining("second-longest choice on single choice, overall")]),
    );
    expect(measureTestWiseness(planted, []).failures.some((f) => f.startsWith("longest choice"))).toBe(false);
  });

  it("on an action question picks among the choices that say 報告/相談/連絡/手順", () => {
    const q = single(
      "q",
      ["管理者に報告する", "そのまま続ける", "所属の手順に従って相談する", "削除する"],
      0,
      "最も適切な対応はどれですか。",
    );
    expect(isActionQuestion(q)).toBe(true);
    expect(actionScore(q)).toBe(0.5);
    expect(actionScore(single("q", ["a", "b", "c", "d"], 0, "どれですか。"))).toBeNull();
  });

  it("guesses 誤り on a true/false statement with an absolute or negative word, 正しい otherwise", () => {
    expect(absoluteScore(trueFalse("q", "職員は必ず報告する。", "f"))).toBe(1);
    expect(absoluteScore(trueFalse("q", "職員は報告しなくてよい。", "t"))).toBe(0);
    expect(absoluteScore(trueFalse("q", "職員は報告する。", "t"))).toBe(1);
  });

  it("computes the binomial tail and the quiz's expected quotas", () => {
    expect(binomialAtLeast(5, 4, 0.25)).toBeCloseTo(5 * 0.25 ** 4 * 0.75 + 0.25 ** 5, 10);
    expect(binomialAtLeast(3, 0, 0.3)).toBeCloseTo(1, 10);
    expect(expectedQuotas([2, 10, 10], 10)).toEqual([2, 4, 4]);
    expect(expectedQuotas([10, 10, 10], 10)).toEqual([10 / 3, 10 / 3, 10 / 3]);
  });
});

describe("measureTestWiseness", () => {
  // Twenty single-choice items whose key is shorter than a distractor, keyed in every position in turn.
  const fair = Array.from({ length: 20 }, (_, i) => {
    const texts = ["選択肢その一です", "選択肢その二です", "選択肢その三です", "選択肢その四です"];
    const key = i % 4;
    texts[(key + 1) % 4] = "少しだけ長い選択肢です";
    return single(`fair-${i}`, texts, key, "どれが正しいですか。", "fair");
  });

  it("passes a bank whose keys are not the longest choice", () => {
    const report = measureTestWiseness(fair, [track("t", ["fair"], 10)]);
    expect(report.failures).toEqual([]);
    expect(report.overall.keyPositions).toEqual([5, 5, 5, 5]);
  });

  it("fails on a planted bank whose keys are the longest choice", () => {
    const planted = Array.from({ length: 20 }, (_, i) =>
      single(
        `planted-${i}`,
        ["短い", "短い答え", "これがいちばん長い正しい答えです", "短い"],
        2,
        "どれが正しいですか。",
        "planted",
      ),
    );
    const report = measureTestWiseness([...fair, ...planted], [track("t", ["planted"], 10)]);
    expect(report.failures).toEqual(
      expect.arrayContaining([
        expect.stringContaining("longest choice on single choice, overall"),
        expect.stringContaining("key strictly the longest in planted"),
        expect.stringContaining("passing t by guessing (longest)"),
      ]),
    );
    expect(report.failures.some((f) => f.includes("in fair"))).toBe(false);
    expect(report.tracks[0]!.passProbability).toBe(1);
  });

  it("fails when the keys sit in one position as stored", () => {
    const stacked = fair.map((q) => ({
      ...q,
      choices: [...q.choices].sort((a, b) => (a.id === q.answer[0] ? -1 : b.id === q.answer[0] ? 1 : 0)),
    }));
    expect(measureTestWiseness(stacked, []).failures).toEqual([
      expect.stringContaining("keys in one position as stored, overall"),
      expect.stringContaining("keys in one position as stored in fair"),
    ]);
  });

  it("fails when every absolute true/false statement is false", () => {
    const tf = Array.from({ length: 10 }, (_, i) =>
      i % 2 === 0
        ? trueFalse(`tf-${i}`, "必ずそうする。", "f", "fair")
        : trueFalse(`tf-${i}`, "そうする。", "t", "fair"),
    );
    const report = measureTestWiseness([...fair, ...tf], []);
    expect(report.failures).toEqual([expect.stringContaining("absolute-word guess on true/false")]);
  });
});
