import { describe, expect, it } from "vitest";
import { itemFlags, pointBiserial, type ChoiceCount } from "~/domain/item-statistics.ts";

/** The sums of pairs (x, y) as the item statistics query returns them. */
function sums(pairs: [number, number][]) {
  return {
    n: pairs.length,
    sumX: pairs.reduce((s, [x]) => s + x, 0),
    sumY: pairs.reduce((s, [, y]) => s + y, 0),
    sumXY: pairs.reduce((s, [x, y]) => s + x * y, 0),
    sumYY: pairs.reduce((s, [, y]) => s + y * y, 0),
  };
}

const choices = (picked: number[], keys: number[]): ChoiceCount[] =>
  picked.map((p, i) => ({ id: String(i), text: String(i), key: keys.includes(i), picked: p }));

describe("pointBiserial", () => {
  it("is 1 when the right answers are exactly the best attempts, -1 when the worst", () => {
    expect(
      pointBiserial(
        sums([
          [1, 0.9],
          [1, 0.9],
          [0, 0.2],
          [0, 0.2],
        ]),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      pointBiserial(
        sums([
          [0, 0.9],
          [0, 0.9],
          [1, 0.2],
          [1, 0.2],
        ]),
      ),
    ).toBeCloseTo(-1, 12);
  });

  it("matches Pearson's r computed by hand", () => {
    // x = 1,1,0,0,1; y = .8,.6,.4,.5,.3: cov 0.14, Σ(x−x̄)² 1.2, Σ(y−ȳ)² 0.148 → r = 0.14/√(1.2 × 0.148) ≈ 0.3322
    expect(
      pointBiserial(
        sums([
          [1, 0.8],
          [1, 0.6],
          [0, 0.4],
          [0, 0.5],
          [1, 0.3],
        ]),
      ),
    ).toBeCloseTo(0.3322, 4);
  });

  it("is null when everyone answered alike or every rest score is the same", () => {
    expect(
      pointBiserial(
        sums([
          [1, 0.2],
          [1, 0.9],
        ]),
      ),
    ).toBeNull();
    expect(
      pointBiserial(
        sums([
          [1, 0.5],
          [0, 0.5],
          [1, 0.5],
        ]),
      ),
    ).toBeNull();
  });
});

describe("itemFlags", () => {
  it("flags negative and absent discrimination, and a wrong choice picked over the key", () => {
    expect(itemFlags(100, -0.2, choices([50, 30, 10, 10], [0]))).toEqual(["negative"]);
    expect(itemFlags(100, 0.05, choices([50, 30, 10, 10], [0]))).toEqual(["none"]);
    expect(itemFlags(100, null, choices([100, 0, 0, 0], [0]))).toEqual(["none"]);
    expect(itemFlags(100, 0.4, choices([30, 45, 15, 10], [0]))).toEqual(["distractor"]);
    expect(itemFlags(100, 0.4, choices([60, 10, 50, 45], [0, 2]))).toEqual([]);
    expect(itemFlags(100, 0.4, choices([60, 10, 40, 45], [0, 2]))).toEqual(["distractor"]);
  });

  it("flags nothing on too few answers", () => {
    expect(itemFlags(29, -0.5, choices([5, 20, 2, 2], [0]))).toEqual([]);
  });
});
