import { describe, expect, it } from "vitest";
import { foldForSearch, staffSearchName } from "~/domain/name-search.ts";

describe("foldForSearch", () => {
  it("reads hiragana, katakana and half-width katakana as one reading", () => {
    expect(foldForSearch("やまだ")).toBe("やまだ");
    expect(foldForSearch("ヤマダ")).toBe("やまだ");
    expect(foldForSearch("ﾔﾏﾀﾞ")).toBe("やまだ");
    expect(foldForSearch("ｺﾊﾞﾔｼ")).toBe("こばやし");
    expect(foldForSearch("ヴァ")).toBe("ゔぁ");
  });

  it("drops half- and full-width spaces", () => {
    expect(foldForSearch("山田 花子")).toBe("山田花子");
    expect(foldForSearch("山田\u3000花子")).toBe("山田花子");
    expect(foldForSearch(" ヤマダ  ハナコ ")).toBe("やまだはなこ");
  });

  it("folds full-width digits and letters, and case", () => {
    expect(foldForSearch("１０００01")).toBe("100001");
    expect(foldForSearch("ＡＢｃ")).toBe("abc");
  });

  it("keeps the long vowel mark and kanji as they are", () => {
    expect(foldForSearch("ユーコ")).toBe("ゆーこ");
    expect(foldForSearch("髙橋")).toBe("髙橋");
  });
});

describe("staffSearchName", () => {
  it("holds the folded name and reading apart, so a search cannot match across them", () => {
    const stored = staffSearchName({ name: "山田 花子", nameKana: "ヤマダ ハナコ" });
    expect(stored).toBe("山田花子 やまだはなこ");
    expect(stored.includes(foldForSearch("山田花子"))).toBe(true);
    expect(stored.includes(foldForSearch("ﾔﾏﾀﾞ"))).toBe(true);
    expect(stored.includes(foldForSearch("花子やまだ"))).toBe(false);
  });
});
